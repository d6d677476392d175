"""The analysis model: plain dataclasses for an article, its claims and sources.

Everything the app, the exports and the compare view show is one of these.
Nothing here knows about spaCy or Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Label = Literal["named", "anonymous", "unverified", "unattributed"]
LABELS: tuple[Label, ...] = ("named", "anonymous", "unverified", "unattributed")

SourceKind = Literal[
    "person", "organisation", "outlet", "government", "document", "anonymous", "vague"
]
SOURCE_KINDS: tuple[str, ...] = (
    "person", "organisation", "outlet", "government", "document", "anonymous", "vague"
)


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Words of the article with their character offsets into the analysed text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RegistryMatch:
    """A source name matched against an entry of the source registry."""

    entry: str
    name: str
    similarity: float


@dataclass(slots=True)
class Source:
    """Who a claim rests on: the words as written and what they resolve to."""

    text: str
    start: int
    end: int
    canonical: str
    kind: str
    credibility: float | None = None
    match: RegistryMatch | None = None
    resolved_by: str = "self"  # self | surname | pronoun | role | registry | quote | previous


@dataclass(frozen=True, slots=True)
class RuleHit:
    """One scoring rule that moved a claim's score."""

    id: str
    delta: float
    why: str


@dataclass(slots=True)
class Claim:
    """One sentence (or quoted stretch) of the article and how it is sourced."""

    id: int
    start: int
    end: int
    text: str
    paragraph: int
    label: Label
    score: float
    source: Source | None = None
    cue: TextSpan | None = None
    hedges: list[TextSpan] = field(default_factory=list)
    evidence: list[TextSpan] = field(default_factory=list)  # "no evidence" markers
    quote: bool = False
    via: str = "none"  # cue | quote | backref | continuation | previous | none
    cue_kind: str = ""  # say | attitude | prepositions | evidence | colon | …
    corroborated: bool = False  # another independent source in the same paragraph
    via_outlet: bool = False  # an unnamed source speaking through a named outlet
    rules: list[RuleHit] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Heading:
    """A short paragraph without closing punctuation: a title or subhead, not a claim."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class SourceSummary:
    """One row per resolved source, in document order of first mention."""

    canonical: str
    kind: str
    credibility: float | None
    mentions: list[TextSpan] = field(default_factory=list)
    claims: list[int] = field(default_factory=list)
    match: RegistryMatch | None = None


@dataclass(slots=True)
class Analysis:
    """The whole result for one article."""

    file: str
    language: str
    text: str
    claims: list[Claim]
    headings: list[Heading]
    sources: list[SourceSummary]
    version: str = ""

    def counts(self) -> dict[str, int]:
        """Number of claims per label, every label present."""
        out = {label: 0 for label in LABELS}
        for claim in self.claims:
            out[claim.label] += 1
        return out
