"""Stage 5, clause attributions: which cue and source phrase a sentence carries itself.

For each sentence, :func:`attribute` weighs every cue against its source
phrase (stage 4, :mod:`.phrases`): main clauses before subordinate ones, verbs
of saying and prepositions before attitudes, then the earliest.  Without a
listed cue it looks for a passive agent, a that-clause after an unlisted verb,
a speaker before a colon or a name after a dash.  It also decides which hedges
count: not those inside a quotation, and a hedge on the act of saying itself
("zou hebben gezegd") makes the attribution hedged.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass

from .context import DASHES, Sentence, TokenContext, flag_array
from .cues import Cue, Matches, QuoteShare, Span, in_quote, leading_participle
from .phrases import (
    SUBJECT_REACH,
    Clauses,
    Marks,
    head_word,
    is_proper,
    left_phrase,
    plausible,
    right_phrase,
    skip_back,
    token_classes,
)
from .segment import Quote

# Which cue wins when a sentence has several (lower first, then the earliest):
# verbs of saying and prepositions before documents and refusals, attitudes last.
_RANK = {"cue.prepositions": 0, "cue.colon": 0, "cue.say": 1, "cue.evidence": 1, "cue.declined": 1,
         "cue.impersonal": 1, "cue.passive": 1, "cue.attitude": 2, "cue.nouns": 2}
_CLAUSE_PUNCT = {",", ";", "—", "–", ":"}
TAG_CUE_REACH = 4  # a speech tag ("Mayor Ann Wolfe said.") has its verb within this many tokens of its start
TAG_WORDS = 4  # a speech tag ("Trump said last week.") has at most this many tokens after its verb
_SPEAKER_MARKS = ":―—"  # may end a speaker's name in a sentence's first 80 characters


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sentence's own attribution (if any) and the hedges that count in it."""

    cue: Cue | None = None
    phrase: Span | None = None  # the source phrase, token start and end
    hedges: tuple[Span, ...] = ()  # outside quotations
    reportative: tuple[Span, ...] = ()  # reportative "zou" that is hearsay
    others: tuple[tuple[Cue, Span], ...] = ()  # the sentence's other attributions, each a cue and its phrase
    speech_hedged: bool = False  # "zou hebben gezegd": the act of saying is itself hedged
    backref: bool = False  # "Dat zeggen bronnen": also sources the sentence before
    continues: bool = False  # a bare reportative ("Hij zou zich dan … opstellen"): goes on with an account

    @property
    def found(self) -> bool:
        return self.cue is not None and self.phrase is not None


_NOTHING = Attribution()  # shared by the many sentences without any attribution or hedge (it is immutable)


def _characters(text: str, chars: str) -> Marks:
    """Where any of ``chars`` stands in ``text`` (character offsets)."""
    at = []
    for c in chars:
        k = text.find(c)
        while k >= 0:
            at.append(k)
            k = text.find(c, k + 1)
    at.sort()
    return Marks(array("q", at))


class ClauseFinder:
    """Finds each sentence's attributions in one article, and cuts a sentence at a clause with a source of its own."""

    def __init__(self, ctx: TokenContext, quotes: list[Quote]) -> None:
        self.ctx = ctx
        self.quotes = quotes
        lex = ctx.lex
        self._quote_openers = lex.quotes.openers
        closers = "".join(re.escape(c) for c in sorted({c for c in lex.quotes.closers if len(c) == 1}))
        self._quote_dash = re.compile(rf"[{closers}][\s\u00a0]*[{DASHES}][\s\u00a0]*")
        self._quote_starts = [q.start for q in quotes]
        self._v2 = lex.verb_second
        self._participles: dict[str, bool] = {}  # is the word a past participle (_participle)?
        self._speaker_marks = _characters(ctx.text, _SPEAKER_MARKS)
        self._dashes = _characters(ctx.text, DASHES)
        self._marks = Marks(array("q", sorted((*self._speaker_marks.at, *self._dashes.at))))  # either
        # where the words stand that the tests of every sentence look for, found once for the article
        (complementizers, passives, auxiliaries, pronominal_adverbs, subordinators, agents, blockers, confirms,
         relatives, determiners, prepositions) = token_classes(
            ctx, lex.complementizers, lex.passive, lex.auxiliaries, lex.pronominal_adverbs, lex.subordinators,
            lex.agent, lex.reportative_blockers, lex.reportative_confirm, lex.relatives, lex.determiners,
            lex.any_preposition)
        breaks = flag_array(ctx.t.brk)
        self.clauses = Clauses(ctx, (subordinators, relatives, determiners, prepositions), breaks)
        self._breaks = Marks.where(breaks)
        self._complementizers = Marks.where(complementizers)  # "that", "dat", for _that_clause
        self._passives = Marks.where(passives)  # "werd", "was"
        self._auxiliaries = Marks.where(auxiliaries)  # "heeft", "is"
        self._pronominal_adverbs = Marks.where(pronominal_adverbs)  # "daar", "erover"
        self._agents = Marks.where(agents)  # "door", "by"
        self._reportative_blockers = Marks.where(blockers)  # "als" before a conditional "zou"
        self._reportative_confirms = Marks.where(confirms)  # "zou … hebben"
        self._clauses_opened = Marks.where(complementizers | relatives)  # a clause of its own begins
        # where a main clause ends for a separable particle: at a break or a subordinator
        self._clause_ends = Marks.where(breaks | subordinators)

    def attribute(self, sent: Sentence, m: Matches, share: QuoteShare) -> Attribution:
        """The sentence's own cue and source phrase, its hedges and reportative 'zou'."""
        if not (m.cues or m.hedges or m.reportative):
            return self._unmatched(sent, share)
        ctx, lex, t = self.ctx, self.ctx.lex, self.ctx.t
        ss, se = sent.tok_start, sent.tok_end
        starts, quotes = ctx.starts, self.quotes
        quoted = bool(share.quote_ids)  # some of the sentence is inside a quotation
        hedges = m.hedges if not quoted else tuple(h for h in m.hedges if not in_quote(quotes, share, starts[h[0]]))
        own = [r for r in m.reportative if not (quoted and in_quote(quotes, share, starts[r[0]]))
               and not any(h[0] <= r[0] < h[1] for h in hedges) and self._in_main_clause(ss, se, r[0])] \
            if m.reportative else []
        reportative = tuple(r for r in own if self._hearsay(ss, se, r[0])) if own else ()
        continues = bool(own)  # even a bare "zou" goes on with an account, or hedges the act of saying
        question = ctx.text[sent.end - 1] == "?" and share.quoted < 0.5
        # "…, saying B" split off: the subject is the head clause's (discourse.continue_tails), and the
        # cues after the participle are in its content ("…, referring to what he calls B")
        lead = sent.tail and bool(m.cues) and self._leading_participle(*m.cues[0], ss)
        silent = question or lead
        candidates: list[tuple[int, str, int, Span]] = []  # each cue with a source phrase: start, group, end, phrase
        for group, s, e in (() if question else m.cues):
            if lead and group != "cue.prepositions":
                continue  # but "…, alleging B, according to a document" is the document's
            if quoted and in_quote(quotes, share, starts[s]):
                continue
            if not self._usable(group, s, e, ss, se, m):
                continue
            if group == "cue.attitude" and self._in_relative_clause(ss, s):
                continue  # "de maatregelen die het kabinet wil nemen, zijn …": what the noun is, not who says
            if not self._v2 and self._opens_sentence(sent, group, s):
                continue  # "Views of the president remain …": in SVO a verb opens no sentence
            phrase = self._phrase_for(group, s, e, ss, se)
            if phrase is not None:
                if not self._v2 and group in ("cue.say", "cue.attitude"):
                    head = self._infinitive_head(ss, s)
                    if head is not None and phrase[1] <= head:
                        s = head  # the cue is the whole chain: "went on to say", "appeared to suggest"
                candidates.append((s, group, e, phrase))
        if not candidates and not silent:
            found = self._passive_agent(sent, m, hedges) or self._that_clause(sent, share)
            if found is not None:
                candidates.append(found)
        if candidates:
            s, group, e, phrase = candidates[0] if len(candidates) == 1 else self._preferred(candidates, ss, se)
            backref = t.lower[ss] in lex.backref and (
                group == "cue.say" and s <= ss + 2 and phrase[0] >= e  # "Dat zeggen bronnen."
                or group == "cue.passive")  # "Zo wordt hij door bekenden omschreven."
            before = [h for h in (*hedges, *own) if ss <= h[0] < e] if hedges or own else ()
            speech_hedged = group in ("cue.say", "cue.attitude") and bool(before) and not any(
                t.brk[k] for k in range(before[0][0], s))
            others: list[tuple[Cue, Span]] = []
            if len(candidates) > 1:
                seen = {(s, e)}
                for a, g, b, p in sorted(candidates, key=lambda c: c[0]):
                    if (a, b) not in seen:  # one per place: a word may be in two cue lists
                        seen.add((a, b))
                        others.append(((g, a, b), p))
            return Attribution((group, s, e), phrase, hedges, reportative, tuple(others), speech_hedged, backref,
                               continues)
        colon = self._speaker(sent) if self._marks.any_in(sent.start, sent.end) else None
        if colon is not None:
            return Attribution(("cue.colon", colon[1], colon[1] + 1), colon[0], hedges, reportative,
                               continues=continues)
        if not hedges and not reportative and not continues:
            return _NOTHING
        return Attribution(None, None, hedges, reportative, continues=continues)

    def _preferred(self, candidates: list[tuple[int, str, int, Span]], ss: int, se: int) -> tuple[int, str, int, Span]:
        """The cue that wins among a sentence's ``candidates`` (each its start, group, end and phrase).

        A tag that closes the sentence ("…, according to X") wraps the rest: "Trump said A, the Post
        reported" is the Post's report; then the main clause, rank, the earliest, the longest.
        """
        t, lex = self.ctx.t, self.ctx.lex

        def order(candidate: tuple[int, str, int, Span]) -> tuple:
            s, group, e, phrase = candidate
            rank = _RANK.get(group, 1)
            if group == "cue.say" and " ".join(t.lower[s:e]) in lex.strong:
                rank = 0
            outer = not self._final_tag(group, s, e, phrase, ss, se)
            return outer, self.clauses.in_subordinate(ss, s), rank, s, -e, group, phrase

        return min(candidates, key=order)

    def _unmatched(self, sent: Sentence, share: QuoteShare) -> Attribution:
        """:meth:`attribute` for a sentence in which the matchers found nothing (most sentences).

        Then only an unlisted verb before a that-clause attributes, or a speaker's name before
        a colon or after a dash; there are no hedges.
        """
        question = self.ctx.text[sent.end - 1] == "?" and share.quoted < 0.5
        found = None if question else self._that_clause(sent, share)
        if found is not None:
            s, group, e, phrase = found
            return Attribution((group, s, e), phrase)
        colon = self._speaker(sent) if self._marks.any_in(sent.start, sent.end) else None
        if colon is not None:
            return Attribution(("cue.colon", colon[1], colon[1] + 1), colon[0])
        return _NOTHING

    def _speaker(self, sent: Sentence) -> tuple[Span, int] | None:
        """A speaker named before a colon or after a dash, and the mark."""
        ss, se = sent.tok_start, sent.tok_end
        colon = None
        if self._speaker_marks.any_in(sent.start, min(sent.end, sent.start + 80)):
            colon = self._colon(ss, se)
        if colon is None and self._dashes.any_in(sent.start, sent.end):
            colon = self._dash(ss, se)
        return colon

    # --- a speech tag after its quotation ---------------------------------------
    def join_tags(self, sents: list[Sentence], matches: list[Matches],
                  tag_words: int = TAG_WORDS) -> tuple[list[Sentence], list[Matches]]:
        """Join a sentence that only tags the quotation before it to that quotation's sentence.

        "“Who cares?” Trump said." is one claim: the mark inside the quotation ends a sentence
        for the segmenter, but "Trump said." says nothing of its own.  A tag opens with its
        source, has its verb of saying within TAG_CUE_REACH tokens, after it at most ``tag_words``
        tokens that say where or when ("last week", "on Twitter"), and follows, in the same
        paragraph, a sentence that ends with a quotation and has no cue of its own outside it.
        """
        out_s: list[Sentence] = []
        out_m: list[Matches] = []
        for sent, m in zip(sents, matches, strict=True):
            if out_s and self._is_tag(out_s[-1], out_m[-1], sent, m, tag_words):
                prev = out_s[-1]
                out_s[-1] = Sentence(prev.start, sent.end, prev.para, prev.tok_start, sent.tok_end, prev.tail)
                out_m[-1] = out_m[-1].joined(m)
                continue
            out_s.append(sent)
            out_m.append(m)
        return out_s, out_m

    def _is_tag(self, prev: Sentence, pm: Matches, sent: Sentence, m: Matches, tag_words: int) -> bool:
        if not m.cues or prev.para != sent.para or not self._quote_ends(prev.end):
            return False
        if any(not self._quoted(self.ctx.starts[c[1]]) for c in pm.cues):
            return False  # "The mayor asked, “Who pays?” The council said nothing.": two speakers
        k = bisect.bisect_left(self._quote_starts, sent.start)
        if k < len(self.quotes) and self.quotes[k].start < sent.end:
            return False  # a quotation of its own: "“A?” Trump said. “B.”"
        t, lex = self.ctx.t, self.ctx.lex
        ss, se = sent.tok_start, sent.tok_end
        for group, s, e in m.cues:
            if group == "cue.say" and s - ss <= TAG_CUE_REACH and se - e <= tag_words \
                    and self._usable(group, s, e, ss, se, m):
                after = [j for j in range(e, se) if t.text[j][:1].isalnum()]
                if after and not (t.lower[after[0]] in lex.any_preposition or t.lower[after[0]] in lex.time_words
                                  or t.lower[after[0]] in lex.time_nouns or lex.skippable(t.lower[after[0]])):
                    return False  # "“Who pays?” Wolfe said the council must.": something said of its own
                phrase = self._phrase_for(group, s, e, ss, se)
                return phrase is not None and phrase[0] <= ss + 1
        return False

    def _quote_ends(self, char: int) -> bool:
        """Does a closed quotation end at ``char``?"""
        k = bisect.bisect_left(self._quote_starts, char) - 1
        while k >= 0 and self.quotes[k].end >= char - 1:
            if self.quotes[k].closed and self.quotes[k].end == char:
                return True
            k -= 1
        return False

    # --- clauses with a source of their own ---------------------------------------
    def split(self, sents: list[Sentence], matches: list[Matches]) -> tuple[list[Sentence], list[Matches]]:
        """Cut each sentence before a later clause that has a cue of its own.

        "Trump said A, while Clinton said B" and "X praised Y and said B" are two claims:
        the cut comes at the clause boundary (punctuation, a linking word, ", who")
        before the second cue, when the first part keeps an attribution of its own and
        the second part has its own source, or opens with a link that lets it share the
        first part's (see :func:`~.discourse.continue_tails`).
        """
        out_s: list[Sentence] = []
        out_m: list[Matches] = []
        for sent, m in zip(sents, matches, strict=True):
            cuts = self._cuts(sent, m) if len(m.cues) > 1 else None  # a cut comes before a second cue
            if not cuts:
                out_s.append(sent)
                out_m.append(m)
                continue
            bounds = [sent.tok_start, *cuts, sent.tok_end]
            out_s.extend(self._part(sent, a, b) for a, b in zip(bounds, bounds[1:], strict=False))
            out_m.extend(m.partition(bounds))
        return out_s, out_m

    def _usable(self, group: str, s: int, e: int, ss: int, se: int, m: Matches) -> bool:
        """Can the cue attribute at all? Not as part of a hedge ("is said to"), a passive or a particle verb."""
        if m.hedges and any(h[0] <= s < h[1] for h in m.hedges):
            return False  # "is said to": a hedge, not a cue
        if group not in ("cue.say", "cue.attitude"):
            return True
        if s > ss and self.ctx.t.lower[s - 1] in self.ctx.lex.noun_markers:
            return False  # "In a tweet, …": a noun
        # "genoemd te worden", "was charged", "zegden de afspraak af": not the verb of saying
        return not (self._passive(s, e, ss, se) or self._particle_verb(s, e, se))

    def _cuts(self, sent: Sentence, m: Matches) -> list[int]:
        ctx, lex, t = self.ctx, self.ctx.lex, self.ctx.t
        ss, se = sent.tok_start, sent.tok_end
        if len(m.cues) < 2:
            return []  # a cut comes before a second cue
        unquoted = [c for c in m.cues if not self._quoted(ctx.starts[c[1]])]
        if len(unquoted) < 2:
            return []  # a cut comes before a second cue
        live = sorted((c for c in unquoted if self._usable(*c, ss, se, m)), key=lambda c: c[1])
        usable = set(live)
        live_at = [c[1] for c in live]
        every = sorted(m.cues, key=lambda c: c[1])
        every_at = [c[1] for c in every]
        commas = [j for j in range(ss, se) if t.text[j] == ","]
        cuts: list[int] = []
        for k in range(1, len(unquoted)):
            group, s, e = unquoted[k]
            if group not in ("cue.say", "cue.attitude", "cue.declined") or unquoted[k] not in usable \
                    or (group != "cue.declined" and sent.tok_end - e < 4):
                continue  # "…, according to X." and ", X said." attribute what comes before them
            seg = cuts[-1] if cuts else sent.tok_start
            # after the cue before (also a passive: "was praised by X"), not the same word in another cue list
            before = [c[2] for c in unquoted[max(0, k - 4):k] if c[2] <= s]  # the cues just before
            low = max(max(before) if before else seg + 1, seg + 1)
            cut = None
            # ", citing people familiar with …" passes on a source; ", citing the figures" says something
            participle = self._after_comma(s, ss) and leading_participle(ctx, group, s, e) and not (
                any(c[0] == s for c in m.citing) and self._cites_source(e, sent.tok_end, ss))
            for j in range(s - 1, max(low - 1, s - lex.clause_reach), -1):
                if t.text[j] in _CLAUSE_PUNCT:
                    cut = j + 1
                    break
                if t.lower[j] in lex.clause_links or (t.lower[j] in lex.relatives and t.text[j - 1] == ","):
                    cut = j
                    break
            if participle and cut is not None and cut == s - 1:
                cut = s  # after a quotation's closing mark too: '… a "distortion," describing …'
            if cut == s and participle:
                pass  # "X struck a measured tone, recalling B": the participle opens a clause of its own
            elif cut is None or cut <= low or cut >= s or self._quoted(ctx.starts[cut]):
                continue  # a cue right after the comma (", said Mr. Barrett") tags what came before
            # the first part's own attributions, with content of their own (not "With X worried, …")
            # (the nearest three, and within SUBJECT_REACH a passive's agent: a sentence of many cues stays linear)
            fronted = t.lower[seg] in lex.any_preposition
            first_comma = commas[bisect.bisect_left(commas, seg + 1)] if commas and commas[-1] > seg else se
            nearest = live[max(bisect.bisect_left(live_at, seg), bisect.bisect_left(live_at, cut) - 3):
                           bisect.bisect_left(live_at, cut)]
            head = [c for c in nearest if c[0] == "cue.prepositions" or not fronted
                    or first_comma < c[1]]  # "On Thursday, X said"
            near = max(seg, cut - SUBJECT_REACH)
            window = Matches(tuple(every[bisect.bisect_left(every_at, near):bisect.bisect_left(every_at, cut)]))
            if not any(self._says_something(g, a, b, seg, cut) for g, a, b in head) \
                    and self._passive_agent(self._part(sent, near, cut), window, ()) is None:
                continue  # the first part would lose its attribution (its own cue, or a passive's agent)
            opener = t.lower[cut]
            own = self._phrase_for(group, s, e, cut, sent.tok_end) is not None
            if own or opener in lex.clause_links or opener in lex.relatives or t.text[cut - 1] in _CLAUSE_PUNCT:
                cuts.append(cut)
        return cuts

    def _after_comma(self, s: int, ss: int) -> bool:
        """Does a comma stand right before ``s``, perhaps inside a quotation that closes there ('…,” saying')?"""
        t = self.ctx.t
        return s > ss and (t.text[s - 1] == "," or (s - 2 > ss and t.text[s - 1] in self.ctx.lex.quotes.closers
                                                    and t.text[s - 2] == ","))

    def _cites_source(self, e: int, se: int, ss: int) -> bool:
        """Does the phrase after a citing cue name a source ("people familiar with …"), not figures?"""
        cited = right_phrase(self.ctx, e, se, ss)
        return cited is not None and any(head_word(self.ctx.t.lower[j], self.ctx.lex) for j in range(*cited))

    def _says_something(self, group: str, s: int, e: int, ss: int, se: int) -> bool:
        """Does the cue attribute some words of the clause ``ss``..``se`` besides itself and its source?

        "“We chase absentee requests,” said Borges, who …" and "X defended his vote, but …" do.
        """
        t = self.ctx.t
        phrase = self._phrase_for(group, s, e, ss, se)
        if phrase is None:
            return False
        return sum(1 for j in range(ss, se) if t.text[j][:1].isalnum()
                   and not s <= j < e and not phrase[0] <= j < phrase[1]) >= 2

    def _in_relative_clause(self, ss: int, s: int) -> bool:
        """Is the cue at ``s`` in a relative clause after a noun ("de maatregelen die het kabinet wil nemen")?"""
        t, lex = self.ctx.t, self.ctx.lex
        k = self.clauses.subordinator(ss, s)
        return k is not None and k > ss and t.lower[k] in lex.relatives and t.lower[k] not in lex.subordinators

    def _main_subject(self, ss: int, s: int) -> Span | None:
        """The subject of the clause before ``s``: the first phrase a word follows, not a comma.

        "At a rally in Ames, Iowa, on Sunday, Clinton mocked it": the phrases a comma ends are fronted
        or in apposition; without such a phrase, the first one.
        """
        ctx, t = self.ctx, self.ctx.t
        first = None
        for start in self._clause_starts(ss, s - 1):
            found = right_phrase(ctx, start, s, ss)
            if found is None:
                continue
            if found[1] < s and not t.brk[found[1]] and t.lower[found[0]] not in self.ctx.lex.any_preposition:
                return found
            first = first or found
        return first

    def _clause_starts(self, ss: int, s: int, marks: tuple[str, ...] = (",",)) -> list[int]:
        """Where a phrase may open before token ``s - 1``: the sentence start and after each of ``marks``.

        Only within SUBJECT_REACH tokens, so that a sentence of many commas costs time in
        proportion to its length, not to its length squared.
        """
        t = self.ctx.t
        low = max(ss, s - SUBJECT_REACH)
        return ([ss] if low == ss else []) + [k + 1 for k in range(low, s - 1) if t.text[k] in marks]

    def _final_tag(self, group: str, s: int, e: int, phrase: Span, ss: int, se: int) -> bool:
        """Does the cue with its phrase close the sentence after a comma ("…, according to X.", "…, X reported.")?

        At most TAG_WORDS tokens may follow it ("…, the Ledger reported on Friday.").
        """
        start = min(s, phrase[0])
        return group in ("cue.say", "cue.prepositions") and start > ss + 2 and self._after_comma(start, ss) \
            and se - max(e, phrase[1]) <= TAG_WORDS

    def _gerund_link(self, ss: int, s: int, e: int) -> int | None:
        """Where the link word stands that makes the cue ``s``..``e`` a gerund of the main clause's subject.

        The link stands right before an -ing form ("by promising"), or before the
        infinitive marker of an infinitive ("door te beweren").
        """
        t, lex = self.ctx.t, self.ctx.lex
        if s > ss and t.lower[s - 1] in lex.gerund_links and t.lower[e - 1].endswith(lex.progressive_endings):
            return s - 1
        if s > ss + 1 and t.lower[s - 1] in lex.infinitive_markers and t.lower[s - 2] in lex.gerund_links:
            return s - 2
        return None

    def _gerund_subject(self, ss: int, s: int) -> Span | None:
        """The subject of the clause before ``s``: the first phrase, past fronted ones, before a verb or apposition.

        "Dean, a medical doctor, then appeared on MSNBC and began by saying …" gives Dean;
        "Success on Signature Issue: Mr. Ban focused on …" gives Mr. Ban.
        """
        ctx, lex, t = self.ctx, self.ctx.lex, self.ctx.t
        for start in self._clause_starts(ss, s, (",", ":")):
            if t.lower[start] in lex.fronting:
                continue  # a fronted phrase: "After the debate, …"
            found = right_phrase(ctx, start, s, ss)
            # a verb must stand between the phrase and the link: "The mayor resigned after saying" has none found
            if found is not None and found[1] < s and (not t.brk[found[1]] or t.text[found[1]] == ","):
                return found
        return None

    def _subject_after(self, ss: int, s: int, se: int) -> Span | None:
        """The subject of the main clause after a fronted phrase that holds ``s`` ("After saying B, the man …")."""
        ctx, t = self.ctx, self.ctx.t
        for k in range(s + 1, min(se - 1, s + SUBJECT_REACH)):
            if t.text[k] == ",":
                found = right_phrase(ctx, k + 1, se, ss)
                # a word must follow the phrase (its verb): not "…, the mayor resigned." read to the full stop
                if found is not None and found[1] < se - 1 and t.text[found[1]][:1].isalnum():
                    return found
        return None

    def _part(self, sent: Sentence, a: int, b: int) -> Sentence:
        """The tokens ``a``..``b`` of ``sent`` as a sentence of their own."""
        return Sentence(self.ctx.starts[a], self.ctx.ends[b - 1], sent.para, a, b, tail=sent.tail or a > sent.tok_start)

    def _opens_sentence(self, sent: Sentence, group: str, s: int) -> bool:
        """Does a verb cue open a sentence (not a clause split off one) in a language whose subject comes first?"""
        ctx = self.ctx
        return not self._v2 and not sent.tail and group in ("cue.say", "cue.attitude") \
            and skip_back(ctx, sent.tok_start, s) < sent.tok_start

    def _leading_participle(self, group: str, s: int, e: int, ss: int) -> bool:
        """Does the clause open with a participle of saying ("saying B", "and telling them B")?"""
        lex, t = self.ctx.lex, self.ctx.t
        return leading_participle(self.ctx, group, s, e) and all(
            lex.skippable(t.lower[k], t.spc[k]) or t.lower[k] in lex.clause_links or t.lower[k] in lex.coordinators
            for k in range(ss, s))

    def _quoted(self, char: int) -> bool:
        k = bisect.bisect_right(self._quote_starts, char) - 1
        return k >= 0 and self.quotes[k].start < char < self.quotes[k].end

    # --- cue kinds -------------------------------------------------------------
    def _passive_agent(self, sent: Sentence, m: Matches,
                       hedges: tuple[Span, ...]) -> tuple[int, str, int, Span] | None:
        """"was accused of rape by a woman", "werd bekritiseerd door de oppositie"."""
        if not m.cues and not hedges:
            return None
        ctx, agents = self.ctx, self._agents
        ss, se = sent.tok_start, sent.tok_end
        for group, s, e in (*m.cues, *(("cue.say", a, b) for a, b in hedges)):
            if group == "cue.nouns":
                continue  # "De boodschap echode door de campagne": no passive
            # the agent within 8 tokens after the cue, before a break
            reach = min(se - 1, e + 8)
            k = agents.first_from(e, reach)
            if k < reach and k <= self._breaks.first_from(e, reach):
                phrase = right_phrase(ctx, k + 1, se, ss, strong=True)
                if phrase is not None:
                    return s, "cue.passive", e, phrase
            if self._v2 and e - s == 1:
                # "Zo wordt hij door bekenden omschreven": the agent before the participle at the clause end,
                # within 8 tokens and after the last break
                k = agents.last_before(s - 1)
                if k >= max(ss, s - 8) and self._breaks.last_before(s - 1) < k and self._passive(s, e, ss, se):
                    phrase = right_phrase(ctx, k + 1, s, ss, strong=True)
                    if phrase is not None:
                        return s, "cue.passive", e, phrase
        return None

    def _that_clause(self, sent: Sentence, share: QuoteShare) -> tuple[int, str, int, Span] | None:
        """"Mr. Deese expected that …": a named subject, any verb, then a that-clause.

        Verbs that take a that-clause are verbs of saying, thinking and knowing, so
        an unlisted one still attributes what follows (as an attitude).
        """
        found = self._complementizers.at
        first, last = bisect.bisect_left(found, sent.tok_start + 2), bisect.bisect_left(found, sent.tok_end - 1)
        if first == last:
            return None  # none in the sentence
        ctx, lex, t = self.ctx, self.ctx.lex, self.ctx.t
        for k in found[first:last]:
            after = t.lower[k + 1]
            if t.brk[k + 1] or after in lex.inner or after in lex.inner_before_names or after in lex.prepositions:
                continue  # "Haar voorganger deed dat in 2019": a pronoun, no clause follows
            verb = t.text[k - 1]
            if not verb.isalpha() or not verb.islower() or verb in lex.boundaries \
                    or head_word(verb, lex) is not None \
                    or in_quote(self.quotes, share, ctx.starts[k]):
                continue
            phrase = left_phrase(ctx, sent.tok_start, k - 1)
            if phrase is not None and phrase[0] > sent.tok_start and t.lower[phrase[0] - 1] in lex.any_preposition:
                # "on the Senate floor that …": the object of a preposition is no subject, unless the
                # preposition ties it to a source noun before it ("A document on the campaign's website states that")
                owner = left_phrase(ctx, sent.tok_start, phrase[0] - 1)
                head = owner is not None and head_word(t.lower[owner[1] - 1], lex) is not None
                phrase = (owner[0], phrase[1]) if head else None
            if phrase is None:
                continue
            last = phrase[1] - 1
            if t.lower[last] in lex.pronouns_thing:
                # "It's likely that …", "Nor is it clear that …", "it appeared that …": no one holds the view.
                # A referring "it" ("The ministry … It expected that …") is lost with them: it is far rarer
                continue
            if t.cap[last] or t.lower[last] in lex.pronouns or head_word(t.lower[last], lex):
                return k - 1, "cue.attitude", k, phrase
        return None

    def _passive(self, s: int, e: int, ss: int, se: int) -> bool:
        """Is the one-word cue a participle in a passive ("werd genoemd", "genoemd te worden")?

        Its subject is then what is said, not who says it; a passive agent ("door X",
        "by X") is found apart.
        """
        lex, t = self.ctx.lex, self.ctx.t
        if e - s != 1 or not lex.passive:
            return False
        end = min(e + 3, se)
        k = self._unskippable(e, end)  # the word after the cue
        if k < end:
            if t.lower[k] in lex.passive:
                return True
            if t.lower[k] in lex.infinitive_markers:
                k = self._unskippable(k + 1, end)
                if k < end and t.lower[k] in lex.passive:
                    return True  # "genoemd te worden"
        if self._v2:  # "Leiden werd met Delfzijl genoemd": the auxiliary second, the participle last
            return self._passives.last_before(s) >= self.clauses.start(ss, s)
        before = [k for k in range(s - 1, max(ss, s - 4) - 1, -1) if not lex.skippable(t.lower[k], t.spc[k])]
        if before and t.lower[before[0]] in lex.passive:
            return True
        # "Clinton was asked", "was also told": an auxiliary that is skippable elsewhere ("was also") — but
        # not before a progressive form ("is saying", "were urging")
        progressive = bool(lex.progressive_endings) and t.lower[s].endswith(lex.progressive_endings)
        return not progressive and any(t.lower[k] in lex.passive for k in range(before[0] + 1 if before else ss, s))

    def _unskippable(self, k: int, end: int) -> int:
        """The first token from ``k`` that may not stand between a subject and its verb, or ``end``."""
        lex, t = self.ctx.lex, self.ctx.t
        while k < end and lex.skippable(t.lower[k], t.spc[k]):
            k += 1
        return k

    def _participle(self, lower: str) -> bool:
        """A past participle (``participle_prefixes``), also behind a separable particle ("gezegd", "opgeroepen").

        Answered once per word in the article: the particles and prefixes make many beginnings to test.
        """
        known = self._participles.get(lower)
        if known is None:
            lex = self.ctx.lex
            known = self._participles[lower] = (lower.startswith(lex.participle_starts) and len(lower) > 4) \
                or lower.startswith(lex.separable_participle_starts)
        return known

    def _auxiliary_before(self, ss: int, s: int) -> int | None:
        """The finite auxiliary of a cue at the end of its clause ("heeft … gezegd"), if words stand between."""
        k = self._auxiliaries.last_before(s - 1)  # the nearest at s - 2 or before
        if k < self.clauses.start(ss, s):
            return None
        lex, t = self.ctx.lex, self.ctx.t
        return k if any(not lex.skippable(t.lower[j], t.spc[j]) for j in range(k + 1, s)) else None

    def _particle_verb(self, s: int, e: int, se: int) -> bool:
        """Does the clause of a one-word cue end in a particle that makes it another verb?

        Dutch separable verbs put their particle at the end of the main clause: "zegden
        de afspraak af" (afzeggen, to cancel) is no "zeggen".  A particle the rules pair
        with the verb as a cue of its own ("roept … op") is matched by that entry.
        """
        lex, t = self.ctx.lex, self.ctx.t
        if e - s != 1 or not lex.separable_particles:
            return False
        last = min(self._clause_ends.first_from(e, se), se) - 1  # the clause's last token
        while last > e and not t.text[last][:1].isalnum():
            last -= 1  # the full stop, a closing quotation mark
        if not (last > e and t.islow[last] and t.lower[last] in lex.separable_particles):
            return False
        if self._pronominal_adverbs.any_in(e, last):
            return False  # "zei daar later over": the preposition goes with "daar"
        marks = lex.quotes.marks
        if t.text[last - 1] in marks or last + 1 < len(t.text) and t.text[last + 1] in marks:
            return False  # "adviseerden het 'open, …' debat": a quoted word, no particle
        return (t.lower[s], t.lower[last]) not in lex.separable_pairs

    def _in_main_clause(self, ss: int, se: int, at: int) -> bool:
        """Is the reportative at ``at`` about the sentence's own statement?

        Not in a question, not inside a subordinate clause (that is someone's reported
        content: "… zei dat het plan zou mislukken"), not after a word that makes it a
        plain conditional ("als …, zou …").
        """
        ctx = self.ctx
        if ctx.text[ctx.ends[se - 1] - 1] == "?" or self.clauses.in_subordinate(ss, at):
            return False
        return not self._reportative_blockers.any_in(ss, at)

    def _hearsay(self, ss: int, se: int, at: int) -> bool:
        """Does the reportative at ``at`` by itself mark hearsay ("Kim zou Trump hebben gevraagd")?

        Not as an expectation or wish ("zou graag", "zou moeten"), and, where the language
        names ``reportative_confirm`` words, only with one of them later in its clause
        ("zou … hebben", "zou … zijn"): a bare "zou" + infinitive is mostly a future in
        the past, and counts only where it goes on with a sourced account.
        """
        lex, t = self.ctx.lex, self.ctx.t
        if any(t.lower[k] in lex.reportative_blockers_after for k in range(at + 1, min(at + 5, se))):
            return False
        if not lex.reportative_confirm:
            return True
        confirm = self._reportative_confirms.first_from(at + 1, se)
        # before a clause of its own begins
        return confirm < se and confirm <= self._clauses_opened.first_from(at + 1, se)

    def _phrase_for(self, group: str, s: int, e: int, ss: int, se: int) -> Span | None:
        """The source phrase the cue ``s``..``e`` of ``group`` attributes to, if any."""
        ctx, lex, t = self.ctx, self.ctx.lex, self.ctx.t
        if group in ("cue.prepositions", "cue.evidence"):
            if group == "cue.evidence" and e - s > 2 and t.lower[s] in lex.any_preposition:
                # "Uit onderzoek van het RIVM blijkt": a fronted phrase, the source inside the cue
                inside = right_phrase(ctx, s + 1, e - 1, ss, strong=True)
                if inside is not None:
                    return inside
            found = right_phrase(ctx, e, se, ss, strong=True)
            if found is None and e + 1 < se and t.lower[e] in lex.relatives \
                    and head_word(t.lower[e + 1], lex) is not None:
                # "bleek uit dat onderzoek": a pointing "dat" before a source noun opens the phrase
                after = right_phrase(ctx, e + 1, se, ss, strong=True)
                found = (e, after[1]) if after is not None else None
            return found
        if group == "cue.nouns":
            if e < se and t.lower[e] in lex.inner:
                return right_phrase(ctx, e + 1, se, ss)
            return None
        if group == "cue.impersonal":
            # "klinkt het in Den Haag", "In het Witte Huis wordt gesproken van": where, if said
            if t.lower[ss] in lex.inner_before_names | lex.inner and ss + 1 < s:
                return right_phrase(ctx, ss + 1, s, ss, strong=True) or (s, e)
            if e + 1 < se and t.lower[e] in lex.inner_before_names | lex.inner:
                return right_phrase(ctx, e + 1, se, ss, strong=True) or (s, e)
            return s, e
        if s > ss and self._after_comma(s, ss) and leading_participle(ctx, group, s, e):
            return self._main_subject(ss, s)  # "Clinton mocked it, saying …", "…, decrying B"
        link = self._gerund_link(ss, s, e)
        if link is not None:
            # "Trump rallied thousands by promising …", "After saying he was nervous, the man …",
            # "Hij maakte de Kamer boos door te beweren …"
            found = self._gerund_subject(ss, link) if link > ss else self._subject_after(ss, s, se)
            if found is not None and t.lower[found[0]] in lex.pronouns_thing:
                return None  # "It goes without saying"
            return found
        if t.lower[ss] in lex.relatives and ss > 0 and t.text[ss - 1] == "," \
                and all(lex.skippable(t.lower[k], t.spc[k]) for k in range(ss + 1, s)):
            return ss, ss + 1  # "…, who said": the relative pronoun, standing for the phrase before the comma
        if s > ss + 1 and (t.lower[s - 1] in lex.coordinators or t.lower[s - 1] in lex.clause_links):
            # "Trump bemoaned the unrest and said …": the subject of the first verb, also after a
            # fronted phrase ("In an interview, Trump doubled down and said …")
            for start in self._clause_starts(ss, s - 1):
                first = right_phrase(ctx, start, s - 1, ss, strong=True)
                if first is not None:
                    return first
        strong = (t.lower[s] if e - s == 1 else " ".join(t.lower[s:e])) in lex.strong
        if self._v2:
            # verb-final subordinate clause: "de boodschap die Imamoglu benadrukte"
            k = self.clauses.subordinator(ss, s)
            if k is not None and k + 1 < s:
                after = right_phrase(ctx, e, se, ss, strong) if k == ss else None
                if after is not None and (t.cap[after[0]] or t.lower[after[0]] in lex.pronouns):
                    return after  # "Als de ware winnaar spreekt Baudet …": "als" (as) fronted, the subject after
                return right_phrase(ctx, k + 1, s, ss, strong)
            aux = self._auxiliary_before(ss, s) if e - s == 1 and self._participle(t.lower[s]) else None
            if aux is not None:
                # "De wethouder heeft de bewoners opgeroepen": the subject stands at the finite auxiliary
                if self.clauses.subject_follows(ss, aux):
                    return right_phrase(ctx, aux + 1, s, ss, strong)
                return left_phrase(ctx, ss, aux, strong)
        elif s > ss + 1 and t.text[s - 1] == "," and t.text[s - 2] not in lex.quotes.closers:
            # ", said X" only after a quotation: "Achterberg, whose …, said she"
            found = left_phrase(ctx, ss, s, strong)
            if found is not None:
                return found
            found = right_phrase(ctx, e, se, ss, strong)
            # "The plan will fail, said the minister (yesterday)." but not ", said no decision had been made"
            if found is not None and (found[1] >= se - 2 or t.text[found[1]] in (",", ";")):
                return found
            return None
        if self.clauses.subject_follows(ss, s):
            inside = right_phrase(ctx, s + 1, e - 1, ss) if e - s > 2 else None  # "voegde hij eraan toe"
            found = inside or right_phrase(ctx, e, se, ss, strong) or left_phrase(ctx, ss, s, strong)
            if found is None and self._v2 and group == "cue.say" and not strong:
                # after the verb in a V2 clause, a verb of saying takes any phrase as its subject
                # ("Tenslotte opperen de twee grootste eurolanden")
                found = right_phrase(ctx, e, se, ss, True)
            return found
        if self._v2 and e - s > 2 and s > ss and left_phrase(ctx, ss, s, strong) is None:
            # "Telefonisch geeft Jesper toe": a split verb after a fronted word that is no subject, its subject
            # right after the verb, inside the cue
            inside = right_phrase(ctx, s + 1, e - 1, ss)
            if inside is not None and (t.cap[inside[0]] or t.lower[inside[0]] in lex.subject_pronouns):
                return inside
        if self._v2 and e < se and t.lower[e] in lex.subject_pronouns and s > ss \
                and t.lower[skip_back(ctx, ss, s)] not in lex.pronouns:
            return e, e + 1  # "Eenzelfde bezwaar ziet hij": a subject pronoun right after the verb is its subject
        if self._infinitive(ss, s):
            # "He went on to say", "Reid wanted to know": the subject of the verb the infinitive hangs on
            v = self._infinitive_head(ss, s)
            if v is None:
                return None
            found = left_phrase(ctx, ss, v)
            if found is None or found[0] == ss:
                return found
            before = t.lower[found[0] - 1]
            opens = t.brk[found[0] - 1] or before in lex.subordinators or before in lex.clause_links \
                or before in lex.relatives
            return found if opens else None  # not "held X in contempt of Congress for refusing to testify"
        return left_phrase(ctx, ss, s, strong) or self._before_restrictive(ss, s, strong)

    def _infinitive(self, ss: int, s: int) -> bool:
        """Is the cue at ``s`` an infinitive after its marker ("to say"), in a language whose subject comes first?"""
        lex = self.ctx.lex
        return not self._v2 and s >= ss + 3 and self.ctx.t.lower[s - 1] in lex.infinitive_markers

    def _infinitive_head(self, ss: int, s: int) -> int | None:
        """The word an infinitive cue at ``s`` hangs on ("went on to say", "appeared to suggest"), if one does."""
        lex, t = self.ctx.lex, self.ctx.t
        if not self._infinitive(ss, s):
            return None
        v = s - 2
        if t.lower[v] in lex.any_preposition or t.lower[v] in lex.boundaries:
            v -= 1  # "went on to say"
        return v if v > ss and t.lower[v] in lex.catenatives else None

    def _before_restrictive(self, ss: int, s: int, strong: bool) -> Span | None:
        """"Senior advisers who have run the numbers argue": the subject a relative clause for people describes.

        The clause runs unbroken to the cue, and its noun phrase opens the sentence or follows a fronted phrase.
        """
        ctx, lex, t = self.ctx, self.ctx.lex, self.ctx.t
        for r in range(s - 1, max(ss, s - lex.clause_reach), -1):
            if t.brk[r]:
                return None
            if t.lower[r] in lex.person_relatives:
                found = left_phrase(ctx, ss, r, strong, person=True)
                if found is None or (found[0] > ss and not (t.lower[ss] in lex.fronting
                                                            and t.text[found[0] - 1] == ",")):
                    return None
                return found
        return None

    def _colon(self, ss: int, se: int) -> tuple[Span, int] | None:
        """"Post: “…”" — a short name before a colon that opens a quotation.

        Also a transcript's speaker line inside the quotation of its paragraph: ""WALLACE: Let's start …".
        """
        ctx, lex, t = self.ctx, self.ctx.lex, self.ctx.t
        openers = self._quote_openers
        if se - ss > 3 and t.text[ss] in openers and t.cap[ss + 1]:
            ss += 1
        for k in range(ss + 1, min(se - 1, ss + 7)):
            mark = t.text[k]
            capitals = mark == ":" and k - ss <= 3 and t.cap[k + 1] and all(
                t.text[j].isupper() for j in range(ss, k))  # a transcript's "WALLACE: …"
            speaker_line = (mark == ":" and k - ss <= 3 and t.cap[k + 1]
                            and all(t.cap[j] for j in range(ss, k))
                            and (capitals or any(is_proper(ctx, j, ss) for j in range(ss, k))))
            if mark in (":", "―", "—") and (t.text[k + 1] in openers or speaker_line):
                quote_follows = mark != ":" or t.text[k + 1] in openers
                function = all(t.lower[j] in lex.boundaries or t.lower[j] in lex.coordinators
                               or t.lower[j] in lex.determiners for j in range(ss, k))  # "En: …"
                named = not function and (plausible(ctx, ss, k, ss) or (quote_follows and t.cap[k - 1]) or capitals)
                if named and not any(t.brk[j] for j in range(ss, k)):
                    return (ss, k), k
                return None
            if t.brk[k]:
                return None
        return None

    def _dash(self, ss: int, se: int) -> tuple[Span, int] | None:
        """"“…” ― Sonya Herridge": a name after a dash that follows a quotation."""
        ctx = self.ctx
        first, last = ctx.starts[ss], ctx.ends[se - 1]
        m = self._quote_dash.search(ctx.text, first, last)
        if m is None:
            return None
        k = bisect.bisect_left(ctx.starts, m.end())
        if k >= se:
            return None
        phrase = right_phrase(ctx, k, se, ss, strong=True)
        if phrase is not None and phrase[1] >= se - 1:
            return phrase, max(ss, k - 1)
        return None
