"""The selected claim in full: its text, its source as written and resolved, and the score's rule trace.

Field values and rule reasons wrap with a hanging indent, so the names on the
left stay a clean column at any width; the detail is laid out again when the
pane is resized.  It is a Line-API widget that scrolls itself: showing another
claim repaints this pane and nothing else (a Static, or a ScrollView whose
virtual height follows the claim, would make the whole screen lay out again).
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from ..model import LABEL_SPECS, Claim
from ..report import clean
from .logic import LETTER, credibility_words

_P = "claim-detail--"
KEY_WIDTH = 12
#: Below this many cells beside the rule id, a rule's reason goes on lines of its own (words are never cut).
MIN_REASON = 24
REASON_INDENT = 9
Part = str | tuple[str, str]

#: How a source's words were traced to the name shown (Source.resolved_by), in plain words.
RESOLVED_BY = {
    "self": "named in full where it is cited",
    "surname": "a surname, traced to the full name used earlier",
    "pronoun": "a pronoun, traced to the person it stands for",
    "role": "a role (\"the minister\"), traced to the person named earlier",
    "registry": "matched against the source registry",
    "quote": "the speaker of the quotation",
    "previous": "the speaker of the sentence before",
}
#: How the claim got its source (Claim.via), in plain words.
VIA = {
    "cue": "a reporting verb or phrase (the cue)",
    "quote": "a direct quotation of the source",
    "backref": "a later sentence naming who said it (\"Dat zegt X\")",
    "continuation": "the account of the sentence before, continued",
    "previous": "the source of the sentence before",
    "none": "nothing: no source is cited",
}


def _fmt_delta(delta: float) -> str:
    return f"{delta:+.1f}".replace("+0.0", "±0.0")


def _hanging(head: Content, body: Content, width: int) -> list[Content]:
    """``head`` then ``body`` wrapped to what is left of ``width``, continuation lines indented under it."""
    indent = head.cell_length
    lines = body.wrap(max(width - indent, 8)) or [Content("")]
    blank = Content(" " * indent)
    return [(head if i == 0 else blank) + line for i, line in enumerate(lines)]


def credibility_parts(value: float | None, basis: str | None, kind: str = "") -> list[Part]:
    """A credibility and where it comes from ("0.80 · Lin et al. 2023 · wsj.com"), the value in bold."""
    if value is None:
        return [(credibility_words(value, basis, kind), f".{_P}muted")]
    return [(f"{value:.2f}", "bold"), *([(" · ", f".{_P}muted"), clean(basis)] if basis else [])]


def verdict(claim: Claim) -> str:
    """One line: what the label means for this claim, and whom it rests on."""
    spec = LABEL_SPECS[claim.label]
    text = spec.title[0].upper() + spec.title[1:]
    src = claim.source
    if src is not None:
        name = clean(src.canonical) if claim.label == "named" else f"“{clean(src.text)}”"
        text += f": {name}"
        if src.credibility is not None:
            text += f", credibility {src.credibility:.2f}"
    elif claim.hedges:
        text += ": " + ", ".join(f"“{clean(h.text)}”" for h in claim.hedges[:3])
    return text


def trace_lines(claim: Claim, width: int) -> list[Content]:
    """The score rule by rule: delta, rule id, why; the reason wraps whole words, under the id when narrow."""
    muted = f".{_P}muted"
    lines: list[Content] = []
    id_width = max((len(r.id) for r in claim.rules), default=4)
    beside = width - (7 + 2 + id_width + 2) >= MIN_REASON
    for rule in claim.rules:
        cls = f".{_P}plus" if rule.delta > 0 else f".{_P}minus" if rule.delta < 0 else muted
        why = Content.styled(clean(rule.why), muted)
        if beside:
            head = Content.assemble((f"{_fmt_delta(rule.delta):>7}", cls), "  ", (f"{rule.id:<{id_width}}", "bold"),
                                    "  ")
            lines.extend(_hanging(head, why, width))
        else:
            lines.append(Content.assemble((f"{_fmt_delta(rule.delta):>7}", cls), "  ", (rule.id, "bold")))
            lines.extend(_hanging(Content(" " * REASON_INDENT), why, width))
    total_delta = sum(r.delta for r in claim.rules)
    lines.append(Content.styled("─" * 7, muted))
    note = "  = score" if abs(total_delta - claim.score) <= 0.05 else \
        f"  the rules add up to {total_delta:.1f}; a score stays within 0–100"
    lines.extend(_hanging(Content.styled(f"{claim.score:>7.1f}", "bold"), Content.styled(note, muted), width))
    return lines


def detail_lines(claim: Claim, total: int | None = None, width: int = 60) -> list[Content]:
    """The detail of ``claim`` as styled lines ``width`` cells wide (article text cleaned of escapes).

    The verdict and the score's rule trace come first, so they are in view in a
    small pane; the claim's text and how its source was found follow.
    """
    width = max(width, 20)
    key = f".{_P}key"
    muted = f".{_P}muted"
    lines: list[Content] = []

    where = f"claim {claim.id}" + (f" of {total}" if total else "") + f" · paragraph {claim.paragraph + 1}"
    head = [(f" {LETTER[claim.label]} {claim.label} ", f".{_P}{LABEL_SPECS[claim.label].style}"), "  ",
            (f"score {claim.score:.0f}", "bold"), "  "]
    header = Content.assemble(*head, (where, muted))
    if header.cell_length > width:  # a narrow pane: the short form, so the trace starts higher
        header = Content.assemble(*head, (f"#{claim.id}" + (f"/{total}" if total else "")
                                          + f" ¶{claim.paragraph + 1}", muted))
    lines.extend(header.wrap(width))
    lines.extend(Content(verdict(claim)).wrap(width))
    lines.append(Content.styled("Why this score, rule by rule", key))
    lines.extend(trace_lines(claim, width))
    lines.append(Content(""))
    lines.extend(Content(clean(claim.text)).wrap(width))
    lines.append(Content(""))

    def field(name: str, *value: Part) -> None:
        lines.extend(_hanging(Content.styled(f"{name:<{KEY_WIDTH}}", key), Content.assemble(*value), width))

    src = claim.source
    if src is None:
        field("Source", ("none", muted))
    else:
        field("Source", "“", (clean(src.text), f".{_P}source"), "”  →  ", (clean(src.canonical), "bold"))
        field("Kind", src.kind + (f" · {clean(src.domain)}" if src.domain else ""))
        field("Credibility", *credibility_parts(src.credibility, src.credibility_basis, src.kind))
        field("Found as", RESOLVED_BY.get(src.resolved_by, src.resolved_by))
        if src.match is not None:
            field("Registry", clean(src.match.name),
                  (f"  ({clean(src.match.entry)}, similarity {src.match.similarity:.0f})", muted))
        else:
            field("Registry", ("not in the source registry", muted))
    if claim.cue is not None:
        field("Cue", "“", (clean(claim.cue.text), f".{_P}cue"), "”",
              (f"  ({claim.cue_kind})" if claim.cue_kind else "", muted))
    else:
        field("Cue", ("none", muted))
    if claim.hedges:
        hedges: list[Part] = []
        for i, h in enumerate(claim.hedges):
            hedges.extend([", " if i else "", "“", (clean(h.text), f".{_P}hedge"), "”"])
        field("Hedges", *hedges)
    else:
        field("Hedges", ("none", muted))
    if claim.evidence:
        field("Evidence", "“", (clean(claim.evidence[0].text), f".{_P}hedge"), "”", ("  no evidence given", muted))
    field("Quote", "yes, a direct quotation" if claim.quote else "no")
    field("Sourced by", VIA.get(claim.via, claim.via) + (" · corroborated in the paragraph" if claim.corroborated
                                                         else ""))
    return lines


def detail_content(claim: Claim, total: int | None = None, width: int = 60) -> Content:
    """The detail as one Content (for tests and for copying)."""
    return Content("\n").join(detail_lines(claim, total, width))


class ClaimDetail(Widget, can_focus=True):
    """The detail of one claim, drawn line by line with its own scrolling.

    Its size never depends on the claim shown, so showing another claim
    repaints this pane and nothing else.  When the detail is longer than the
    pane, the last line says how much more there is; arrows, page keys and the
    mouse wheel scroll it.
    """

    COMPONENT_CLASSES = {
        _P + "key", _P + "muted", _P + "source", _P + "cue", _P + "hedge", _P + "plus", _P + "minus",
        _P + "more", *(_P + spec.style for spec in LABEL_SPECS.values()),
    }
    ALLOW_MAXIMIZE = True

    BINDINGS = [
        Binding("down", "scroll(1)", "Scroll the detail down", show=False),
        Binding("up", "scroll(-1)", "Scroll the detail up", show=False),
        Binding("pagedown,space", "page(1)", "A page down", show=False),
        Binding("pageup,b", "page(-1)", "A page up", show=False),
        Binding("home", "scroll(-1000000)", "Top", show=False),
        Binding("end", "scroll(1000000)", "Bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._claim: Claim | None = None
        self._total: int | None = None
        self._message = ""
        self._width = 0
        self._lines: list[Content] = []
        self._top = 0
        self._strips: dict[tuple[int, int], Strip] = {}

    @property
    def claim(self) -> Claim | None:
        return self._claim

    @property
    def text(self) -> str:
        """The whole detail as plain text."""
        return "\n".join(line.plain for line in self._lines)

    @property
    def top(self) -> int:
        """The first line shown."""
        return self._top

    def show(self, claim: Claim | None, total: int | None = None, message: str = "") -> None:
        self._claim, self._total, self._message = claim, total, message
        self._top = 0
        self._layout_lines()

    def _layout_lines(self) -> None:
        width = self.content_size.width
        self._width = width
        self._strips.clear()
        if width:
            if self._claim is None:
                text = self._message or "Select a claim to see how it is sourced."
                self._lines = Content.styled(text, f".{_P}muted").wrap(width)
            else:
                self._lines = detail_lines(self._claim, self._total, width)
        self._top = max(min(self._top, self._max_top()), 0)
        self.refresh()

    def _max_top(self) -> int:
        return max(len(self._lines) - self.content_size.height, 0)

    def on_resize(self, event: events.Resize) -> None:
        if self.content_size.width != self._width:
            self._layout_lines()
        else:
            self._top = max(min(self._top, self._max_top()), 0)
            self.refresh()

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def action_scroll(self, lines: int) -> None:
        top = max(min(self._top + lines, self._max_top()), 0)
        if top != self._top:
            self._top = top
            self.refresh()

    def action_page(self, pages: int) -> None:
        self.action_scroll(pages * max(self.content_size.height - 1, 1))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.action_scroll(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.action_scroll(-3)

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        if self._width != width:
            self._layout_lines()
        base = self.visual_style
        index = self._top + y
        below = len(self._lines) - (self._top + height)
        if y == height - 1 and below > 0:
            more = f"▼ {below + 1} more line{'s' if below else ''} (↓, wheel)"
            return Strip(Content.styled(more, f".{_P}more").render_segments(base)).extend_cell_length(
                width, base.rich_style)
        if index >= len(self._lines):
            return Strip.blank(width, base.rich_style)
        key = (index, width)
        strip = self._strips.get(key)
        if strip is None:
            strips = Visual.to_strips(self, self._lines[index], width, 1, base, apply_selection=False)
            strip = strips[0] if strips else Strip.blank(width, base.rich_style)
            strip = self._strips[key] = strip.extend_cell_length(width, base.rich_style)
        return strip
