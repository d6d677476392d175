"""The sources view: one row per resolved source; choosing one filters the claims panel to it.

Each row says where its credibility comes from (the ``basis`` column, and in
full on the line under the table for the highlighted row, so that it reads at
80 columns too); the line below it names the article's own outlet.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ..model import LABEL_SPECS, Outlet
from ..report import clean, shorten
from .logic import SourceRow, credibility_words, outlet_words

ALL = "all"  # the row key of "all sources"; a source's key is its index in analysis.sources


class SourcesScreen(ModalScreen[int | None]):
    """Dismisses with the index of the source chosen, -1 to clear the filter, or None to change nothing."""

    BINDINGS = [
        Binding("escape,s,q", "close", "Close"),
        Binding("x", "clear", "All sources"),
        Binding("j", "down", show=False),
        Binding("k", "up", show=False),
    ]

    def __init__(self, rows: list[SourceRow], current: int | None = None, outlet: Outlet | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.current = current
        self.outlet = outlet
        self._by_key = {str(row.index): row for row in rows}

    def compose(self) -> ComposeResult:
        with Vertical(id="sources-box") as box:
            box.border_title = f"Sources ({len(self.rows)})"
            box.border_subtitle = "Enter: show its claims · x: all sources · Esc: close"
            yield DataTable(id="sources-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="sources-detail", markup=False)
            yield Static(Content(clean(f"Outlet of this article: {outlet_words(self.outlet)}")), id="sources-outlet",
                         markup=False)
            yield Static("", id="sources-hint", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("source", key="source")
        table.add_column("kind", key="kind")
        table.add_column("cred.", key="cred")
        table.add_column("claims", key="claims")
        table.add_column("mean", key="mean")
        table.add_column("labels", key="labels")
        table.add_column("basis of the credibility", key="basis")
        table.add_row(Text("(all sources)", style="italic"), "", "", "", "", "", "", key=ALL)
        for row in self.rows:
            # Rich Text cells: the table measures them (it cannot measure Content), and never reads them as markup.
            table.add_row(
                Text(shorten(clean(row.canonical), 32)),
                Text(row.kind),
                Text("–" if row.credibility is None else f"{row.credibility:.2f}", justify="right"),
                Text(str(row.claims), justify="right"),
                Text("–" if row.mean_score is None else f"{row.mean_score:.0f}", justify="right"),
                Text(row.labels),
                Text(shorten(clean(row.basis), 44) if row.basis else "–"),
                key=str(row.index),
            )
        if self.current is not None:
            for index, row in enumerate(self.rows, 1):
                if row.index == self.current:
                    table.move_cursor(row=index, animate=False)
                    break
        elif self.rows:
            table.move_cursor(row=1, animate=False)
        table.focus()
        self.query_one("#sources-hint", Static).update(
            "labels: " + " · ".join(f"{spec.letter} {name}" for name, spec in LABEL_SPECS.items()) if self.rows else
            "No sources: no claim in this article names one.")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted source in full on the line under the table: kind, domain, credibility and its basis."""
        row = self._by_key.get(str(event.row_key.value))
        if row is None:
            text = "All sources: Enter lists every claim again."
        else:
            kind = row.kind + (f" · {row.domain}" if row.domain else "")
            text = f"{row.canonical} · {kind} · credibility {credibility_words(row.credibility, row.basis, row.kind)}"
        self.query_one("#sources-detail", Static).update(Content(clean(text)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self.dismiss(-1 if key == ALL else int(key))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_clear(self) -> None:
        self.dismiss(-1)

    def action_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
