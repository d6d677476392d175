"""``l``: what the colours, letters, scores and rule trace mean.

Everything here is read from its declaration: the labels from
``model.LABEL_SPECS``, the score bands from ``logic.SCORE_BANDS``, the weights'
meaning from the comments of the shipped ``scoring.toml``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..model import LABEL_SPECS
from .claim_detail import RESOLVED_BY, VIA
from .logic import SCORE_BANDS
from .rules_session import descriptions

_P = "legend-screen--"


def legend_content() -> Content:
    """The legend as one Content (labels, gutter, scores, trace, found as, sourced by)."""
    parts: list[str | tuple[str, str]] = []

    def section(title: str) -> None:
        if parts:
            parts.append("\n")
        parts.extend([(title, f".{_P}section"), "\n"])

    section("Labels (gutter letter · bar block · key to show/hide it, shift+key for only it)")
    for name, spec in LABEL_SPECS.items():
        parts.extend([(f" {spec.letter} ", f".{_P}{spec.style}"), f" {spec.block}  ", (f"{spec.key}  ", "bold"),
                      (f"{name:<13}", "bold"), f"{spec.title}\n"])
    section("Gutter")
    parts.extend(["  ▌  the selected claim\n", "  #  a heading: a title or subhead, not a claim\n"])
    section("Scores (0–100, higher is better sourced)")
    for _, name, meaning in SCORE_BANDS:
        parts.extend([(f" {name:<7}", f".{_P}band-{name}"), f" {meaning}\n"])
    parts.append("  A score is its label's base, moved by the rules below; it stays within 0–100.\n")
    section("The rule trace (detail pane): delta, rule id, why")
    parts.append("  Each rule id stands for a weight of the rules view (r), e.g. base.named ← base_named:\n")
    for (table, name), text in descriptions().items():
        if table == "weights":
            parts.extend([(f"  {name:<22}", "bold"), f"{text}\n"])
    section("Found as: how the source's words were traced to the name shown")
    for key, text in RESOLVED_BY.items():
        parts.extend([(f"  {key:<13}", "bold"), f"{text}\n"])
    section("Sourced by: how the claim got its source")
    for key, text in VIA.items():
        parts.extend([(f"  {key:<13}", "bold"), f"{text}\n"])
    return Content.assemble(*parts).rstrip()


class LegendScreen(ModalScreen[None]):
    """The legend, scrollable."""

    COMPONENT_CLASSES = {_P + "section", *(_P + spec.style for spec in LABEL_SPECS.values()),
                         *(f"{_P}band-{name}" for _, name, _ in SCORE_BANDS)}

    BINDINGS = [Binding("escape,q,l", "close", "Close the legend")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="legend-box") as box:
            box.border_title = "Legend"
            box.border_subtitle = "Esc, q or l to close"
            yield Static(legend_content(), id="legend-body")

    def action_close(self) -> None:
        self.dismiss(None)
