"""The top line: file, language, claims per label as a stacked bar, the weak share, named sources."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from ..model import LABELS, Analysis
from ..report import clean, shorten
from .logic import BLOCK, LETTER, bar_cells, summarize

_P = "summary-bar--"


class SummaryBar(Widget):
    """One line; drops the less important parts first when the terminal is narrow."""

    COMPONENT_CLASSES = {
        _P + "file", _P + "muted", _P + "named", _P + "anonymous", _P + "unverified", _P + "unattributed",
        _P + "weak",
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
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        name = clean(self.file) or "srcview"
        head = [(f" {shorten(name, max(width // 3, 12))} ", f".{_P}file")]
        analysis = self._analysis
        if analysis is None:
            return Content.assemble(*head, (f"  {self.status}", f".{_P}muted")).truncate(width, ellipsis=True)
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
        weak = [(f"  {s.weak_share:.0%} anonymous or unverified", f".{_P}weak")]
        weak_short = [(f"  {s.weak_share:.0%} anon/unverif.", f".{_P}weak")]
        named = [(f"  {s.named_sources} named sources", "")]
        named_short = [(f"  {s.named_sources} named src", "")]
        # From the widest to the narrowest arrangement; the first that fits wins.
        layouts = [
            [head, lang, total, bar, counts, weak, named],
            [head, lang, total, bar, counts, weak_short, named_short],
            [head, lang, total, counts, weak_short, named_short],
            [head, lang, total, counts, weak_short],
            [head, total, counts],
        ]
        for layout in layouts:
            content = Content.assemble(*[part for group in layout for part in group])
            if content.cell_length <= width:
                return content
        return content.truncate(width, ellipsis=True)
