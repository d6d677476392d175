"""Scores: a base per label, then the modifiers from ``[weights]``, each one traced.

Pure functions of a claim's features and the weights, so the app can re-score
after a weight change without running the tokenizer or the matchers again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import NamedTuple

from .model import LABEL_SPECS, Analysis, Claim, RuleHit
from .schema import WEIGHTS, defaults

#: The weights when no rules file sets them: the defaults the rules schema declares.
DEFAULTS: dict[str, float] = defaults(WEIGHTS)


class Features(NamedTuple):
    """All a claim's score reads: claims alike in these are scored once (see :func:`scorer`)."""

    label: str
    sourced: bool  # the claim has a source
    canonical: str | None
    credibility: float | None
    credibility_basis: str | None
    resolved_by: str | None
    quote: bool
    hedges: tuple[str, ...]  # the words of each hedge
    evidence: str | None  # the words of the first "no evidence" marker
    cue_kind: str | None
    corroborated: bool
    via_outlet: bool


def features(claim: Claim) -> Features:
    """What the score of ``claim`` reads of it."""
    src = claim.source
    return Features(claim.label, src is not None, src and src.canonical, src and src.credibility,
                    src and src.credibility_basis, src and src.resolved_by, claim.quote,
                    tuple(h.text for h in claim.hedges), claim.evidence[0].text if claim.evidence else None,
                    claim.cue_kind, claim.corroborated, claim.via_outlet)


def score_claim(claim: Claim, weights: Mapping[str, float]) -> tuple[float, list[RuleHit]]:
    """The score of one claim and the trace of every rule that moved it.

    Reads ``weights`` anew on every call: to score many claims, make one :func:`scorer`.
    """
    return scorer(weights)(claim)


def scorer(weights: Mapping[str, float]) -> Callable[[Claim], tuple[float, list[RuleHit]]]:
    """:func:`score_claim` with ``weights`` read once, for scoring many claims.

    The rule hits that do not depend on the claim (a label's base, a direct
    quotation …) are made once and shared: a :class:`RuleHit` is immutable.
    The score reads a claim's :class:`Features` alone, so claims alike in them
    (most narration; the sentences of one source's account) are scored once: the
    scorer keeps each distinct score, at most one per claim it was given (make one
    per article).
    """
    w = {**DEFAULTS, **weights}
    base = {label: RuleHit(f"base.{label}", float(w[spec.weight]), spec.why)
            for label, spec in LABEL_SPECS.items() if w[spec.weight]}
    fixed = {rule: RuleHit(rule, float(w[key]), why) for rule, key, why in (
        ("quote.direct", "quote_direct", "direct quotation"),
        ("cue.attitude", "attitude_cue", "an attitude (fears, believes, wants), not a report"),
        ("sources.several", "corroborated", "another independent source in the same paragraph"),
        ("anonymous.via_outlet", "anonymous_via_outlet", "speaks through a named outlet"),
    ) if w[key]}

    def score(f: Features) -> tuple[float, list[RuleHit]]:
        hits: list[RuleHit] = []

        def hit(rule: str, delta: float, why: str) -> None:
            if delta:
                hits.append(RuleHit(rule, float(delta), why))

        label = f.label
        if label in base:
            hits.append(base[label])
        if f.sourced and label == "named":
            if f.credibility is not None:
                delta = (float(f.credibility) - 0.5) * 2 * w["credibility"]
                basis = f" ({f.credibility_basis})" if f.credibility_basis else ""
                hit("source.credibility", round(delta, 2),
                    f"credibility {f.credibility:.2f} of {f.canonical}{basis}")
            else:
                hit("source.unknown", w["unknown_credibility"], f"{f.canonical} is not in the registry")
            if f.resolved_by in ("pronoun", "role"):
                hit("source.indirect", w["indirect_source"], f"source reached through a {f.resolved_by}")
        if f.quote and f.sourced and "quote.direct" in fixed:
            hits.append(fixed["quote.direct"])
        if f.hedges:
            delta = max(w["hedge"] * len(f.hedges), w["hedge_floor"]) if w["hedge"] < 0 else \
                w["hedge"] * len(f.hedges)
            words = ", ".join(f"“{h}”" for h in f.hedges[:3])
            hit("hedge", delta, f"hedged: {words}")
        if f.evidence is not None:
            hit("evidence.missing", w["missing_evidence"], f"no evidence: “{f.evidence}”")
        if f.cue_kind == "attitude" and f.sourced and "cue.attitude" in fixed:
            hits.append(fixed["cue.attitude"])
        if f.corroborated and f.sourced and "sources.several" in fixed:
            hits.append(fixed["sources.several"])
        if f.via_outlet and label == "anonymous" and "anonymous.via_outlet" in fixed:
            hits.append(fixed["anonymous.via_outlet"])
        total = sum(h.delta for h in hits)
        return max(0.0, min(100.0, total)), hits

    known: dict[Features, tuple[float, list[RuleHit]]] = {}

    def score_alike(claim: Claim) -> tuple[float, list[RuleHit]]:
        key = features(claim)
        found = known.get(key)
        if found is None:
            found = known[key] = score(key)
        return found[0], list(found[1])

    return score_alike


def rescore(analysis: Analysis, weights: Mapping[str, float]) -> Analysis:
    """A copy of ``analysis`` with every claim scored anew under ``weights``."""
    claims = []
    score_of = scorer(weights)
    for claim in analysis.claims:
        score, hits = score_of(claim)
        claims.append(replace(claim, score=score, rules=hits))
    return replace(analysis, claims=claims)
