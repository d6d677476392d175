"""The top line: file, its outlet, language, claims per label as a stacked bar, the weak share, named sources.

The file's name comes first (its folder only when there is room), so a narrow
terminal cuts the folder, never the name.  The article's own outlet follows
with its rating and, when there is room, where the rating comes from
("The New York Times · 0.86 (Lin et al. 2023 · nytimes.com)").
"""

from __future__ import annotations

from pathlib import PurePath

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from ..model import LABEL_SPECS, LABELS, Analysis, Outlet
from ..report import clean, shorten
from .logic import BLOCK, LETTER, WEAK, bar_cells, labels_in_words, outlet_words, summarize

_P = "summary-bar--"
_WEAK_WORDS = labels_in_words(WEAK).replace(" and ", " or ")
_WEAK_SHORT = "/".join(name[:5] + "." for name in LABELS if name in WEAK)


def split_name(path: str) -> tuple[str, str]:
    """(file name, its folder with a trailing slash or "") of ``path`` as shown."""
    if path.startswith("<"):
        return path, ""
    pure = PurePath(path)
    folder = str(pure.parent)
    return pure.name or path, "" if folder in (".", "") else folder.rstrip("/") + "/"


Parts = list[tuple[str, str] | str]


def outlet_parts(outlet: Outlet | None) -> tuple[Parts, Parts, Parts]:
    """The outlet as the summary shows it: with its rating's basis, with its rating, and shortest; [] if unknown."""
    if outlet is None:
        return [], [], []
    name = clean(outlet.name)
    short = min(name, clean(outlet.domain or name), key=len)
    rating: Parts = [(f" · {outlet.rating:.2f}", "bold")] if outlet.rating is not None else \
        [(" · not rated", f".{_P}muted")]
    basis: Parts = [(f" ({clean(outlet.basis)})", f".{_P}muted")] if outlet.rating is not None and outlet.basis else []
    full: Parts = [" ", (shorten(name, 40), f".{_P}outlet"), *rating, *basis, " "]
    mid: Parts = [" ", (shorten(name, 30), f".{_P}outlet"), *rating, " "]
    small: Parts = [" ", (shorten(short, 16), f".{_P}outlet"), *rating, " "]
    return full, mid, small


class SummaryBar(Widget):
    """One line; drops the less important parts first when the terminal is narrow."""

    COMPONENT_CLASSES = {
        _P + "file", _P + "muted", _P + "weak", _P + "outlet", *(_P + spec.style for spec in LABEL_SPECS.values()),
    }

    DEFAULT_CSS = """
    SummaryBar { height: 1; }
    """

    file: reactive[str] = reactive("")
    status: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._analysis: Analysis | None = None

    def set_analysis(self, analysis: Analysis | None) -> None:
        self._analysis = analysis
        outlet = analysis.outlet if analysis is not None else None
        self.tooltip = Content(f"Outlet: {clean(outlet_words(outlet))}") if outlet is not None else None
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        name, folder = split_name(clean(self.file) or "srcview")
        head = [(f" {shorten(name, max(width // 2, 16))} ", f".{_P}file")]
        where = [(f"in {shorten(folder, 40)} ", f".{_P}muted")] if folder else []
        analysis = self._analysis
        if analysis is None:
            return Content.assemble(*head, *where, (f" {self.status}", f".{_P}muted")).truncate(width, ellipsis=True)
        s = summarize(analysis)
        lang = [(f" {analysis.language} ", f".{_P}muted")]
        total = [(f" {s.total} claims ", "bold")]
        bar_width = 12 if width < 100 else 20
        bar: list[tuple[str, str] | str] = [("▕", f".{_P}muted")]
        for label, cells in bar_cells(s.counts, bar_width):
            bar.append((BLOCK[label] * cells, f".{_P}{label}"))
        bar.append(("▏", f".{_P}muted"))
        counts: list[tuple[str, str] | str] = []
        for label in LABELS:
            counts.append((f" {LETTER[label]} ", f".{_P}{label}"))
            counts.append(f"{s.counts[label]} ")
        weak = [(f"  {s.weak_share:.0%} {_WEAK_WORDS}", f".{_P}weak")]
        weak_short = [(f"  {s.weak_share:.0%} {_WEAK_SHORT}", f".{_P}weak")]
        named = [(f"  {s.named_sources} named sources", "")]
        named_short = [(f"  {s.named_sources} named src", "")]
        outlet_full, outlet_mid, outlet_short = outlet_parts(analysis.outlet)
        # From the widest to the narrowest arrangement; the first that fits wins.
        layouts = [
            [head, where, outlet_full, lang, total, bar, counts, weak, named],
            [head, outlet_full, lang, total, bar, counts, weak, named],
            [head, outlet_full, lang, total, bar, counts, weak_short, named_short],
            [head, outlet_full, lang, total, counts, weak_short, named_short],  # the basis before the bar
            [head, outlet_full, lang, total, counts, weak_short],
            [head, outlet_mid, lang, total, bar, counts, weak_short, named_short],
            [head, outlet_mid, lang, total, counts, weak_short, named_short],
            [head, outlet_mid, lang, total, counts, weak_short],
            [head, outlet_short, lang, total, counts, weak_short],
            [head, outlet_short, total, counts],
            [head, total, counts],
        ]
        for layout in layouts:
            content = Content.assemble(*[part for group in layout for part in group])
            if content.cell_length <= width:
                return content
        return content.truncate(width, ellipsis=True)
