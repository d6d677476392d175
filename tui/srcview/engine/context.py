"""Stage 2, token context: the article tokenized, with what later stages ask of each token.

:func:`build` runs spaCy's tokenizer once, maps the sentence spans of stage 1
onto tokens and answers, once per distinct word, the questions the phrase
finder asks hundreds of thousands of times (is it punctuation that ends a
phrase, is it capitalised …).  The result, a :class:`TokenContext`, is what
every later stage reads instead of the spaCy ``Doc``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, LENGTH, LIKE_NUM, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

from ..model import TextSpan
from .lexicon import Lexicon
from .pipeline import Pipeline

#: Punctuation that stays inside a name or phrase: "Jean-Luc", "AT&T", "O'Brien", "St.".
KEEP_PUNCT = frozenset({"-", "&", "'", "’", "."})


@dataclass(frozen=True, slots=True)
class Tokens:
    """Plain lists of what the phrase finder asks of each token.

    Reading ``doc[i].lower_`` builds a Token object every time; the phrase finder
    asks hundreds of thousands of such questions on a long article, so the answers
    are read once, as lists, and shared.
    """

    text: list[str]
    lower: list[str]
    brk: list[bool]  # punctuation that ends a phrase, or a line break
    cap: list[bool]  # starts with a capital letter
    spc: list[bool]  # whitespace inside a line
    num: list[bool]  # like a number ("73", "twelve")
    islow: list[bool]  # all lower case


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its characters, its paragraph and its tokens (``tok_end`` exclusive)."""

    start: int
    end: int
    para: int
    tok_start: int
    tok_end: int
    tail: bool = False  # split off the sentence before it: "…, while Clinton said B", "…, adding that B"


@dataclass(frozen=True)
class TokenContext:
    """The tokenized article: the spaCy Doc, token offsets and the token table, with its language."""

    doc: Doc
    text: str
    starts: list[int]  # character offset of each token
    ends: list[int]  # character offset after each token
    t: Tokens
    proper: frozenset[str]  # words written with a capital in mid-sentence somewhere: names
    lex: Lexicon

    def span(self, a: int, b: int) -> TextSpan:
        """Tokens ``a``..``b`` as a TextSpan of the article."""
        start, end = self.starts[a], self.ends[b - 1]
        return TextSpan(self.text[start:end], start, end)

    def phrase_text(self, a: int, b: int) -> str:
        return self.text[self.starts[a]:self.ends[b - 1]]

    def __len__(self) -> int:
        return len(self.starts)


def build(pipe: Pipeline, text: str, spans: list[tuple[int, int, int]]) -> tuple[TokenContext, list[Sentence]]:
    """Tokenize ``text`` and map the sentence ``spans`` (start, end, paragraph) onto its tokens.

    The Doc's sentence starts are set to those sentences, for users of
    :meth:`Engine.analyze_doc`.  Sentences without a token are dropped.
    """
    doc = pipe.make_doc(text)
    arr = doc.to_array([IDX, LENGTH])
    starts = arr[:, 0]
    ctx = TokenContext(doc, text, starts.tolist(), (arr[:, 0] + arr[:, 1]).tolist(), _build_tokens(doc),
                       _mid_sentence_capitals(text), pipe.lexicon)
    if not spans or not len(doc):
        return ctx, []
    bounds = numpy.array([(s, e) for s, e, _ in spans], dtype=starts.dtype)
    tok_s = numpy.searchsorted(starts, bounds[:, 0], side="left").tolist()
    tok_e = numpy.searchsorted(starts, bounds[:, 1], side="left").tolist()
    sents = [Sentence(s, e, para, ts, te)
             for (s, e, para), ts, te in zip(spans, tok_s, tok_e, strict=True) if te > ts]
    sent_start = numpy.full(len(doc), -1, dtype="int64")
    sent_start[[s.tok_start for s in sents]] = 1
    doc.from_array([SENT_START], sent_start.astype("uint64").reshape(-1, 1))
    return ctx, sents


def _text_is_break(text: str) -> bool:
    """Punctuation that ends a phrase (a hyphen or apostrophe inside a name does not), or a line break."""
    if text.isspace():
        return "\n" in text
    if text in KEEP_PUNCT:
        return False
    return not any(ch.isalnum() for ch in text)


def _text_is_capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def _build_tokens(doc: Doc) -> Tokens:
    """Each question answered once per distinct word, then spread over the tokens by numpy."""
    if not len(doc):
        return Tokens([], [], [], [], [], [], [])
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, LIKE_NUM, SPACY])
    distinct, where = numpy.unique(arr[:, 0], return_inverse=True)
    words = [strings[h] for h in distinct.tolist()]
    where = where.reshape(-1)

    def spread(values: list) -> list:
        return numpy.array(values, dtype=object)[where].tolist()

    def flag(test) -> numpy.ndarray:
        return numpy.fromiter((test(w) for w in words), dtype=bool, count=len(words))[where]

    brk = flag(_text_is_break)
    hyphens = numpy.nonzero(arr[:, 0] == strings["-"])[0] if "-" in strings else ()
    for i in hyphens:
        if i and arr[i, 2] and arr[i - 1, 2]:
            brk[i] = True  # " - " is a dash, as "–" is: "an aggressive - some say unrealistic - pledge"
    return Tokens(spread(words), spread([w.lower() for w in words]), brk.tolist(),
                  flag(_text_is_capitalised).tolist(), flag(lambda w: w.isspace() and "\n" not in w).tolist(),
                  (arr[:, 1] != 0).tolist(), flag(str.islower).tolist())


_MID_CAPITAL = re.compile(r"(?<=[a-z0-9,;] )([A-ZÀ-ÖØ-Þ][\w'’-]+)")


def _mid_sentence_capitals(text: str) -> frozenset[str]:
    """Words written with a capital in mid-sentence somewhere: names, not sentence openers."""
    return frozenset(_MID_CAPITAL.findall(text))
