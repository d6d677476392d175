"""Stage 8, claims: the decisions turned into the model's claims, scored, and the source table.

Scores come from :func:`srcview.scoring.scorer`, a pure function of a claim's
features and the weights, so a weight change re-scores without any earlier
stage (:func:`srcview.scoring.rescore`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..model import Claim, ClaimAttribution, Source, SourceSummary, TextSpan
from ..scoring import scorer
from .context import TokenContext
from .cues import Span
from .discourse import Decision, Facts
from .registry import Entry, Registry
from .resolve import Resolved


def build(ctx: TokenContext, facts: Facts, items: list[Decision], weights: Mapping[str, float],
          registry: Registry | None = None, others: list[tuple[Any, ...]] | None = None) -> list[Claim]:
    """One scored :class:`Claim` per sentence; a source matched in ``registry`` gets its domain and basis.

    ``others`` (per sentence: cue, phrase, resolved) are its attributions besides the one that decides it.
    """
    entries = registry.entries if registry is not None else None
    named_per_para: dict[int, set[str]] = {}
    for sent, d in zip(facts.sents, items, strict=True):
        if d.resolved is not None and d.label == "named":
            named_per_para.setdefault(sent.para, set()).add(d.resolved.canonical)
    several = {para for para, names in named_per_para.items() if len(names) > 1}  # paragraphs of corroboration
    claims: list[Claim] = []
    score = scorer(weights)
    text, span, starts = ctx.text, ctx.span, ctx.starts
    for n, (sent, a, m, share, d) in enumerate(
            zip(facts.sents, facts.found, facts.matches, facts.shares, items, strict=True), start=1):
        source = None if d.resolved is None or d.phrase is None else _source(ctx, entries, d.resolved, d.phrase)
        cue = span(d.cue[1], d.cue[2]) if d.cue is not None else None
        cue_kind = _cue_kind(d.cue[0]) if d.cue is not None else ""
        found = [ClaimAttribution(source, cue, sent.start, sent.end, True)] if source is not None else []
        for (_g, cs, ce), phrase, r in (others[n - 1] if others else ()):
            found.append(ClaimAttribution(_source(ctx, entries, r, phrase), span(cs, ce), starts[min(cs, phrase[0])],
                                          sent.end))
        if len(found) > 1:
            found.sort(key=lambda x: x.cue.start if x.cue is not None else x.start)
        hedges = [span(x, y) for x, y in sorted(set(a.hedges + a.reportative))] \
            if a.hedges or a.reportative else []
        evidence = [span(x, y) for x, y in m.evidence] if m.evidence else []
        quote = source is not None and share.quoted >= 0.3
        corroborated = source is not None and d.label == "named" and sent.para in several
        # the first fields by position (id, start, end, text, paragraph, label, score, source, cue), those of
        # one type by name, so that no two can be swapped
        claim = Claim(n, sent.start, sent.end, text[sent.start:sent.end], sent.para, d.label, 0.0, source, cue,
                      hedges=hedges, evidence=evidence, quote=quote, via=d.via, cue_kind=cue_kind,
                      corroborated=corroborated, via_outlet=d.outlet, attributions=found)
        claim.score, claim.rules = score(claim)
        claims.append(claim)
    return claims


@lru_cache(maxsize=256)
def _cue_kind(label: str) -> str:
    """A cue's kind from its matcher label ("cue.say" → "say"): a handful of labels, asked once per sentence."""
    return label.split(".", 1)[1]


def _source(ctx: TokenContext, entries: Mapping[str, Entry] | None, r: Resolved, phrase: Span) -> Source:
    """The :class:`Source` of ``r``, found as the words of ``phrase``; its registry entry (if any) from ``entries``."""
    start, end = ctx.starts[phrase[0]], ctx.ends[phrase[1] - 1]
    kind = "anonymous" if r.anonymous and r.kind != "vague" else r.kind
    entry = entries.get(r.match.entry) if entries is not None and r.match is not None else None
    basis = entry.basis if entry is not None and r.credibility is not None else None
    domain = entry.domain if entry is not None else None
    return Source(ctx.text[start:end], start, end, r.canonical, kind, r.credibility, r.match, r.resolved_by,
                  basis, domain)


def summaries(claims: list[Claim]) -> list[SourceSummary]:
    """One row per resolved source (canonical name and kind), in order of first mention."""
    rows: dict[tuple[str, str], SourceSummary] = {}
    seen: set[tuple[int, int]] = set()
    for claim in claims:
        src = claim.source
        if src is None:
            continue
        key = (src.canonical, src.kind)
        row = rows.get(key)
        if row is None:
            row = rows[key] = SourceSummary(src.canonical, src.kind, src.credibility, match=src.match,
                                            credibility_basis=src.credibility_basis, domain=src.domain)
        where = (src.start, src.end)
        if where not in seen:
            seen.add(where)
            row.mentions.append(TextSpan(src.text, src.start, src.end))
        row.claims.append(claim.id)
    return list(rows.values())
