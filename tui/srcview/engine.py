"""The analysis engine: text + rules → :class:`~srcview.model.Analysis`.

``Engine`` builds one spaCy pipeline per language (once) and reuses it for every
article.  ``analyze`` runs the tokenizer and the matchers once; everything after
that works on the matches, and the scores come from :mod:`srcview.scoring`, so a
weight change re-scores without tokenising again (:func:`srcview.scoring.rescore`).
"""

from __future__ import annotations

import bisect
import gc
import re
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc

from . import __version__, segment
from .errors import SrcviewError
from .model import Analysis, Claim, Source, SourceSummary, TextSpan
from .phrases import (
    head_word,
    in_subordinate,
    is_proper,
    left_phrase,
    plausible,
    right_phrase,
    subject_follows,
    subordinator_before,
    tokens,
)
from .pipeline import ANONYMITY, CITING, Lexicon, Pipeline
from .registry import Registry
from .resolve import Resolved, Resolver
from .rules import Rules, load_rules
from .scoring import score_claim

# Which cue wins when a sentence has several (lower first, then the earliest):
# verbs of saying and prepositions before documents and refusals, attitudes last.
_RANK = {"cue.prepositions": 0, "cue.colon": 0, "cue.say": 1, "cue.evidence": 1, "cue.declined": 1,
         "cue.impersonal": 1, "cue.passive": 1, "cue.attitude": 2, "cue.nouns": 2}
_QUOTE_DASH = re.compile(r"[”\"’'»][\s\u00a0]*[―—–][\s\u00a0]*")
_QUOTE_OPENERS = set("“„«\"'‘‹")


@dataclass(slots=True)
class _Sent:
    """Working state for one sentence while the engine decides its attribution."""

    start: int
    end: int
    para: int
    tok_start: int
    tok_end: int
    cues: list[tuple[str, int, int]] = field(default_factory=list)
    hedges: list[tuple[int, int]] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    reportative: list[tuple[int, int]] = field(default_factory=list)
    anonymity: bool = False  # "die anoniem wil blijven", "on condition of anonymity"
    citing: list[tuple[int, int]] = field(default_factory=list)  # "citing", "op basis van"
    quoted: float = 0.0  # share of the sentence inside quotation marks
    quote_ids: list[int] = field(default_factory=list)
    cue: tuple[str, int, int] | None = None
    phrase: tuple[int, int] | None = None
    resolved: Resolved | None = None
    speech_hedged: bool = False
    backref: bool = False
    via: str = "none"
    label: str = "unattributed"
    outlet: bool = False


class Engine:
    """Analyses articles with one set of rules; pipelines are built once per language."""

    def __init__(self, rules: Rules | None = None, model: str | None = None) -> None:
        self.rules = rules if rules is not None else load_rules()
        self.model = model
        self._pipes: dict[str, Pipeline] = {}
        settings = self.rules.settings
        self.registry = Registry(self.rules.registry, settings.get("match_threshold", 88))

    # --- building ------------------------------------------------------------
    def pipeline(self, lang: str) -> Pipeline:
        """The pipeline for ``lang``, built on first use."""
        if lang not in self._pipes:
            lang_rules = self.rules.lang(lang)
            if not lang_rules:
                known = ", ".join(self.rules.languages) or "none"
                raise SrcviewError(f"no rules for language '{lang}' (rules exist for: {known})")
            self._pipes[lang] = Pipeline(lang, lang_rules, self.model)
        return self._pipes[lang]

    def detect_language(self, text: str) -> str:
        """The language whose frequent words are most frequent in ``text``."""
        sample = text[:20000].lower().split()
        counts = Counter(w.strip(".,;:!?\"“”‘’'()") for w in sample)
        best, best_score = str(self.rules.settings.get("default_language", "en")), 0
        for code in self.rules.languages:
            words = self.rules.lang(code).get("detect", [])
            score = sum(counts[w] for w in words)
            if score > best_score:
                best, best_score = code, score
        return best

    # --- analysing -----------------------------------------------------------
    def analyze(self, text: str, lang: str = "auto", file: str = "") -> Analysis:
        """Every claim of ``text`` with its source, label, score and rule trace."""
        # The analysis makes many small objects and no reference cycles worth
        # collecting on the way: pausing the cyclic collector saves a third of the time.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._analyze(text, lang, file)
        finally:
            if enabled:
                gc.enable()

    def analyze_doc(self, text: str, lang: str = "auto", file: str = "") -> tuple[Analysis, Doc]:
        """The analysis and the spaCy ``Doc`` it was made from, for use with other spaCy tools.

        The Doc has its sentences set, ``doc._.srcview_claims`` (one Span per claim)
        and, on each of those spans, ``span._.srcview_claim`` (the Claim).
        """
        _register_extensions()
        found: list[Doc] = []
        analysis = self._analyze(text, lang, file, keep=found)
        doc = found[0]
        spans = []
        for claim in analysis.claims:
            span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
            if span is not None:
                span._.srcview_claim = claim
                spans.append(span)
        doc._.srcview_claims = spans
        return analysis, doc

    def _analyze(self, text: str, lang: str, file: str, keep: list[Doc] | None = None) -> Analysis:
        if lang in ("auto", "", None):
            lang = self.detect_language(text)
        pipe = self.pipeline(lang)
        lex = pipe.lexicon
        settings = self.rules.settings
        paras = segment.paragraphs(text, int(settings.get("heading_max_words", 20)))
        spans = segment.split_lines(text, segment.sentences(text, paras, lex.abbreviations))
        quotes = segment.quotations(text, paras)
        doc = pipe.make_doc(text)
        doc.user_data["srcview.proper"] = _mid_sentence_capitals(text)
        doc.user_data["srcview.text"] = text  # Doc.text rebuilds the string token by token
        sents = self._sentences(doc, spans)
        self._collect_matches(pipe, doc, sents)
        sents = self._split_participles(doc, sents, lex)
        self._mark_quotes(sents, quotes)
        for sent in sents:
            self._own_attribution(doc, sent, lex, quotes)
        resolver = Resolver(doc, lex, self.registry, lang,
                            int(settings.get("resolve_window", 12)) * 200)
        history: list[Resolved] = []
        for sent in sents:
            if sent.phrase is not None and sent.cue is not None and sent.cue[0] == "cue.impersonal":
                where = doc[sent.phrase[0]:sent.phrase[1]].text
                sent.resolved = Resolved(where, "vague", None, None, "self", True)
            elif sent.phrase is not None:
                sent.resolved = resolver.resolve(sent.phrase[0], sent.phrase[1], history)
                if sent.anonymity and not sent.resolved.anonymous and sent.resolved.kind == "person":
                    # "zegt een oud-generaal die anoniem wil blijven": the text says it is unnamed
                    sent.resolved = replace(sent.resolved, anonymous=True, entity=None)
                if sent.citing and sent.resolved.kind == "outlet":
                    self._cited(doc, sent, lex, resolver, history)
                history.append(sent.resolved)
                if sent.cue is not None and sent.cue[0] == "cue.say" and sent.resolved.anonymous:
                    sent.outlet = sent.outlet or self._told_outlet(doc, sent, lex)
        self._label(sents)
        self._continue_participles(doc, sents, lex)
        self._propagate_quotes(sents, quotes, settings)
        self._propagate_backrefs(sents)
        if settings.get("continue_anonymous", True):
            self._continue_anonymous(sents)
        claims = self._claims(doc, sents)
        if keep is not None:
            keep.append(doc)
        return Analysis(file=file, language=lang, text=text, claims=claims,
                        headings=segment.headings(text, paras),
                        sources=_summaries(claims), version=__version__)

    # --- steps -----------------------------------------------------------------
    @staticmethod
    def _sentences(doc: Doc, spans: list[tuple[int, int, int]]) -> list[_Sent]:
        """Map sentence character spans onto tokens and mark them as the Doc's sentences."""
        arr = doc.to_array([IDX, LENGTH])
        starts = arr[:, 0]
        doc.user_data["srcview.starts"] = starts.tolist()
        doc.user_data["srcview.ends"] = (arr[:, 0] + arr[:, 1]).tolist()
        if not spans or not len(doc):
            return []
        bounds = numpy.array([(s, e) for s, e, _ in spans], dtype=starts.dtype)
        tok_s = numpy.searchsorted(starts, bounds[:, 0], side="left").tolist()
        tok_e = numpy.searchsorted(starts, bounds[:, 1], side="left").tolist()
        out = [_Sent(s, e, para, ts, te)
               for (s, e, para), ts, te in zip(spans, tok_s, tok_e, strict=True) if te > ts]
        sent_start = numpy.full(len(doc), -1, dtype="int64")
        sent_start[[s.tok_start for s in out]] = 1
        doc.from_array([SENT_START], sent_start.astype("uint64").reshape(-1, 1))
        return out

    @staticmethod
    def _collect_matches(pipe: Pipeline, doc: Doc, sents: list[_Sent]) -> None:
        ends = [s.tok_end for s in sents]
        for label, s, e in pipe.matches(doc):
            k = bisect.bisect_right(ends, s)
            if k >= len(sents) or sents[k].tok_start > s:
                continue
            sent = sents[k]
            e = min(e, sent.tok_end)
            if label.startswith("cue."):
                sent.cues.append((label, s, e))
            elif label == "hedge.evidence_missing":
                sent.evidence.append((s, e))
            elif label == "hedge.reportative":
                sent.reportative.append((s, e))
            elif label == ANONYMITY:
                sent.anonymity = True
            elif label == CITING:
                sent.citing.append((s, e))
            else:
                sent.hedges.append((s, e))

    @staticmethod
    def _split_participles(doc: Doc, sents: list[_Sent], lex: Lexicon) -> list[_Sent]:
        """"X said A, adding that B": two claims, each with its own cue."""
        if not lex.participles:
            return sents
        starts, ends = doc.user_data["srcview.starts"], doc.user_data["srcview.ends"]
        t = tokens(doc)
        out: list[_Sent] = []
        for sent in sents:
            cut = None
            if len(sent.cues) > 1:
                for _group, s, e in sent.cues[1:]:
                    if s - 1 > sent.tok_start and t.text[s - 1] == "," and " ".join(t.lower[s:e]) in lex.participles \
                            and any(c[1] < s - 1 and c[0] == "cue.say" for c in sent.cues):
                        cut = s
                        break
            if cut is None:
                out.append(sent)
                continue
            head = _Sent(sent.start, ends[cut - 1], sent.para, sent.tok_start, cut)
            tail = _Sent(starts[cut], sent.end, sent.para, cut, sent.tok_end)
            for part in (head, tail):
                inside = lambda span, part=part: part.tok_start <= span[-2] < part.tok_end  # noqa: E731
                part.cues = [c for c in sent.cues if inside(c)]
                part.hedges = [h for h in sent.hedges if inside(h)]
                part.evidence = [h for h in sent.evidence if inside(h)]
                part.reportative = [h for h in sent.reportative if inside(h)]
            out += [head, tail]
        return out

    @staticmethod
    def _mark_quotes(sents: list[_Sent], quotes: list[segment.Quote]) -> None:
        if not quotes:
            return
        qstarts = [q.start for q in quotes]
        for sent in sents:
            k = bisect.bisect_right(qstarts, sent.end) - 1
            inside = 0
            while k >= 0 and quotes[k].end > sent.start:
                q = quotes[k]
                overlap = min(q.end, sent.end) - max(q.start, sent.start)
                if overlap > 0:
                    inside += overlap
                    sent.quote_ids.append(k)
                k -= 1
            sent.quote_ids.reverse()
            sent.quoted = inside / max(1, sent.end - sent.start)

    @staticmethod
    def _in_quote(quotes: list[segment.Quote], ids: list[int], char: int) -> bool:
        return any(quotes[k].start < char < quotes[k].end for k in ids)

    def _own_attribution(self, doc: Doc, sent: _Sent, lex: Lexicon,
                         quotes: list[segment.Quote]) -> None:
        """Find the sentence's own cue and source phrase, its hedges and reportative 'zou'."""
        t = tokens(doc)
        ss, se = sent.tok_start, sent.tok_end
        hedge_spans = sent.hedges
        starts = doc.user_data["srcview.starts"]
        text = doc.user_data["srcview.text"]
        if hedge_spans:
            sent.hedges = [h for h in hedge_spans if not self._in_quote(quotes, sent.quote_ids, starts[h[0]])]
        if sent.reportative:
            sent.reportative = [r for r in sent.reportative
                                if self._reportative(doc, ss, r[0], lex)
                                and not self._in_quote(quotes, sent.quote_ids, starts[r[0]])
                                and not any(h[0] <= r[0] < h[1] for h in sent.hedges)]
        question = text[sent.end - 1] == "?" and sent.quoted < 0.5
        candidates = []
        for group, s, e in ([] if question else sent.cues):
            if self._in_quote(quotes, sent.quote_ids, starts[s]):
                continue
            if any(h[0] <= s < h[1] for h in hedge_spans):
                continue  # "is said to": a hedge, not a cue
            phrase = self._phrase_for(doc, group, s, e, ss, se, lex)
            if phrase is not None:
                rank = _RANK.get(group, 1)
                if group == "cue.say" and " ".join(t.lower[s:e]) in lex.strong:
                    rank = 0
                candidates.append((in_subordinate(doc, ss, s, lex), rank, s, group, e, phrase))
        if not candidates and not question:
            found = self._passive_agent(doc, sent, lex) or self._that_clause(doc, sent, lex, quotes)
            if found is not None:
                candidates.append((False, 1, *found))
        if candidates:
            _, _, s, group, e, phrase = min(candidates)
            sent.cue, sent.phrase, sent.via = (group, s, e), phrase, "cue"
            first = t.lower[ss]
            if group == "cue.say" and first in lex.backref and s <= ss + 2 and phrase[0] >= e:
                sent.backref = True
            before = [h for h in sent.hedges + sent.reportative if ss <= h[0] < e]
            if group in ("cue.say", "cue.attitude") and before and not any(
                    t.brk[k] for k in range(before[0][0], s)):
                sent.speech_hedged = True
            return
        body = text[sent.start:sent.end]
        colon = None
        if ":" in body[:80] or "―" in body[:80] or "—" in body[:80]:
            colon = self._colon(doc, ss, se, lex, sent)
        if colon is None and ("―" in body or "—" in body or "–" in body):
            colon = self._dash(doc, ss, se, lex)
        if colon is not None:
            sent.cue, sent.phrase, sent.via = ("cue.colon", colon[1], colon[1] + 1), colon[0], "cue"

    @staticmethod
    def _passive_agent(doc: Doc, sent: _Sent, lex: Lexicon) -> tuple[int, str, int, tuple[int, int]] | None:
        """"was accused of rape by a woman", "werd bekritiseerd door de oppositie"."""
        t = tokens(doc)
        for _group, s, e in sent.cues + [("cue.say", a, b) for a, b in sent.hedges]:
            for k in range(e, min(sent.tok_end - 1, e + 8)):
                if t.lower[k] in lex.agent:
                    phrase = right_phrase(doc, k + 1, sent.tok_end, lex, sent.tok_start, strong=True)
                    if phrase is not None:
                        return s, "cue.passive", e, phrase
                    break
                if t.brk[k]:
                    break
        return None

    def _that_clause(self, doc: Doc, sent: _Sent, lex: Lexicon,
                     quotes: list[segment.Quote]) -> tuple[int, str, int, tuple[int, int]] | None:
        """"Mr. Deese expected that …": a named subject, any verb, then a that-clause.

        Verbs that take a that-clause are verbs of saying, thinking and knowing, so
        an unlisted one still attributes what follows (as an attitude).
        """
        t = tokens(doc)
        starts = doc.user_data["srcview.starts"]
        for k in range(sent.tok_start + 2, sent.tok_end - 1):
            if t.lower[k] not in lex.complementizers:
                continue
            after = t.lower[k + 1]
            if t.brk[k + 1] or after in lex.inner or after in lex.inner_before_names or after in lex.prepositions:
                continue  # "Haar voorganger deed dat in 2019": a pronoun, no clause follows
            verb = t.text[k - 1]
            if not verb.isalpha() or not verb.islower() or verb in lex.boundaries \
                    or head_word(verb, lex) is not None \
                    or self._in_quote(quotes, sent.quote_ids, starts[k]):
                continue
            phrase = left_phrase(doc, sent.tok_start, k - 1, lex)
            if phrase is None:
                continue
            last = phrase[1] - 1
            if t.cap[last] or t.lower[last] in lex.pronouns or head_word(t.lower[last], lex):
                return k - 1, "cue.attitude", k, phrase
        return None

    @staticmethod
    def _reportative(doc: Doc, ss: int, at: int, lex: Lexicon) -> bool:
        t = tokens(doc)
        if any(t.lower[k] in lex.reportative_blockers for k in range(ss, at)):
            return False
        return not any(t.lower[k] in lex.reportative_blockers_after
                       for k in range(at + 1, min(at + 5, len(doc))))

    @staticmethod
    def _phrase_for(doc: Doc, group: str, s: int, e: int, ss: int, se: int,
                    lex: Lexicon) -> tuple[int, int] | None:
        t = tokens(doc)
        if group in ("cue.prepositions", "cue.evidence"):
            if e - s > 2:  # "Uit onderzoek van het RIVM blijkt": the source is inside the cue
                inside = right_phrase(doc, s + 1, e - 1, lex, ss, strong=True)
                if inside is not None:
                    return inside
            return right_phrase(doc, e, se, lex, ss, strong=True)
        if group == "cue.nouns":
            if e < se and t.lower[e] in lex.inner:
                return right_phrase(doc, e + 1, se, lex, ss)
            return None
        if group == "cue.impersonal":
            # "klinkt het in Den Haag", "In het Witte Huis wordt gesproken van": where, if said
            if e + 1 < se and t.lower[e] in lex.inner_before_names | lex.inner:
                return right_phrase(doc, e + 1, se, lex, ss, strong=True) or (s, e)
            if t.lower[ss] in lex.inner_before_names | lex.inner and ss + 1 < s:
                return right_phrase(doc, ss + 1, s, lex, ss, strong=True) or (s, e)
            return s, e
        cue_word = " ".join(t.lower[s:e])
        if cue_word in lex.participles and s > ss and t.text[s - 1] == ",":
            return right_phrase(doc, ss, s, lex, ss)  # "Clinton mocked it, saying …"
        if s > ss + 1 and t.lower[s - 1] in lex.coordinators:
            # "Trump bemoaned the unrest and said …": the subject of the first verb
            first = right_phrase(doc, ss, s - 1, lex, ss, strong=True)
            if first is not None:
                return first
        strong = cue_word in lex.strong
        if lex.fronted:
            # verb-final subordinate clause: "de boodschap die Imamoglu benadrukte"
            k = subordinator_before(doc, ss, s, lex)
            if k is not None and k + 1 < s:
                return right_phrase(doc, k + 1, s, lex, ss, strong)
        if lex.fronted == frozenset() and s > ss + 1 and t.text[s - 1] == "," \
                and t.text[s - 2] not in "”\"’'»":
            # English ", said X" only after a quotation: "Achterberg, whose …, said she"
            found = left_phrase(doc, ss, s, lex, strong)
            if found is not None:
                return found
            found = right_phrase(doc, e, se, lex, ss, strong)
            # "The plan will fail, said the minister." but not ", said no decision had been made"
            if found is not None and (found[1] >= se - 1 or t.text[found[1]] in (",", ";")):
                return found
            return None
        if subject_follows(doc, ss, s, lex):
            inside = right_phrase(doc, s + 1, e - 1, lex, ss) if e - s > 2 else None  # "voegde hij eraan toe"
            return inside or right_phrase(doc, e, se, lex, ss, strong) or left_phrase(doc, ss, s, lex, strong)
        return left_phrase(doc, ss, s, lex, strong)

    @staticmethod
    def _colon(doc: Doc, ss: int, se: int, lex: Lexicon, sent: _Sent) -> tuple[tuple[int, int], int] | None:
        """"Post: “…”" — a short name before a colon that opens a quotation."""
        t = tokens(doc)
        for k in range(ss + 1, min(se - 1, ss + 7)):
            mark = t.text[k]
            speaker_line = (mark == ":" and k - ss <= 3 and t.cap[k + 1]
                            and all(t.cap[j] for j in range(ss, k))
                            and (all(t.text[j].isupper() for j in range(ss, k))  # "WALLACE: …"
                                 or any(is_proper(doc, j, ss) for j in range(ss, k))))
            if mark in (":", "―", "—") and (t.text[k + 1] in _QUOTE_OPENERS or t.text[k + 1] == ",,"
                                             or speaker_line):
                quote_follows = mark != ":" or t.text[k + 1] in _QUOTE_OPENERS or t.text[k + 1] == ",,"
                named = plausible(doc, ss, k, lex, ss) or (quote_follows and t.cap[k - 1])
                if named and not any(t.brk[j] for j in range(ss, k)):
                    return (ss, k), k
                return None
            if t.brk[k]:
                return None
        return None

    @staticmethod
    def _dash(doc: Doc, ss: int, se: int, lex: Lexicon) -> tuple[tuple[int, int], int] | None:
        """"“…” ― Sonya Herridge": a name after a dash that follows a quotation."""
        text = doc.user_data["srcview.text"]
        starts = doc.user_data["srcview.starts"]
        first, last = starts[ss], doc.user_data["srcview.ends"][se - 1]
        m = _QUOTE_DASH.search(text, first, last)
        if m is None:
            return None
        k = bisect.bisect_left(starts, m.end())
        if k >= se:
            return None
        phrase = right_phrase(doc, k, se, lex, ss, strong=True)
        if phrase is not None and phrase[1] >= se - 1:
            return phrase, max(ss, k - 1)
        return None

    @staticmethod
    def _cited(doc: Doc, sent: _Sent, lex: Lexicon, resolver: Resolver, history: list[Resolved]) -> None:
        """"Bloomberg reported, citing people familiar with the matter": the outlet's unnamed sources."""
        assert sent.resolved is not None
        for _s, e in sent.citing:
            phrase = right_phrase(doc, e, sent.tok_end, lex, sent.tok_start, strong=True)
            if phrase is None:
                continue
            cited = resolver.resolve(phrase[0], phrase[1], history)
            if cited.anonymous:
                sent.phrase, sent.resolved, sent.outlet = phrase, cited, True
                return

    def _told_outlet(self, doc: Doc, sent: _Sent, lex: Lexicon) -> bool:
        """"a source told Reuters": is a named outlet the addressee?"""
        t = tokens(doc)
        assert sent.cue is not None
        k = sent.cue[2]
        while k < sent.tok_end and t.lower[k] in lex.determiners | lex.inner_before_names:
            k += 1
        end = k
        while end < sent.tok_end and t.cap[end]:
            end += 1
        hit = self.registry.lookup(doc[k:end].text) if end > k else None
        return bool(hit and hit[0].kind == "outlet")

    @staticmethod
    def _label(sents: list[_Sent]) -> None:
        for sent in sents:
            if sent.resolved is not None:
                if sent.speech_hedged:
                    sent.label = "unverified"
                else:
                    sent.label = "anonymous" if sent.resolved.anonymous else "named"
            elif sent.hedges or sent.reportative or sent.evidence:
                sent.label = "unverified"

    @staticmethod
    def _inherit(sent: _Sent, speaker: _Sent, via: str) -> None:
        sent.resolved = speaker.resolved
        sent.cue = speaker.cue
        sent.label = speaker.label if speaker.label != "unverified" else (
            "anonymous" if speaker.resolved and speaker.resolved.anonymous else "named")
        sent.via = via
        sent.phrase = speaker.phrase

    def _propagate_quotes(self, sents: list[_Sent], quotes: list[segment.Quote], settings) -> None:
        """Every sentence of a quotation takes the quotation's speaker."""
        by_quote: dict[int, list[int]] = {}
        for i, sent in enumerate(sents):
            for k in sent.quote_ids:
                by_quote.setdefault(k, []).append(i)
        take_previous = settings.get("quote_takes_previous_speaker", True)
        for _k, members in sorted(by_quote.items()):
            speaker = None
            for i in sorted(members, key=lambda i: (sents[i].via != "cue", -i)):
                if sents[i].resolved is not None and sents[i].via == "cue":
                    speaker = sents[i]
                    break
            first, last = members[0], members[-1]
            if speaker is None and last + 1 < len(sents):
                nxt = sents[last + 1]  # "“…?” Trump said."
                if nxt.resolved is not None and nxt.via == "cue" and nxt.para == sents[last].para \
                        and nxt.cue is not None and nxt.cue[1] - nxt.tok_start <= 4 \
                        and nxt.phrase is not None and nxt.phrase[0] <= nxt.tok_start + 1 \
                        and not nxt.quote_ids:
                    speaker = nxt
            if speaker is None and take_previous and first > 0:
                prev = sents[first - 1]
                if prev.resolved is not None and sents[first].para - prev.para <= 1 \
                        and sents[first].quoted >= 0.5:
                    speaker = prev
            if speaker is None:
                continue
            for i in members:
                sent = sents[i]
                if sent.resolved is None and sent.quoted >= 0.5:
                    self._inherit(sent, speaker, "quote")

    def _continue_participles(self, doc: Doc, sents: list[_Sent], lex: Lexicon) -> None:
        """The "adding that B" part of a split sentence keeps its subject, with its own cue."""
        text = doc.user_data["srcview.text"]
        for i in range(1, len(sents)):
            sent, prev = sents[i], sents[i - 1]
            if sent.resolved is None and prev.resolved is not None and text[prev.end - 1] == "," \
                    and sent.cues and sent.cues[0][1] == sent.tok_start:
                own = sent.cues[0]
                self._inherit(sent, prev, "cue")
                sent.cue = own

    def _propagate_backrefs(self, sents: list[_Sent]) -> None:
        """"Dat zeggen bronnen": the sentence before takes the same source."""
        for i, sent in enumerate(sents):
            if sent.backref and i > 0:
                prev = sents[i - 1]
                if prev.para == sent.para and prev.resolved is None:
                    self._inherit(prev, sent, "backref")

    def _continue_anonymous(self, sents: list[_Sent]) -> None:
        """A reportative sentence right after an anonymous one continues that account."""
        for i in range(1, len(sents)):
            sent, prev = sents[i], sents[i - 1]
            if sent.resolved is None and sent.reportative and prev.label == "anonymous" \
                    and prev.para == sent.para:
                self._inherit(sent, prev, "continuation")

    def _claims(self, doc: Doc, sents: list[_Sent]) -> list[Claim]:
        text = doc.user_data["srcview.text"]
        weights = self.rules.weights
        claims: list[Claim] = []
        per_para: dict[int, set[str]] = {}
        for sent in sents:
            if sent.resolved is not None and sent.label == "named":
                per_para.setdefault(sent.para, set()).add(sent.resolved.canonical)
        for n, sent in enumerate(sents, start=1):
            source = None
            if sent.resolved is not None and sent.phrase is not None:
                s, e = sent.phrase
                r = sent.resolved
                where = _tspan(doc, s, e)
                kind = "anonymous" if r.anonymous and r.kind != "vague" else r.kind
                source = Source(where.text, where.start, where.end, r.canonical, kind,
                                r.credibility, r.match, r.resolved_by)
            cue = None
            if sent.cue is not None:
                _, cs, ce = sent.cue
                cue = _tspan(doc, cs, ce)
            hedges = [_tspan(doc, a, b) for a, b in sorted(set(sent.hedges + sent.reportative))]
            evidence = [_tspan(doc, a, b) for a, b in sent.evidence]
            label = sent.label
            claim = Claim(
                id=n, start=sent.start, end=sent.end, text=text[sent.start:sent.end],
                paragraph=sent.para, label=label, score=0.0, source=source, cue=cue,
                hedges=hedges, evidence=evidence,
                quote=bool(source is not None and sent.quoted >= 0.3),
                via=sent.via, cue_kind=(sent.cue[0].split(".", 1)[1] if sent.cue else ""),
                corroborated=bool(source is not None and label == "named"
                                  and len(per_para.get(sent.para, ())) > 1),
                via_outlet=sent.outlet,
            )
            claim.score, claim.rules = score_claim(claim, weights)
            claims.append(claim)
        return claims


def _register_extensions() -> None:
    from spacy.tokens import Span

    if not Doc.has_extension("srcview_claims"):
        Doc.set_extension("srcview_claims", default=None)
    if not Span.has_extension("srcview_claim"):
        Span.set_extension("srcview_claim", default=None)


def _tspan(doc: Doc, a: int, b: int) -> TextSpan:
    """Tokens a..b as a TextSpan, from the offsets kept when the sentences were mapped."""
    start = doc.user_data["srcview.starts"][a]
    end = doc.user_data["srcview.ends"][b - 1]
    return TextSpan(doc.user_data["srcview.text"][start:end], start, end)


_MID_CAPITAL = re.compile(r"(?<=[a-z0-9,;] )([A-ZÀ-ÖØ-Þ][\w'’-]+)")


def _mid_sentence_capitals(text: str) -> frozenset[str]:
    """Words written with a capital in mid-sentence somewhere: names, not sentence openers."""
    return frozenset(_MID_CAPITAL.findall(text))


def _summaries(claims: list[Claim]) -> list[SourceSummary]:
    rows: dict[tuple[str, str], SourceSummary] = {}
    seen: set[tuple[int, int]] = set()
    for claim in claims:
        src = claim.source
        if src is None:
            continue
        key = (src.canonical, src.kind)
        row = rows.get(key)
        if row is None:
            row = rows[key] = SourceSummary(src.canonical, src.kind, src.credibility, match=src.match)
        if (src.start, src.end) not in seen:
            seen.add((src.start, src.end))
            row.mentions.append(TextSpan(src.text, src.start, src.end))
        row.claims.append(claim.id)
    return list(rows.values())


_DEFAULT: Engine | None = None


def analyze(text: str, lang: str = "auto", file: str = "") -> Analysis:
    """Analyse with the shipped rules, reusing one engine for every call."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Engine()
    return _DEFAULT.analyze(text, lang=lang, file=file)
