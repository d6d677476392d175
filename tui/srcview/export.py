"""The analysis as the JSON document described in CONTRACT.md."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .model import Analysis, Claim, Source, TextSpan


def _span(span: TextSpan | None) -> dict[str, Any] | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def _source(src: Source | None) -> dict[str, Any] | None:
    if src is None:
        return None
    return {
        "text": src.text, "start": src.start, "end": src.end,
        "canonical": src.canonical, "kind": src.kind,
        "credibility": src.credibility,
        "match": None if src.match is None else {
            "entry": src.match.entry, "name": src.match.name,
            "similarity": round(src.match.similarity, 1)},
        "resolved_by": src.resolved_by,
    }


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """One claim in contract form."""
    return {
        "id": claim.id, "start": claim.start, "end": claim.end, "text": claim.text,
        "paragraph": claim.paragraph, "label": claim.label, "score": round(claim.score, 1),
        "source": _source(claim.source), "cue": _span(claim.cue),
        "hedges": [_span(h) for h in claim.hedges],
        "evidence": [_span(e) for e in claim.evidence],
        "quote": claim.quote, "via": claim.via,
        "rules": [{"id": r.id, "delta": round(r.delta, 2), "why": r.why} for r in claim.rules],
    }


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The whole analysis in contract form."""
    return {
        "srcview": analysis.version,
        "file": analysis.file,
        "language": analysis.language,
        "text": analysis.text,
        "counts": analysis.counts(),
        "claims": [claim_to_dict(c) for c in analysis.claims],
        "headings": [asdict(h) for h in analysis.headings],
        "sources": [
            {"canonical": s.canonical, "kind": s.kind, "credibility": s.credibility,
             "match": None if s.match is None else {
                 "entry": s.match.entry, "name": s.match.name,
                 "similarity": round(s.match.similarity, 1)},
             "mentions": [_span(m) for m in s.mentions], "claims": s.claims}
            for s in analysis.sources
        ],
    }


def to_json(analysis: Analysis, indent: int | None = 1) -> str:
    """The contract document as a JSON string."""
    return json.dumps(to_dict(analysis), ensure_ascii=False, indent=indent)
