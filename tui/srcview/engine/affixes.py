"""Quicker searches for spaCy's suffix and infix rules, finding what spaCy's own regexes find.

spaCy's tokenizer runs its prefix, suffix and infix regexes on every word
it has not seen before: regexes of some eighty alternatives each, most of them
opening with a look-behind over a large class of characters, which Python's
``re`` tries at every character of the word.  That is a third of spaCy's
tokenizing time on news.  What a match can look like is known from the regex
itself, so most of that searching can be skipped without changing any match:

* :class:`FirstCharSearch`: a word without any character a prefix or infix
  can begin with (most words: letters only) has none, and is not searched;
* :class:`TailSearch`: a suffix ends at the end of the word, so only the
  alternatives that can end in the word's last character are tried, and those
  at most *n* characters long only in the last *n* characters.

Both read the regex with ``re``'s own parser and are used only where they can
tell; otherwise spaCy's search is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

try:
    from re import _parser as sre_parse  # Python 3.11 and later
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

#: The most characters a set of first or last characters may have (a wider set is not worth testing).
MAX_SET = 50_000
#: The most distinct last characters whose alternatives a TailSearch keeps (more are worked out each time).
MAX_PLANS = 4_096


def quicken(nlp: Any) -> None:
    """Give ``nlp``'s tokenizer the quicker searches, where its regexes are those of its language's rules."""
    tokenizer = nlp.tokenizer
    head = FirstCharSearch.of(_pattern_of(tokenizer.prefix_search))
    if head is not None:
        tokenizer.prefix_search = head.search
    tail = TailSearch.of(nlp.Defaults.suffixes or (), _pattern_of(tokenizer.suffix_search))
    if tail is not None:
        tokenizer.suffix_search = tail.search
    infix = FirstCharSearch.of(_pattern_of(tokenizer.infix_finditer))
    if infix is not None:
        tokenizer.infix_finditer = infix.finditer


def _pattern_of(method: Any) -> re.Pattern | None:
    """The compiled regex whose ``search`` or ``finditer`` ``method`` is; None for any other callable."""
    regex = getattr(method, "__self__", None)
    if isinstance(regex, re.Pattern) and method in (regex.search, regex.finditer):
        return regex
    return None


class FirstCharSearch:
    """``whole.search`` and ``whole.finditer``, skipped for a word without any character a match begins with.

    For spaCy's prefix rules (``prefix_search``) and infix rules (``infix_finditer``).
    """

    def __init__(self, whole: re.Pattern, first: frozenset[str]) -> None:
        self.whole, self.first = whole, first
        self.pattern = whole.pattern  # what spaCy saves of a tokenizer (e.g. infix_finditer.__self__.pattern)

    @classmethod
    def of(cls, whole: re.Pattern | None) -> FirstCharSearch | None:
        """The search for the compiled rules ``whole``; None if the characters a match begins with are unknown."""
        if whole is None or whole.flags & re.IGNORECASE:
            return None
        first = _ends(sre_parse.parse(whole.pattern, whole.flags), last=False)
        return None if first is None else cls(whole, first)

    def search(self, word: str) -> re.Match | None:
        """What ``whole.search(word)`` finds."""
        return None if self.first.isdisjoint(word) else self.whole.search(word)

    def finditer(self, word: str) -> Iterator[re.Match] | tuple[()]:
        """The matches ``whole.finditer(word)`` gives."""
        return () if self.first.isdisjoint(word) else self.whole.finditer(word)


class _Piece(NamedTuple):
    pattern: str  # one alternative of the suffix rules, without its "$"
    last: frozenset[str] | None  # the characters a match of it can end in; None: unknown
    width: int | None  # the most characters a match of it has; None: no bound


class _Plan(NamedTuple):
    bounded: re.Pattern | None  # the alternatives of bounded width, searched in the last ``width`` characters
    width: int
    unbounded: re.Pattern | None  # the others, searched over the word


class TailSearch:
    """``whole.search`` for spaCy's suffix rules, trying only what can match at the end of the word.

    spaCy's suffix rules are alternatives that each end at the end of the word
    (``piece$``).  For a word ending in character *c*, only the alternatives
    that can end in *c* are tried; of those, the ones at most ``width``
    characters long are searched in the last ``width`` characters only (the
    characters before stay visible to look-behinds), the rest (a run of dots)
    over the word.  All matches end at the end of the word, so the one that
    starts first has the span ``whole`` finds.  A word ending in a line break
    (where ``$`` also matches before it) is searched with ``whole``.
    """

    def __init__(self, whole: re.Pattern, pieces: list[_Piece]) -> None:
        self.whole, self.pieces = whole, pieces
        self.pattern = whole.pattern  # what spaCy saves of a tokenizer (suffix_search.__self__.pattern)
        self._plans: dict[str, _Plan] = {}  # by a word's last character
        self._compiled: dict[tuple[int, ...], _Plan] = {}  # by the alternatives it tries

    @classmethod
    def of(cls, pieces: Iterable[str], whole: re.Pattern | None) -> TailSearch | None:
        """The search for the suffix rules ``pieces``; None unless ``whole`` is exactly those, compiled by spaCy."""
        pieces = [p for p in pieces if p.strip()]
        if whole is None or not pieces or "|".join(f"{p}$" for p in pieces) != whole.pattern \
                or whole.flags & re.IGNORECASE:
            return None
        out = []
        for piece in pieces:
            parsed = sre_parse.parse(piece, whole.flags)
            if parsed.state.groups > 1:
                return None  # a group a piece refers to by number would be renumbered in a regex of fewer pieces
            most = parsed.getwidth()[1]
            out.append(_Piece(piece, _ends(parsed, last=True), most if most < sre_parse.MAXREPEAT else None))
        return cls(whole, out)

    def search(self, word: str) -> re.Match | None:
        """What ``whole.search(word)`` finds: the same span (spaCy reads no more of it)."""
        if not word or word[-1] == "\n":
            return self.whole.search(word)
        plan = self._plans.get(word[-1]) or self._plan(word[-1])
        found = None if plan.bounded is None else plan.bounded.search(word, max(0, len(word) - plan.width))
        if plan.unbounded is not None:
            other = plan.unbounded.search(word)
            if other is not None and (found is None or other.start() < found.start()):
                return other
        return found

    def _plan(self, char: str) -> _Plan:
        """The alternatives that can end in ``char``, compiled once per distinct choice of them."""
        tried = tuple(i for i, piece in enumerate(self.pieces) if piece.last is None or char in piece.last)
        plan = self._compiled.get(tried)
        if plan is None:
            bounded = [self.pieces[i] for i in tried if self.pieces[i].width is not None]
            unbounded = [self.pieces[i] for i in tried if self.pieces[i].width is None]
            width = max((p.width for p in bounded), default=0)
            plan = self._compiled[tried] = _Plan(self._alternatives(bounded), width, self._alternatives(unbounded))
        if len(self._plans) < MAX_PLANS:
            self._plans[char] = plan
        return plan

    def _alternatives(self, pieces: list[_Piece]) -> re.Pattern | None:
        return re.compile("|".join(f"{p.pattern}$" for p in pieces), self.whole.flags) if pieces else None


# --- what a regex's matches begin or end with ---------------------------------------

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", sre_parse.MAX_REPEAT)}
_ZERO_WIDTH = {sre_parse.ASSERT, sre_parse.ASSERT_NOT, sre_parse.AT}


def _ends(items: Any, last: bool) -> frozenset[str] | None:
    """The characters a match of the parsed regex ``items`` can begin with (``last``: end with); None if unknown.

    Unknown: a construct not handled here (a category such as ``\\w``, a negated
    set, a change of flags), a set of more than MAX_SET characters, or a regex
    that can match the empty string.  Look-arounds and anchors before the first
    (after the last) character are passed over: they only narrow what matches.
    """
    chars: set[str] = set()
    return frozenset(chars) if _add_ends(items, last, chars) and len(chars) <= MAX_SET else None


def _add_ends(items: Any, last: bool, chars: set[str]) -> bool:
    for op, av in (reversed(list(items)) if last else items):
        if op in _ZERO_WIDTH:
            continue
        if op is sre_parse.LITERAL:
            chars.add(chr(av))
            return True
        if op is sre_parse.IN:
            return _add_set(av, chars)
        if op is sre_parse.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            return not add_flags and not del_flags and _add_ends(sub, last, chars)
        if op is sre_parse.BRANCH:
            return all(_add_ends(alt, last, chars) for alt in av[1])
        if op in _REPEATS:
            return av[0] >= 1 and _add_ends(av[2], last, chars)
        return False
    return False


def _add_set(items: Any, chars: set[str]) -> bool:
    for op, av in items:
        if op is sre_parse.LITERAL:
            chars.add(chr(av))
        elif op is sre_parse.RANGE and av[1] - av[0] <= MAX_SET:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return False  # a negated set, a category, a range too wide
    return True
