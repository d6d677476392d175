"""The spaCy side: a blank pipeline per language with matchers built from the rules.

Built once per (language, rules) and reused for every article.  No trained
model is needed; when one is installed it can be named with ``model=``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from .errors import RulesError

# Match groups the engine looks for all over the document.
CUE_GROUPS = ("say", "attitude", "prepositions", "evidence", "nouns", "declined", "impersonal")
HEDGE_GROUPS = ("words", "reportative", "evidence_missing")
ANONYMITY = "source.anonymity"  # the text says the source is kept unnamed
CITING = "source.citing"  # an outlet names where it has its news from
ANCHOR = "anchor"
PATTERN_WINDOW = 12  # tokens a cue pattern may span from its first word


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
    skip_suffixes: tuple[str, ...]
    fronted: frozenset[str]
    time_enders: frozenset[str]
    titles: frozenset[str]
    relatives: frozenset[str]
    agent: frozenset[str]
    coordinators: frozenset[str]
    indefinites: frozenset[str]
    definites: frozenset[str]
    shares: frozenset[str]
    complementizers: frozenset[str]
    subordinators: frozenset[str]
    name_particles: frozenset[str]
    prepositions: frozenset[str]
    role_links: frozenset[str]
    relational: frozenset[str]
    backref: frozenset[str]
    strong: frozenset[str]
    participles: frozenset[str]
    reportative_blockers: frozenset[str]
    reportative_blockers_after: frozenset[str]
    head_cache: dict[str, str | None] = field(default_factory=dict)

    @cached_property
    def role_suffixes(self) -> tuple[str, ...]:
        """Role nouns long enough to end a compound ("Amerikadeskundige", "PVV-Kamerlid")."""
        return tuple(r for r in self.roles if len(r) >= 6)

    def skippable(self, lower: str, is_space: bool = False) -> bool:
        """Words that may stand between a subject and its verb ("has also", "effectively")."""
        if is_space or lower in self.skip:
            return True
        return bool(self.skip_suffixes) and len(lower) > 4 and lower.endswith(self.skip_suffixes)

    @cached_property
    def pronouns(self) -> frozenset[str]:
        return self.pronouns_person | self.pronouns_group | self.pronouns_thing

    @cached_property
    def any_preposition(self) -> frozenset[str]:
        """Every preposition the rules list, in whatever role: no source phrase opens with one."""
        return self.inner | self.inner_before_names | self.agent | self.prepositions

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
            skip_suffixes=tuple(w.lower() for w in _words(gram.get("skip_suffixes"))),
            fronted=s(gram, "fronted"), time_enders=s(gram, "time_enders"),
            titles=s(gram, "titles"), relatives=s(gram, "relatives"), agent=s(gram, "agent"),
            coordinators=s(gram, "coordinators"),
            indefinites=s(gram, "indefinites"), definites=s(gram, "definites"), shares=s(gram, "shares"),
            complementizers=s(gram, "complementizers"),
            subordinators=s(gram, "subordinators"), name_particles=s(gram, "name_particles"),
            prepositions=s(gram, "prepositions"), role_links=s(gram, "role_links"),
            relational=s(src, "relational"),
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
        if model:
            self.nlp = spacy.load(model, exclude=["ner"])
        elif lang.get("spacy_exceptions", True):
            self.nlp = spacy.blank(code)
        else:
            self.nlp = _lean_blank(code, _words(lang.get("suffixes")))
        for word in _words(lang.get("tokens")):
            self.nlp.tokenizer.add_special_case(word, [{ORTH: word}])
        # max_length guards the memory of a parser; a blank pipeline only tokenizes,
        # so long articles are fine (the input reader has its own size limit).
        self.nlp.max_length = max(self.nlp.max_length, 100_000_000)
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
        self._add_phrases(ANONYMITY, _words(lang.get("sources", {}).get("anonymity")))
        self._add_phrases(CITING, _words(lang.get("sources", {}).get("citing")))
        self.matcher = Matcher(vocab)
        # Token patterns run only where their first word occurs (an "anchor"),
        # on a short window: far cheaper than a wildcard pattern over the whole text.
        anchors: set[str] = set()
        self.anchored = True
        for item in lang.get("patterns", []) or []:
            ident = str(item.get("id", "?"))
            group = str(item.get("group", "say"))
            words = _anchor_words(item.get("pattern"))
            if words:
                anchors.update(words)
            else:
                self.anchored = False
            try:
                self.matcher.add(f"cue.{group}", [item["pattern"]])
            except Exception as exc:  # spaCy raises several types for bad patterns
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise RulesError(f"lang.{code}.patterns '{ident}': bad spaCy pattern: {first}") from None
        self._add_phrases(ANCHOR, sorted(anchors))
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
        found: list[tuple[str, int, int]] = []
        anchors: list[int] = []
        for m, s, e in self.phrases(doc):
            label = strings[m]
            if label == ANCHOR:
                anchors.append(s)
            else:
                found.append((label, s, e))
        if len(self.matcher):
            if self.anchored:
                seen = set()
                for s in anchors:
                    for m, a, b in self.matcher(doc[s:min(len(doc), s + PATTERN_WINDOW)]):
                        if a == 0 and (m, s, s + b) not in seen:
                            seen.add((m, s, s + b))
                            found.append((strings[m], s, s + b))
            else:
                found += [(strings[m], s, e) for m, s, e in self.matcher(doc)]
        found.sort(key=lambda t: (t[1], -t[2]))
        return found


def _lean_blank(code: str, suffixes: list[str] | tuple[str, ...] = ()):
    """``spacy.blank(code)`` with only spaCy's language-independent tokenizer exceptions.

    spaCy's own exception tables (4,700 Dutch abbreviations, 1,300 English
    contractions) take a third of a second to most of a second to load; the
    rules give the abbreviations that matter to sentence splitting instead, and
    ``suffixes`` (e.g. English "n't", split off as spaCy's table would) are
    added to spaCy's own suffix rules, matched in any case.  The prefix, suffix
    and infix rules stay spaCy's.
    """
    from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
    from spacy.util import get_lang_class

    base = get_lang_class(code)
    attrs: dict[str, Any] = {"tokenizer_exceptions": BASE_EXCEPTIONS}
    if suffixes:
        attrs["suffixes"] = [f"(?i:{re.escape(s)})" for s in suffixes] + list(base.Defaults.suffixes or ())
    defaults = type(f"Lean{base.__name__}Defaults", (base.Defaults,), attrs)
    lean = type(f"Lean{base.__name__}", (base,), {"lang": code, "Defaults": defaults})
    return lean()


def _anchor_words(pattern: Any) -> list[str]:
    """The literal lower-case words a token pattern must start with, if it names them."""
    if not isinstance(pattern, list) or not pattern or not isinstance(pattern[0], dict):
        return []
    first = pattern[0]
    if first.get("OP") not in (None, "1", "!"):
        return []
    value = first.get("LOWER")
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        return [str(v) for v in value["IN"]]
    return []
