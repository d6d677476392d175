"""Asked on quit when rule changes are not saved: save, discard, or stay."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..errors import SrcviewError
from ..report import clean
from .rules_session import RulesSession, fmt


class QuitScreen(ModalScreen[str | None]):
    """Dismisses with "saved" (saved, then quit), "discard" (quit without saving) or None (stay)."""

    BINDINGS = [
        Binding("s", "save", "Save the changes, then quit"),
        Binding("d", "discard", "Quit without saving"),
        Binding("escape,c", "cancel", "Stay in srcview"),
    ]

    def __init__(self, session: RulesSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        count = len(session.changes)
        changed = ", ".join(f"{name} = {fmt(value)}" for (_, name), value in session.changes.items())
        with Vertical(id="quit-box") as box:
            box.border_title = "Quit srcview?"
            yield Static(f"{count} rule change{'s' if count != 1 else ''} not saved: {changed}", markup=False)
            yield Static(f"s: save to {clean(str(session.target))}, then quit", markup=False)
            yield Static("d: quit without saving · Esc: stay", markup=False)
            yield Static("", id="quit-error", markup=False)

    def action_save(self) -> None:
        try:
            self.session.save()
        except SrcviewError as err:
            error = self.query_one("#quit-error", Static)
            error.update(f"Not saved: {clean(str(err))}")
            error.add_class("-error")
            return
        self.dismiss("saved")

    def action_discard(self) -> None:
        self.dismiss("discard")

    def action_cancel(self) -> None:
        self.dismiss(None)
