"""The analysis as the JSON document described in CONTRACT.md.

:func:`to_dict` gives the document as Python values; :func:`iter_json` writes
it piece by piece (a claim, a source, 64 K characters of the text at a time),
so a long article's JSON is never held whole in memory; :func:`to_json` joins
those pieces.  Every JSON text srcview writes goes through :func:`dumps` or
:func:`iter_json`: control characters, C1 controls and bidi overrides stay in
it only as ``\\uXXXX`` escapes (:func:`srcview.cleaning.escape_json`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from .cleaning import escape_json
from .model import Analysis, Claim, Outlet, Source, SourceSummary, TextSpan

#: Characters of a long string encoded per piece.
CHUNK = 1 << 16


def _span(span: TextSpan | None) -> dict[str, Any] | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def _source(src: Source | None) -> dict[str, Any] | None:
    if src is None:
        return None
    return {
        "text": src.text, "start": src.start, "end": src.end,
        "canonical": src.canonical, "kind": src.kind,
        "credibility": src.credibility, "credibility_basis": src.credibility_basis, "domain": src.domain,
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
        "attributions": [{"source": _source(a.source), "cue": _span(a.cue), "start": a.start, "end": a.end,
                          "main": a.main} for a in claim.attributions],
    }


def outlet_to_dict(outlet: Outlet | None) -> dict[str, Any] | None:
    """The article's own outlet in contract form (``name``, ``domain``, ``rating``, ``basis``), or None."""
    if outlet is None:
        return None
    return {"name": outlet.name, "domain": outlet.domain, "rating": outlet.rating, "basis": outlet.basis,
            "found": outlet.found}


def source_to_dict(src: SourceSummary) -> dict[str, Any]:
    """One row of ``sources`` in contract form."""
    return {
        "canonical": src.canonical, "kind": src.kind, "credibility": src.credibility,
        "credibility_basis": src.credibility_basis, "domain": src.domain,
        "match": None if src.match is None else {
            "entry": src.match.entry, "name": src.match.name,
            "similarity": round(src.match.similarity, 1)},
        "mentions": [_span(m) for m in src.mentions], "claims": src.claims,
    }


class _Items:
    """A list field written item by item."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def _fields(analysis: Analysis) -> Iterator[tuple[str, Any]]:
    """The top-level fields in order; the long lists as :class:`_Items`, converted one item at a time."""
    yield "srcview", analysis.version
    yield "file", analysis.file
    yield "language", analysis.language
    yield "outlet", outlet_to_dict(analysis.outlet)
    yield "text", analysis.text
    yield "counts", analysis.counts()
    yield "claims", _Items(claim_to_dict(c) for c in analysis.claims)
    yield "headings", _Items(asdict(h) for h in analysis.headings)
    yield "sources", _Items(source_to_dict(s) for s in analysis.sources)


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The whole analysis in contract form."""
    return {key: list(value.items) if isinstance(value, _Items) else value for key, value in _fields(analysis)}


def dumps(value: Any, indent: int | None = None) -> str:
    """``value`` as JSON text: UTF-8 kept, controls and bidi overrides only as escapes."""
    return escape_json(json.dumps(value, ensure_ascii=False, indent=indent))


def _string(text: str) -> Iterator[str]:
    if len(text) <= CHUNK:
        yield dumps(text)
        return
    yield '"'
    for i in range(0, len(text), CHUNK):  # escapes are per character, so pieces encode like the whole
        yield dumps(text[i:i + CHUNK])[1:-1]
    yield '"'


def iter_json(analysis: Analysis, indent: int | None = 1) -> Iterator[str]:
    """The contract document as pieces of JSON text; joined, exactly ``json.dumps(to_dict(...), indent=...)``.

    Only ``indent`` None (compact, one line) and 1 are produced exactly as
    ``json.dumps`` would; both parse to :func:`to_dict`.
    """
    pad = " " * indent if indent else ""
    newline = "\n" if indent is not None else ""
    key_sep, item_sep = ": ", ("," if indent is not None else ", ")
    yield "{" + newline + pad
    for n, (key, value) in enumerate(_fields(analysis)):
        if n:
            yield item_sep + newline + pad
        yield dumps(key) + key_sep
        if isinstance(value, _Items):
            yield from _list(value.items, indent)
        elif isinstance(value, str):
            yield from _string(value)
        else:
            yield dumps(value, indent).replace("\n", "\n" + pad)
    yield newline + "}"


def _list(items: Iterable[Any], indent: int | None) -> Iterator[str]:
    inner = "\n" + " " * (2 * indent) if indent else ""
    empty = True
    for item in items:
        text = dumps(item, indent)
        if indent:
            text = text.replace("\n", inner)
        yield ("[" + inner if empty else ("," + inner if indent else ", ")) + text
        empty = False
    if empty:
        yield "[]"
    else:
        yield ("\n" + " " * indent if indent else "") + "]"


def to_json(analysis: Analysis, indent: int | None = 1) -> str:
    """The contract document as a JSON string."""
    return "".join(iter_json(analysis, indent))
