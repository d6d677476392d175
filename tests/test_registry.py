"""The source registry: the key names are compared on, and the fuzzy lookup's choices."""

import pytest

from srcview.engine import context, segment
from srcview.engine.registry import Registry, normalise
from srcview.engine.resolve import Resolver, name_run_pattern


@pytest.mark.parametrize(("written", "key"), [
    ("The Guardian", "guardian"),
    ("de  Volkskrant", "volkskrant"),  # two spaces
    ("Reuters’s", "reuters"),  # a curly possessive
    ("Ministerie\tvan\u00a0Financiën", "ministerie van financien"),  # a tab, a no-break space, an accent
    ("Le Monde (Paris)", "le monde paris"),
    ("St. Louis Post-Dispatch.", "st. louis post-dispatch"),
])
def test_names_are_compared_lower_case_without_accents_articles_or_stray_characters(written, key):
    assert normalise(written) == key


def test_a_name_close_to_an_alias_finds_its_entry_and_a_far_one_none():
    registry = Registry([{"id": "nos", "name": "Nederlandse Omroep Stichting", "kind": "outlet"}])
    entry, similarity = registry.lookup("Nederlandse Omroepstichting")
    assert entry.id == "nos" and 88 <= similarity < 100
    assert registry.lookup("Nederlandse Spoorwegen") is None


def test_of_two_aliases_equally_close_the_first_in_the_registry_wins():
    for first, second in (("Dagblad Rood", "Dagblad Root"), ("Dagblad Root", "Dagblad Rood")):
        registry = Registry([{"id": first, "name": first}, {"id": second, "name": second}])
        entry, similarity = registry.lookup("Dagblad Roos")  # one letter from either
        assert entry.id == first and similarity < 100


def test_name_runs_take_particles_along_but_not_a_lower_case_word(engine):
    pattern = name_run_pattern(engine.pipeline("nl").lexicon)
    text = "Volgens Ursula von der Leyen en Jean-Luc Picard zegt Post niets. O'Brien Smith."
    assert [m.group(1) for m in pattern.finditer(text)] == [
        "Volgens Ursula von der Leyen", "Jean-Luc Picard", "O'Brien Smith"]


def test_a_definite_noun_is_the_name_it_stood_beside_earlier(engine):
    text = ("De inlichtingendienst AIVD waarschuwt voor spionage. Mehmet, de vader van Gökmen, zweeg. "
            "De dienst zegt dat het risico groot is. De vader zegt niets.")
    pipe = engine.pipeline("nl")
    seg = segment.segment(text, pipe.punctuation, pipe.lexicon.abbreviations, 20)
    ctx, _sents = context.build(pipe, text, seg.sentences)
    resolver = Resolver(ctx, engine.registry, "nl", 2400)
    lowers = ctx.t.lower
    dienst = lowers.index("dienst")
    vader = len(lowers) - 1 - lowers[::-1].index("vader")
    assert resolver.resolve(dienst - 1, dienst + 1, []).canonical == "AIVD"
    assert resolver.resolve(vader - 1, vader + 1, []).canonical == "Mehmet"
