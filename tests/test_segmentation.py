"""Paragraphs, headings, sentences and quotations: examples of what the engine sees."""

from srcview.engine import segment
from srcview.engine.lexicon import QuoteMarks

#: The quotation marks a language gets when its rules name none (“…”, „…”, «…», "…", ,,…'', ‘…’).
MARKS = segment.Punctuation(QuoteMarks.from_rules({}))

NL_ABBR = {"dhr.", "mr.", "prof.", "o.a.", "bijv.", "dr."}
EN_ABBR = {"mr.", "sen.", "u.s.", "jan.", "dr."}


def sentences_of(text: str, abbreviations=NL_ABBR) -> list[str]:
    paras = segment.paragraphs(text, MARKS)
    return [text[s:e] for s, e, _ in segment.sentences(text, paras, abbreviations, MARKS)]


def test_paragraphs_split_on_blank_lines_and_short_unpunctuated_ones_are_headings():
    text = "Kop zonder punt\n\nEerste alinea. Nog een zin.\n\n  \nTweede alinea."
    paras = segment.paragraphs(text, MARKS)
    assert [text[p.start:p.end] for p in paras] == [
        "Kop zonder punt", "Eerste alinea. Nog een zin.", "Tweede alinea."]
    assert [p.heading for p in paras] == [True, False, False]


def test_dutch_abbreviations_do_not_end_a_sentence():
    text = "Volgens dhr. Jansen en prof. De Vries is o.a. de prijs gestegen, bijv. bij brood. Dat is nieuw."
    assert sentences_of(text) == [
        "Volgens dhr. Jansen en prof. De Vries is o.a. de prijs gestegen, bijv. bij brood.",
        "Dat is nieuw."]


def test_english_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Mr. Smith met Sen. Warren of the U.S. on Jan. 5 with J. Okafor. They talked."
    assert sentences_of(text, EN_ABBR) == [
        "Mr. Smith met Sen. Warren of the U.S. on Jan. 5 with J. Okafor.", "They talked."]


def test_a_word_too_long_for_an_abbreviation_ends_its_sentence():
    """Only WORD_REACH characters are read back from a full stop, so a text without spaces costs linear time."""
    long_word = "a.b" * (segment.WORD_REACH // 3 + 1)
    assert sentences_of(f"Zie {long_word}. Dat is nieuw.") == [f"Zie {long_word}.", "Dat is nieuw."]


def test_english_contractions_split_as_spacy_would_without_its_exception_table(engine):
    """The rules' suffixes stand in for spaCy's 1,300 English exceptions, which take a third of a second to load."""
    pipe = engine.pipeline("en")
    words = [t.text for t in pipe.make_doc("He didn't say; they'd go, WON'T they? Mr. Lee can’t.")]
    assert words == ["He", "did", "n't", "say", ";", "they", "'d", "go", ",", "WO", "N'T", "they", "?",
                     "Mr.", "Lee", "ca", "n’t", "."]


def test_closing_quote_belongs_to_the_sentence_it_closes():
    text = "“Ik bluf niet.” Daarna zweeg hij. ‘Echt niet.’ «Zeker.» \"Klaar.\" Einde."
    assert sentences_of(text) == ["“Ik bluf niet.”", "Daarna zweeg hij.", "‘Echt niet.’",
                                  "«Zeker.»", "\"Klaar.\"", "Einde."]


def test_text_without_any_paragraph_break_still_splits_into_sentences():
    text = "Eerste zin. Tweede zin! Derde zin? Vierde zin."
    assert len(sentences_of(text)) == 4


def test_quotations_of_every_style_are_found():
    text = "A “een” b „twee” c ‘drie’ d «vier» e \"vijf\" f ,,zes'' g."
    paras = segment.paragraphs(text, MARKS)
    found = [text[q.start:q.end] for q in segment.quotations(text, paras, MARKS)]
    assert found == ["“een”", "„twee”", "‘drie’", "«vier»", "\"vijf\"", ",,zes''"]


def test_apostrophes_are_not_quotations():
    text = "Assange's lawyers don't agree, the minister’s aide said."
    assert segment.quotations(text, segment.paragraphs(text, MARKS), MARKS) == []


def test_a_quotation_runs_on_when_the_next_paragraph_reopens_it():
    text = "“First part of the quote.\n\n“Second part,” she said.\n\nNarration."
    quotes = segment.quotations(text, segment.paragraphs(text, MARKS), MARKS)
    assert len(quotes) == 1
    assert text[quotes[0].start:quotes[0].end] == "“First part of the quote.\n\n“Second part,”"


def test_headings_are_listed_apart_and_are_not_claims(engine):
    analysis = engine.analyze("Grote kop\n\nDe minister zegt dat het goed gaat.", lang="nl")
    assert [h.text for h in analysis.headings] == ["Grote kop"]
    assert [c.text for c in analysis.claims] == ["De minister zegt dat het goed gaat."]


def test_hard_wrapped_text_keeps_its_sentences_together(engine):
    text = ("Bridge to close\n"
            "The harbour bridge will close to lorries next month, the city's\n"
            "engineer Joanna Pike said on Tuesday after an inspection of the\n"
            "cables found serious corrosion in the northern anchorage.\n"
            "Repairs will take two years.\n")
    analysis = engine.analyze(text, lang="en")
    assert [h.text for h in analysis.headings] == ["Bridge to close"]
    first = analysis.claims[0]
    assert first.text.endswith("northern anchorage.") and first.label == "named"


def test_the_same_opening_mark_again_ends_a_quotation_left_open():
    text = ",,Het kan niet langer, zegt Piet Hein. ,,Ik ben het oneens'', zegt Marieke Bos."
    quotes = segment.quotations(text, segment.paragraphs(text, MARKS), MARKS)
    assert [(text[q.start:q.end], q.closed) for q in quotes] == [
        (",,Het kan niet langer, zegt Piet Hein.", False), (",,Ik ben het oneens''", True)]
