"""The claims panel: one row per claim, as a virtual list (an OptionList).

Each row is a small Visual that is one line high whatever the width, so the
OptionList never has to measure or wrap thousands of rows up front: a row is
laid out (label badge, score, source, start of the claim, fitted to the width)
only when it is drawn.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..model import LABEL_SPECS, Claim
from ..report import clean, shorten
from .logic import LETTER, SCORE_BANDS, score_band
from .messages import ClaimChosen

_P = "claims-list--"
#: The source column never takes more than this, and leaves the claim text at least MIN_TEXT cells.
MAX_SOURCE = 30
MIN_TEXT = 16


class RowLayout:
    """What every row of the list shares: the width the source column needs for the claims listed."""

    __slots__ = ("source_cells",)

    def __init__(self) -> None:
        self.source_cells = 6


class ClaimRow(Visual):
    """One claim as a single line: `` N  77 Source name      Start of the claim…``."""

    __slots__ = ("claim", "layout", "_source", "_text")

    def __init__(self, claim: Claim, layout: RowLayout | None = None) -> None:
        self.claim = claim
        self.layout = layout or RowLayout()
        self._source: str | None = None
        self._text: str | None = None

    @property
    def source(self) -> str:
        """The source's name as shown (cleaned), or a dash."""
        if self._source is None:
            self._source = clean(self.claim.source.canonical) if self.claim.source else "–"
        return self._source

    def _parts(self) -> tuple[str, str]:
        if self._text is None:
            self._text = clean(self.claim.text[:400])
        return self.source, self._text

    def content(self, width: int) -> Content:
        claim = self.claim
        source, text = self._parts()
        # The source gets the width it needs (up to MAX_SOURCE); the claim's text is shortened first.
        source_width = max(min(self.layout.source_cells, width - 10 - MIN_TEXT), 6)
        label_style = f".{_P}{LABEL_SPECS[claim.label].style}"
        content = Content.assemble(
            (f" {LETTER[claim.label]} ", label_style),
            (f" {claim.score:>3.0f} ", f".{_P}band-{score_band(claim.score)}"),
            (f"{shorten(source, source_width):<{source_width}} ", f".{_P}source"),
            text,
        )
        return content.truncate(width, ellipsis=True)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.content(width).render_strips(width, 1, style, options)

    def get_optimal_width(self, rules, container_width: int) -> int:
        return container_width

    def get_height(self, rules, width: int) -> int:
        return 1


class ClaimsList(OptionList):
    """The claims that pass the current filters, in the current order."""

    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES | {
        _P + "score", _P + "source", *(_P + spec.style for spec in LABEL_SPECS.values()),
        *(f"{_P}band-{name}" for _, name, _ in SCORE_BANDS),
    }

    BINDINGS = [
        Binding("down,j", "cursor_down", "Next claim", show=False),
        Binding("up,k", "cursor_up", "Previous claim", show=False),
        Binding("home", "first", "First claim", show=False),
        Binding("end", "last", "Last claim", show=False),
        Binding("pagedown", "page_down", "A page down", show=False),
        Binding("pageup", "page_up", "A page up", show=False),
        Binding("enter", "select", "Select: scroll the article to the claim", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._ids: list[int] = []
        self._index: dict[int, int] = {}
        self._claim_options: dict[int, Option] = {}  # one Option per claim, reused by every filter and sort
        self._layout = RowLayout()

    @property
    def claim_ids(self) -> list[int]:
        """The ids of the listed claims, top to bottom."""
        return self._ids

    @property
    def highlighted_claim(self) -> int | None:
        return self._ids[self.highlighted] if self.highlighted is not None and self._ids else None

    def show_claims(self, claims: list[Claim], selected: int | None) -> None:
        """List ``claims``; keep ``selected`` highlighted if it is among them."""
        self._ids = [c.id for c in claims]
        self._index = {cid: i for i, cid in enumerate(self._ids)}
        options = self._claim_options
        need = 6
        for claim in claims:
            option = options.get(claim.id)
            if option is None or option.prompt.claim is not claim:
                option = options[claim.id] = Option(ClaimRow(claim, self._layout))
            need = max(need, len(option.prompt.source))
        self._layout.source_cells = min(need, MAX_SOURCE)
        self.set_options([options[cid] for cid in self._ids])
        if selected in self._index:
            self.highlighted = self._index[selected]
        self.call_after_refresh(self.scroll_to_highlight)

    def show_selected(self, claim_id: int | None) -> None:
        """Move the highlight to ``claim_id`` (or nowhere if it is not listed).

        The highlight message this causes comes back to the app as a choice of
        the claim that is already selected, which changes nothing.
        """
        index = self._index.get(claim_id) if claim_id is not None else None
        if index != self.highlighted:
            self.highlighted = index

    def _current(self, event: OptionList.OptionMessage) -> bool:
        """Whether ``event`` is about the list as it is now (not one replaced by a filter since)."""
        index = event.option_index
        return 0 <= index < len(self._ids) and self.options[index] is event.option

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self._current(event):
            self.post_message(ClaimChosen(self._ids[event.option_index], "list"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._current(event):
            self.post_message(ClaimChosen(self._ids[event.option_index], "list", reveal=True))
