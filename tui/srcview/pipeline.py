"""The spaCy side: a blank pipeline per language with matchers built from the rules.

Built once per (language, rules) and reused for every article.  No trained
model is needed; when one is installed it can be named with ``model=``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from .errors import RulesError

# Match groups the engine looks for all over the document.
CUE_GROUPS = ("say", "attitude", "prepositions", "evidence", "nouns", "declined")
HEDGE_GROUPS = ("words", "reportative", "evidence_missing")


def _words(node: Any) -> list[str]:
    return [str(w) for w in node] if isinstance(node, list) else []


@dataclass
class Lexicon:
    """The word classes of one language, as lower-case sets for quick lookups."""

    code: str
    abbreviations: frozenset[str]
    anonymous: frozenset[str]
    vague: frozenset[str]
    anonymous_suffixes: tuple[str, ...]
    roles: frozenset[str]
    organisations: frozenset[str]
    governments: frozenset[str]
    documents: frozenset[str]
    outlets: frozenset[str]
    determiners: frozenset[str]
    pronouns_person: frozenset[str]
    pronouns_group: frozenset[str]
    pronouns_thing: frozenset[str]
    boundaries: frozenset[str]
    inner: frozenset[str]
    inner_before_names: frozenset[str]
    skip: frozenset[str]
    fronted: frozenset[str]
    time_enders: frozenset[str]
    titles: frozenset[str]
    relatives: frozenset[str]
    subordinators: frozenset[str]
    name_particles: frozenset[str]
    backref: frozenset[str]
    strong: frozenset[str]
    participles: frozenset[str]
    reportative_blockers: frozenset[str]
    reportative_blockers_after: frozenset[str]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pronouns(self) -> frozenset[str]:
        return self.pronouns_person | self.pronouns_group | self.pronouns_thing

    @classmethod
    def from_rules(cls, code: str, lang: dict[str, Any]) -> Lexicon:
        src = lang.get("sources", {})
        gram = lang.get("grammar", {})
        hedges = lang.get("hedges", {})

        def s(node: dict[str, Any], key: str) -> frozenset[str]:
            return frozenset(w.lower() for w in _words(node.get(key)))

        return cls(
            code=code,
            abbreviations=frozenset(w.lower() for w in _words(lang.get("abbreviations"))),
            anonymous=s(src, "anonymous"), vague=s(src, "vague"),
            anonymous_suffixes=tuple(w.lower() for w in _words(src.get("anonymous_suffixes"))),
            roles=s(src, "roles"), organisations=s(src, "organisations"),
            governments=s(src, "governments"), documents=s(src, "documents"),
            outlets=s(src, "outlets"),
            determiners=s(gram, "determiners"), pronouns_person=s(gram, "pronouns_person"),
            pronouns_group=s(gram, "pronouns_group"), pronouns_thing=s(gram, "pronouns_thing"),
            boundaries=s(gram, "boundaries") | frozenset(
                w.lower() for w in _words(lang.get("cues", {}).get("prepositions")) if " " not in w),
            inner=s(gram, "inner"),
            inner_before_names=s(gram, "inner_before_names"), skip=s(gram, "skip"),
            fronted=s(gram, "fronted"), time_enders=s(gram, "time_enders"),
            titles=s(gram, "titles"), relatives=s(gram, "relatives"),
            subordinators=s(gram, "subordinators"), name_particles=s(gram, "name_particles"),
            backref=s(lang.get("cues", {}), "backref"),
            strong=s(lang.get("cues", {}), "strong"),
            participles=s(lang.get("cues", {}), "participles"),
            reportative_blockers=s(hedges, "reportative_blockers"),
            reportative_blockers_after=s(hedges, "reportative_blockers_after"),
        )


class Pipeline:
    """``spacy.blank(lang)`` plus the rule matchers for cues and hedges."""

    def __init__(self, code: str, lang: dict[str, Any], model: str | None = None) -> None:
        self.code = code
        self.lexicon = Lexicon.from_rules(code, lang)
        self.nlp = spacy.load(model, exclude=["ner"]) if model else spacy.blank(code)
        for abbr in self.lexicon.abbreviations:
            for form in {abbr, abbr.capitalize(), abbr.upper()}:
                self.nlp.tokenizer.add_special_case(form, [{ORTH: form}])
        vocab = self.nlp.vocab
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        cues = lang.get("cues", {})
        hedges = lang.get("hedges", {})
        for group in CUE_GROUPS:
            self._add_phrases(f"cue.{group}", _words(cues.get(group)))
        for group in HEDGE_GROUPS:
            self._add_phrases(f"hedge.{group}", _words(hedges.get(group)))
        self.matcher = Matcher(vocab)
        for item in lang.get("patterns", []) or []:
            ident = str(item.get("id", "?"))
            group = str(item.get("group", "say"))
            try:
                self.matcher.add(f"cue.{group}", [item["pattern"]])
            except Exception as exc:  # spaCy raises several types for bad patterns
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise RulesError(f"lang.{code}.patterns '{ident}': bad spaCy pattern: {first}") from None
        self.labels = {name: vocab.strings[name] for name in
                       [f"cue.{g}" for g in CUE_GROUPS] + [f"hedge.{g}" for g in HEDGE_GROUPS]}

    def _add_phrases(self, label: str, words: list[str]) -> None:
        docs = [self.nlp.make_doc(w) for w in words if w.strip()]
        if docs:
            self.phrases.add(label, docs)

    def make_doc(self, text: str) -> Doc:
        return self.nlp.make_doc(text)

    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """All cue and hedge matches as (label, token start, token end), in order."""
        strings = self.nlp.vocab.strings
        found = [(strings[m], s, e) for m, s, e in self.phrases(doc)]
        found += [(strings[m], s, e) for m, s, e in self.matcher(doc)]
        found.sort(key=lambda t: (t[1], -t[2]))
        return found
