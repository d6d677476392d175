"""English attribution: which cue and source phrase each clause of a sentence gets.

The sentences are written for these tests; each shows one way English news
attributes what it reports.
"""

import pytest


def claim_with(analysis, words: str):
    """The claim whose text contains ``words``."""
    found = [c for c in analysis.claims if words in c.text]
    assert found, f"no claim contains {words!r}"
    return found[0]


# --- a participle clause split off its sentence ----------------------------

@pytest.mark.parametrize("sentence, tail, source, cue", [
    ("Mayor Ann Wolfe praised the new bridge on Monday, saying it would bring shoppers back to the old town.",
     "saying it would", "Mayor Ann Wolfe", "saying"),
    ("The ferry company backed the plan, telling reporters that the town needed the new bridge.",
     "telling reporters", "The ferry company", "telling"),
])
def test_a_split_off_participle_keeps_the_subject_of_its_head_clause(engine, sentence, tail, source, cue):
    claim = claim_with(engine.analyze(sentence, lang="en"), tail)
    assert claim.label in ("named", "anonymous")
    assert claim.source.text == source  # not "it" or "reporters" from inside what was said
    assert claim.cue.text == cue


# --- relative clauses --------------------------------------------------------

def test_a_relative_pronoun_is_the_source_phrase_and_stands_for_the_phrase_before_it(engine):
    claim = engine.analyze("Most residents who said they use the ferry every day want the bridge.",
                           lang="en").claims[0]
    assert claim.label == "anonymous"
    assert claim.source.text == "who"  # the words in the sentence that do the saying
    assert claim.source.canonical == "Most residents"  # whom they stand for
    assert claim.cue.text == "said"
