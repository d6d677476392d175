"""The plain-text report: counts per label, then one line per claim.

Everything taken from the article is passed through ``clean`` first, so an
article cannot move the cursor, recolour or retitle the user's terminal.
"""

from __future__ import annotations

import re

from .model import LABELS, Analysis

# ANSI/VT escape sequences (CSI, OSC, DCS/PM/APC strings, two-byte escapes),
# then any other C0/C1 control, and the bidirectional overrides and isolates.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]",
    re.DOTALL,
)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """``text`` on one line with terminal escapes and control characters removed."""
    text = _ESCAPES.sub("", text)
    text = re.sub(r"\s*\n\s*", " ", text)
    return _CONTROLS.sub(lambda m: " " if m.group() == "\t" else "", text)


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
    lines = [
        clean(f"{analysis.file} ({analysis.language})"),
        summary(analysis),
        "",
        f"{'#':>4}  {'label':<12} {'score':>5}  {'source':<24}  claim",
    ]
    for claim in analysis.claims:
        source = clean(claim.source.canonical) if claim.source else "-"
        head = f"{claim.id:>4}  {claim.label:<12} {claim.score:>5.1f}  {shorten(source, 24):<24}  "
        lines.append(head + shorten(clean(claim.text), width - len(head)))
    return "\n".join(lines) + "\n"
