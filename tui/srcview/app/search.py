"""The search box above the claims panel (``/``): typing filters the claims by their text."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBox(Input):
    """An Input that reports Escape as a wish to clear the search."""

    BINDINGS = [
        Binding("escape", "cancel", "Clear the search and close the box"),
        Binding("down", "leave", "Go to the claims", show=False),
    ]

    class Cancelled(Message):
        """Escape: clear the search and close the box."""

    class Leave(Message):
        """Down arrow: keep the search, go to the claims."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search claims…  (Enter: keep · Esc: clear)", id=id)

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_leave(self) -> None:
        self.post_message(self.Leave())
