"""What the app shows, computed from an Analysis: no widgets here.

Filtering and sorting the claims, the rows of the sources view, the summary
figures and the wrapping of the article into screen lines are plain functions,
so they can be tested and timed without a terminal.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import get_character_cell_size

from ..model import LABEL_SPECS, LABELS, UNNAMED_KINDS, Analysis, Claim, Outlet
from ..report import clean

# Everything the app says about a label comes from model.LABEL_SPECS.
#: One letter per label, so that colour is never the only signal.
LETTER = {name: spec.letter for name, spec in LABEL_SPECS.items()}
#: The block used for a label in the summary bar (distinct without colour).
BLOCK = {name: spec.block for name, spec in LABEL_SPECS.items()}
#: The keys that show or hide each label, in LABELS order.
LABEL_KEYS = {name: spec.key for name, spec in LABEL_SPECS.items()}
#: The labels counted as weakly sourced ("next weak claim", the summary's share).
WEAK = frozenset(name for name, spec in LABEL_SPECS.items() if spec.weak)
#: The key that, with shift, shows only one label: the character shift gives on a US layout.
SHIFTED = {"1": "exclamation_mark", "2": "at", "3": "number_sign", "4": "dollar_sign", "5": "percent_sign",
           "6": "circumflex_accent", "7": "ampersand", "8": "asterisk", "9": "left_parenthesis"}
SHIFTED_CHAR = {"1": "!", "2": "@", "3": "#", "4": "$", "5": "%", "6": "^", "7": "&", "8": "*", "9": "("}

SORTS = ("document", "score", "source")
SORT_TITLES = {"document": "document order", "score": "score, lowest first", "source": "source A–Z"}

#: Score bands, lowest first: (lowest score, name, what it means).  The claims panel
#: colours a score by its band (``claims-list--band-NAME`` in srcview.tcss).
SCORE_BANDS: tuple[tuple[int, str, str], ...] = (
    (0, "weak", "0–39: the reader has to take it on trust"),
    (40, "fair", "40–64: sourced, with reservations"),
    (65, "strong", "65–100: on the record, from a credible source"),
)


def score_band(score: float) -> str:
    """The name of the band ``score`` falls in."""
    band = SCORE_BANDS[0][1]
    for low, name, _ in SCORE_BANDS:
        if score >= low:
            band = name
    return band


def label_keys_text() -> str:
    """The label keys as the key bar shows them, e.g. ``1-4``."""
    keys = [spec.key for spec in LABEL_SPECS.values()]
    return f"{keys[0]}-{keys[-1]}" if len(keys) > 1 else keys[0]


def labels_in_words(labels: Iterable[str]) -> str:
    """``["anonymous", "unverified"]`` → ``anonymous and unverified``."""
    names = [lb for lb in LABELS if lb in set(labels)]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def filter_in_words(hidden: frozenset[str]) -> str:
    """What the label filter shows, in words: "only anonymous claims", "no named claims"."""
    shown = [lb for lb in LABELS if lb not in hidden]
    if not hidden:
        return "every label"
    if not shown:
        return "no label"
    if len(shown) <= len(hidden):
        return f"only {labels_in_words(shown)}"
    return f"no {labels_in_words(hidden)}"


# --- claims -----------------------------------------------------------------

@dataclass(frozen=True)
class ClaimFilter:
    """Everything that decides which claims the panel lists, and in which order."""

    hidden: frozenset[str] = frozenset()
    source: int | None = None  # index into analysis.sources (names repeat across kinds)
    search: str = ""
    sort: str = "document"

    @property
    def active(self) -> bool:
        return bool(self.hidden or self.source is not None or self.search.strip())


class ClaimIndex:
    """An analysis with the look-ups the app needs, built once per analysis."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.claims = analysis.claims
        self.by_id: dict[int, Claim] = {c.id: c for c in analysis.claims}
        self._folded: list[str] | None = None
        self.source_claims: list[frozenset[int]] = [frozenset(s.claims) for s in analysis.sources]

    @property
    def folded(self) -> list[str]:
        """Claim texts case-folded for search, in document order (built on the first search)."""
        if self._folded is None:
            self._folded = [c.text.casefold() for c in self.claims]
        return self._folded

    def next_with(self, current: int | None, labels: frozenset[str], step: int = 1,
                  among: Sequence[int] | None = None) -> int | None:
        """The id of the next (``step`` 1) or previous (-1) claim in document order with one of ``labels``.

        Wraps around; ``among`` limits the choice to those ids (the claims listed now).
        """
        allowed = set(among) if among is not None else None
        ids = [c.id for c in self.claims if c.label in labels and (allowed is None or c.id in allowed)]
        return _next_id(ids, current, step)

    def next_match(self, current: int | None, needle: str, step: int = 1) -> int | None:
        """The id of the next (or previous) claim in document order whose text holds ``needle``."""
        needle = needle.strip().casefold()
        if not needle:
            return None
        ids = [c.id for c, text in zip(self.claims, self.folded, strict=True) if needle in text]
        return _next_id(ids, current, step)

    def visible(self, flt: ClaimFilter) -> list[Claim]:
        """The claims that pass ``flt``, in its order."""
        claims: Iterable[Claim] = self.claims
        if flt.hidden:
            hidden = flt.hidden
            claims = [c for c in claims if c.label not in hidden]
        if flt.source is not None:
            ids = self.source_claims[flt.source] if 0 <= flt.source < len(self.source_claims) else frozenset()
            claims = [c for c in claims if c.id in ids]
        needle = flt.search.strip().casefold()
        if needle:
            folded = self.folded
            claims = [c for c in claims if needle in folded[c.id - 1]] if _ids_dense(self.claims) else \
                [c for c in claims if needle in c.text.casefold()]
        return sort_claims(list(claims), flt.sort)


def _next_id(ids: list[int], current: int | None, step: int) -> int | None:
    """The id after (or before) ``current`` in the sorted ``ids``, wrapping around."""
    if not ids:
        return None
    if current is None:
        return ids[0] if step > 0 else ids[-1]
    if step > 0:
        i = bisect_right(ids, current)
        return ids[i] if i < len(ids) else ids[0]
    i = bisect_left(ids, current) - 1
    return ids[i] if i >= 0 else ids[-1]


def _ids_dense(claims: Sequence[Claim]) -> bool:
    return not claims or (claims[0].id == 1 and claims[-1].id == len(claims))


def sort_claims(claims: list[Claim], sort: str) -> list[Claim]:
    """``claims`` in document order, by score (lowest first) or by source name."""
    if sort == "score":
        return sorted(claims, key=lambda c: (c.score, c.id))
    if sort == "source":
        return sorted(claims, key=lambda c: (c.source is None, c.source.canonical.casefold() if c.source else "",
                                             c.id))
    return sorted(claims, key=lambda c: c.id)


def next_sort(sort: str) -> str:
    return SORTS[(SORTS.index(sort) + 1) % len(SORTS)] if sort in SORTS else SORTS[0]


# --- summary ----------------------------------------------------------------

@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    total: int
    weak_share: float  # anonymous + unverified, 0..1
    named_sources: int


def summarize(analysis: Analysis) -> Summary:
    counts = analysis.counts()
    total = len(analysis.claims)
    weak = sum(counts[label] for label in WEAK)
    named = {c.source.canonical for c in analysis.claims if c.label == "named" and c.source is not None}
    return Summary(counts, total, weak / total if total else 0.0, len(named))


def bar_cells(counts: dict[str, int], width: int) -> list[tuple[str, int]]:
    """Cells per label for a stacked bar ``width`` wide: every label present gets at least one."""
    total = sum(counts.values())
    if total <= 0 or width <= 0:
        return []
    present = [label for label in LABELS if counts.get(label, 0) > 0]
    width = max(width, len(present))
    exact = {label: counts[label] * width / total for label in present}
    cells = {label: max(1, int(exact[label])) for label in present}
    while sum(cells.values()) > width:  # the minimum of one cell overshot: take from the largest
        big = max(present, key=lambda lb: (cells[lb], -LABELS.index(lb)))
        cells[big] -= 1
    order = sorted(present, key=lambda lb: (-(exact[lb] - int(exact[lb])), LABELS.index(lb)))
    i = 0
    while sum(cells.values()) < width:
        cells[order[i % len(order)]] += 1
        i += 1
    return [(label, cells[label]) for label in present]


# --- sources ----------------------------------------------------------------

@dataclass(frozen=True)
class SourceRow:
    index: int  # into analysis.sources
    canonical: str
    kind: str
    credibility: float | None
    claims: int
    mean_score: float | None
    labels: str  # e.g. "N" or "NA": the labels of its claims, by letter
    basis: str | None = None  # where the credibility comes from ("Lin et al. 2023 · wsj.com")
    domain: str | None = None  # an outlet's web domain


def credibility_words(value: float | None, basis: str | None, kind: str = "") -> str:
    """A credibility with where it comes from: "0.80 · Lin et al. 2023 · wsj.com", or why there is none."""
    if value is None:
        return "none: an unnamed source" if kind in UNNAMED_KINDS else "unknown: not in the source registry"
    return f"{value:.2f} · {basis}" if basis else f"{value:.2f}"


def outlet_words(outlet: Outlet | None) -> str:
    """The article's own outlet in a line: "The New York Times (nytimes.com) · 0.86 · Lin et al. 2023 · …"."""
    if outlet is None:
        return "unknown (srcview --outlet NAME|DOMAIN names it)"
    name = outlet.name + (f" ({outlet.domain})" if outlet.domain and outlet.domain != outlet.name else "")
    found = f" · found from its {outlet.found}" if outlet.found and not outlet.found.startswith("-") else \
        f" · given as {outlet.found}" if outlet.found else ""
    rating = credibility_words(outlet.rating, outlet.basis) if outlet.rating is not None else "not rated"
    return f"{name} · {rating}{found}"


def source_rows(analysis: Analysis) -> list[SourceRow]:
    """One row per resolved source: most claims first, then order of first mention."""
    by_id = {c.id: c for c in analysis.claims}
    rows = []
    for order, src in enumerate(analysis.sources):
        claims = [by_id[i] for i in src.claims if i in by_id]
        mean = sum(c.score for c in claims) / len(claims) if claims else None
        labels = "".join(LETTER[lb] for lb in LABELS if any(c.label == lb for c in claims))
        rows.append((order, SourceRow(order, src.canonical, src.kind, src.credibility, len(claims), mean, labels,
                                      src.credibility_basis, src.domain)))
    rows.sort(key=lambda pair: (-pair[1].claims, pair[0]))
    return [row for _, row in rows]


# --- wrapping the article ----------------------------------------------------

# Characters one cell wide with no special handling: printable ASCII, Latin,
# Greek, Cyrillic, general punctuation (quotes, dashes, ellipsis), currency.
_COMPLEX = re.compile(r"[^\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u052f\u1e00-\u1fff\u2010-\u2027\u2030-\u205e"
                      r"\u20a0-\u20bf\u2100-\u214f]")


def char_cells(ch: str) -> int:
    """Cells ``ch`` takes on screen once the article is cleaned (``report.clean``: controls take none, a tab one)."""
    if ch == "\t":
        return 1
    if not clean(ch):
        return 0
    return get_character_cell_size(ch)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Screen lines of ``text`` at ``width`` cells, as (start, end) offsets into ``text``.

    Every newline ends a line (a blank line stays blank), long lines break at
    the last space that fits (the space itself is dropped), and a word longer
    than the width is cut.  Offsets are str indices, so the lines map straight
    back to claims.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    append = lines.append
    n = len(text)
    pos = 0
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        if nl - pos <= width and not _COMPLEX.search(text, pos, nl):
            append((pos, nl))
        elif not _COMPLEX.search(text, pos, nl):
            _wrap_simple(text, pos, nl, width, append)
        else:
            _wrap_complex(text, pos, nl, width, append)
        pos = nl + 1
    if not lines:
        append((0, 0))
    return lines


def _wrap_simple(text: str, a: int, end: int, width: int, append) -> None:
    rfind = text.rfind
    while end - a > width:
        cut = rfind(" ", a + 1, a + width + 1)
        if cut < 0:
            append((a, a + width))
            a += width
        else:
            append((a, cut))
            a = cut + 1
    append((a, end))


def _wrap_complex(text: str, a: int, end: int, width: int, append) -> None:
    start = a
    used = 0
    space = -1  # index of the last space on the current line
    i = a
    while i < end:
        ch = text[i]
        w = char_cells(ch)
        if used + w > width and i > start:
            if ch == " ":
                append((start, i))
                start, used, space = i + 1, 0, -1
                i += 1
                continue
            if space > start:
                append((start, space))
                start = space + 1
                used = sum(char_cells(c) for c in text[start:i])
            else:
                append((start, i))
                start, used = i, 0
            space = -1
        if ch == " ":
            space = i
        used += w
        i += 1
    append((start, end))


def line_of(line_starts: Sequence[int], offset: int) -> int:
    """Index of the screen line holding text ``offset``."""
    return max(bisect_right(line_starts, offset) - 1, 0)


def column_to_offset(text: str, start: int, end: int, column: int) -> int:
    """The text offset under screen ``column`` of the line ``text[start:end]``."""
    if column <= 0:
        return start
    if not _COMPLEX.search(text, start, end):
        return min(start + column, end)
    used = 0
    for i in range(start, end):
        used += char_cells(text[i])
        if used > column:
            return i
    return end
