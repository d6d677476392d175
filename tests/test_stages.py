"""The engine's stages, one at a time, in the order the data flows through them."""

import pytest

from srcview.engine import claims, context, cues, discourse, segment
from srcview.engine.clauses import ClauseFinder
from srcview.engine.resolve import Resolver, resolve_all
from srcview.model import RuleHit, TextSpan

ARTICLE = (
    "Brug gaat dicht\n\n"
    "De brug in Tarnby gaat dicht, zegt wethouder Anne de Wit. "
    "“Het kan niet anders. We hebben geen keus,” zei ze.\n\n"
    "Volgens ingewijden kost de reparatie miljoenen. Het college zou al maanden op de hoogte zijn.\n\n"
    "De stad telt 40.000 inwoners. Dat zegt De Wit.\n"
)


@pytest.fixture(scope="module")
def staged(engine):
    """Every stage's output for ARTICLE, in order."""
    pipe = engine.pipeline("nl")
    seg = segment.segment(ARTICLE, pipe.punctuation, pipe.lexicon.abbreviations, 20)
    ctx, sents = context.build(pipe, ARTICLE, seg.sentences)
    matches = cues.collect(pipe, ctx, sents)
    sents, matches = cues.split_participles(ctx, sents, matches)
    shares = cues.quote_shares(sents, seg.quotes)
    finder = ClauseFinder(ctx, seg.quotes)
    found = [finder.attribute(s, m, q) for s, m, q in zip(sents, matches, shares, strict=True)]
    sourced = resolve_all(Resolver(ctx, engine.registry, "nl", 2400), sents, matches, found)
    facts = discourse.Facts(ARTICLE, sents, matches, found, shares, seg.quotes)
    decisions = discourse.propagate(facts, sourced, engine.rules.settings)
    return dict(seg=seg, ctx=ctx, sents=sents, matches=matches, shares=shares, found=found,
                sourced=sourced, facts=facts, decisions=decisions,
                claims=claims.build(ctx, facts, decisions, engine.rules.weights))


def test_1_segment_finds_the_heading_the_sentences_and_the_quotation(staged):
    seg = staged["seg"]
    assert seg.headings(ARTICLE)[0].text == "Brug gaat dicht"
    assert len(seg.sentences) == 7
    [quote] = seg.quotes
    assert ARTICLE[quote.start:quote.end] == "“Het kan niet anders. We hebben geen keus,”"


def test_2_context_maps_each_sentence_onto_its_tokens(staged):
    ctx, sents = staged["ctx"], staged["sents"]
    first = sents[0]
    assert ctx.t.text[first.tok_start] == "De" and ctx.t.text[first.tok_end - 1] == "."
    assert ctx.span(first.tok_start, first.tok_start + 2).text == "De brug"
    assert "Tarnby" in ctx.proper  # capitalised in mid-sentence: a name
    assert all(ctx.doc[s.tok_start].is_sent_start for s in sents)  # for users of Engine.analyze_doc


def test_3_cues_are_sorted_into_their_sentence(staged):
    ctx, matches = staged["ctx"], staged["matches"]
    said = [[ctx.phrase_text(s, e) for _g, s, e in m.cues] for m in matches]
    assert said[0] == ["zegt"] and "zei" in said[2] and said[3] == ["Volgens"]
    assert [ctx.phrase_text(*r) for r in matches[4].reportative] == ["zou"]
    assert staged["shares"][1].quoted > 0.9 and staged["shares"][0].quoted == 0


def test_5_clauses_give_each_sentence_its_own_cue_and_source_phrase(staged):
    ctx, found = staged["ctx"], staged["found"]
    phrases = [ctx.phrase_text(*a.phrase) if a.phrase else None for a in found]
    assert phrases == ["wethouder Anne de Wit", None, "ze", "ingewijden", None, None, "De Wit"]
    assert found[6].backref  # "Dat zegt De Wit" also sources the sentence before
    assert found[4].reportative and not found[4].found


def test_6_resolution_traces_pronouns_and_surnames_to_the_full_name(staged):
    sourced = staged["sourced"]
    assert sourced[0].resolved.canonical == "Anne de Wit"
    assert (sourced[2].resolved.canonical, sourced[2].resolved.resolved_by) == ("Anne de Wit", "pronoun")
    assert sourced[3].resolved.anonymous
    assert (sourced[6].resolved.canonical, sourced[6].resolved.resolved_by) == ("Anne de Wit", "surname")


def test_7_discourse_spreads_sources_over_quotations_and_back_references(staged):
    d = staged["decisions"]
    assert [x.label for x in d] == ["named", "named", "named", "anonymous", "anonymous", "named", "named"]
    assert [x.via for x in d] == ["cue", "quote", "cue", "cue", "continuation", "backref", "cue"]


def test_7_each_pass_is_a_function_of_decisions(staged):
    facts, sourced = staged["facts"], staged["sourced"]
    labelled = discourse.label(facts, sourced)
    assert labelled[1].resolved is None  # the quotation's first sentence has no cue of its own
    after = discourse.propagate_quotes(facts, labelled)
    assert after[1].via == "quote" and labelled[1].via == "none"  # the input is left as it was


def test_8_claims_are_scored_with_their_trace(staged):
    found = staged["claims"]
    assert [c.id for c in found] == list(range(1, 8))
    assert found[1].quote and found[1].source.canonical == "Anne de Wit"
    assert found[4].hedges[0].text == "zou"
    assert [h.id for h in found[3].rules][0] == "base.anonymous"
    rows = claims.summaries(found)
    assert [r.canonical for r in rows][:1] == ["Anne de Wit"] and rows[0].claims == [1, 2, 3, 6, 7]


def test_8_each_claim_field_holds_what_its_name_says(staged):
    sents, decisions = staged["facts"].sents, staged["decisions"]
    for claim, sent, decision in zip(staged["claims"], sents, decisions, strict=True):
        assert (claim.start, claim.end, claim.paragraph) == (sent.start, sent.end, sent.para)
        assert claim.text == ARTICLE[claim.start:claim.end]
        assert (claim.label, claim.via, claim.via_outlet) == (decision.label, decision.via, decision.outlet)
        assert claim.cue_kind == (decision.cue[0].removeprefix("cue.") if decision.cue else "")
        assert all(isinstance(flag, bool) for flag in (claim.quote, claim.corroborated, claim.via_outlet))
        assert all(isinstance(span, TextSpan) for span in [*claim.hedges, *claim.evidence])
        assert all(isinstance(hit, RuleHit) for hit in claim.rules) and claim.rules
        assert [a.main for a in claim.attributions].count(True) == (claim.source is not None)
    said = staged["claims"][0]
    assert said.source.text == "wethouder Anne de Wit" and said.cue.text == "zegt" and said.cue_kind == "say"


def test_2_a_long_run_without_spaces_is_tokenized_in_pieces_and_the_text_is_kept(engine):
    """spaCy's tokenizer is quadratic in the length of one "word"; 10,000 quotation marks must stay linear."""
    pipe = engine.pipeline("nl")
    text = "Hij zegt " + "\"" * 10_000 + " en ,,,,!!!!" * 3 + " klaar."
    doc = pipe.make_doc(text)
    assert doc.text == text
    assert max(len(t.text) for t in doc) <= 64
    assert [t.text for t in doc][:2] == ["Hij", "zegt"] and doc[-1].text == "."
    analysis = engine.analyze(text, lang="nl")
    assert analysis.text == text and analysis.claims
