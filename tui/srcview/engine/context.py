"""Stage 2, token context: the article tokenized, with what later stages ask of each token.

:func:`build` runs spaCy's tokenizer once (a batch of paragraphs at a time on
a long article), maps the sentence spans of stage 1 onto tokens and answers,
once per distinct word, the questions the phrase finder asks hundreds of
thousands of times (is it punctuation that ends a phrase, is it capitalised …).
The result, a :class:`TokenContext`, is what every later stage reads instead of
the spaCy ``Doc``.

Memory is linear in the article and kept small per token, since an article may
have millions of them: offsets in arrays of ints, flags a byte each, one string per
distinct word, and the Doc (128 bytes a token) only while the matchers read it.
"""

from __future__ import annotations

import re
import weakref
from array import array
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import numpy
from spacy.attrs import IDX, LENGTH, LIKE_NUM, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

from ..model import TextSpan
from .lexicon import Lexicon
from .pipeline import BatchMatcher, Pipeline, doc_from_columns

#: Punctuation that stays inside a name or phrase: "Jean-Luc", "AT&T", "O'Brien", "St.".
KEEP_PUNCT = frozenset({"-", "&", "'", "’", "."})
#: Tokens that end a sentence.
SENTENCE_ENDS = frozenset(".!?")
#: Dashes that set off a speaker or an aside ("“…” ― Sonya Herridge"); a hyphen is no dash.
DASHES = "―—–"


@dataclass(frozen=True, slots=True)
class Tokens:
    """What the phrase finder asks of each token, as sequences indexed by token.

    Reading ``doc[i].lower_`` builds a Token object every time; the phrase finder
    asks hundreds of thousands of such questions on a long article, so the answers
    are read once and shared.  The words are lists of strings (one string per
    distinct word); the flags are read-only sequences of bools, a byte a token
    (``memoryview`` of format ``?``: ``t.brk[i]`` is ``True`` or ``False``, a
    slice is a memoryview too).
    """

    text: list[str]
    lower: list[str]
    brk: Sequence[bool]  # punctuation that ends a phrase, or a line break
    cap: Sequence[bool]  # starts with a capital letter
    spc: Sequence[bool]  # whitespace inside a line
    num: Sequence[bool]  # like a number ("73", "twelve")
    islow: Sequence[bool]  # all lower case
    word: numpy.ndarray  # each token's word: an index into ``words``
    words: list[str]  # the lower-case forms of the article's distinct written words; two may be equal

    def lower_is(self, test: Callable[[str], bool]) -> numpy.ndarray:
        """A bool per token: does ``test`` hold for its lower-case form?  Asked once per distinct word."""
        return numpy.fromiter(map(test, self.words), dtype=bool, count=len(self.words))[self.word]

    def lower_in(self, words: Collection[str]) -> numpy.ndarray:
        """A bool per token: is its lower-case form one of ``words``?  For a scan of the whole article."""
        return self.lower_is(words.__contains__)


class Sentence(NamedTuple):
    """A sentence: its characters, its paragraph and its tokens (``tok_end`` exclusive).

    A named tuple rather than a frozen dataclass: an article has tens of thousands, made
    in three stages, and a tuple is made in a quarter of the time.
    """

    start: int
    end: int
    para: int
    tok_start: int
    tok_end: int
    tail: bool = False  # split off the sentence before it: "…, while Clinton said B", "…, adding that B"


@dataclass(frozen=True)
class TokenContext:
    """The tokenized article: token offsets and the token table, with its language; the spaCy Doc on demand.

    ``doc`` is not kept with the rest: it takes more memory than everything
    else here together (128 bytes a token) and only the matchers read it (or,
    better, :meth:`piece` by piece: ``Pipeline.matches(ctx)``).  The context
    hands it over: it lives as long as its reader holds it, and asking again
    while it is held gives the same Doc.  Asked for again once it was let go,
    it is built again from the token ids (no second tokenization) and kept
    from then on.  The token table ``t`` is made on first use, which in the
    engine is after the matchers.
    """

    text: str
    starts: Sequence[int]  # character offset of each token
    ends: Sequence[int]  # character offset after each token
    proper: frozenset[str]  # words written with a capital in mid-sentence somewhere: names
    lex: Lexicon
    _doc: _DocSource = field(repr=False, compare=False)
    _table: _TokenTable = field(repr=False, compare=False)
    #: the pipeline and what its matchers found, read from the tokenizer's batches (Pipeline.batch_matcher)
    early_matches: tuple[Pipeline, list[tuple[str, int, int]]] | None = field(default=None, repr=False,
                                                                             compare=False)

    @cached_property
    def t(self) -> Tokens:
        """The token table, made on first use: after the matchers, so that it and the Doc are not in memory at once.

        Cached on the instance: later stages read ``ctx.t`` hundreds of thousands of times.
        """
        return self._table.get()

    @property
    def doc(self) -> Doc:
        """The spaCy Doc of the article, its sentences set to those of :func:`build`."""
        return self._doc.get()

    def piece(self, a: int, b: int) -> Doc:
        """A new Doc of tokens ``a``..``b`` alone (the article's token ``i`` is its token ``i - a``).

        Its tokens, spaces and sentence starts are those of :attr:`doc`; its
        character offsets start at 0.  For the matchers, which then need no Doc
        of the whole article.
        """
        return self._doc.make(a, b)

    def span(self, a: int, b: int) -> TextSpan:
        """Tokens ``a``..``b`` as a TextSpan of the article."""
        start, end = self.starts[a], self.ends[b - 1]
        return TextSpan(self.text[start:end], start, end)

    def phrase_text(self, a: int, b: int) -> str:
        return self.text[self.starts[a]:self.ends[b - 1]]

    def __len__(self) -> int:
        return len(self.starts)


class _DocSource:
    """The Doc of a TokenContext: the tokenizer's own until it is first read, then built from the token ids."""

    __slots__ = ("vocab", "orth", "spacy", "sent_starts", "held", "kept", "ref")

    def __init__(self, vocab, orth: numpy.ndarray, spacy: numpy.ndarray, doc: Doc | None) -> None:
        self.vocab, self.orth, self.spacy = vocab, orth, spacy
        self.sent_starts: numpy.ndarray | None = None  # token indices; None: no sentences set
        self.held = doc  # a Doc not handed over yet
        self.kept = False  # keep ``held`` for good (the Doc was let go once and asked for again)
        self.ref: weakref.ref[Doc] | None = None

    def get(self) -> Doc:
        """The Doc, handed over (held only by the caller) until it has been built twice."""
        doc = self.held
        if doc is None and self.ref is not None:
            doc = self.ref()
        if doc is None:
            doc = self.make()
            if self.ref is not None:
                self.held, self.kept = doc, True
        if not self.kept:
            self.held = None
        self.ref = weakref.ref(doc)
        return doc

    def make(self, a: int = 0, b: int | None = None) -> Doc:
        """A new Doc of tokens ``a``..``b``, with the sentence starts of the article's Doc."""
        b = len(self.orth) if b is None else b
        doc = doc_from_columns(self.vocab, self.orth[a:b], self.spacy[a:b])
        if self.sent_starts is not None:
            inside = self.sent_starts[(self.sent_starts >= a) & (self.sent_starts < b)]
            set_sentences(doc, inside - a)
        elif a and len(doc):
            doc.from_array([SENT_START], numpy.zeros((len(doc), 1), dtype="uint64"))  # none set, as in the article
        return doc


class _TokenTable:
    """The Tokens of a TokenContext, made when first asked for."""

    __slots__ = ("strings", "orth", "spacy", "like_num", "tokens")

    def __init__(self, strings, orth: numpy.ndarray, spacy: numpy.ndarray, like_num: numpy.ndarray) -> None:
        self.strings, self.orth, self.spacy, self.like_num = strings, orth, spacy, like_num
        self.tokens: Tokens | None = None

    def get(self) -> Tokens:
        if self.tokens is None:
            self.tokens = _build_tokens(self.strings, self.orth, self.spacy, self.like_num)
            self.like_num = None
        return self.tokens


def build(pipe: Pipeline, text: str, spans: list[tuple[int, int, int]]) -> tuple[TokenContext, list[Sentence]]:
    """Tokenize ``text`` and map the sentence ``spans`` (start, end, paragraph) onto its tokens.

    The Doc's sentence starts are set to those sentences, for users of
    :meth:`Engine.analyze_doc`.  Sentences without a token are dropped.

    A long text is tokenized a batch at a time (:meth:`Pipeline.pieces`) and
    only the columns kept here are gathered, so no Doc of the whole article
    exists until the matchers ask for one (:attr:`TokenContext.doc`).
    """
    matcher = pipe.batch_matcher()
    cols, whole = _columns(pipe, text, matcher)
    orth, spacy, starts = cols[:, 0].copy(), cols[:, 1] != 0, cols[:, 2].astype("int64")
    ends = starts + cols[:, 3].astype("int64")
    like_num = cols[:, 4] != 0
    del cols
    source = _DocSource(pipe.nlp.vocab, orth, spacy, whole)
    ctx = TokenContext(text, _int_array(starts), _int_array(ends), _mid_sentence_capitals(text), pipe.lexicon,
                       source, _TokenTable(pipe.nlp.vocab.strings, orth, spacy, like_num),
                       None if matcher is None else (pipe, matcher.finish()))
    if not spans or not len(ctx):
        return ctx, []
    bounds = numpy.array([(s, e) for s, e, _ in spans], dtype="int64")
    tok_s = numpy.searchsorted(starts, bounds[:, 0], side="left").tolist()
    tok_e = numpy.searchsorted(starts, bounds[:, 1], side="left").tolist()
    sents = [Sentence(s, e, para, ts, te)
             for (s, e, para), ts, te in zip(spans, tok_s, tok_e, strict=True) if te > ts]
    source.sent_starts = numpy.array([s.tok_start for s in sents], dtype="int64")
    if whole is not None:
        set_sentences(whole, source.sent_starts)
    return ctx, sents


def set_sentences(doc: Doc, sent_starts: numpy.ndarray) -> None:
    """Mark the tokens at ``sent_starts`` as sentence starts and every other token as none."""
    flags = numpy.full(len(doc), -1, dtype="int64")
    flags[sent_starts] = 1
    doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))


_COLUMNS = [ORTH, SPACY, IDX, LENGTH, LIKE_NUM]


def _columns(pipe: Pipeline, text: str, matcher: BatchMatcher | None = None) -> tuple[numpy.ndarray, Doc | None]:
    """Each token's ORTH, SPACY, IDX, LENGTH and LIKE_NUM, a piece at a time; the Doc when there was one piece.

    ``matcher`` reads each piece's Doc on the way.
    """
    parts, whole = [], None
    for offset, doc in pipe.pieces(text):
        cols = doc.to_array(_COLUMNS)
        if matcher is not None:
            matcher.feed(doc, cols[:, 0], cols[:, 1])
        cols[:, 2] += offset
        parts.append(cols)
        whole = doc if offset == 0 else None
    return (parts[0] if len(parts) == 1 else numpy.concatenate(parts)), whole


def _int_array(values: numpy.ndarray) -> array:
    """A numpy column of offsets as an ``array`` of plain ints: 4 bytes a value (8 past 2**31)."""
    small = not len(values) or int(values.max()) < 2**31
    out = array("i" if small and array("i").itemsize == 4 else "q")
    out.frombytes(values.astype(numpy.dtype(out.typecode)).tobytes())
    return out


def _text_is_break(text: str) -> bool:
    """Punctuation that ends a phrase (a hyphen or apostrophe inside a name does not), or a line break."""
    if text.isspace():
        return "\n" in text
    if text in KEEP_PUNCT:
        return False
    return _ALNUM.search(text) is None


_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() is true


def _text_is_capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def _build_tokens(strings, orth: numpy.ndarray, spacy: numpy.ndarray, like_num: numpy.ndarray) -> Tokens:
    """Each question answered once per distinct word, then spread over the tokens by numpy."""
    if not len(orth):
        none = _flags(numpy.zeros(0, dtype=bool))
        return Tokens([], [], none, none, none, none, none, numpy.zeros(0, dtype="int64"), [])
    distinct = numpy.unique(orth)
    where = numpy.searchsorted(distinct, orth)  # unique(return_inverse=True), in half the time
    words = [strings[h] for h in distinct.tolist()]
    lowers = [w.lower() for w in words]

    def spread(values: list) -> list:
        return numpy.array(values, dtype=object)[where].tolist()

    def flag(test) -> numpy.ndarray:
        return numpy.fromiter(map(test, words), dtype=bool, count=len(words))[where]

    brk = flag(_text_is_break)
    if "-" in strings:
        hyphens = numpy.nonzero(orth == strings["-"])[0]
        hyphens = hyphens[hyphens > 0]
        # " - " is a dash, as "–" is: "an aggressive - some say unrealistic - pledge"
        brk[hyphens[spacy[hyphens] & spacy[hyphens - 1]]] = True
    return Tokens(spread(words), spread(lowers), _flags(brk), _flags(flag(_text_is_capitalised)),
                  _flags(flag(lambda w: w.isspace() and "\n" not in w)), _flags(like_num), _flags(flag(str.islower)),
                  where, lowers)


def flag_array(column: Sequence[bool]) -> numpy.ndarray:
    """A flag column of the token table (``t.cap``, ``t.brk`` …) as a numpy array of bools, without a copy."""
    return numpy.frombuffer(column, dtype=bool)


def _flags(values: numpy.ndarray) -> memoryview:
    """A numpy bool column as a read-only sequence of bools, one byte each."""
    return memoryview(values.astype(bool).tobytes()).cast("?")


# The capital first and the look-behind after it (on it and the two characters before), so that the
# search skips from capital to capital instead of trying the look-behind at every character.
_MID_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ](?<=[a-z0-9,;] .)[\w'’-]+")


def _mid_sentence_capitals(text: str) -> frozenset[str]:
    """Words written with a capital in mid-sentence somewhere: names, not sentence openers."""
    return frozenset(_MID_CAPITAL.findall(text))
