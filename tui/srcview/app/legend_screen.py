"""``l``: what the colours, letters, scores and rule trace mean.

Everything here is read from its declaration: the labels from
``model.LABEL_SPECS``, the score bands from ``logic.SCORE_BANDS``, the weights'
meaning from the comments of the shipped ``scoring.toml``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..model import LABEL_SPECS
from .claim_detail import RESOLVED_BY, VIA
from .logic import SCORE_BANDS
from .rules_session import descriptions

_P = "legend-screen--"


Row = tuple[Content, str]


def legend_sections() -> list[tuple[str, list[Row]]]:
    """(title, rows of (key, meaning)) for the labels, gutter, scores, trace, found as, sourced by."""
    labels: list[Row] = [
        (Content.assemble((f" {spec.letter} ", f".{_P}{spec.style}"), f" {spec.block} ", (f" {spec.key} ", "bold"),
                          (name, "bold")), spec.title)
        for name, spec in LABEL_SPECS.items()]
    scores: list[Row] = [(Content.styled(name, f".{_P}band-{name}"), meaning) for _, name, meaning in SCORE_BANDS]
    scores.append((Content(""), "A score is its label's base, moved by the rules of the trace; it stays within 0–100."))
    trace: list[Row] = [(Content.styled(name, "bold"), text) for (table, name), text in descriptions().items()
                        if table == "weights"]
    return [
        ("Labels: gutter letter, bar block, key to show or hide it (shift+key: only it)", labels),
        ("Gutter", [(Content(" ▌"), "the selected claim"),
                    (Content(" #"), "a heading: a title or subhead, not a claim")]),
        ("Scores: 0–100, higher is better sourced", scores),
        ("The rule trace: delta, rule id, why. Each id stands for a weight of the rules view (r): "
         "base.named ← base_named", trace),
        ("Found as: how the source's words were traced to the name shown",
         [(Content.styled(k, "bold"), v) for k, v in RESOLVED_BY.items()]),
        ("Sourced by: how the claim got its source", [(Content.styled(k, "bold"), v) for k, v in VIA.items()]),
        ("Credibility: where each value comes from, first that applies (s lists it per source)", credibility_rows()),
    ]


def credibility_rows() -> list[Row]:
    """The three bases a credibility can have, the article's own outlet, and the ratings' full citation."""
    from ..credibility import DEFAULT_BASIS, USER_BASIS
    from ..errors import SrcviewError
    from ..ratings import default_config

    try:
        config = default_config()
        cite, citation = config.cite or "published ratings", config.citation
    except SrcviewError:
        cite, citation = "published ratings", ""
    return [
        (Content.styled(USER_BASIS.format(where="FILE:LINE"), "bold"),
         "a rules file of your own sets it (+ on a claim writes one)"),
        (Content.styled(f"{cite} · DOMAIN", "bold"),
         "the published rating of the outlet's web domain" + (f": {citation}" if citation else "")),
        (Content.styled(DEFAULT_BASIS.format(kind="…"), "bold"),
         "srcview's editorial value, for what the ratings do not cover (people, governments, parties, "
         "outlets without a rated domain)"),
        (Content.styled("outlet", "bold"),
         "the article's own outlet, in the top line with its rating: from --outlet, a saved page's canonical "
         "link, og:url or og:site_name, or a dateline"),
    ]


def legend_text() -> str:
    """The whole legend as plain text (for tests and copying)."""
    return "\n".join(f"{title}\n" + "\n".join(f"  {key.plain}  {text}" for key, text in rows)
                     for title, rows in legend_sections())


class LegendScreen(ModalScreen[None]):
    """The legend, scrollable."""

    COMPONENT_CLASSES = {_P + "section", *(_P + spec.style for spec in LABEL_SPECS.values()),
                         *(f"{_P}band-{name}" for _, name, _ in SCORE_BANDS)}

    BINDINGS = [Binding("escape,q,l", "close", "Close the legend")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="legend-box") as box:
            box.border_title = "Legend"
            box.border_subtitle = "Esc, q or l to close"
            for title, rows in legend_sections():
                yield Static(Content.styled(title, f".{_P}section"), classes="legend-title")
                for key, text in rows:
                    with Horizontal(classes="legend-row"):
                        yield Static(key, classes="legend-key")
                        yield Static(text, classes="legend-text", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
