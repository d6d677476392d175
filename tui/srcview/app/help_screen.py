"""``?``: every key binding of the app, read from the bindings themselves so it cannot go stale."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

_P = "help-screen--"
# Inherited scrolling bindings that do nothing here: the panes wrap, so nothing scrolls sideways.
_SKIP = {"scroll_left", "scroll_right", "page_left", "page_right"}


def class_bindings(cls: type) -> list[Binding]:
    """srcview's own bindings of ``cls`` and its bases, a subclass's binding of a key winning.

    Textual's inherited bindings (an Input's twenty editing keys, a scroll view's
    page keys) are left out: help lists what srcview adds, grouped.
    """
    by_key: dict[str, Binding] = {}
    for klass in reversed(cls.__mro__):
        if "BINDINGS" not in klass.__dict__ or not klass.__module__.startswith("srcview."):
            continue
        for binding in Binding.make_bindings(klass.__dict__["BINDINGS"]):
            by_key[binding.key] = binding
    return [b for b in by_key.values() if not b.system and b.description and b.action not in _SKIP]


def binding_lines(app: App, bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """(keys, description) pairs; keys that do the same thing are joined."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        grouped.setdefault((binding.action, binding.description), []).append(app.get_key_display(binding))
    return [(" ".join(dict.fromkeys(keys)), description) for (_, description), keys in grouped.items()]


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys, by the pane they work in."""

    COMPONENT_CLASSES = {_P + "section", _P + "key"}

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close the help")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc, q or ? to close"
            yield Static(self._content(), id="help-body")

    def _content(self) -> Content:
        width = max((len(keys) for _, rows in self.sections for keys, _ in rows), default=8) + 2
        parts: list[str | tuple[str, str]] = []
        for i, (title, rows) in enumerate(self.sections):
            if i:
                parts.append("\n")
            parts.extend([(title, f".{_P}section"), "\n"])
            for keys, description in rows:
                parts.extend([("  " + keys.ljust(width), f".{_P}key"), description, "\n"])
        return Content.assemble(*parts).rstrip()

    def action_close(self) -> None:
        self.dismiss(None)
