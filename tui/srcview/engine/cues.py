"""Stage 3, cues: every cue, hedge and marker the matchers find, sorted into its sentence.

:func:`collect` runs the phrase and pattern matchers of the language once over
the whole article and gives each sentence its :class:`Matches`.
:func:`split_participles` then splits "X said A, adding that B" in two, and
:func:`quote_shares` says how much of each sentence is inside quotation marks.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .context import Sentence, TokenContext
from .pipeline import ANONYMITY, CITING, Pipeline
from .segment import Quote

Span = tuple[int, int]  # token start, end
Cue = tuple[str, int, int]  # matcher label ("cue.say"), token start, end


@dataclass(frozen=True, slots=True)
class Matches:
    """What the matchers found in one sentence, as token spans."""

    cues: tuple[Cue, ...] = ()
    hedges: tuple[Span, ...] = ()
    evidence: tuple[Span, ...] = ()  # "no evidence", "could not be verified"
    reportative: tuple[Span, ...] = ()  # Dutch "zou": hearsay unless blocked
    anonymity: bool = False  # "die anoniem wil blijven", "on condition of anonymity"
    citing: tuple[Span, ...] = ()  # "citing", "op basis van"

    def within(self, start: int, end: int) -> Matches:
        """The matches whose last token lies in ``start``..``end``."""
        def inside(span: tuple) -> bool:
            return start <= span[-2] < end

        return Matches(tuple(c for c in self.cues if inside(c)), tuple(h for h in self.hedges if inside(h)),
                       tuple(h for h in self.evidence if inside(h)),
                       tuple(h for h in self.reportative if inside(h)))

    def partition(self, bounds: list[int]) -> list[Matches]:
        """The matches of each part between consecutive token ``bounds``, in one pass.

        A span goes where its last token lies (as with :meth:`within`), a citing word where
        it stands; every part keeps the sentence's ``anonymity``.
        """
        n = len(bounds) - 1

        def part(at: int) -> int:
            return min(max(bisect.bisect_right(bounds, at) - 1, 0), n - 1)

        fields: list[list[list]] = [[[] for _ in range(n)] for _ in range(5)]
        for f, spans in enumerate((self.cues, self.hedges, self.evidence, self.reportative)):
            for span in spans:
                if bounds[0] <= span[-2] < bounds[-1]:
                    fields[f][part(span[-2])].append(span)
        for span in self.citing:
            if bounds[0] <= span[0] < bounds[-1]:
                fields[4][part(span[0])].append(span)
        return [Matches(*(tuple(fields[f][k]) for f in range(4)), self.anonymity, tuple(fields[4][k]))
                for k in range(n)]

    def joined(self, other: Matches) -> Matches:
        """The matches of this sentence and ``other`` together (a sentence joined to the one before it)."""
        return Matches(self.cues + other.cues, self.hedges + other.hedges, self.evidence + other.evidence,
                       self.reportative + other.reportative, self.anonymity or other.anonymity,
                       self.citing + other.citing)


@dataclass(frozen=True, slots=True)
class QuoteShare:
    """How much of a sentence is quoted, and in which quotations (indices into the article's quotes)."""

    quoted: float = 0.0
    quote_ids: tuple[int, ...] = field(default_factory=tuple)


def collect(pipe: Pipeline, ctx: TokenContext, sents: list[Sentence]) -> list[Matches]:
    """The matches of each sentence (matches outside every sentence, in headings, are dropped)."""
    found: list[list[list] | None] = [None] * len(sents)  # a sentence's cues, hedges, evidence, reportative, citing
    anonymity = [False] * len(sents)
    ends = [s.tok_end for s in sents]
    kinds: dict[str, int] = {}
    for label, s, e in pipe.matches(ctx):
        k = bisect.bisect_right(ends, s)
        if k >= len(sents) or sents[k].tok_start > s:
            continue
        kind = kinds.get(label)
        if kind is None:
            kind = kinds[label] = _kind(label)
        if kind == _ANONYMITY:
            anonymity[k] = True
            continue
        lists = found[k]
        if lists is None:
            lists = found[k] = [[], [], [], [], []]
        e = min(e, sents[k].tok_end)
        lists[kind].append((label, s, e) if kind == _CUES else (s, e))
    none = Matches()  # shared by the sentences without any (it is immutable)
    out = []
    for lists, anon in zip(found, anonymity, strict=True):
        if lists is None:
            out.append(Matches(anonymity=True) if anon else none)
        else:
            cues, hedges, evidence, reportative, citing = lists
            out.append(Matches(tuple(cues), tuple(hedges), tuple(evidence), tuple(reportative), anon, tuple(citing)))
    return out


_CUES, _HEDGES, _EVIDENCE, _REPORTATIVE, _CITING, _ANONYMITY = range(6)


def _kind(label: str) -> int:
    """Which of a sentence's lists a match of the matcher label ``label`` goes in."""
    if label.startswith("cue."):
        return _CUES
    if label == "hedge.evidence_missing":
        return _EVIDENCE
    if label == "hedge.reportative":
        return _REPORTATIVE
    if label == ANONYMITY:
        return _ANONYMITY
    if label == CITING:
        return _CITING
    return _HEDGES


def leading_participle(ctx: TokenContext, group: str, s: int, e: int) -> bool:
    """Is the cue a participle that can open a clause after a comma ("…, adding that B", "…, recalling B")?

    The listed ``participles``, or any one-word verb cue in a progressive form.
    """
    lex, t = ctx.lex, ctx.t
    if " ".join(t.lower[s:e]) in lex.participles:
        return True
    return e - s == 1 and group in ("cue.say", "cue.attitude") and bool(lex.progressive_endings) \
        and t.lower[s].endswith(lex.progressive_endings)


def split_participles(ctx: TokenContext, sents: list[Sentence],
                      matches: list[Matches]) -> tuple[list[Sentence], list[Matches]]:
    """"X said A, adding that B": two sentences, each with its own cue."""
    lex, t = ctx.lex, ctx.t
    if not lex.participles:
        return sents, matches
    out_s: list[Sentence] = []
    out_m: list[Matches] = []
    for sent, m in zip(sents, matches, strict=True):
        cut = None
        if len(m.cues) > 1:
            for _group, s, e in m.cues[1:]:
                if s - 1 > sent.tok_start and t.text[s - 1] == "," and " ".join(t.lower[s:e]) in lex.participles \
                        and any(c[1] < s - 1 and c[0] == "cue.say" for c in m.cues):
                    cut = s
                    break
        if cut is None:
            out_s.append(sent)
            out_m.append(m)
            continue
        head = Sentence(sent.start, ctx.ends[cut - 1], sent.para, sent.tok_start, cut)
        tail = Sentence(ctx.starts[cut], sent.end, sent.para, cut, sent.tok_end, tail=True)
        out_s += [head, tail]
        out_m += [m.within(head.tok_start, head.tok_end), m.within(tail.tok_start, tail.tok_end)]
    return out_s, out_m


def quote_shares(sents: list[Sentence], quotes: list[Quote]) -> list[QuoteShare]:
    """For each sentence, the share of its characters inside quotation marks and which quotations."""
    none = QuoteShare()  # shared by the sentences outside every quotation (it is immutable)
    if not quotes:
        return [none] * len(sents)
    qstarts = [q.start for q in quotes]
    out = []
    for sent in sents:
        k = bisect.bisect_right(qstarts, sent.end) - 1
        inside = 0
        ids: list[int] = []
        while k >= 0 and quotes[k].end > sent.start:
            q = quotes[k]
            overlap = min(q.end, sent.end) - max(q.start, sent.start)
            if overlap > 0:
                inside += overlap
                ids.append(k)
            k -= 1
        if not ids:
            out.append(none)
            continue
        ids.reverse()
        out.append(QuoteShare(inside / max(1, sent.end - sent.start), tuple(ids)))
    return out


def in_quote(quotes: list[Quote], share: QuoteShare, char: int) -> bool:
    """Is the character offset inside one of the sentence's quotations?"""
    return any(quotes[k].start < char < quotes[k].end for k in share.quote_ids)

