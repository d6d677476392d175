"""The matchers read an article's batches as the tokenizer makes them, and find what they find in its Doc."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from srcview.engine import context, pipeline, segment

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TEXT = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))) + "\n" + "".join(
    "Nu " * k + "legde hij het plan na lang overleg vast. Wees erop dat het spreekt, zegt ze.\n" for k in range(7))


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("batch", [5, 60, 2_000])
def test_matches_found_batch_by_batch_are_those_of_the_whole_doc(engine, monkeypatch, lang, batch):
    monkeypatch.setattr(pipeline, "BATCH_CHARS", batch)  # cuts everywhere: matches near a cut read the next batch
    pipe = engine.pipeline(lang)
    text = TEXT + "“" * 300 + " zegt hij.\n"  # a long run without spaces comes in pieces of a few tokens
    spans = segment.segment(text, pipe.punctuation, pipe.lexicon.abbreviations, 20).sentences
    ctx, _ = context.build(pipe, text, spans)
    assert ctx.early_matches is not None and ctx.early_matches[0] is pipe
    found = pipe.matches(ctx)
    assert found and found == pipe.matches(ctx.doc)
    assert found == pipe.matches(dataclasses.replace(ctx, early_matches=None))  # piece by piece from the token ids


def test_patterns_that_read_sentence_starts_wait_for_the_sentences(engine):
    rules = copy.deepcopy(engine.rules.lang("nl"))
    rules["patterns"] = [*rules.get("patterns", []),
                         {"id": "begin-zegt", "group": "say", "pattern": [{"IS_SENT_START": True}, {"LOWER": "zegt"}]}]
    pipe = pipeline.Pipeline("nl", rules)
    text = "Zegt hij dat? Hij zegt niets.\n"
    spans = segment.segment(text, pipe.punctuation, pipe.lexicon.abbreviations, 20).sentences
    ctx, _ = context.build(pipe, text, spans)
    assert ctx.early_matches is None and pipe.matches(ctx) == pipe.matches(ctx.doc)


@pytest.mark.parametrize("text", ["", "a" * 64, "a" * 63, " " + "“" * 64, "x" * 70 + "\n" + "y" * 64 + " z",
                                  "kort " * 30 + "\u00a0" + "-" * 200 + "\u2028" + "b" * 65])
def test_long_runs_are_those_the_plain_pattern_finds(text):
    assert pipeline._long_runs(text) == [m.span() for m in pipeline._LONG_RUN.finditer(text)]


def test_a_gap_the_pattern_window_bounds_is_matched_as_a_star():
    gap = [{"LOWER": "legde"}, {"IS_PUNCT": False, "OP": "{0,10}"}, {"LOWER": "vast"}]
    assert pipeline._in_window(gap, 12)[1]["OP"] == "*"  # 1 + 10 + 1 tokens: the window allows no more
    assert pipeline._in_window(gap, 13) == gap  # a longer window would let "*" reach further
    short = [{"LOWER": "bleek"}, {"IS_PUNCT": False, "OP": "{1,4}"}, {"LOWER": "uit"}]
    assert pipeline._in_window(short, 12) == short


@pytest.mark.parametrize("gap", range(12))
def test_separable_verbs_match_alike_with_the_gap_as_a_star(engine, gap):
    pipe = engine.pipeline("nl")
    doc = pipe.nlp.make_doc("Hij legde " + "het plan " * (gap // 2) + "nu " * (gap % 2) + "vast, zegt ze vast.")
    plain, windowed = pipeline.Matcher(pipe.nlp.vocab), pipeline.Matcher(pipe.nlp.vocab)
    pattern = [{"LOWER": "legde"}, {"IS_PUNCT": False, "OP": "{0,10}"}, {"LOWER": "vast"}]
    plain.add("split", [pattern])
    windowed.add("split", [pipeline._in_window(pattern, pipeline.PATTERN_WINDOW)])
    window = doc[1:1 + pipeline.PATTERN_WINDOW]
    assert sorted(plain(window)) == sorted(windowed(window))
