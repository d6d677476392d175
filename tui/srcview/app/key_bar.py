"""The bottom line: the main keys, clickable.

Textual's Footer rebuilds itself whenever the focus moves (its bindings may
change), which costs a few hundred milliseconds with this many widgets; the
main keys of srcview are the same in every pane, so this bar is drawn once.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

_P = "key-bar--"

#: (key shown, what it does, action run on click or None)
KEYS: tuple[tuple[str, str, str | None], ...] = (
    ("q", "Quit", "app.quit"),
    ("?", "Help", "app.help"),
    ("/", "Search", "app.search"),
    ("s", "Sources", "app.sources"),
    ("o", "Sort", "app.cycle_sort"),
    ("x", "Clear filters", "app.clear_filters"),
    ("1-4", "Labels", None),
    ("j k", "Claims", None),
    ("tab", "Panes", "app.focus_next"),
    ("^p", "Palette", "app.command_palette"),
)


class KeyBar(Widget):
    """One line of key hints; the least important drop off a narrow terminal."""

    COMPONENT_CLASSES = {_P + "key"}

    DEFAULT_CSS = """
    KeyBar { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (start x, end x, action) of the items drawn

    def render(self) -> Content:
        width = self.size.width
        parts: list[Content] = []
        spans: list[tuple[int, int, str]] = []
        used = 0
        for key, description, action in KEYS:
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
