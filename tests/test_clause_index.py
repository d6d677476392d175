"""The per-article look-ups of the phrase finder: clause starts, subordinators, word positions.

They answer in one step what a walk over the tokens answers; these examples walk the tokens
of the shipped samples and compare.
"""

from pathlib import Path

import pytest

from srcview.engine import context, segment
from srcview.engine.phrases import Clauses, Marks, token_classes

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def walked_start(ctx, sent_start, cue):
    """The first token of the cue's clause, found by walking back to a break."""
    i = cue
    while i > sent_start and not ctx.t.brk[i - 1]:
        i -= 1
    return i


def walked_subordinator(ctx, sent_start, cue):
    """The conjunction or relative pronoun opening the cue's clause, found by walking back."""
    t, lex = ctx.t, ctx.lex
    for k in range(cue - 1, walked_start(ctx, sent_start, cue) - 1, -1):
        if t.lower[k] in lex.subordinators:
            return k
        if t.lower[k] in lex.relatives and not (k == sent_start or t.lower[k] in lex.determiners
                                                or t.lower[k - 1] in lex.any_preposition):
            return k
    return None


@pytest.fixture(scope="module", params=["nl-kernwapens-gesprekken", "en-harbour-bridge-report"])
def article(request, engine):
    text = (SAMPLES / f"{request.param}.txt").read_text(encoding="utf-8")
    pipe = engine.pipeline(request.param[:2])
    seg = segment.segment(text, pipe.punctuation, pipe.lexicon.abbreviations, 20)
    return context.build(pipe, text, seg.sentences)


def test_clause_starts_and_subordinators_are_those_a_walk_over_the_tokens_finds(article):
    ctx, sents = article
    clauses = Clauses(ctx)
    asked = 0
    for sent in sents:
        for cue in range(sent.tok_start, sent.tok_end):
            assert clauses.start(sent.tok_start, cue) == walked_start(ctx, sent.tok_start, cue)
            assert clauses.subordinator(sent.tok_start, cue) == walked_subordinator(ctx, sent.tok_start, cue)
            asked += 1
    assert asked > 500


def test_token_classes_say_of_each_token_whether_its_word_is_in_each_class(article):
    ctx, _ = article
    lex = ctx.lex
    subordinators, determiners = token_classes(ctx, lex.subordinators, lex.determiners)
    assert subordinators.tolist() == [w in lex.subordinators for w in ctx.t.lower]
    assert determiners.tolist() == [w in lex.determiners for w in ctx.t.lower]
    assert subordinators.any() and determiners.any()


def test_marks_give_the_nearest_position_before_or_from_a_token():
    marks = Marks([3, 7, 12])
    assert [marks.last_before(i) for i in (0, 3, 4, 12, 20)] == [-1, -1, 3, 7, 12]
    assert [marks.first_from(i, 99) for i in (0, 3, 4, 13)] == [3, 3, 7, 99]
    assert marks.any_in(4, 8) and not marks.any_in(8, 12) and not marks.any_in(13, 40)
