"""The article, wrapped to the pane and drawn line by line (Textual's Line API).

Only the lines on screen are rendered.  Wrapping yields (start, end) offsets
into the article text, recomputed when the width changes; each screen line is
then styled from the claims, headings and search matches that overlap it, so
a megabyte of text with thousands of claims scrolls as fast as a short one.

A three-cell gutter repeats the information the tints carry: a bar beside the
selected claim and the label letter (N, A, U, ·) of the claim that fills most
of the line, ``#`` beside headings.  That keeps the view readable without
colour (NO_COLOR) and for readers who do not tell the tints apart.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..model import LABEL_SPECS, Analysis, Claim
from ..report import clean
from .logic import LETTER, column_to_offset, line_of, wrap
from .messages import ArticlePainted, ClaimChosen

GUTTER = 3
_P = "article-view--"
_LABEL_CLASS = {name: _P + spec.style for name, spec in LABEL_SPECS.items()}


class ArticleView(ScrollView, can_focus=True):
    """The article text with every claim tinted by its label."""

    COMPONENT_CLASSES = {
        *(_P + spec.style for spec in LABEL_SPECS.values()),
        _P + "heading", _P + "source", _P + "cue", _P + "hedge",
        _P + "selected", _P + "match", _P + "gutter", _P + "mark", _P + "message",
    }

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
    }
    """

    BINDINGS = [
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
    ]

    # The watchers repaint just what changed (for a new selection: the lines of two claims).
    selected: reactive[int | None] = reactive(None, repaint=False)
    hidden: reactive[frozenset[str]] = reactive(frozenset(), repaint=False)
    search: reactive[str] = reactive("", repaint=False)

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._text = ""
        self._is_message = False
        self._claims: list[Claim] = []
        self._claim_ends: list[int] = []
        self._by_id: dict[int, Claim] = {}
        self._decor: dict[int, list[tuple[int, int, str]]] = {}
        self._headings: list[tuple[int, int]] = []
        self._heading_ends: list[int] = []
        self._lines: list[tuple[int, int]] = [(0, 0)]
        self._line_starts: list[int] = [0]
        self._wrap_width = 0
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._styles: dict[tuple[str, ...], Style] = {}
        self._search_re: re.Pattern[str] | None = None
        self._painted = False
        self._pending_scroll: int | None = None

    @staticmethod
    def legend() -> Content:
        """`` N  named  A  anonymous …``: each label's gutter letter on its tint (for the border)."""
        parts: list[str | tuple[str, str]] = []
        for name, spec in LABEL_SPECS.items():
            parts.extend([(f" {spec.letter} ", f".{_P}{spec.style}"), f" {name} "])
        return Content.assemble(*parts)

    # --- content ---------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._text

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def set_text(self, text: str) -> None:
        """Show ``text`` (the article), without claims for now."""
        self._text = text
        self._is_message = False
        self._rewrap(force=True)

    def set_message(self, message: str) -> None:
        """Show ``message`` instead of an article (e.g. why the file could not be read)."""
        self._text = message
        self._is_message = True
        self.set_claims(None)
        self._rewrap(force=True)

    def set_claims(self, analysis: Analysis | None) -> None:
        """Tint the claims and headings of ``analysis`` (``None``: none)."""
        if analysis is not None and analysis.text != self._text:
            self._text = analysis.text
            self._is_message = False
            self._rewrap(force=True)
        claims = sorted(analysis.claims, key=lambda c: c.start) if analysis else []
        self._claims = claims
        self._claim_ends = [c.end for c in claims]
        self._by_id = {c.id: c for c in claims}
        self._decor = {c.id: _decorations(c) for c in claims}
        heads = sorted((h.start, h.end) for h in analysis.headings) if analysis else []
        self._headings = heads
        self._heading_ends = [e for _, e in heads]
        self._invalidate()

    # --- wrapping ----------------------------------------------------------------
    def _content_width(self) -> int:
        return max(self.scrollable_content_region.width - GUTTER, 1)

    def _rewrap(self, force: bool = False) -> None:
        region = self.scrollable_content_region
        if not region.width:
            return
        width = self._content_width()
        if width == self._wrap_width and not force:
            return
        anchor = self._lines[min(self.scroll_offset.y, len(self._lines) - 1)][0] if self._wrap_width else 0
        self._wrap_width = width
        self._lines = wrap(self._text, width)
        self._line_starts = [a for a, _ in self._lines]
        self.virtual_size = Size(region.width, len(self._lines))
        self._invalidate()
        if self._pending_scroll is not None:
            claim_id, self._pending_scroll = self._pending_scroll, None
            self.call_after_refresh(self.scroll_to_claim, claim_id)
        elif anchor:
            self.scroll_to(y=line_of(self._line_starts, anchor), animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._invalidate()
        super().notify_style_update()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _theme: self.notify_style_update(), init=False)

    # --- reactive state ------------------------------------------------------------
    def watch_selected(self, old: int | None, new: int | None) -> None:
        # Only the lines of the claim left and the claim chosen change.
        width = self.scrollable_content_region.width
        for claim_id in (old, new):
            span = self.claim_lines(claim_id) if claim_id is not None else None
            if span is not None:
                for index in range(span[0], span[1] + 1):
                    self._cache.discard((index, width))
                self.refresh_lines(span[0], span[1] - span[0] + 1)
        if new is not None:
            self.scroll_to_claim(new)

    def watch_hidden(self) -> None:
        self._invalidate()

    def watch_search(self, search: str) -> None:
        needle = search.strip()
        self._search_re = re.compile(re.escape(needle), re.IGNORECASE) if needle else None
        self._invalidate()

    # --- geometry ---------------------------------------------------------------------
    def claim_lines(self, claim_id: int) -> tuple[int, int] | None:
        """First and last screen line of a claim."""
        claim = self._by_id.get(claim_id)
        if claim is None:
            return None
        first = line_of(self._line_starts, claim.start)
        last = line_of(self._line_starts, max(claim.end - 1, claim.start))
        return first, last

    def scroll_to_claim(self, claim_id: int) -> None:
        """Bring a claim into view (a third down the pane) unless it is in view already."""
        if not self._wrap_width:
            self._pending_scroll = claim_id
            return
        span = self.claim_lines(claim_id)
        if span is None:
            return
        first, last = span
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if first >= top and last < top + height:
            return
        target = first - max((height - (last - first + 1)) // 3, 0)
        self.scroll_to(y=max(target, 0), animate=False, immediate=True)

    def claim_at(self, line: int, column: int) -> Claim | None:
        """The claim under a screen position (line in the whole article, column in the text)."""
        if not self._claims or not 0 <= line < len(self._lines):
            return None
        a, b = self._lines[line]
        offset = column_to_offset(self._text, a, b, column)
        i = bisect_right(self._claim_ends, offset)
        if i < len(self._claims) and self._claims[i].start <= offset:
            return self._claims[i]
        # between claims: the nearest one on this line
        near = [c for c in self._claims[max(i - 1, 0): i + 1] if c.start < max(b, a + 1) and c.end > a]
        if not near:
            return None
        return min(near, key=lambda c: min(abs(c.start - offset), abs(c.end - offset)))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        claim = self.claim_at(self.scroll_offset.y + offset.y, offset.x - GUTTER)
        if claim is not None:
            self.post_message(ClaimChosen(claim.id, "article"))

    # --- rendering -----------------------------------------------------------------------
    def _style(self, classes: tuple[str, ...]) -> Style:
        style = self._styles.get(classes)
        if style is None:
            style = self._styles[classes] = self.get_visual_style(*classes).rich_style
        return style

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not self._wrap_width:
            self._rewrap()
        if index >= len(self._lines) or not self._wrap_width:
            return Strip.blank(width, self._style(()))
        key = (index, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_text_line(index, width)
            self._cache[key] = strip
        if not self._painted and self._text and not self._is_message:
            self._painted = True
            # Rendering runs in the screen's context; send the message from the view's own.
            self.call_later(self._announce_painted, time.perf_counter())
        return strip

    def _announce_painted(self, at: float) -> None:
        self.post_message(ArticlePainted(at))

    def _render_text_line(self, index: int, width: int) -> Strip:
        a, b = self._lines[index]
        text = self._text
        base = self._style(())
        if self._is_message:
            segs = [Segment(" " * GUTTER, base), Segment(clean(text[a:b]), self._style((_P + "message",)))]
            return Strip(segs).crop_extend(0, width, base)

        spans: list[tuple[int, int, int, str]] = []  # start, end, layer, component class
        hidden = self.hidden
        selected = self.selected
        claims = self._claims
        best: Claim | None = None
        best_len = 0
        is_selected = False
        i = bisect_right(self._claim_ends, a)
        while i < len(claims) and claims[i].start < b:
            claim = claims[i]
            s, e = max(claim.start, a), min(claim.end, b)
            if e - s > best_len:
                best, best_len = claim, e - s
            if claim.label not in hidden:
                spans.append((s, e, 0, _LABEL_CLASS[claim.label]))
                for ds, de, cls in self._decor[claim.id]:
                    ds, de = max(ds, s), min(de, e)
                    if ds < de:
                        spans.append((ds, de, 3, cls))
            if claim.id == selected:
                is_selected = True
                spans.append((s, e, 1, _P + "selected"))
            i += 1
        heading = False
        j = bisect_right(self._heading_ends, a)
        while j < len(self._headings) and self._headings[j][0] < b:
            s, e = self._headings[j]
            spans.append((max(s, a), min(e, b), 2, _P + "heading"))
            heading = True
            j += 1
        if self._search_re is not None:
            for m in self._search_re.finditer(text, a, b):
                if m.end() > m.start():
                    spans.append((m.start(), m.end(), 4, _P + "match"))

        gutter = self._style((_P + "gutter",))
        segs = [Segment("▌", self._style((_P + "gutter", _P + "mark"))) if is_selected else Segment(" ", gutter)]
        if best is not None:
            letter_classes = (_P + "gutter",) if best.label in hidden else (_P + "gutter", _LABEL_CLASS[best.label])
            segs.append(Segment(LETTER[best.label], self._style(letter_classes)))
        elif heading:
            segs.append(Segment("#", self._style((_P + "gutter", _P + "heading"))))
        else:
            segs.append(Segment(" ", gutter))
        segs.append(Segment(" ", base))

        if not spans:
            segs.append(Segment(clean(text[a:b]), base))
        else:
            cuts = sorted({a, b, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
            spans.sort(key=lambda sp: sp[2])
            for p, q in zip(cuts, cuts[1:], strict=False):
                if p >= q:
                    continue
                classes = tuple(dict.fromkeys(cls for s, e, _, cls in spans if s <= p and e >= q))
                segs.append(Segment(clean(text[p:q]), self._style(classes) if classes else base))
        return Strip(segs).crop_extend(0, width, base)


def _decorations(claim: Claim) -> list[tuple[int, int, str]]:
    """The marked words of a claim, clipped to it: source, cue, hedges and 'no evidence' markers."""
    out = []
    spans = []
    if claim.source is not None:
        spans.append((claim.source.start, claim.source.end, _P + "source"))
    if claim.cue is not None:
        spans.append((claim.cue.start, claim.cue.end, _P + "cue"))
    spans.extend((h.start, h.end, _P + "hedge") for h in claim.hedges)
    spans.extend((e.start, e.end, _P + "hedge") for e in claim.evidence)
    for s, e, cls in spans:
        s, e = max(s, claim.start), min(e, claim.end)
        if s < e:
            out.append((s, e, cls))
    return out
