"""The token context of a long article: tokenized in batches, compact, and its Doc only on demand."""

from __future__ import annotations

import copy
import gc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srcview.engine import affixes, context, pipeline, segment

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DUTCH = (SAMPLES / "nl-kernwapens-gesprekken.txt").read_text(encoding="utf-8")
ENGLISH = (SAMPLES / "en-harbour-bridge-report.txt").read_text(encoding="utf-8")

WORDS = ["De", "minister", "zegt", "dat", "het", "klopt", "Mr.", "o.a.", "didn't", "(NOS)", "“Nee,”", "2024", "-",
         "---", "e.g.", "U.S.", "‘t", "...", "!?", "laat", "weten", "spreekt", "uit", "vast", "legde"]
SPACES = [" ", "  ", "\n", "\n\n", " \n", "\n ", "\t", "\u00a0", " \u00a0", "\u2028", "\n\n\n"]
texts = st.lists(st.tuples(st.sampled_from(WORDS) | st.text(min_size=1, max_size=4), st.sampled_from(SPACES)),
                 max_size=40).map(lambda parts: "".join(w + s for w, s in parts))


def tokens(doc) -> list[tuple[str, str]]:
    return [(t.text, t.whitespace_) for t in doc]


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of a few characters, so that short texts are cut in many places."""
    monkeypatch.setattr(pipeline, "BATCH_CHARS", 5)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_a_text_tokenized_in_batches_has_the_tokens_of_the_whole_text(engine, small_batches, text):
    pipe = engine.pipeline("nl")
    if pipeline._LONG_RUN.search(text):
        return  # long runs are cut on purpose
    assert tokens(pipe.make_doc(text)) == tokens(pipe.nlp.make_doc(text))


def test_batches_end_after_a_line_break_before_a_word(engine, small_batches):
    text = "Een zin hier.\n\nNog een zin.\n  Een derde zin.\tZegt hij.\n"
    pieces = list(engine.pipeline("nl").pieces(text))
    # not inside "\n  Een": a batch ending in a plain space would lose it from its last token
    assert [offset for offset, _ in pieces] == [0, text.index("Nog"), text.index("Zegt")]
    assert "".join(doc.text for _, doc in pieces) == text


def test_the_doc_is_handed_to_its_reader_and_not_kept(engine):
    pipe = engine.pipeline("nl")
    text = DUTCH
    seg = segment.segment(text, pipe.punctuation, pipe.lexicon.abbreviations, 20)
    ctx, sents = context.build(pipe, text, seg.sentences)
    doc = ctx.doc
    assert ctx.doc is doc  # the same Doc while someone holds it
    assert tokens(doc) == tokens(pipe.nlp.make_doc(text))
    assert [s.tok_start for s in sents] == [sent.start for sent in doc.sents]
    first = id(doc)
    del doc
    gc.collect()
    again = ctx.doc  # let go, asked for again: built from the token ids, and kept from now on
    assert tokens(again) == tokens(pipe.nlp.make_doc(text))
    assert [s.tok_start for s in sents] == [sent.start for sent in again.sents]
    del again
    gc.collect()
    assert ctx.doc is ctx.doc and id(ctx.doc) != first


def test_a_long_article_gets_one_doc_of_its_size_from_its_batches(engine, small_batches):
    pipe = engine.pipeline("nl")
    text = DUTCH
    ctx, _ = context.build(pipe, text, [])
    assert tokens(ctx.doc) == tokens(pipe.nlp.make_doc(text))
    assert list(ctx.starts) == [t.idx for t in ctx.doc] and list(ctx.ends) == [t.idx + len(t) for t in ctx.doc]


def test_the_token_table_answers_with_strings_and_bools(engine):
    pipe = engine.pipeline("nl")
    ctx, _ = context.build(pipe, "Volgens De Vries - een bron - kost het 40 miljoen.\n\nKlaar", [])
    t = ctx.t
    assert t.text[:3] == ["Volgens", "De", "Vries"] and t.lower[1] == "de"
    assert t.cap[1] is True and t.cap[0] is True and t.islow[0] is False
    assert t.brk[3] is True  # " - " is a dash
    assert t.num[t.text.index("40")] is True
    assert t.brk[t.text.index("\n\n")] is True and t.spc[t.text.index("\n\n")] is False
    assert any(t.brk[3:6]) and list(t.brk[:2]) == [False, False]
    assert ctx.span(1, 3).text == "De Vries" and ctx.starts[1] == 8 and type(ctx.starts[1]) is int


def test_an_empty_text_has_an_empty_context(engine):
    ctx, sents = context.build(engine.pipeline("nl"), "", [])
    assert len(ctx) == 0 and sents == [] and len(ctx.doc) == 0 and len(ctx.t.brk) == 0


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_windows_try_only_the_patterns_that_can_match_there(engine, lang, monkeypatch):
    """The matches are those of the full pattern matcher on every window.

    A window is matched only by the patterns that can start with its first word,
    and not at all when it lacks a word each of them needs ("laat" without "weten").
    """
    pipe = engine.pipeline(lang)
    text = DUTCH + "\n\n" + ENGLISH + (
        "\nHij laat weten dat hij spreekt. Zij legde het niet vast, zegt ze. Hij wees erop dat het "
        "spreekt voor zich. Laat maar. They said so, he pointed it out, she was quoted as saying so.\n")
    doc = pipe.make_doc(text)
    fast = pipe.matches(doc)

    class Every(dict):
        def get(self, word, default=None):
            return pipe.matcher, []  # every pattern, on every window, whatever words it holds

    monkeypatch.setattr(pipe, "_anchor_plans", Every())
    assert fast == pipe.matches(doc)
    said = {doc[s:e].text for label, s, e in fast if label == "cue.say"}
    assert ({"laat weten", "legde het niet vast"} if lang == "nl" else {"pointed it out"}) <= said


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("with_sentences", [True, False])
def test_the_matchers_read_the_context_piece_by_piece_and_find_what_they_find_in_the_doc(
        engine, lang, with_sentences, monkeypatch):
    monkeypatch.setattr(pipeline, "MATCH_PIECE", 7)  # pieces of 7 tokens: every match near a cut
    pipe = engine.pipeline(lang)
    text = DUTCH + "\n\n" + ENGLISH + "\n" + "".join(  # long matches starting at every place in a piece
        "Nu " * k + "legde hij het plan na lang overleg vast. Wees erop dat het spreekt, zegt ze.\n" for k in range(7))
    spans = segment.segment(text, pipe.punctuation, pipe.lexicon.abbreviations, 20).sentences if with_sentences else []
    ctx, _ = context.build(pipe, text, spans)
    whole = ctx.doc
    assert pipe.matches(ctx) == pipe.matches(whole)
    for a, b in [(0, 9), (5, 40), (len(ctx) - 12, len(ctx))]:
        piece = ctx.piece(a, b)
        assert tokens(piece) == tokens(whole[a:b])
        assert [t.is_sent_start for t in piece] == [t.is_sent_start for t in whole[a:b]]
        assert piece.to_array(["SENT_START"]).tolist() == whole.to_array(["SENT_START"])[a:b].tolist()


def test_patterns_without_a_first_word_run_over_each_piece_with_what_they_may_reach(engine, monkeypatch):
    rules = copy.deepcopy(engine.rules.lang("nl"))
    rules["patterns"] = [*rules.get("patterns", []),
                         {"id": "titel-zegt", "group": "say", "pattern": [{"IS_TITLE": True}, {"OP": "{0,3}"},
                                                                           {"LOWER": "zegt"}]}]
    pipe = pipeline.Pipeline("nl", rules)
    longest = max(pipeline._max_length(p) for group in pipe.matcher._patterns.values() for p in group)
    assert not pipe.anchored and pipe._reach == longest + pipeline.CLAUSE_LOOKAHEAD + 1
    monkeypatch.setattr(pipeline, "MATCH_PIECE", 5)
    text = DUTCH + "\nDe Minister van Financiën zegt het. Hij legde het niet vast.\n"
    seg = segment.segment(text, pipe.punctuation, pipe.lexicon.abbreviations, 20)
    ctx, _ = context.build(pipe, text, seg.sentences)
    found = pipe.matches(ctx)
    assert found == pipe.matches(ctx.doc) and any(ctx.phrase_text(s, e).endswith("zegt") for _, s, e in found)


def test_the_longest_match_of_a_pattern():
    assert pipeline._max_length([{"LOWER": "a"}, {"OP": "?"}, {"OP": "{0,3}"}, {"OP": "{2}"}, {"LOWER": "b"}]) == 8
    assert pipeline._max_length([{"OP": "*"}]) is None and pipeline._max_length([{"OP": "{1,}"}]) is None


# --- the tokenizer's affix searches ------------------------------------------

AFFIX_CHARS = list("aZé09.,;:!?'\"’”)]}-–—…%$€+*/\n´`‘»°²=<>^|~km©→")
AFFIXY = st.text(alphabet=st.sampled_from(AFFIX_CHARS), min_size=1, max_size=14)


@pytest.mark.parametrize("lang", ["nl", "en"])
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=AFFIXY | st.sampled_from(WORDS))
def test_the_affix_searches_find_what_spacy_s_regexes_find(engine, lang, word):
    tokenizer = engine.pipeline(lang).nlp.tokenizer
    head, tail = tokenizer.prefix_search.__self__, tokenizer.suffix_search.__self__
    infix = tokenizer.infix_finditer.__self__
    assert isinstance(tail, affixes.TailSearch) and isinstance(infix, affixes.FirstCharSearch)
    for ours, spacys in ((tokenizer.prefix_search, head.whole.search), (tokenizer.suffix_search, tail.whole.search)):
        expected, found = spacys(word), ours(word)
        assert (found.span() if found else None) == (expected.span() if expected else None)
    assert [m.span() for m in tokenizer.infix_finditer(word)] == [m.span() for m in infix.whole.finditer(word)]


def test_a_word_of_letters_is_not_searched_for_infixes(engine):
    infix = engine.pipeline("nl").nlp.tokenizer.infix_finditer.__self__
    assert infix.first.isdisjoint("Woordvoerder")
    assert not infix.first.isdisjoint("zei:") and not infix.first.isdisjoint("half-time")


def test_the_quicker_searches_change_no_token(engine):
    text = ("Hij zei: “Nee...” (NOS) 3km²,  ’t kost €5,- ... o.a. didn't U.S.A.! 12:30u. ‘Ja’—zo!? «Non»…. "
            "A+B=C, half-time/full-time, 10-12, e-mail, x^2 ©2024 → …end")
    for lang in ("nl", "en"):
        pipe = pipeline.Pipeline(lang, engine.rules.lang(lang))
        ours = tokens(pipe.make_doc(text))
        tokenizer = pipe.nlp.tokenizer
        tokenizer.prefix_search = tokenizer.prefix_search.__self__.whole.search
        tokenizer.suffix_search = tokenizer.suffix_search.__self__.whole.search
        tokenizer.infix_finditer = tokenizer.infix_finditer.__self__.whole.finditer
        assert ours == tokens(pipe.make_doc(text))


def test_searches_that_cannot_be_told_are_left_to_spacy():
    import re

    assert affixes.FirstCharSearch.of(re.compile(r"(?=a)|b")) is None  # matches the empty string
    assert affixes.FirstCharSearch.of(re.compile(r"[^a-z]")) is None  # a negated set
    assert affixes.FirstCharSearch.of(re.compile(r"(?i)a")) is None  # either case
    assert affixes.TailSearch.of(["x"], re.compile("y$")) is None  # not the rules' own regex
