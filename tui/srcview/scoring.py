"""Scores: a base per label, then the modifiers from ``[weights]``, each one traced.

Pure functions of a claim's features and the weights, so the app can re-score
after a weight change without running the tokenizer or the matchers again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from .model import LABEL_SPECS, Analysis, Claim, RuleHit
from .schema import WEIGHTS, defaults

#: The weights when no rules file sets them: the defaults the rules schema declares.
DEFAULTS: dict[str, float] = defaults(WEIGHTS)


def score_claim(claim: Claim, weights: Mapping[str, float]) -> tuple[float, list[RuleHit]]:
    """The score of one claim and the trace of every rule that moved it.

    Reads ``weights`` anew on every call: to score many claims, make one :func:`scorer`.
    """
    return scorer(weights)(claim)


def scorer(weights: Mapping[str, float]) -> Callable[[Claim], tuple[float, list[RuleHit]]]:
    """:func:`score_claim` with ``weights`` read once, for scoring many claims.

    The rule hits that do not depend on the claim (a label's base, a direct
    quotation …) are made once and shared: a :class:`RuleHit` is immutable.
    Claims alike in everything the score reads (most narration; the sentences of
    one source's account) are scored once: the scorer keeps each distinct score,
    so it holds at most one per claim it was given (make one per article).
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

    def score(claim: Claim) -> tuple[float, list[RuleHit]]:
        hits: list[RuleHit] = []

        def hit(rule: str, delta: float, why: str) -> None:
            if delta:
                hits.append(RuleHit(rule, float(delta), why))

        label = claim.label
        if label in base:
            hits.append(base[label])
        src = claim.source
        if src is not None and label == "named":
            if src.credibility is not None:
                delta = (float(src.credibility) - 0.5) * 2 * w["credibility"]
                basis = f" ({src.credibility_basis})" if src.credibility_basis else ""
                hit("source.credibility", round(delta, 2),
                    f"credibility {src.credibility:.2f} of {src.canonical}{basis}")
            else:
                hit("source.unknown", w["unknown_credibility"], f"{src.canonical} is not in the registry")
            if src.resolved_by in ("pronoun", "role"):
                hit("source.indirect", w["indirect_source"], f"source reached through a {src.resolved_by}")
        if claim.quote and src is not None and "quote.direct" in fixed:
            hits.append(fixed["quote.direct"])
        if claim.hedges:
            delta = max(w["hedge"] * len(claim.hedges), w["hedge_floor"]) if w["hedge"] < 0 else \
                w["hedge"] * len(claim.hedges)
            words = ", ".join(f"“{h.text}”" for h in claim.hedges[:3])
            hit("hedge", delta, f"hedged: {words}")
        if claim.evidence:
            hit("evidence.missing", w["missing_evidence"], f"no evidence: “{claim.evidence[0].text}”")
        if claim.cue_kind == "attitude" and src is not None and "cue.attitude" in fixed:
            hits.append(fixed["cue.attitude"])
        if claim.corroborated and src is not None and "sources.several" in fixed:
            hits.append(fixed["sources.several"])
        if claim.via_outlet and label == "anonymous" and "anonymous.via_outlet" in fixed:
            hits.append(fixed["anonymous.via_outlet"])
        total = sum(h.delta for h in hits)
        return max(0.0, min(100.0, total)), hits

    known: dict[tuple, tuple[float, list[RuleHit]]] = {}

    def score_alike(claim: Claim) -> tuple[float, list[RuleHit]]:
        src = claim.source
        # everything score() reads of the claim
        who = src is not None and (src.canonical, src.credibility, src.credibility_basis, src.resolved_by)
        key = (claim.label, who, claim.quote, tuple(h.text for h in claim.hedges) if claim.hedges else (),
               claim.evidence[0].text if claim.evidence else None,
               claim.cue_kind, claim.corroborated, claim.via_outlet)
        found = known.get(key)
        if found is None:
            found = known[key] = score(claim)
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
