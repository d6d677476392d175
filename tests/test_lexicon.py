"""The cue lexicon by lemma: the forms the rules do not list, separable verbs, and what is no cue."""

import pytest

from srcview.engine.inflect import expand, inflect_rules, separable_verbs
from srcview.rules import load_rules


@pytest.fixture(scope="module")
def dutch():
    return inflect_rules("nl", load_rules().lang("nl"))


def test_a_verb_listed_twice_gets_all_its_forms(dutch):
    say = set(dutch["cues"]["say"])
    assert {"erkend", "erken"} <= say  # from "erkent", "erkende", … in the rules
    assert {"geconcludeerd", "concluderen"} <= say


def test_a_form_listed_once_stays_alone_and_homographs_are_never_added(dutch):
    say, attitude = set(dutch["cues"]["say"]), set(dutch["cues"]["attitude"])
    assert "vroeger" not in say  # "vroeg" (asked) is also "vroeg" (early)
    assert "hoop" not in attitude and "vrees" not in attitude  # nouns: cues.not_cues


def test_expand_keeps_the_listed_word_first_and_drops_excluded_forms():
    forms = {"said": ["say", "saying", "says"]}
    assert expand(["said", "told"], forms, frozenset({"says"})) == ["said", "say", "saying", "told"]


def test_inflection_can_be_switched_off_in_the_rules():
    lang = load_rules().lang("en")
    off = inflect_rules("en", {**lang, "cues": {**lang["cues"], "inflect": False}})
    assert off["cues"]["say"] == list(dict.fromkeys(lang["cues"]["say"]))


def test_separable_verbs_are_declared_by_their_infinitive():
    [sep] = separable_verbs("nl", {"cues": {"separable": ["oproepen"]},
                                   "grammar": {"separable_particles": ["op", "aan"], "participle_prefixes": ["ge"],
                                               "joined_endings": ["t", "de"], "unjoined_endings": ["e", "n", "nd"]}})
    assert sep.particle == "op" and "riep" in sep.base_forms and "opgeroepen" in sep.joined_forms
    assert "oproepen" not in sep.joined_forms  # the bare infinitive is mostly a noun ("de voorstellen")
    assert "opriep" in sep.joined_forms  # a past with a vowel of its own: "zoals zij opriep"
    assert "oproep" not in sep.joined_forms  # the stem: "de oproep"


@pytest.mark.parametrize("sentence, source, cue", [
    ("De burgemeester riep de inwoners op om thuis te blijven.", "De burgemeester", "riep de inwoners op"),
    ("De minister legde uit dat de brug dicht moet.", "De minister", "legde uit"),
    ("Wanneer toeristen bellen, legt hij ze uit dat het huis bezet is.", "hij", "legt hij ze uit"),
    ("De partij gaf aan een verzoek te zullen indienen.", "De partij", "gaf aan"),
    ("De wethouder heeft de bewoners opgeroepen kalm te blijven.", "De wethouder", "opgeroepen"),
    ("Het plan is te duur, zoals de minister eerder aangaf.", "de minister", "aangaf"),
    ("Telefonisch geeft Jesper toe dat het huis niet van hem is.", "Jesper", "geeft Jesper toe"),
])
def test_separable_verbs_split_or_joined(engine, sentence, source, cue):
    claim = engine.analyze(sentence, lang="nl").claims[0]
    assert (claim.label, claim.source.text, claim.cue.text) == ("named", source, cue)


@pytest.mark.parametrize("sentence", [
    "De peilingen vallen niet goed bij veel partijen.",  # "bij" starts a phrase: no "bijvallen"
    "Noord-Koreaanse leiders zegden de afspraken met de Amerikanen af.",  # "afzeggen" (cancel), no "zeggen"
    "Leiden werd met Delfzijl genoemd in het onderzoek.",  # a passive: Leiden says nothing
    "Het plan is ook te zien in een filmpje van de gemeente.",
])
def test_verbs_that_only_look_like_cues_attribute_nothing(engine, sentence):
    assert engine.analyze(sentence, lang="nl").claims[0].label == "unattributed"


def test_english_forms_the_rules_do_not_list(engine):
    claim = engine.analyze("The mayor, acknowledging the delay, insisted the bridge was safe.", lang="en").claims[0]
    assert claim.source.text == "The mayor"
    assert engine.analyze("Officials are expecting the state to pay.", lang="en").claims[0].cue.text != "state"
