"""Add the selected claim's source to the user's registry, or set its credibility (key ``+``)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..errors import SrcviewError
from ..model import Source
from ..report import clean

KINDS = ("person", "organisation", "outlet", "government", "document")


def entry_id(name: str) -> str:
    """A registry id for ``name``: lower case ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "source"


def registry_entry(source: Source, credibility: float) -> dict:
    """The ``[[registry]]`` entry for ``source``: its registry id when it matched one, else a new one."""
    ident = source.match.entry if source.match is not None else entry_id(source.canonical)
    kind = source.kind if source.kind in KINDS else "organisation"
    entry = {"id": ident, "name": source.match.name if source.match is not None else source.canonical,
             "kind": kind, "credibility": credibility}
    if source.text != entry["name"] and source.match is None:
        entry["aliases"] = [source.text]
    return entry


class RegistryScreen(ModalScreen[None]):
    """Ask for a credibility, then write the source's entry to the user's rules file."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel")]
    DEFAULT_CSS = """
    RegistryScreen { align: center middle; }
    RegistryScreen > Vertical { width: 72; height: auto; border: round $accent; padding: 0 1; background: $surface; }
    RegistryScreen #registry-message { color: $text-muted; }
    """

    def __init__(self, source: Source, target: Path) -> None:
        super().__init__()
        self.source = source
        self.target = target

    def compose(self) -> ComposeResult:
        src = self.source
        known = f"registry entry {src.match.entry}" if src.match else "not in the registry yet"
        with Vertical() as box:
            box.border_title = "Source to registry"
            yield Static(f"{clean(src.canonical)} · {src.kind} · {known}")
            yield Static(f"Credibility from 0 to 1, saved to {self.target}:")
            value = "" if src.credibility is None else f"{src.credibility:g}"
            yield Input(value=value, placeholder="e.g. 0.7", id="registry-credibility")
            yield Static("Enter saves · Esc cancels", id="registry-message")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        message = self.query_one("#registry-message", Static)
        try:
            credibility = float(event.value.strip().replace(",", "."))
        except ValueError:
            message.update(f"'{clean(event.value)}' is not a number between 0 and 1")
            return
        if not 0 <= credibility <= 1:
            message.update(f"{credibility:g} is outside 0..1")
            return
        from ..rules_edit import add_registry_entry

        entry = registry_entry(self.source, credibility)
        try:
            add_registry_entry(self.target, entry)
        except SrcviewError as err:
            message.update(str(err))
            return
        self.dismiss(None)
        self.app.notify(f"{entry['name']}: credibility {credibility:g} saved to {self.target} (entry {entry['id']})")
        from .rules_screen import session_for

        session_for(self.app).reload(self.target)
