"""The engine: text + rules → :class:`~srcview.model.Analysis`, stage by stage.

``Engine`` builds one spaCy pipeline per language (once) and reuses it for every
article; :meth:`Engine.analyze` runs the stages of :mod:`srcview.engine` in
order.  The scores come last, from :mod:`srcview.scoring`, so a weight change
re-scores without running any stage again (:func:`srcview.scoring.rescore`).
"""

from __future__ import annotations

import gc

from spacy.tokens import Doc

from .. import __version__
from ..credibility import effective_registry
from ..errors import SrcviewError
from ..model import Analysis
from ..ratings import shipped as shipped_ratings
from ..rules import Rules, load_rules
from . import claims, context, cues, discourse, language, segment
from .clauses import ClauseFinder
from .pipeline import Pipeline
from .registry import Registry
from .resolve import Resolver, resolve_all, resolve_others


class Engine:
    """Analyses articles with one set of rules; pipelines are built once per language."""

    def __init__(self, rules: Rules | None = None, model: str | None = None) -> None:
        self.rules = rules if rules is not None else load_rules()
        self.model = model
        self._pipes: dict[str, Pipeline] = {}
        # credibility: your rules > the domain's published rating > the editorial default (srcview.credibility)
        self.registry = Registry(effective_registry(self.rules), self.rules.settings["match_threshold"],
                                 ratings=shipped_ratings())

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
        """The language of ``text`` among those with rules (:class:`~.language.UnknownLanguage` if none)."""
        return language.detect(text, self.rules)

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
        self.pipeline(analysis.language).complete_lexemes(doc)
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
        settings = self.rules.settings
        # 1 segment: paragraphs, headings, sentences, quotations
        seg = segment.segment(text, pipe.punctuation, pipe.lexicon.abbreviations, int(settings["heading_max_words"]))
        # 2 token context: the tokens, with sentences mapped onto them
        ctx, sents = context.build(pipe, text, seg.sentences)
        # 3 cues: what the matchers find in each sentence
        matches = cues.collect(pipe, ctx, sents)
        sents, matches = cues.split_participles(ctx, sents, matches)
        # 4–5 source phrases and clause attributions: each clause's own cue and source
        finder = ClauseFinder(ctx, seg.quotes)
        sents, matches = finder.join_tags(sents, matches)
        sents, matches = finder.split(sents, matches)
        shares = cues.quote_shares(sents, seg.quotes)
        found = [finder.attribute(s, m, q) for s, m, q in zip(sents, matches, shares, strict=True)]
        # 6 resolution: names, surnames, pronouns, roles and the registry, in reading order
        resolver = Resolver(ctx, self.registry, lang, int(settings["resolve_window"]) * 200)
        sourced = resolve_all(resolver, sents, matches, found, discourse.quote_subject_wanted(shares))
        others = resolve_others(resolver, found)
        # 7 discourse: labels, and sources that cover other sentences
        facts = discourse.Facts(text, sents, matches, found, shares, seg.quotes)
        decisions = discourse.propagate(facts, sourced, settings)
        # 8 claims: scored, with the table of sources
        found_claims = claims.build(ctx, facts, decisions, self.rules.weights, self.registry, others)
        if keep is not None:
            keep.append(ctx.doc)
        return Analysis(file=file, language=lang, text=text, claims=found_claims,
                        headings=seg.headings(text), sources=claims.summaries(found_claims),
                        version=__version__)


def _register_extensions() -> None:
    from spacy.tokens import Span

    if not Doc.has_extension("srcview_claims"):
        Doc.set_extension("srcview_claims", default=None)
    if not Span.has_extension("srcview_claim"):
        Span.set_extension("srcview_claim", default=None)


_DEFAULT: Engine | None = None


def analyze(text: str, lang: str = "auto", file: str = "") -> Analysis:
    """Analyse with the shipped rules, reusing one engine for every call."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Engine()
    return _DEFAULT.analyze(text, lang=lang, file=file)
