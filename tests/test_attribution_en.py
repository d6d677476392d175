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


@pytest.mark.parametrize("sentence, tail, cue", [
    # any verb cue in -ing after a comma, also after a quotation's tag
    ("“The ferry is too slow,” Mayor Ann Wolfe said, recalling a winter when the boats stopped for a week.",
     "recalling a winter", "recalling"),
    # the verbs inside the participle's content attribute nothing of their own
    ("Mayor Ann Wolfe defended the budget, referring to what she calls the town's empty coffers.",
     "referring to", "referring"),
])
def test_a_participle_of_any_cue_opens_a_clause_of_its_own(engine, sentence, tail, cue):
    analysis = engine.analyze(sentence, lang="en")
    claim = claim_with(analysis, tail)
    assert claim.text.startswith(cue)
    assert (claim.source.text, claim.cue.text) == ("Mayor Ann Wolfe", cue)
    assert analysis.claims[0].cue.text != cue  # the head clause keeps its own cue


def test_an_unlisted_participle_of_a_cue_is_said_by_the_subject_of_the_main_clause(engine):
    claim = engine.analyze("Mayor Ann Wolfe gave her usual speech, decrying the cost of the old ferry.",
                           lang="en").claims[0]
    assert (claim.source.text, claim.cue.text) == ("Mayor Ann Wolfe", "decrying")


# --- relative clauses --------------------------------------------------------

def test_a_relative_pronoun_is_the_source_phrase_and_stands_for_the_phrase_before_it(engine):
    claim = engine.analyze("Most residents who said they use the ferry every day want the bridge.",
                           lang="en").claims[0]
    assert claim.label == "anonymous"
    assert claim.source.text == "who"  # the words in the sentence that do the saying
    assert claim.source.canonical == "Most residents"  # whom they stand for
    assert claim.cue.text == "said"


# --- passives ------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Mayor Ann Wolfe was asked about the bridge at a meeting on Monday.",
    "Mayor Ann Wolfe was also told about the delay.",
])
def test_the_subject_of_a_passive_cue_is_who_was_addressed_not_who_spoke(engine, sentence):
    assert engine.analyze(sentence, lang="en").claims[0].label == "unattributed"


def test_a_progressive_form_after_is_is_still_said_by_its_subject(engine):
    claim = engine.analyze("Mayor Ann Wolfe is telling residents that the bridge will close.", lang="en").claims[0]
    assert claim.label == "named"
    assert claim.source.text == "Mayor Ann Wolfe"


def test_a_passive_names_its_speaker_after_by(engine):
    claim = engine.analyze("The plan was criticized by the ferry company.", lang="en").claims[0]
    assert claim.source.text == "the ferry company"
    assert claim.cue.text == "criticized"


# --- subjects ------------------------------------------------------------------

def test_a_share_written_with_a_percent_sign_is_a_source(engine):
    claim = engine.analyze("In Tarnby, 62% of residents said the ferry was too slow.", lang="en").claims[0]
    assert claim.source.text == "62% of residents"


def test_a_participle_after_a_fronted_phrase_takes_the_subject_of_its_clause(engine):
    analysis = engine.analyze("At a meeting in Tarnby, Del., on Monday, Mayor Ann Wolfe defended the plan, "
                              "saying the bridge would bring shoppers back.", lang="en")
    claim = claim_with(analysis, "saying")
    assert claim.source.text == "Mayor Ann Wolfe"  # not "Del." or a phrase of the fronted place and time
    assert claim.cue.text == "saying"


# --- cues learnt from annotated news --------------------------------------------

@pytest.mark.parametrize("sentence, source, cue", [
    ("Senator Lind calls the ferry plan a waste of money.", "Senator Lind", "calls"),
    ("Mayor Ann Wolfe sought to calm residents worried about the bridge.", "Mayor Ann Wolfe", "sought"),
    ("Senator Lind made clear that she would vote against the plan.", "Senator Lind", "made clear"),
])
def test_stances_and_labels_are_attributed_to_whoever_takes_them(engine, sentence, source, cue):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert claim.label == "named"
    assert (claim.source.text, claim.cue.text) == (source, cue)


@pytest.mark.parametrize("sentence", [
    "Views of the ferry remain divided in Tarnby.",
    "Declared Candidates For Mayor.",
])
def test_a_cue_word_that_opens_a_sentence_is_no_verb_of_saying(engine, sentence):
    # English puts the subject first: "Views" is a noun here, "Declared" a heading's adjective
    assert engine.analyze(sentence, lang="en").claims[0].label == "unattributed"


def test_a_relative_clause_after_a_comma_at_the_end_of_a_sentence_is_attributed(engine):
    claim = engine.analyze("The vote went against Senator Lind, who said she would run again next year.",
                           lang="en").claims[0]
    assert claim.label == "named"
    assert (claim.source.text, claim.source.canonical, claim.cue.text) == ("who", "Lind", "said")


def test_an_aside_about_the_subject_does_not_attribute_the_sentence(engine):
    analysis = engine.analyze("Senator Lind, who denies the charge, has left the country.", lang="en")
    assert analysis.claims[0].label == "unattributed"


@pytest.mark.parametrize("sentence, source, cue", [
    ("In a tweet, Mayor Ann Wolfe urged residents to stay home.", "Mayor Ann Wolfe", "urged"),
    ("Senator Lind called the plan a waste in a tweet on Tuesday.", "Senator Lind", "called"),
])
def test_a_cue_word_after_an_article_is_a_noun_and_attributes_nothing(engine, sentence, source, cue):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert (claim.source.text, claim.cue.text) == (source, cue)  # not "a" and "tweet"


def test_a_noun_after_an_article_alone_is_no_attribution(engine):
    assert engine.analyze("The tweet was a dig at the mayor.", lang="en").claims[0].label == "unattributed"


# --- two clauses, two claims ---------------------------------------------------

@pytest.mark.parametrize("sentence, first, second", [
    # a fronted time phrase that the comma closes does not hide the first clause's cue
    ("On Monday, Mayor Ann Wolfe praised the new bridge, and Senator Lind warned that the ferry would close.",
     ("Mayor Ann Wolfe", "praised"), ("Senator Lind", "warned")),
    # a first clause that says little ("defended her vote") is still a clause of its own
    ("Mayor Ann Wolfe defended her vote, but later she announced that the bridge would wait.",
     ("Mayor Ann Wolfe", "defended"), ("she", "announced")),
])
def test_each_clause_with_its_own_speaker_is_a_claim_of_its_own(engine, sentence, first, second):
    claims = engine.analyze(sentence, lang="en").claims
    assert [(c.source.text, c.cue.text) for c in claims] == [first, second]


def test_a_relative_clause_after_a_quotation_tag_is_a_claim_of_its_own(engine):
    # the tag's content is the quotation before it, so the head keeps an attribution of its own
    claims = engine.analyze("“The ferry is too slow,” said Mayor Ann Wolfe, who predicted that the bridge "
                            "would open next year.", lang="en").claims
    assert [(c.source.text, c.cue.text) for c in claims] == [("Mayor Ann Wolfe", "said"), ("who", "predicted")]


def test_a_long_subject_between_the_link_and_the_cue_still_opens_a_clause(engine):
    claims = engine.analyze("Mayor Ann Wolfe praised the plan, and the oldest civic group in the old river town "
                            "of Tarnby strongly denounced the plan as a waste of money.", lang="en").claims
    assert [c.cue.text for c in claims] == ["praised", "denounced"]
    assert claims[1].text.startswith("and the oldest civic group")


# --- names that look like other words -------------------------------------------

@pytest.mark.parametrize("sentence, source", [
    # a capitalised word ending in -ly is a name, not an adverb between subject and verb
    ("Kelly said the ferry would stay.", "Kelly"),
    ("“The ferry stays,” said Donnelly.", "Donnelly"),
    # capitalised words joined by a hyphen are one name, also when they open the sentence
    ("Garcia-Lind said the ferry would stay.", "Garcia-Lind"),
    ("Data-Q says its ferry counts have tripled.", "Data-Q"),
])
def test_names_ending_in_ly_or_joined_by_a_hyphen_are_sources(engine, sentence, source):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert claim.label == "named"
    assert claim.source.text == source


@pytest.mark.parametrize("sentence, source", [
    # an aside between two dashes belongs to the subject before it
    ("Some ferry captains - including two who sailed for Tarnby - warn that the harbour is silting up.",
     "Some ferry captains - including two who sailed for Tarnby"),
    ("Mayor Ann Wolfe — and some of her aldermen — say that the bridge can wait.",
     "Mayor Ann Wolfe — and some of her aldermen"),
    # so does a lone adverb between commas
    ("Mayor Ann Wolfe, however, said that the bridge can wait.", "Mayor Ann Wolfe"),
])
def test_an_aside_between_the_subject_and_its_verb_is_passed_over(engine, sentence, source):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert claim.source.text == source


def test_people_a_restrictive_who_clause_refers_to_are_the_source_of_what_they_say(engine):
    # "who" stands only for people, so the plain noun phrase before it is a source
    claim = engine.analyze("The plan was opposed by ferry captains and harbour pilots who say the channel is "
                           "too shallow.", lang="en").claims[0]
    assert claim.label in ("named", "anonymous")
    assert (claim.source.text, claim.cue.text) == ("who", "say")


@pytest.mark.parametrize("sentence, source", [
    ("The harbour departments said that the channel is too shallow.", "The harbour departments"),
    ("Dock unions warned that the channel is too shallow.", "Dock unions"),
])
def test_organisations_in_the_plural_are_sources(engine, sentence, source):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert claim.source.text == source


@pytest.mark.parametrize("sentence, source", [
    ("Alderman Ann Wolfe (D-Tarnby) last week said that the bridge can wait.", "Alderman Ann Wolfe (D-Tarnby)"),
    ("The harbour master three days ago warned that the channel is silting up.", "The harbour master"),
    ("Mayor Ann Wolfe on Tuesday night said that the bridge can wait.", "Mayor Ann Wolfe"),
])
def test_a_time_phrase_between_the_subject_and_its_verb_is_no_part_of_the_source(engine, sentence, source):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert claim.source.text == source


# --- a speech tag after a quotation that ends in ? or ! ----------------------

@pytest.mark.parametrize("text, first, source", [
    ("“Who pays for the new bridge?” Wolfe said. The council meets on Friday.",
     "“Who pays for the new bridge?” Wolfe said.", "Wolfe"),
    ("“We will win this!” Mayor Ann Wolfe said last week. The council meets on Friday.",
     "“We will win this!” Mayor Ann Wolfe said last week.", "Mayor Ann Wolfe"),
])
def test_a_tag_after_a_question_or_exclamation_is_one_claim_with_its_quotation(engine, text, first, source):
    claims = engine.analyze(text, lang="en").claims
    assert [c.text for c in claims] == [first, "The council meets on Friday."]
    assert claims[0].label == "named" and claims[0].source.text == source and claims[0].cue.text == "said"
    assert claims[1].label == "unattributed"


@pytest.mark.parametrize("text", [
    "The mayor asked, “Who pays?” The council said nothing.",  # a speaker of its own before the quotation
    "“Who pays for the bridge?” Wolfe said the council must.",  # the tag says something of its own
])
def test_a_sentence_that_says_something_of_its_own_is_no_tag(engine, text):
    assert len(engine.analyze(text, lang="en").claims) == 2


def test_a_tag_with_something_of_its_own_stays_a_sentence(engine):
    text = "“Who pays for the new bridge?” Wolfe said to the council on its first day back after the summer."
    assert [c.text[:5] for c in engine.analyze(text, lang="en").claims] == ["“Who ", "Wolfe"]


# --- subjects: contractions, shares, sentence-initial determiners -------------

@pytest.mark.parametrize("sentence, source", [
    ("He's said the bridge will be finished by June.", "He"),
    ("They're saying the ferry is too slow.", "They"),
    ("Only 24 percent said the bridge was worth the money.", "Only 24 percent"),
    ("Thirty-one percent of those surveyed say the ferry is too slow.", "Thirty-one percent of those surveyed"),
    ("One operative inside the council tried to play the vote down, saying it was not a big deal.",
     "One operative inside the council"),
])
def test_contracted_auxiliaries_shares_and_a_determiner_opening_the_subject(engine, sentence, source):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert claim.label in ("named", "anonymous")
    assert claim.source.text == source


def test_it_before_a_that_clause_holds_no_view(engine):
    claim = engine.analyze("It's likely that the council will vote against the bridge.", lang="en").claims[0]
    assert claim.label == "unattributed"


# --- a gerund after a preposition takes the subject of the main clause ---------

@pytest.mark.parametrize("sentence, source, cue", [
    ("Mayor Ann Wolfe won the vote by promising to build the bridge within a year.", "Mayor Ann Wolfe", "promising"),
    ("Ann Wolfe, a former engineer, then went to the council and began by saying the bridge was safe.",
     "Ann Wolfe", "saying"),
    ("After saying the bridge was safe, the mayor left the meeting.", "the mayor", "saying"),
])
def test_a_gerund_after_a_preposition_is_said_by_the_subject_of_the_main_clause(engine, sentence, source, cue):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert claim.label in ("named", "anonymous")
    assert (claim.source.text, claim.cue.text) == (source, cue)


@pytest.mark.parametrize("sentence", [
    "It goes without saying that the bridge is late.",
    "The mayor resigned after saying the bridge was safe.",  # no verb is left for a subject before "after"
])
def test_a_gerund_without_a_subject_of_its_own_has_no_source(engine, sentence):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert claim.source is None or claim.source.text == "The mayor"


def test_it_goes_without_saying_has_no_source(engine):
    claim = engine.analyze("It goes without saying that the bridge is late.", lang="en").claims[0]
    assert claim.label == "unattributed"


# --- a that-clause after an unlisted verb ----------------------------------------

def test_a_noun_after_a_preposition_is_no_subject_of_a_that_clause(engine):
    claim = engine.analyze("Senator Ann Wolfe stood by an accusation she made on the Senate floor that the "
                           "mayor lied.", lang="en").claims[0]
    assert claim.cue is None or claim.cue.text != "floor"
    assert claim.source is None or claim.source.text != "the Senate"


@pytest.mark.parametrize("sentence, label, source", [
    # a preposition that ties the noun to a source noun before it: the document says it
    ("A document on the council's website holds that the bridge will open in June.", "anonymous",
     "A document on the council's website"),
    # people who hold a view in a relative clause that describes them
    ("Senior council advisers who have run the numbers argue that the bridge will cost more.", "anonymous",
     "Senior council advisers"),
])
def test_the_subject_of_a_that_clause_is_the_phrase_that_opens_the_sentence(engine, sentence, label, source):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert (claim.label, claim.source.text) == (label, source)


# --- an infinitive cue hangs on a verb ------------------------------------------

@pytest.mark.parametrize("sentence, source, cue", [
    ("Ann Wolfe went on to say the bridge was safe.", "Ann Wolfe", "went on to say"),
    ("The mayor has yet to explain why the bridge is late.", "The mayor", "yet to explain"),
    ("Critics of the plan appeared to suggest that the ferry would do.", "Critics of the plan", "appeared to suggest"),
])
def test_an_infinitive_cue_is_said_by_the_subject_of_the_verb_it_hangs_on(engine, sentence, source, cue):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert (claim.source.text, claim.cue.text) == (source, cue)


def test_an_infinitive_after_a_noun_attributes_nothing(engine):
    claim = engine.analyze("The council held the clerk in contempt of the court for refusing to testify.",
                           lang="en").claims[0]
    assert claim.label == "unattributed"


# --- a closing tag wraps the attribution inside it -------------------------------

@pytest.mark.parametrize("sentence, source, cue", [
    ("On Monday, Mayor Ann Wolfe said the bridge was safe, according to The Ledger.", "The Ledger", "according to"),
    ("Mayor Ann Wolfe told the council the bridge was safe, The Ledger reported.", "The Ledger", "reported"),
])
def test_a_report_of_what_someone_said_is_the_reporter_s(engine, sentence, source, cue):
    claim = engine.analyze(sentence, lang="en").claims[0]
    assert (claim.source.text, claim.cue.text) == (source, cue)
    assert any(a.cue.text in ("said", "told") for a in claim.attributions)  # the inner one is kept too


# --- clause cuts: a comma inside a closing quotation, a refusal ------------------

def test_a_participle_after_a_comma_inside_a_quotation_opens_a_clause(engine):
    text = 'Mayor Ann Wolfe called the plan a "distortion," describing the council as badly advised.'
    claims = engine.analyze(text, lang="en").claims
    assert [c.cue.text for c in claims] == ["called", "describing"]
    assert claims[0].text.endswith('"distortion,"')
    assert all(c.source.text == "Mayor Ann Wolfe" for c in claims)


def test_a_refusal_to_comment_is_a_clause_of_its_own(engine):
    text = ("Mayor Ann Wolfe has not endorsed anyone in the race. "
            "Ann Wolfe has not endorsed anyone in the race, and her spokesman declined to comment.")
    claims = engine.analyze(text, lang="en").claims
    assert [(c.source.text, c.cue.text) for c in claims[1:]] == [
        ("Ann Wolfe", "endorsed"), ("her spokesman", "declined to comment")]


# --- speaking is saying something only with a topic --------------------------------

@pytest.mark.parametrize("sentence, label", [
    ("Mayor Ann Wolfe spoke about the cost of the new bridge.", "named"),
    ("Mayor Ann Wolfe spoke favorably of the new bridge.", "named"),
    ("Mayor Ann Wolfe spoke to reporters after the meeting.", "unattributed"),
    ("Mayor Ann Wolfe spoke for an hour in the town hall.", "unattributed"),
    ("Mayor Ann Wolfe spoke for most of the meeting.", "unattributed"),
    ("Mayor Ann Wolfe spoke at the opening of the bridge.", "unattributed"),
    ("Mayor Ann Wolfe spoke highly of the new bridge.", "named"),
])
def test_speaking_attributes_only_with_a_topic(engine, sentence, label):
    assert engine.analyze(sentence, lang="en").claims[0].label == label
