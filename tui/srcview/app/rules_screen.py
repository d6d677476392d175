"""``r``: the rules view — every weight and numeric setting, edited in place, saved to the user's file.

It displays a :class:`~srcview.app.rules_session.RulesSession` and sends the
user's intent on: a value typed is checked by the session and the change goes
to the app (``RulesRequested``), which re-scores at once or re-analyses in a
worker; undo, save and "save elsewhere" act on the session and tell the app
(``RulesUpdated``).  The view redraws when the app's ``rules_version`` moves.
Beside the table: what the highlighted row does, and the claims the last change
moved (old → new score, label changes).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from ..errors import SrcviewError
from ..report import clean, shorten
from .logic import LETTER
from .messages import EditRulesFile, RulesRequested, RulesUpdated
from .rules_session import RulesSession, fmt

_P = "rules-screen--"


def edit_in_editor(app, path: Path) -> None:
    """Open ``path`` in ``$VISUAL``/``$EDITOR`` with the app suspended (the default ``app.edit_file``)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with app.suspend():
        subprocess.run([*shlex.split(editor), str(path)], check=False)


def moved_lines(session: RulesSession, limit: int = 40) -> Content:
    """The claims the last change moved, one per line: ``  12 A→N  35 → 50  Start of the claim``."""
    moved = session.last_moved
    if not moved:
        return Content.styled("No claim moved with the last change." if session.undo_stack or session.status
                              else "Change a value: the claims it moves are listed here.", f".{_P}muted")
    parts: list[Content] = [Content.styled(f"{len(moved)} claim{'s' if len(moved) != 1 else ''} moved", "bold")]
    for m in moved[:limit]:
        label = (f"{LETTER[m.old_label]}→{LETTER[m.new_label]}" if m.old_label != m.new_label
                 else f" {LETTER[m.new_label]} ")
        up = m.new_score > m.old_score
        parts.append(Content.assemble(
            f"{m.id:>4} ", (label, f".{_P}{m.new_label}"),
            f" {m.old_score:>3.0f} → ", (f"{m.new_score:>3.0f}", f".{_P}{'up' if up else 'down'}"),
            "  ", (shorten(clean(m.text), 60), f".{_P}muted")))
    if len(moved) > limit:
        parts.append(Content.styled(f"… and {len(moved) - limit} more", f".{_P}muted"))
    return Content("\n").join(parts)


class RulesScreen(ModalScreen[None]):
    """Every weight and numeric setting: Enter edits, u undoes, ctrl+s saves, w picks the file, e opens it."""

    COMPONENT_CLASSES = {_P + "muted", _P + "up", _P + "down", *(_P + label for label in LETTER)}

    BINDINGS = [
        Binding("escape", "close", "Close the rules"),
        Binding("u", "undo", "Undo the last change"),
        Binding("ctrl+s", "save", "Save the changes to the rules file"),
        Binding("w", "save_place", "Save to: this folder or the user config folder"),
        Binding("e", "edit_file", "Open the rules file in $EDITOR"),
        Binding("j", "down", "Next row", show=False),
        Binding("k", "up", "Previous row", show=False),
    ]

    def __init__(self, session: RulesSession) -> None:
        super().__init__()
        self.session = session
        self._editing: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="rules-box") as box:
            box.border_title = "Rules"
            box.border_subtitle = "Enter: edit · u: undo · ^s: save · w: save where · e: edit file · Esc: close"
            yield Static("", id="rules-file", markup=False)
            with Horizontal(id="rules-body"):
                yield DataTable(id="rules-table", cursor_type="row", zebra_stripes=True)
                with Vertical(id="rules-side"):
                    yield Static("", id="rules-about", markup=False)
                    with VerticalScroll(id="rules-moved-box"):
                        yield Static("", id="rules-moved", markup=False)
            yield Input(id="rules-input", compact=True)
            yield Static("", id="rules-errors", markup=False)
            yield Static("", id="rules-status", markup=False)

    def on_mount(self) -> None:
        table = self.table
        for key in ("name", "value", "from", "range"):
            table.add_column(key, key=key)
        if self.app.is_headless:
            self.query_one(Input).cursor_blink = False
        self.query_one("#rules-moved-box").border_title = "Claims moved"
        self.watch(self.app, "rules_version", lambda _v: self.refresh_view(), init=False)
        self.refresh_view()
        table.focus()

    @property
    def table(self) -> DataTable:
        return self.query_one("#rules-table", DataTable)

    def refresh_view(self) -> None:
        """Show the session as it is now."""
        session = self.session
        target = session.target
        state = "" if target.exists() else " (not there yet: ^s creates it)"
        pending = (f" · {len(session.changes)} change{'s' if len(session.changes) != 1 else ''} not saved"
                   if session.changes else "")
        self.query_one("#rules-file", Static).update(f"Saves to {clean(str(target))}{state}{pending}")
        table = self.table
        row = table.cursor_row
        table.clear()
        for r in session.rows():
            table.add_row(
                Content.styled(r.name, "bold") if r.changed else r.name,
                (fmt(r.value) + (" *" if r.changed else "  ")).rjust(7),
                r.origin,
                r.allowed,
                key=r.key,
            )
        if row:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        self._show_about()
        self.query_one("#rules-moved", Static).update(moved_lines(session))
        errors = self.query_one("#rules-errors", Static)
        errors.update("\n".join(clean(e) for e in session.errors))
        errors.display = bool(session.errors)
        self.query_one("#rules-status", Static).update(clean(session.status))

    def _show_about(self) -> None:
        table = self.table
        if not table.row_count:
            return
        key = str(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)
        row = next((r for r in self.session.rows() if r.key == key), None)
        about = self.query_one("#rules-about", Static)
        if row is None:
            about.update("")
            return
        about.update(Content.assemble((row.name, "bold"), f" ({row.allowed})\n",
                                      (row.description or "No description.", f".{_P}muted")))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_about()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        section, name = str(event.row_key.value).split(".", 1)
        self._editing = (section, name)
        box = self.query_one(Input)
        box.placeholder = name
        box.value = fmt(self.session.value(section, name))
        box.add_class("-visible")
        self.set_focus(box)  # now: keys typed right after Enter go to the box

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._editing is None:
            return
        section, name = self._editing
        session = self.session
        if session.busy:
            self._say("a re-analysis is still running; try again in a moment", error=True)
            return
        try:
            pending = session.change(section, name, event.value)
        except SrcviewError as err:
            self._say(f"{name}: {err.message}; kept the old value", error=True)
            return
        self._stop_editing()
        if pending is None:
            self.refresh_view()
            return
        session.status = f"{pending.what}: " + ("re-scoring…" if pending.analysis is not None else "re-analysing…")
        self.refresh_view()
        self.post_message(RulesRequested(pending))

    def _say(self, text: str, error: bool = False) -> None:
        self.session.status = text
        self.refresh_view()
        if error:
            self.app.bell()

    def _stop_editing(self) -> None:
        self._editing = None
        box = self.query_one(Input)
        box.remove_class("-visible")
        self.set_focus(self.table)

    def action_close(self) -> None:
        if self._editing is not None:
            self._stop_editing()
            return
        self.dismiss(None)

    def action_undo(self) -> None:
        if self.session.busy:
            self._say("a re-analysis is still running", error=True)
            return
        if self.session.undo():
            self.post_message(RulesUpdated("undo"))
        self.refresh_view()

    def action_save(self) -> None:
        try:
            self.session.save()
        except SrcviewError:
            self._say(self.session.status, error=True)  # "not saved: file: why" — the change is kept
            return
        self.post_message(RulesUpdated("save"))
        self.refresh_view()

    def action_save_place(self) -> None:
        self.session.next_place()
        self.post_message(RulesUpdated("place"))
        self.refresh_view()

    def action_edit_file(self) -> None:
        if self.session.busy:
            self._say("a re-analysis is still running", error=True)
            return
        self.post_message(EditRulesFile(self.session.target))

    def action_down(self) -> None:
        self.table.action_cursor_down()

    def action_up(self) -> None:
        self.table.action_cursor_up()
