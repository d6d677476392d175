"""The bottom line: the main keys, clickable.

Textual's Footer rebuilds itself whenever the focus moves (its bindings may
change), which costs a few hundred milliseconds with this many widgets; the
main keys of srcview are the same in every pane, so this bar is drawn once.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.content import Content
from textual.widget import Widget

from .logic import label_keys_text

_P = "key-bar--"

#: (key shown, what it does, action run on click or None)
Key = tuple[str, str, str | None]


def main_keys() -> tuple[Key, ...]:
    """The main window's keys, most important first (the label keys come from model.LABEL_SPECS)."""
    return (
        ("q", "Quit", "app.quit"),
        ("?", "Help", "app.help"),
        ("/", "Search", "app.search"),
        ("s", "Sources", "app.sources"),
        ("r", "Rules", "app.rules"),
        ("o", "Sort", "app.cycle_sort"),
        ("x", "Clear filters", "app.clear_filters"),
        (label_keys_text(), "Labels", None),
        ("]", "Weak", "app.next_weak"),
        ("z", "Zoom", "app.zoom"),
        ("l", "Legend", "app.legend"),
        ("j k", "Claims", None),
        ("^p", "Palette", "app.command_palette"),
    )


KEYS = main_keys()


class KeyBar(Widget):
    """One line of key hints; the least important drop off a narrow terminal."""

    COMPONENT_CLASSES = {_P + "key"}

    DEFAULT_CSS = """
    KeyBar { height: 1; }
    """

    def __init__(self, keys: Sequence[Key] = KEYS, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys = tuple(keys)
        self._spans: list[tuple[int, int, str]] = []  # (start x, end x, action) of the items drawn

    def render(self) -> Content:
        width = self.size.width
        parts: list[Content] = []
        spans: list[tuple[int, int, str]] = []
        used = 0
        for key, description, action in self.keys:
            item = Content.assemble((f" {key} ", f".{_P}key"), f"{description} ")
            if used + item.cell_length > width:
                break
            if action:
                spans.append((used, used + item.cell_length, action))
            parts.append(item)
            used += item.cell_length
        self._spans = spans
        return Content("").join(parts)

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self._spans:
            if start <= event.x < end:
                event.stop()
                await self.app.run_action(action)
                return
