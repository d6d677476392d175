"""Stage 1, segmentation: paragraphs, headings, sentences and quotations, found on the raw text.

:func:`segment` is a pure function of the text and the language (its
abbreviations and quotation marks), so the engine can map the result onto a
spaCy ``Doc`` cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ..model import Heading, quick_init
from .lexicon import QuoteMarks

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LINE = re.compile(r"\n\s*")
_CLOSING_PUNCT = ".!?…:;"


class Punctuation:
    """The sentence and quotation patterns of one language, compiled from its quotation marks."""

    def __init__(self, marks: QuoteMarks) -> None:
        self.marks = marks
        closers = "".join(sorted({c for c in marks.closers if len(c) == 1}))
        double = "".join(sorted({c for o, cs in marks.all_pairs.items() if o not in marks.single
                                 for c in cs if len(c) == 1}))
        self.openers = "".join(sorted({o for o in marks.openers if len(o) == 1})) + "(["
        self.long_openers = tuple(o for o in marks.openers if len(o) > 1)  # Dutch ",,"
        cl, dbl, op = (re.escape(chars) or "\x00" for chars in (closers, double, self.openers[:-2]))
        # terminal punctuation, closing quotes/brackets that belong to the sentence, whitespace
        # (opening with one character class, not "[…]+", lets the regex engine skip ahead to it)
        self.boundary = re.compile(rf"([.!?\u2026][.!?\u2026]*)([{cl})\]]*)(\s+)(?=\S)")
        # "“…” ― Carla Mendes": a quotation signed with a dash is a claim, not a heading
        self.attribution_tail = re.compile(rf"[{cl}][\s\u00a0]*[―—–][\s\u00a0]*[^\s―—–][^{dbl}]{{0,60}}$")
        self.trailing = closers + ")]*_ "
        self.line_end = tuple(".!?…" + closers + ":;")
        # single line breaks that end a sentence or open a quotation
        self.line_break = re.compile(rf"(?<=[.!?…{cl}])[ \t]*\n\s*(?=\S)|[ \t]*\n\s*(?=[{op}―—–-])")
        self.finder = re.compile("|".join(re.escape(m) for m in sorted(marks.marks, key=len, reverse=True)) or "(?!)")


@quick_init
@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    heading: bool


@quick_init
@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: ``start`` at the opening mark, ``end`` after the closing one."""

    start: int
    end: int
    opener: str
    closed: bool = True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str, punct: Punctuation, heading_max_words: int = 20) -> list[Paragraph]:
    """Paragraphs split on blank lines (on single line breaks when there are none).

    A paragraph whose last visible character is not closing punctuation, and
    that is short, is a heading.
    """
    if _BLANK_LINE.search(text):
        pieces = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    else:
        pieces = [(m.start(), m.end()) for m in _LINE.finditer(text)]
        if _hard_wrapped(text, punct.line_end):
            pieces = _wrapped_breaks(text, pieces, punct.line_end)
    out: list[Paragraph] = []
    pos = 0
    pieces.append((len(text), len(text)))
    for cut_start, cut_end in pieces:
        s, e = _trim(text, pos, cut_start)
        pos = cut_end
        if s >= e:
            continue
        last = _last_visible(text, s, e, punct.trailing)
        # words counted only for a paragraph that may be a heading: most end in closing punctuation
        heading = (last > s and text[last - 1] not in _CLOSING_PUNCT and len(text[s:e].split()) <= heading_max_words
                   and not punct.attribution_tail.search(text, s, last))
        out.append(Paragraph(len(out), s, e, heading))
    return out


def _last_visible(text: str, start: int, end: int, trailing: str) -> int:
    """The end of ``text[start:end]`` without the ``trailing`` characters (closing marks, brackets …) it ends in."""
    while end > start and text[end - 1] in trailing:
        end -= 1
    return end


def _hard_wrapped(text: str, line_end: tuple[str, ...]) -> bool:
    """Text wrapped at a fixed width: long lines, most of them ending mid-sentence."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 3:
        return False
    lengths = sorted(len(ln) for ln in lines)
    ended = sum(1 for ln in lines if ln.endswith(line_end))
    return lengths[len(lengths) // 2] >= 40 and ended * 2 < len(lines)


def _wrapped_breaks(text: str, breaks: list[tuple[int, int]], line_end: tuple[str, ...]) -> list[tuple[int, int]]:
    """Of the line breaks of wrapped text, those that end a paragraph (or a heading).

    A paragraph's last line ends a sentence and is shorter than the full lines
    around it; a short first line without punctuation is a title.
    """
    widest = max(len(ln.rstrip()) for ln in text.splitlines())
    kept = []
    start = 0
    for n, (a, b) in enumerate(breaks):
        line = text[start:a].strip()
        start = b
        short = len(line) < 0.8 * widest
        if short and (line.endswith(line_end) or (n == 0 and not line.endswith(line_end))):
            kept.append((a, b))
    return kept


def headings(text: str, paras: list[Paragraph]) -> list[Heading]:
    return [Heading(p.start, p.end, text[p.start:p.end]) for p in paras if p.heading]


#: The most characters a word before a full stop is read back for an abbreviation ("U.S.", "o.a.", "J.").
WORD_REACH = 64


def _is_abbreviation(word: str, abbreviations: Collection[str], openers: str) -> bool:
    """Is ``word``, followed by a full stop, an abbreviation or an initial rather than a sentence's end?"""
    bare = word.lstrip(openers + ",”")
    if not bare:
        return False
    if (bare.lower() + ".") in abbreviations:
        return True
    if len(bare) == 1 and bare.isalpha() and bare.isupper():
        return True  # an initial: "J. Okafor"
    return "." in bare and all(len(part) <= 3 for part in bare.split("."))  # U.S., o.a., e.g.


def sentences(text: str, paras: list[Paragraph], abbreviations: Collection[str],
              punct: Punctuation) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence in the non-heading paragraphs.

    A sentence ends at a boundary (terminal punctuation, closing marks, whitespace)
    that no abbreviation explains and that a capital, digit, opening mark or bullet
    follows.  A sentence runs from a visible character to the end of its boundary's
    closing marks, so none needs trimming.
    """
    out: list[tuple[int, int, int]] = []
    openers, long_openers = punct.openers, punct.long_openers
    abbreviated: dict[str, bool] = {}  # a word before a full stop: is it an abbreviation? (asked once per word)
    for para in paras:
        if para.heading:
            continue
        start, para_end = _trim(text, para.start, para.end)
        chunk = text[para.start:para_end]
        for m in punct.boundary.finditer(chunk):
            (stop_at, after), closed = m.span(), m.end(2)  # the terminal punctuation opens the match
            if closed == stop_at + 1 and chunk[stop_at] == ".":  # a lone full stop, no closing mark after it
                space = chunk.rfind(" ", max(0, stop_at - WORD_REACH), stop_at)
                # a word longer than WORD_REACH is no abbreviation (and no text is read back further)
                word = chunk[space + 1:stop_at] if space >= 0 or stop_at <= WORD_REACH else None
                if word is not None:
                    known = abbreviated.get(word)
                    if known is None:
                        known = abbreviated[word] = _is_abbreviation(word, abbreviations, openers)
                    if known:
                        continue
            first = chunk[after]  # the boundary is followed by a visible character
            if not (first.isupper() or first.isdigit() or first in openers
                    or chunk.startswith(long_openers, after, after + 2) or first in "-–—•*"):
                continue
            out.append((start, para.start + closed, para.index))
            start = para.start + after
        if start < para_end:
            out.append((start, para_end, para.index))
    return out


def split_lines(text: str, spans: list[tuple[int, int, int]], punct: Punctuation) -> list[tuple[int, int, int]]:
    """Split sentences at single line breaks that end a sentence or open a quotation."""
    out: list[tuple[int, int, int]] = []
    for s, e, para in spans:
        if text.find("\n", s, e) < 0:
            out.append((s, e, para))
            continue
        start = s
        for m in punct.line_break.finditer(text, s, e):
            if m.start() > start:
                out.append((start, m.start(), para))
            start = m.end()
        if start < e:
            out.append((start, e, para))
    return out


_AFTER = "([—–-/"  # what may stand right before a mark that opens only after a space


def _opens(text: str, i: int, marks: QuoteMarks) -> str | None:
    """The opening mark at ``i``, if a quotation opens there."""
    prev = text[i - 1] if i else " "
    for opener in marks.open:
        if text.startswith(opener, i) and (marks.spaced or not _space_after(text, i + len(opener))):
            return opener
    for table in (marks.open_after_space, marks.single):
        for opener in table:
            if text.startswith(opener, i) and (prev.isspace() or prev in _AFTER or i == 0) \
                    and (marks.spaced or not _space_after(text, i + len(opener))) \
                    and not (table is marks.single and _elided(text, i, marks)):
                return opener
    if i == 0 or prev == "\n":
        for opener in marks.line_start:  # some pages open a paragraph's quotation with a closing mark
            if text.startswith(opener, i) and not _space_after(text, i + len(opener)):
                return opener
    return None


def _elided(text: str, i: int, marks: QuoteMarks) -> bool:
    """Is the apostrophe at ``i`` an elision ("Van 't Hoff", "'s avonds", "the '80s"), not a quote?"""
    if i + 1 < len(text) and text[i + 1].isdigit():
        return True
    for form in marks.elisions:
        end = i + len(form)
        if text.startswith(form, i) and (end >= len(text) or not text[end].isalpha()):
            return True
    return False


def _space_after(text: str, j: int) -> bool:
    return j >= len(text) or text[j].isspace()


def _closes(text: str, i: int, opener: str, marks: QuoteMarks) -> int:
    """Length of the closing mark at ``i`` for ``opener``, or 0."""
    prev = text[i - 1] if i else " "
    if opener in marks.single:
        for closer in marks.single[opener]:
            if text.startswith(closer, i) and not prev.isspace() \
                    and not (i + len(closer) < len(text) and text[i + len(closer)].isalnum()):
                return len(closer)
        return 0
    for closer in marks.all_pairs.get(opener, ()):
        if text.startswith(closer, i):
            # a straight quote after a space opens the next quotation rather than closing this one
            if prev.isspace() and (closer in marks.open_after_space or closer in marks.single) and not marks.spaced:
                continue
            return len(closer)
    return 0


def quotations(text: str, paras: list[Paragraph], punct: Punctuation) -> list[Quote]:
    """Direct quotations, also those that run over several paragraphs.

    A quotation still open at the end of a paragraph continues when the next
    paragraph opens with the same mark (the English convention); otherwise it
    ends with its paragraph.  An unclosed single quote is taken for an
    apostrophe and dropped.
    """
    out: list[Quote] = []
    open_at: int | None = None
    opener = ""
    marks = punct.marks
    double = marks.open.keys() | marks.open_after_space.keys() | marks.line_start.keys()
    for n, para in enumerate(paras):
        i = para.start
        if open_at is not None:
            if _opens(text, para.start, marks) == opener:
                i = para.start + len(opener)
            else:
                prev = paras[n - 1]
                if opener in double:
                    out.append(Quote(open_at, prev.end, opener, closed=False))
                open_at = None
        for m in punct.finder.finditer(text, i, para.end):
            j = m.start()
            if j < i:
                continue
            if open_at is None:
                mark = _opens(text, j, marks)
                if mark:
                    open_at, opener = j, mark
                    i = j + len(mark)
            else:
                size = _closes(text, j, opener, marks)
                if size:
                    out.append(Quote(open_at, j + size, opener))
                    open_at = None
                    i = j + size
                elif opener not in marks.all_pairs.get(opener, ()) and _opens(text, j, marks) == opener:
                    # the same opening mark again (",,…  ,,…"): the first quotation was never closed
                    out.append(Quote(open_at, _trim(text, open_at, j)[1], opener, closed=False))
                    open_at, i = j, j + len(opener)
    if open_at is not None and opener in double:
        out.append(Quote(open_at, paras[-1].end, opener, closed=False))
    return out


@dataclass(frozen=True)
class Segmentation:
    """The article's paragraphs, its sentences (start, end, paragraph) and its quotations."""

    paragraphs: list[Paragraph]
    sentences: list[tuple[int, int, int]]
    quotes: list[Quote]

    def headings(self, text: str) -> list[Heading]:
        return headings(text, self.paragraphs)


def segment(text: str, punct: Punctuation, abbreviations: Collection[str],
            heading_max_words: int = 20) -> Segmentation:
    """Paragraphs, sentences and quotations of ``text`` in a language with these marks and abbreviations."""
    paras = paragraphs(text, punct, heading_max_words)
    spans = split_lines(text, sentences(text, paras, abbreviations, punct), punct)
    return Segmentation(paras, spans, quotations(text, paras, punct))
