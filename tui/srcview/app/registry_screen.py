"""Add the selected claim's source to the user's registry, or set its credibility (key ``+``)."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..errors import SrcviewError
from ..model import REGISTRY_KINDS, Source
from ..report import clean

if TYPE_CHECKING:
    from .rules_session import RulesSession


def entry_id(name: str) -> str:
    """A registry id for ``name``: lower case ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "source"


def registry_entry(source: Source, credibility: float) -> dict:
    """The ``[[registry]]`` entry for ``source``: its registry id when it matched one, else a new one."""
    ident = source.match.entry if source.match is not None else entry_id(source.canonical)
    kind = source.kind if source.kind in REGISTRY_KINDS else "organisation"
    entry = {"id": ident, "name": source.match.name if source.match is not None else source.canonical,
             "kind": kind, "credibility": credibility}
    if source.text != entry["name"] and source.match is None:
        entry["aliases"] = [source.text]
    return entry


class RegistryScreen(ModalScreen["Pending | None"]):
    """Ask for a credibility, write the source's entry to the user's rules file; dismiss with the new rules.

    A save that fails (a broken file, a folder in the way) is said on one line
    and the dialog stays, with what the user typed.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    RegistryScreen { align: center middle; }
    RegistryScreen > Vertical { width: 72; height: auto; border: round $accent; padding: 0 1; background: $surface; }
    RegistryScreen #registry-message { color: $text-muted; &.-error { color: $text-error; } }
    """

    def __init__(self, source: Source, session: RulesSession) -> None:
        super().__init__()
        self.source = source
        self.session = session

    def compose(self) -> ComposeResult:
        src = self.source
        known = f"registry entry {clean(src.match.entry)}" if src.match else "not in the registry yet"
        with Vertical() as box:
            box.border_title = "Source to registry"
            yield Static(f"{clean(src.canonical)} · {src.kind} · {known}", markup=False)
            yield Static(f"Credibility from 0 to 1, saved to {clean(str(self.session.target))}:", markup=False)
            value = "" if src.credibility is None else f"{src.credibility:g}"
            yield Input(value=value, placeholder="e.g. 0.7", id="registry-credibility")
            yield Static("Enter saves · Esc cancels", id="registry-message", markup=False)

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
        entry = registry_entry(self.source, credibility)
        try:
            pending = self.session.add_source(entry)
        except SrcviewError as err:
            message.update(f"Not saved: {clean(str(err))}")
            message.add_class("-error")
            return
        self.dismiss(pending)

    def action_cancel(self) -> None:
        self.dismiss(None)
