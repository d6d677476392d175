"""The analysis model: plain dataclasses for an article, its claims and sources.

Everything the app, the exports and the compare view show is one of these.
Nothing here knows about spaCy or Textual.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal, TypeVar

T = TypeVar("T")

Label = Literal["named", "anonymous", "unverified", "unattributed"]


@dataclass(frozen=True, slots=True)
class LabelSpec:
    """Everything the program says about one label, declared once.

    The scorer, the reports, the app's filters, key bar, help, gutter and
    styles all read these; adding a label is adding a row here (plus its
    ``base_…`` weight in ``rules/scoring.toml`` and a style in ``srcview.tcss``).
    """

    name: Label
    letter: str  # gutter letter: colour is never the only signal
    block: str  # its block in the summary bar, distinct without colour
    key: str  # the key that shows or hides it in the app
    title: str  # a few words for legends and help
    why: str  # the reason given in the rule trace for the base score
    weak: bool  # counted in the "anonymous or unverified" share

    @property
    def weight(self) -> str:
        """The key of its base score in ``[weights]``."""
        return f"base_{self.name}"

    @property
    def style(self) -> str:
        """Its component class suffix in the app (``srcview--named``)."""
        return self.name


LABEL_SPECS: dict[str, LabelSpec] = {spec.name: spec for spec in (
    LabelSpec("named", "N", "█", "1", "named source on the record", "named source on the record", False),
    LabelSpec("anonymous", "A", "▓", "2", "unnamed insiders or a vague collective",
              "unnamed or vague source", True),
    LabelSpec("unverified", "U", "▒", "3", "hedged or unproven, no source", "hedged or unproven, no source", True),
    LabelSpec("unattributed", "·", "░", "4", "the reporter's own narration", "the reporter's own narration", False),
)}
LABELS: tuple[Label, ...] = tuple(LABEL_SPECS)  # type: ignore[assignment]

SourceKind = Literal[
    "person", "organisation", "outlet", "government", "document", "anonymous", "vague"
]
#: Kinds a registry entry (a known, named source) may have.
REGISTRY_KINDS: tuple[str, ...] = ("person", "organisation", "outlet", "government", "document")
#: Kinds of a source that names no one.
UNNAMED_KINDS: frozenset[str] = frozenset({"anonymous", "vague"})
SOURCE_KINDS: tuple[str, ...] = (*REGISTRY_KINDS, *sorted(UNNAMED_KINDS))
#: Each registry kind as a reader names one ("srcview default for a government body").
KIND_PHRASES: dict[str, str] = {
    "person": "a person", "organisation": "an organisation", "outlet": "a news outlet",
    "government": "a government body", "document": "an official document",
}


def quick_init(cls: type[T]) -> type[T]:
    """Give a frozen dataclass an ``__init__`` that sets each field through one bound ``object.__setattr__``.

    The one dataclasses makes for a frozen class looks the setter up again for every
    field, which doubles the cost of making one; an article has tens of thousands of
    spans, attributions, quotations and decisions.  The same parameters and defaults
    (fields with a default factory are not supported).
    """
    namespace: dict[str, Any] = {"_set": object.__setattr__}
    params = []
    for f in fields(cls):  # type: ignore[arg-type]
        if f.default_factory is not MISSING:
            raise TypeError(f"quick_init: {cls.__name__}.{f.name} has a default factory")
        if f.default is MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"\n    _set(self, {f.name!r}, {f.name})" for f in fields(cls))  # type: ignore[arg-type]
    exec(f"def __init__(self, {', '.join(params)}):{body}", namespace)  # noqa: S102 - as dataclasses does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls


@quick_init
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
    #: Where ``credibility`` comes from, in words a person can check: "Lin et al. 2023 · wsj.com",
    #: "srcview default for a government body", "your rules · my-rules.toml:12"; None without a credibility.
    credibility_basis: str | None = None
    domain: str | None = None  # the outlet's web domain, where known


@dataclass(frozen=True, slots=True)
class RuleHit:
    """One scoring rule that moved a claim's score."""

    id: str
    delta: float
    why: str


@quick_init
@dataclass(frozen=True, slots=True)
class ClaimAttribution:
    """One attribution found in a claim's sentence: who, by which cue, over which stretch of text.

    ``main`` marks the one that decides the claim's label (the claim's own source and cue).
    """

    source: Source | None
    cue: TextSpan | None
    start: int
    end: int
    main: bool = False


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
    attributions: list[ClaimAttribution] = field(default_factory=list)  # every one found, in text order


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
    credibility_basis: str | None = None  # as Source.credibility_basis
    domain: str | None = None


@dataclass(frozen=True, slots=True)
class Outlet:
    """The outlet that published the article: from its saved page, ``--outlet``, or a byline or dateline."""

    name: str  # "The New York Times" (the domain when nothing better is known)
    domain: str | None = None  # "nytimes.com"
    rating: float | None = None  # 0–1, with ``basis`` saying where it comes from
    basis: str | None = None  # "Lin et al. 2023 · nytimes.com", "your rules · mine.toml:3", …
    found: str = ""  # how it was found: "--outlet", "canonical link", "og:url", "og:site_name", "dateline", …


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
    notes: list[str] = field(default_factory=list)  # how the article was read, when the reader should know
    outlet: Outlet | None = None  # the article's own outlet, when known

    def counts(self) -> dict[str, int]:
        """Number of claims per label, every label present."""
        out = {label: 0 for label in LABELS}
        for claim in self.claims:
            out[claim.label] += 1
        return out
