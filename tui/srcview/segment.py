"""Paragraphs, headings, sentences and quotations, found on the raw text.

These are pure functions of the text (and the abbreviation list from the rules),
so the engine can map them onto a spaCy ``Doc`` cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from .model import Heading

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LINE = re.compile(r"\n\s*")
# terminal punctuation, closing quotes/brackets that belong to the sentence, whitespace
_BOUNDARY = re.compile(r"([.!?\u2026]+)([\"”’'»)\]]*)(\s+)(?=\S)")
# "“…” ― Carla Mendes": a quotation signed with a dash is a claim, not a heading
_ATTRIBUTION_TAIL = re.compile(r"[”\"’'»][\s\u00a0]*[―—–][\s\u00a0]*[^\s―—–][^”\"]{0,60}$")
_OPENERS = "“„‘«\"'(["
_CLOSING_PUNCT = ".!?…:;"
_TRAILING = "\"”’'»)]*_ "


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    heading: bool


@dataclass(frozen=True)
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


def paragraphs(text: str, heading_max_words: int = 20) -> list[Paragraph]:
    """Paragraphs split on blank lines (on single line breaks when there are none).

    A paragraph whose last visible character is not closing punctuation, and
    that is short, is a heading.
    """
    if _BLANK_LINE.search(text):
        pieces = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    else:
        pieces = [(m.start(), m.end()) for m in _LINE.finditer(text)]
        if _hard_wrapped(text):
            pieces = _wrapped_breaks(text, pieces)
    out: list[Paragraph] = []
    pos = 0
    pieces.append((len(text), len(text)))
    for cut_start, cut_end in pieces:
        s, e = _trim(text, pos, cut_start)
        pos = cut_end
        if s >= e:
            continue
        body = text[s:e].rstrip(_TRAILING)
        words = len(text[s:e].split())
        heading = (bool(body) and body[-1] not in _CLOSING_PUNCT and words <= heading_max_words
                   and not _ATTRIBUTION_TAIL.search(body))
        out.append(Paragraph(len(out), s, e, heading))
    return out


_LINE_END = tuple(".!?…\"”’'»:;")


def _hard_wrapped(text: str) -> bool:
    """Text wrapped at a fixed width: long lines, most of them ending mid-sentence."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 3:
        return False
    lengths = sorted(len(ln) for ln in lines)
    ended = sum(1 for ln in lines if ln.endswith(_LINE_END))
    return lengths[len(lengths) // 2] >= 40 and ended * 2 < len(lines)


def _wrapped_breaks(text: str, breaks: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
        if short and (line.endswith(_LINE_END) or (n == 0 and not line.endswith(_LINE_END))):
            kept.append((a, b))
    return kept


def headings(text: str, paras: list[Paragraph]) -> list[Heading]:
    return [Heading(p.start, p.end, text[p.start:p.end]) for p in paras if p.heading]


def _is_abbreviation(word: str, punct: str, abbreviations: Collection[str]) -> bool:
    if punct != ".":
        return False
    bare = word.lstrip(_OPENERS + ",”")
    if not bare:
        return False
    if (bare.lower() + ".") in abbreviations:
        return True
    if len(bare) == 1 and bare.isalpha() and bare.isupper():
        return True  # an initial: "J. Okafor"
    return "." in bare and all(len(part) <= 3 for part in bare.split("."))  # U.S., o.a., e.g.


def sentences(text: str, paras: list[Paragraph], abbreviations: Collection[str]) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence in the non-heading paragraphs."""
    out: list[tuple[int, int, int]] = []
    for para in paras:
        if para.heading:
            continue
        start = para.start
        chunk = text[para.start:para.end]
        for m in _BOUNDARY.finditer(chunk):
            punct, closers = m.group(1), m.group(2)
            end = para.start + m.end(2)
            nxt = chunk[m.end():m.end() + 2]
            word_start = chunk.rfind(" ", 0, m.start(1)) + 1
            word = chunk[word_start:m.start(1)]
            if _is_abbreviation(word, punct, abbreviations) and not closers:
                continue
            first = nxt[:1]
            if not (first.isupper() or first.isdigit() or first in _OPENERS or nxt == ",,"
                    or first in "-–—•*"):
                continue
            s, e = _trim(text, start, end)
            if s < e:
                out.append((s, e, para.index))
            start = end
        s, e = _trim(text, start, para.end)
        if s < e:
            out.append((s, e, para.index))
    return out


_LINE_BREAK = re.compile(r"(?<=[.!?…\"”’'»])[ \t]*\n\s*(?=\S)|[ \t]*\n\s*(?=[“„«\"‘'―—–-])")


def split_lines(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Split sentences at single line breaks that end a sentence or open a quotation."""
    out: list[tuple[int, int, int]] = []
    for s, e, para in spans:
        if "\n" not in text[s:e]:
            out.append((s, e, para))
            continue
        start = s
        for m in _LINE_BREAK.finditer(text, s, e):
            if m.start() > start:
                out.append((start, m.start(), para))
            start = m.end()
        if start < e:
            out.append((start, e, para))
    return out


_DOUBLE = {"“": "”“", "”": "”“", "„": "”“\"", "«": "»", "\"": "\"”", ",,": "''”“"}
_SINGLE = {"‘": "’", "'": "'’", "‹": "›"}
_MARKS = re.compile(r"[“”„«»\"‘’'‹›]|,,")


def _opens(text: str, i: int) -> str | None:
    ch = text[i]
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch == "," and nxt == "," and (prev.isspace() or prev in "(—–-") and i + 2 < len(text) \
            and not text[i + 2].isspace():
        return ",,"
    if ch in "“„«":
        return ch if not nxt.isspace() else None
    if ch == "”" and (i == 0 or prev == "\n") and not nxt.isspace():
        return ch  # some pages open a paragraph's quotation with a closing mark
    if ch in "\"‘'‹" and (prev.isspace() or prev in "([—–-/" or i == 0) and not nxt.isspace():
        return ch
    return None


def _closes(text: str, i: int, opener: str) -> int:
    """Length of the closing mark at ``i`` for ``opener``, or 0."""
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prev = text[i - 1] if i else " "
    if opener == ",,":
        if text.startswith("''", i):
            return 2
        return 1 if text[i] in "”“" else 0
    if opener in _DOUBLE:
        if text[i] in _DOUBLE[opener] and not (opener == "\"" and prev.isspace()):
            return 1
        return 0
    closers = _SINGLE.get(opener, "")
    if text[i] in closers and not prev.isspace() and not nxt.isalnum():
        return 1
    return 0


def quotations(text: str, paras: list[Paragraph]) -> list[Quote]:
    """Direct quotations, also those that run over several paragraphs.

    A quotation still open at the end of a paragraph continues when the next
    paragraph opens with the same mark (the English convention); otherwise it
    ends with its paragraph.  An unclosed single quote is taken for an
    apostrophe and dropped.
    """
    out: list[Quote] = []
    open_at: int | None = None
    opener = ""
    for n, para in enumerate(paras):
        i = para.start
        if open_at is not None:
            if _opens(text, para.start) == opener:
                i = para.start + len(opener)
            else:
                prev = paras[n - 1]
                if opener in _DOUBLE:
                    out.append(Quote(open_at, prev.end, opener, closed=False))
                open_at = None
        for m in _MARKS.finditer(text, i, para.end):
            j = m.start()
            if j < i:
                continue
            if open_at is None:
                mark = _opens(text, j)
                if mark:
                    open_at, opener = j, mark
                    i = j + len(mark)
            else:
                size = _closes(text, j, opener)
                if size:
                    out.append(Quote(open_at, j + size, opener))
                    open_at = None
                    i = j + size
    if open_at is not None and opener in _DOUBLE:
        out.append(Quote(open_at, paras[-1].end, opener, closed=False))
    return out
