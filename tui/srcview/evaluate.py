"""How well the analysis agrees with hand-labelled gold sentences: the metrics of ``srcview --eval``.

Each gold sentence is found in the analysed text (:func:`locate`) and judged
against the claim that overlaps it most, if that claim covers at least half of
it (:func:`best_claim`, :func:`judge`).  :func:`summarize` turns the judgements
into the metrics, named as the project's reference scorer names them:

- ``label_acc``: gold claims whose claim has the gold label or one of its ``alt``
  labels (a sentence no claim covers, or one not found, is wrong);
- ``macro_f1``: the mean F1 over the claim labels the gold uses, where a
  prediction accepted through ``alt`` counts as the gold label (so is neither a
  false positive of its own label nor a miss);
- ``source_acc``: gold ``named``/``anonymous`` claims with a source: the claim's
  source text or canonical name matches the gold source, canonical or an alias
  (:func:`similarity` ≥ 80), whether or not the label is right;
- ``resolve_acc``: gold ``named`` claims whose canonical name differs from the
  written source (a surname, pronoun or role): the claim's canonical name
  matches it or an alias (≥ 85);
- ``heading_acc``: gold headings that no claim covers, or that one covers with a
  label the heading's ``alt`` allows.

Headings are scored apart: they are not in ``label_acc``, the F1s or the
confusion matrix.  :func:`evaluate` runs one engine over a set of gold articles.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from .errors import InputError
from .gold import GoldArticle, GoldSentence
from .model import LABELS, Analysis, Claim
from .textio import MAX_BYTES

#: Similarity from which a predicted source is the gold one, and a canonical name the gold canonical.
SOURCE_MATCH = 80
RESOLVE_MATCH = 85
#: Words whose overlap alone says nothing about a source ("the", "de", "he").  Part of the metric's
#: definition, as the reference scorer has it, not a rule: changing it would change every figure.
FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "for", "and", "de", "het", "een", "van", "der", "den", "voor",
                            "en", "he", "she", "it", "they", "hij", "zij", "ze"})
#: Confusion-matrix columns besides the labels: no claim covers half the sentence; the sentence is not in the text.
NONE = "none"
LOST = "lost"


@dataclass(frozen=True, slots=True)
class Judgement:
    """One gold sentence set against the analysis."""

    article: str
    language: str
    gold: GoldSentence
    span: tuple[int, int] | None  # where the sentence is in the analysed text; None: lost
    pred: str | None = None  # label of the claim that covers it, None when none does
    claim: int | None = None  # that claim's id
    pred_source: str | None = None
    pred_canonical: str | None = None
    ok: bool = False  # label right (for a heading: not a claim, or one its alt allows)
    source_ok: bool | None = None  # None: the source is not scored on this sentence
    resolve_ok: bool | None = None  # None: resolution is not scored on this sentence

    @property
    def lost(self) -> bool:
        return self.span is None

    @property
    def wrong(self) -> bool:
        """Anything about it wrong: label, source or resolution."""
        return not self.ok or self.source_ok is False or self.resolve_ok is False

    @property
    def outcome(self) -> str:
        """Its column in the confusion matrix: the gold label when right, else what was predicted."""
        if self.lost:
            return LOST
        if self.ok:
            return self.gold.label
        return self.pred or NONE


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Precision, recall and F1 of one label, with the counts behind them."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def gold(self) -> int:
        """Gold claims with this label."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        """Claims predicted with this label and not accepted as another through ``alt``."""
        return self.tp + self.fp


@dataclass(frozen=True, slots=True)
class Summary:
    """The metrics over a set of judgements (an article, a language, everything)."""

    claims: int
    headings: int
    label_acc: float
    macro_f1: float
    source_acc: float
    source_n: int
    resolve_acc: float
    resolve_n: int
    heading_acc: float
    lost: int
    labels: dict[str, LabelScore]  # every claim label
    present: tuple[str, ...]  # the labels the gold uses: what macro_f1 averages
    confusion: dict[str, dict[str, int]]  # gold label → outcome (a label, "none" or "lost") → sentences


@dataclass(slots=True)
class ArticleResult:
    """One gold article evaluated."""

    name: str
    file: str
    language: str
    judgements: list[Judgement]
    seconds: float
    summary: Summary = field(init=False)

    def __post_init__(self) -> None:
        self.summary = summarize(self.judgements)


@dataclass(slots=True)
class Evaluation:
    """Everything ``srcview --eval`` reports."""

    articles: list[ArticleResult]
    total: Summary
    languages: dict[str, Summary]  # by the language each article was analysed in
    seconds: float
    notes: list[str] = field(default_factory=list)  # gold sentences not found, as "file:line: message"

    @property
    def judgements(self) -> list[Judgement]:
        return [j for a in self.articles for j in a.judgements]


# --- matching ------------------------------------------------------------------

def similarity(a: str, b: str) -> float:
    """0–100: how alike two source names are, ignoring case and punctuation ("Eric Reeves," = "Eric Reeves").

    A shared content word counts as a match ("Post" ~ "Willem Post": the token
    set ratio), a shared "the" or "de" alone does not.
    """
    pa, pb = default_process(a), default_process(b)
    score = fuzz.ratio(pa, pb)
    if (set(pa.split()) & set(pb.split())) - FUNCTION_WORDS:
        score = max(score, fuzz.token_set_ratio(pa, pb))
    return score


def matches(candidates: Iterable[str | None], targets: Iterable[str | None], threshold: float) -> bool:
    """Whether any candidate is at least ``threshold`` similar to any target (empty ones left out)."""
    targets = [t for t in targets if t]
    return any(similarity(c, t) >= threshold for c in candidates if c for t in targets)


def locate(text: str, sentences: Sequence[str]) -> list[tuple[int, int] | None]:
    """Where each sentence is in ``text``, searched in order from the end of the last one found.

    A sentence is searched as it is, then ignoring white space (a line break in
    the article where the gold has a space); one found in neither way is None
    (lost) and the search goes on from where it was.
    """
    spans: list[tuple[int, int] | None] = []
    pos = 0
    flat: str | None = None  # the text without white space, and where each of its characters was
    where: list[int] = []
    for sentence in sentences:
        j = text.find(sentence, pos)
        if j >= 0:
            spans.append((j, j + len(sentence)))
            pos = j + len(sentence)
            continue
        if flat is None:
            where = [m.start() for m in re.finditer(r"\S", text)]
            flat = "".join(text[k] for k in where)
        needle = re.sub(r"\s+", "", sentence)
        j = flat.find(needle, bisect.bisect_left(where, pos)) if needle else -1
        if j < 0:
            spans.append(None)
            continue
        end = where[j + len(needle) - 1] + 1
        spans.append((where[j], end))
        pos = end
    return spans


class ClaimIndex:
    """The claims of an analysis, to find the one that overlaps a span most without scanning them all."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.order = sorted(range(len(claims)), key=lambda k: claims[k].start)
        self.claims = claims
        self.starts = [claims[k].start for k in self.order]
        self.reach: list[int] = []  # the furthest end of any claim up to each one in start order
        furthest = -1
        for k in self.order:
            furthest = max(furthest, claims[k].end)
            self.reach.append(furthest)

    def best(self, span: tuple[int, int]) -> Claim | None:
        """The claim that overlaps ``span`` most (the first in document order on a tie), if it covers half."""
        a, b = span
        best_k, best_ov = -1, 0
        n = bisect.bisect_left(self.starts, b)  # claims starting before the span ends
        while n > 0 and self.reach[n - 1] > a:
            n -= 1
            k = self.order[n]
            claim = self.claims[k]
            ov = min(b, claim.end) - max(a, claim.start)
            if ov > best_ov or (ov == best_ov and ov > 0 and k < best_k):
                best_k, best_ov = k, ov
        return self.claims[best_k] if best_k >= 0 and best_ov * 2 >= b - a else None


def best_claim(claims: Sequence[Claim], span: tuple[int, int]) -> Claim | None:
    """The claim that overlaps ``span`` most, if it covers at least half of it."""
    return ClaimIndex(claims).best(span)


# --- judging -------------------------------------------------------------------

def judge(analysis: Analysis, gold: Sequence[GoldSentence], article: str = "") -> list[Judgement]:
    """Each gold sentence set against the claims of ``analysis``."""
    index = ClaimIndex(analysis.claims)
    spans = locate(analysis.text, [g.text for g in gold])
    out = []
    for g, span in zip(gold, spans, strict=True):
        if span is None:
            out.append(Judgement(article, analysis.language, g, None))
            continue
        claim = index.best(span)
        source = claim.source if claim is not None else None
        pred = claim.label if claim is not None else None
        src_text = source.text if source else None
        src_canonical = source.canonical if source else None
        source_ok = resolve_ok = None
        if g.heading:
            ok = claim is None or claim.label in g.alt
        else:
            ok = pred in g.accepted
            if g.source and g.label in ("named", "anonymous"):
                source_ok = matches([src_text, src_canonical], [g.source, g.canonical, *g.aliases], SOURCE_MATCH)
            if g.canonical and g.label == "named" and similarity(g.canonical, g.source or "") < SOURCE_MATCH:
                resolve_ok = matches([src_canonical], [g.canonical, *g.aliases], RESOLVE_MATCH)
        out.append(Judgement(article, analysis.language, g, span, pred, claim.id if claim else None,
                             src_text, src_canonical, ok, source_ok, resolve_ok))
    return out


def summarize(judgements: Sequence[Judgement]) -> Summary:
    """The metrics over ``judgements`` (0.0 where there is nothing to measure)."""
    claims = [j for j in judgements if not j.gold.heading]
    heads = [j for j in judgements if j.gold.heading]
    labels = {}
    for lab in LABELS:
        labels[lab] = LabelScore(
            tp=sum(1 for j in claims if j.ok and j.gold.label == lab),
            fp=sum(1 for j in claims if j.pred == lab and not j.ok),
            fn=sum(1 for j in claims if j.gold.label == lab and not j.ok),
        )
    present = tuple(lab for lab in LABELS if labels[lab].gold)
    extra = sorted({j.outcome for j in claims} - {*LABELS, NONE, LOST})  # a label srcview may add one day
    columns = [*LABELS, *extra, NONE, LOST]
    confusion = {lab: dict.fromkeys(columns, 0) for lab in LABELS}
    for j in claims:
        confusion[j.gold.label][j.outcome] += 1
    sourced = [j.source_ok for j in claims if j.source_ok is not None]
    resolved = [j.resolve_ok for j in claims if j.resolve_ok is not None]
    return Summary(
        claims=len(claims),
        headings=len(heads),
        label_acc=_share(j.ok for j in claims),
        macro_f1=sum(labels[lab].f1 for lab in present) / max(1, len(present)),
        source_acc=_share(sourced),
        source_n=len(sourced),
        resolve_acc=_share(resolved),
        resolve_n=len(resolved),
        heading_acc=_share(j.ok for j in heads),
        lost=sum(1 for j in judgements if j.lost),
        labels=labels,
        present=present,
        confusion=confusion,
    )


def _share(flags: Iterable[bool]) -> float:
    flags = list(flags)
    return sum(flags) / max(1, len(flags))


# --- running -------------------------------------------------------------------

def evaluate(articles: Sequence[GoldArticle], engine, lang: str = "auto", max_bytes: int = MAX_BYTES,
             outlet: str | None = None) -> Evaluation:
    """Analyse each gold article with ``engine`` (one Engine, in this process) and judge it.

    An article that cannot be read or analysed raises InputError: figures over
    part of the gold would mislead.  Gold sentences not found in the text are
    judged lost and listed in ``notes``.
    """
    from .batch import BatchError, analyze_path

    names = [a.name for a in articles]
    unique = len(set(names)) == len(names)
    results, notes = [], []
    t0 = time.perf_counter()
    for gold in articles:
        start = time.perf_counter()
        analysis = analyze_path(engine, gold.article, lang, max_bytes, outlet)
        if isinstance(analysis, BatchError):
            raise InputError(analysis.message, path=analysis.file)
        name = gold.name if unique else str(gold.article)
        judgements = judge(analysis, gold.sentences, name)
        notes += [f"{gold.gold}:{j.gold.line}: sentence not found in {gold.name}: counted as lost"
                  for j in judgements if j.lost]
        results.append(ArticleResult(name, str(gold.article), analysis.language, judgements,
                                     time.perf_counter() - start))
    by_language: dict[str, list[Judgement]] = {}
    for result in results:
        by_language.setdefault(result.language, []).extend(result.judgements)
    return Evaluation(
        articles=results,
        total=summarize([j for r in results for j in r.judgements]),
        languages={code: summarize(js) for code, js in sorted(by_language.items())},
        seconds=time.perf_counter() - t0,
        notes=notes,
    )
