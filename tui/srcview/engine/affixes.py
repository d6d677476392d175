"""Quicker searches for spaCy's suffix and infix rules, finding what spaCy's own regexes find.

spaCy's tokenizer runs its suffix regex, then its infix regex, on every word
it has not seen before: two regexes of some eighty alternatives each, most of
them opening with a look-behind, which Python's ``re`` tries at every character
of the word.  That is half of spaCy's tokenizing time on news.  What a match of
those alternatives can look like is known from the regex itself (how long a
suffix can be, which characters an infix can begin with), so most of that
searching can be skipped without changing a single match:

* :class:`TailSearch`: a suffix ends at the end of the word, so an alternative
  at most *n* characters long is searched in the last *n* characters only;
* :class:`InfixSearch`: a word without any character an infix can begin with
  (most words: letters only) has no infix, and is not searched at all.

Both read the regex with ``re``'s own parser, and are only used when they can
tell; otherwise spaCy's search is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

try:
    from re import _parser as sre_parse  # Python 3.11 and later
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]


def quicken(nlp: Any) -> None:
    """Give ``nlp``'s tokenizer the quicker searches, where its regexes are those of its language's rules."""
    tokenizer = nlp.tokenizer
    tail = TailSearch.of(nlp.Defaults.suffixes or (), _pattern_of(tokenizer.suffix_search))
    if tail is not None:
        tokenizer.suffix_search = tail.search
    infix = InfixSearch.of(_pattern_of(tokenizer.infix_finditer))
    if infix is not None:
        tokenizer.infix_finditer = infix.finditer


def _pattern_of(method: Any) -> re.Pattern | None:
    """The compiled regex whose ``search`` or ``finditer`` ``method`` is; None for any other callable."""
    regex = getattr(method, "__self__", None)
    if isinstance(regex, re.Pattern) and method in (regex.search, regex.finditer):
        return regex
    return None


class TailSearch:
    """``whole.search`` for spaCy's suffix rules, started where a suffix can begin at the earliest.

    spaCy's suffix rules are alternatives that each end at the end of the word
    (``piece$``).  An alternative at most ``width`` characters long can only
    match in the last ``width`` characters, so those are searched from there
    (the characters before stay visible to look-behinds); the few without such
    a bound (a run of dots) are searched over the word.  All matches end at the
    end of the word, so the one that starts first is the one ``whole`` finds.
    A word ending in a line break (where ``$`` also matches before it) is
    searched with ``whole``.
    """

    def __init__(self, whole: re.Pattern, bounded: re.Pattern, width: int, unbounded: re.Pattern | None) -> None:
        self.whole, self.bounded, self.width, self.unbounded = whole, bounded, width, unbounded
        self.pattern = whole.pattern  # what spaCy saves of a tokenizer (suffix_search.__self__.pattern)

    @classmethod
    def of(cls, pieces: Iterable[str], whole: re.Pattern | None) -> TailSearch | None:
        """The search for the suffix rules ``pieces``; None unless ``whole`` is exactly those, compiled by spaCy."""
        pieces = [p for p in pieces if p.strip()]
        if whole is None or not pieces or "|".join(f"{p}$" for p in pieces) != whole.pattern:
            return None
        bounded, unbounded, width = [], [], 0
        for piece in pieces:
            most = sre_parse.parse(piece, whole.flags).getwidth()[1]
            if most < sre_parse.MAXREPEAT:
                bounded.append(piece)
                width = max(width, most)
            else:
                unbounded.append(piece)
        if not bounded:
            return None
        return cls(whole, _alternatives(bounded, whole.flags), width,
                   _alternatives(unbounded, whole.flags) if unbounded else None)

    def search(self, word: str) -> re.Match | None:
        """What ``whole.search(word)`` finds: the same span (spaCy reads no more of it)."""
        if word[-1:] == "\n":
            return self.whole.search(word)
        found = self.bounded.search(word, max(0, len(word) - self.width))
        if self.unbounded is not None:
            other = self.unbounded.search(word)
            if other is not None and (found is None or other.start() < found.start()):
                return other
        return found


def _alternatives(pieces: Sequence[str], flags: int) -> re.Pattern:
    return re.compile("|".join(f"{p}$" for p in pieces), flags)


class InfixSearch:
    """``whole.finditer`` for spaCy's infix rules, skipped for a word without a character an infix begins with."""

    def __init__(self, whole: re.Pattern, first: re.Pattern) -> None:
        self.whole, self.first = whole, first
        self.pattern = whole.pattern  # what spaCy saves of a tokenizer (infix_finditer.__self__.pattern)

    @classmethod
    def of(cls, whole: re.Pattern | None) -> InfixSearch | None:
        """The search for the compiled infix rules ``whole``; None if the characters a match begins with are unknown."""
        if whole is None:
            return None
        parts: list[str] = []
        if not all(_first_characters(branch, parts) for branch in _branches(sre_parse.parse(whole.pattern,
                                                                                           whole.flags))):
            return None
        return cls(whole, re.compile(f"[{''.join(parts)}]", whole.flags))

    def finditer(self, word: str) -> Iterator[re.Match] | tuple[()]:
        """The matches ``whole.finditer(word)`` gives."""
        return self.whole.finditer(word) if self.first.search(word) else ()


def _branches(parsed: Any) -> list:
    """The alternatives of a parsed regex (the regex itself if it has none at its top)."""
    items = list(parsed)
    if len(items) == 1 and items[0][0] is sre_parse.BRANCH:
        return items[0][1][1]
    return [parsed]


_CATEGORIES = {sre_parse.CATEGORY_DIGIT: r"\d", sre_parse.CATEGORY_NOT_DIGIT: r"\D",
               sre_parse.CATEGORY_SPACE: r"\s", sre_parse.CATEGORY_NOT_SPACE: r"\S",
               sre_parse.CATEGORY_WORD: r"\w", sre_parse.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", sre_parse.MAX_REPEAT)}
_ZERO_WIDTH = {sre_parse.ASSERT, sre_parse.ASSERT_NOT, sre_parse.AT}


def _first_characters(items: Any, parts: list[str]) -> bool:
    """Add to ``parts`` (a character class's insides) what the first character of a match of ``items`` may be.

    False when that cannot be told: a construct not handled here, a negated
    set, a change of flags, or a regex that can match the empty string.
    Look-arounds and anchors before the first character are passed over: they
    only narrow what may match.
    """
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre_parse.LITERAL:
            parts.append(re.escape(chr(av)))
            return True
        if op is sre_parse.IN:
            return _class_items(av, parts)
        if op is sre_parse.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            return not add_flags and not del_flags and _first_characters(sub, parts)
        if op is sre_parse.BRANCH:
            return all(_first_characters(alt, parts) for alt in av[1])
        if op in _REPEATS:
            return av[0] >= 1 and _first_characters(av[2], parts)
        return False
    return False


def _class_items(items: Any, parts: list[str]) -> bool:
    for op, av in items:
        if op is sre_parse.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre_parse.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre_parse.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            return False  # a negated set, or a category of its own
    return True
