"""A language profile: the word classes, word order and quotation marks of one language.

Everything here comes from the language's rules file (``[lang.xx]``), read
through the fields :mod:`srcview.schema` declares: adding a language is adding
a rules file.  The few things code must decide per language — word order,
quotation marks, name particles, articles — are read from the same file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..schema import GRAMMAR, LEXICON_FIELDS, QUOTES

#: Punctuation that ends a phrase but is not a quotation mark: brackets, colons, dashes.
_OPENING_PUNCT = ("(", "[", ":", "-", "—", "–", "―")


def word_list(node: Any) -> list[str]:
    """The strings of a rules list (anything else gives none)."""
    return [str(w) for w in node] if isinstance(node, (list, tuple)) else []


@dataclass(frozen=True)
class QuoteMarks:
    """The quotation marks of a language and how they open and close.

    ``open``: marks that open a quotation wherever a word follows them.
    ``open_after_space``: marks that open only after a space, a bracket or a dash
    (straight quotes, which also close; Dutch ",,").  ``single``: single marks,
    which close only before a non-letter.  ``line_start``: closing marks that open
    a quotation at the start of a line.  Each maps an opener to its closers.
    """

    open: dict[str, tuple[str, ...]]
    open_after_space: dict[str, tuple[str, ...]]
    single: dict[str, tuple[str, ...]]
    line_start: dict[str, tuple[str, ...]]
    spaced: bool = False
    elisions: tuple[str, ...] = ()  # "'t", "'s": an apostrophe that shortens a word opens no quotation

    @classmethod
    def from_rules(cls, node: Any) -> QuoteMarks:
        node = node if isinstance(node, dict) else {}

        def pairs(key: str) -> dict[str, tuple[str, ...]]:
            out = {}
            for item in word_list(node.get(key, QUOTES.keys[key].default)):
                opener, *closers = item.split()
                out[opener] = tuple(closers)
            return out

        return cls(pairs("double"), pairs("double_after_space"), pairs("single"), pairs("line_start"),
                   bool(node.get("spaced", False)), tuple(w.lower() for w in word_list(node.get("elisions"))))

    @cached_property
    def all_pairs(self) -> dict[str, tuple[str, ...]]:
        return {**self.line_start, **self.open, **self.open_after_space, **self.single}

    @cached_property
    def openers(self) -> frozenset[str]:
        """Marks that open a quotation mid-text (not the closing marks that may open a line)."""
        return frozenset({**self.open, **self.open_after_space, **self.single})

    @cached_property
    def closers(self) -> frozenset[str]:
        return frozenset(c for cs in self.all_pairs.values() for c in cs)

    @cached_property
    def marks(self) -> frozenset[str]:
        """Every mark, opening or closing."""
        return self.openers | self.closers | frozenset(self.line_start)

    @cached_property
    def chars(self) -> frozenset[str]:
        """Every character that is (part of) a quotation mark."""
        return frozenset(ch for mark in self.marks for ch in mark)

    @cached_property
    def opening_punct(self) -> frozenset[str]:
        """Marks and punctuation after which a capital opens something (a quote, a bracket, a list)."""
        return self.openers | frozenset(_OPENING_PUNCT)


class Lexicon:
    """The word classes of one language, as lower-case sets for quick lookups.

    Its attributes are the word lists :data:`srcview.schema.LEXICON_FIELDS`
    declares (``lex.determiners``, ``lex.roles`` …), plus ``code``,
    ``word_order``, ``quotes`` and what is derived from them.
    """

    def __init__(self, code: str, lang: dict[str, Any]) -> None:
        self.code = code
        self.word_order = str(lang.get("grammar", {}).get("word_order", "svo"))
        self._compounds = bool(lang.get("grammar", {}).get("compounds", False))
        self.clause_reach = int(lang.get("grammar", {}).get("clause_reach", GRAMMAR.keys["clause_reach"].default))
        self.quotes = QuoteMarks.from_rules(lang.get("quotes"))
        self.head_cache: dict[str, str | None] = {}
        self.separable_pairs: frozenset[tuple[str, str]] = frozenset()  # (verb form, particle) of separable cues
        for f in LEXICON_FIELDS:
            node = lang.get(f.section, {}) if f.section else lang
            values = [w.lower() for w in word_list(node.get(f.key) if isinstance(node, dict) else None)]
            setattr(self, f.field, tuple(values) if f.suffixes else frozenset(values))
        # A preposition that introduces its source also ends a phrase ("… aldus Post").
        self.boundaries = self.boundaries | frozenset(
            w.lower() for w in word_list(lang.get("cues", {}).get("prepositions")) if " " not in w)

    def __getattr__(self, name: str) -> frozenset[str]:  # for type checkers: the declared word lists
        raise AttributeError(name)

    @property
    def verb_second(self) -> bool:
        """Dutch and German order: the verb second in a main clause, last in a subordinate one."""
        return self.word_order == "v2"

    @cached_property
    def participle_starts(self) -> tuple[str, ...]:
        """How a past participle begins ("ge"), as a tuple for ``str.startswith``."""
        return tuple(self.participle_prefixes)

    @cached_property
    def separable_participle_starts(self) -> tuple[str, ...]:
        """How the participle of a separable verb begins: particle and prefix ("opge", "aange")."""
        return tuple(p + q for p in self.separable_particles for q in self.participle_prefixes)

    @cached_property
    def role_suffixes(self) -> tuple[str, ...]:
        """Role nouns long enough to end a compound ("Amerikadeskundige", "PVV-Kamerlid")."""
        return tuple(r for r in self.roles if len(r) >= 6)

    @cached_property
    def organisation_suffixes(self) -> tuple[str, ...]:
        """Organisation nouns long enough to end a compound ("inlichtingendienst", "regeringspartij")."""
        return tuple(w for w in self.organisations if len(w) >= 6) if self.compounds else ()

    @cached_property
    def government_suffixes(self) -> tuple[str, ...]:
        return tuple(w for w in self.governments if len(w) >= 6) if self.compounds else ()

    @cached_property
    def document_suffixes(self) -> tuple[str, ...]:
        """Document nouns long enough to end a compound ("politierapport", "onderzoeksverslag")."""
        return tuple(w for w in self.documents if len(w) >= 6) if self.compounds else ()

    @property
    def compounds(self) -> bool:
        """Does the language write compounds as one word (Dutch "inlichtingendienst")? Then a head noun may end one."""
        return self._compounds

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

    @cached_property
    def fronting(self) -> frozenset[str]:
        """Words that open a fronted phrase or clause, not a subject: prepositions and subordinators."""
        return self.any_preposition | self.subordinators

    @cached_property
    def articles(self) -> frozenset[str]:
        return self.definites | self.indefinites
