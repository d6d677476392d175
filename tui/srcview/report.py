"""The plain-text report: counts per label, then one line per claim.

Everything taken from the article is passed through ``clean`` first, so an
article cannot move the cursor, recolour or retitle the user's terminal.
"""

from __future__ import annotations

from .cleaning import clean
from .model import LABELS, Analysis

__all__ = ["clean", "shorten", "summary", "text_report"]


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def summary(analysis: Analysis) -> str:
    """One line: how many claims per label, headings and sources."""
    counts = analysis.counts()
    parts = ", ".join(f"{counts[label]} {label}" for label in LABELS)
    return (
        f"{_count(len(analysis.claims), 'claim')}: {parts}; "
        f"{_count(len(analysis.headings), 'heading')}; {_count(len(analysis.sources), 'source')}"
    )


def text_report(analysis: Analysis, width: int = 100) -> str:
    """The human-readable report, lines fitted to ``width`` columns."""
    from .credibility import describe_outlet, ratings_citation

    lines = [
        clean(f"{analysis.file} ({analysis.language})"),
        summary(analysis),
        clean(f"outlet: {describe_outlet(analysis.outlet)}"),
        "",
        f"{'#':>4}  {'label':<12} {'score':>5}  {'source':<24}  claim",
    ]
    for claim in analysis.claims:
        source = clean(claim.source.canonical) if claim.source else "-"
        head = f"{claim.id:>4}  {claim.label:<12} {claim.score:>5.1f}  {shorten(source, 24):<24}  "
        lines.append(head + shorten(clean(claim.text), width - len(head)))
    citation = ratings_citation(analysis)
    if citation:
        lines += ["", clean(f"outlet ratings: {citation}")]
    return "\n".join(lines) + "\n"
