"""The sources view: one row per resolved source; choosing one filters the claims panel to it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ..model import LABEL_SPECS
from ..report import clean, shorten
from .logic import SourceRow

ALL = "all"  # the row key of "all sources"; a source's key is its index in analysis.sources


class SourcesScreen(ModalScreen[int | None]):
    """Dismisses with the index of the source chosen, -1 to clear the filter, or None to change nothing."""

    BINDINGS = [
        Binding("escape,s,q", "close", "Close"),
        Binding("x", "clear", "All sources"),
        Binding("j", "down", show=False),
        Binding("k", "up", show=False),
    ]

    def __init__(self, rows: list[SourceRow], current: int | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="sources-box") as box:
            box.border_title = f"Sources ({len(self.rows)})"
            box.border_subtitle = "Enter: show its claims · x: all sources · Esc: close"
            yield DataTable(id="sources-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="sources-hint", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("source", key="source")
        table.add_column("kind", key="kind")
        table.add_column("cred.", key="cred")
        table.add_column("claims", key="claims")
        table.add_column("mean", key="mean")
        table.add_column("labels", key="labels")
        table.add_row(Content.styled("(all sources)", "italic"), "", "", "", "", "", key=ALL)
        for row in self.rows:
            table.add_row(
                Content(shorten(clean(row.canonical), 40)),  # article text: never markup
                Content(row.kind),
                Content("–" if row.credibility is None else f"{row.credibility:.2f}").right(5),
                Content(str(row.claims)).right(6),
                Content("–" if row.mean_score is None else f"{row.mean_score:.0f}").right(4),
                Content(row.labels),
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
