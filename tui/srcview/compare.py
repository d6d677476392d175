"""Comparing how several articles source the same story.

Claims are aligned across articles by what they say: the words they share
(blocking on rare content words and names, so two long articles are never
compared claim by claim all-pairs) and rapidfuzz similarity of the candidates.
Pairs that are each other's best match above a threshold are joined into
groups, one group per fact reported by two or more articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .model import LABELS, Analysis, Claim

_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}", re.UNICODE)


@dataclass(frozen=True)
class Profile:
    """One article's sourcing at a glance."""

    file: str
    claims: int
    counts: dict[str, int]
    shares: dict[str, float]
    mean_score: float
    named_sources: list[str]
    anonymous_share: float


@dataclass(frozen=True)
class Member:
    article: int
    claim: int
    similarity: float


@dataclass
class Group:
    """The same fact as reported by two or more articles."""

    members: list[Member] = field(default_factory=list)

    @property
    def similarity(self) -> float:
        return min((m.similarity for m in self.members), default=100.0)


@dataclass
class Comparison:
    articles: list[Analysis]
    profiles: list[Profile]
    groups: list[Group]
    only_in: list[list[int]]  # per article: ids of claims found in no other article
    sources_only_in: list[list[str]]  # per article: named sources no other article uses


def profile(analysis: Analysis) -> Profile:
    counts = analysis.counts()
    total = max(1, len(analysis.claims))
    named = sorted({c.source.canonical for c in analysis.claims if c.source is not None and c.label == "named"})
    mean = sum(c.score for c in analysis.claims) / total if analysis.claims else 0.0
    return Profile(analysis.file, len(analysis.claims), counts,
                   {k: round(v / total, 3) for k, v in counts.items()}, round(mean, 1), named,
                   round(counts["anonymous"] / total, 3))


def _keywords(claim: Claim, stop: frozenset[str]) -> set[str]:
    return {w.lower() for w in _WORD.findall(claim.text)} - stop


def _normal(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def align_pair(a: Sequence[Claim], b: Sequence[Claim], stop: frozenset[str] = frozenset(),
               threshold: float = 55.0, max_df: int = 40) -> list[tuple[int, int, float]]:
    """Mutual best matches between two articles' claims: (index in a, index in b, similarity).

    Candidates share at least two content words that occur in at most ``max_df``
    claims of ``b`` (or one capitalised name); only candidates are scored.
    """
    index: dict[str, list[int]] = defaultdict(list)
    b_words = [_keywords(c, stop) for c in b]
    for j, words in enumerate(b_words):
        for w in words:
            index[w].append(j)
    b_text = [_normal(c.text) for c in b]
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for i, claim in enumerate(a):
        shared: Counter[int] = Counter()
        for w in _keywords(claim, stop):
            hits = index.get(w)
            if hits and len(hits) <= max_df:
                shared.update(hits)
        if not shared:
            continue
        text = _normal(claim.text)
        for j, n in shared.most_common(25):
            if n < 2 and not any(ch.isupper() for ch in claim.text):
                continue
            sim = fuzz.token_set_ratio(text, b_text[j]) * 0.5 + fuzz.ratio(text, b_text[j]) * 0.5
            if sim < threshold:
                continue
            if sim > best_a.get(i, (-1.0, -1))[0]:
                best_a[i] = (sim, j)
            if sim > best_b.get(j, (-1.0, -1))[0]:
                best_b[j] = (sim, i)
    return [(i, j, round(sim, 1)) for i, (sim, j) in sorted(best_a.items()) if best_b.get(j, (0, -1))[1] == i]


def compare(analyses: Sequence[Analysis], stopwords: Iterable[str] = (), threshold: float = 55.0) -> Comparison:
    """Profiles, aligned claims, and what only one article has."""
    stop = frozenset(w.lower() for w in stopwords)
    parent: dict[tuple[int, int], tuple[int, int]] = {}
    sims: dict[tuple[int, int], float] = {}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ai in range(len(analyses)):
        for bi in range(ai + 1, len(analyses)):
            a, b = analyses[ai].claims, analyses[bi].claims
            for i, j, sim in align_pair(a, b, stop, threshold):
                x, y = (ai, a[i].id), (bi, b[j].id)
                parent[find(x)] = find(y)
                sims[x] = max(sims.get(x, 0.0), sim)
                sims[y] = max(sims.get(y, 0.0), sim)
    members: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for node in list(parent):
        members[find(node)].append(node)
    groups = []
    for nodes in members.values():
        if len({art for art, _ in nodes}) < 2:
            continue
        nodes.sort()
        groups.append(Group([Member(art, cid, sims.get((art, cid), 100.0)) for art, cid in nodes]))
    groups.sort(key=lambda g: (g.members[0].article, g.members[0].claim))
    aligned = {(m.article, m.claim) for g in groups for m in g.members}
    only_in = [[c.id for c in an.claims if (k, c.id) not in aligned] for k, an in enumerate(analyses)]
    profiles = [profile(an) for an in analyses]
    used = Counter(s for p in profiles for s in set(p.named_sources))
    sources_only = [[s for s in p.named_sources if used[s] == 1] for p in profiles]
    return Comparison(list(analyses), profiles, groups, only_in, sources_only)


def to_dict(comparison: Comparison) -> dict:
    """The comparison as JSON: each article's contract document, then the alignment."""
    from .export import to_dict as article_dict

    return {
        "articles": [article_dict(a) for a in comparison.articles],
        "profiles": [p.__dict__ for p in comparison.profiles],
        "alignment": [
            {"claims": [{"article": m.article, "claim": m.claim, "similarity": m.similarity} for m in g.members]}
            for g in comparison.groups
        ],
        "only_in": comparison.only_in,
        "sources_only_in": comparison.sources_only_in,
    }


def _outlet(analysis: Analysis) -> str:
    """"The New York Times · 0.86 (Lin et al. 2023 · nytimes.com)", or "—" when the outlet is not known."""
    outlet = analysis.outlet
    if outlet is None:
        return "—"
    name = outlet.name or outlet.domain or "?"
    if outlet.rating is None:
        return name
    return f"{name} · {outlet.rating:.2f}" + (f" ({outlet.basis})" if outlet.basis else "")


def to_markdown(comparison: Comparison) -> str:
    """A side-by-side sourcing report of the articles, for a newsroom review."""
    from .report import clean

    def cell(text: str, width: int = 90) -> str:
        text = clean(text).replace("|", "\\|").replace("`", "'")
        return text if len(text) <= width else text[: width - 1] + "…"

    arts = comparison.articles
    lines = ["# Sourcing compared", "", "| | " + " | ".join(cell(a.file, 40) for a in arts) + " |",
             "|---|" + "---|" * len(arts)]
    if any(a.outlet is not None for a in arts):  # the outlets side by side, each rating with its basis
        lines.append("| outlet | " + " | ".join(cell(_outlet(a), 60) for a in arts) + " |")
    for label in LABELS:
        lines.append(f"| {label} | " + " | ".join(
            f"{p.counts[label]} ({p.shares[label]:.0%})" for p in comparison.profiles) + " |")
    lines.append("| mean score | " + " | ".join(f"{p.mean_score:.1f}" for p in comparison.profiles) + " |")
    lines.append("| named sources | " + " | ".join(str(len(p.named_sources)) for p in comparison.profiles) + " |")
    lines += ["", "## The same facts", ""]
    for n, group in enumerate(comparison.groups, start=1):
        lines.append(f"{n}. similarity {group.similarity:.0f}")
        for m in group.members:
            claim = next(c for c in arts[m.article].claims if c.id == m.claim)
            src = claim.source.canonical if claim.source else "—"
            lines.append(f"   - **{cell(arts[m.article].file, 40)}** — {claim.label}, {claim.score:.0f}, "
                         f"{cell(src, 40)}: {cell(claim.text)}")
    for k, ids in enumerate(comparison.only_in):
        lines += ["", f"## Only in {cell(arts[k].file, 60)}", ""]
        by_id = {c.id: c for c in arts[k].claims}
        lines += [f"- {by_id[i].label}, {by_id[i].score:.0f}: {cell(by_id[i].text)}" for i in ids] or ["- (nothing)"]
        if comparison.sources_only_in[k]:
            lines.append(f"- sources no other article uses: {cell(', '.join(comparison.sources_only_in[k]), 200)}")
    return "\n".join(lines) + "\n"
