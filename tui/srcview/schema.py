"""The shape of the rules, declared once.

Every key a rules file may hold is a leaf of :data:`SCHEMA`, with its type,
range, default (for settings and weights) and a sentence for the people who
edit it.  From this one declaration come:

- the defaults (:func:`defaults`), used when no rules file sets a value, and
  ``rules/scoring.toml``, which is rendered from it (:func:`render_scoring`;
  a test keeps the shipped file identical);
- validation: :mod:`srcview.validate` walks a file against the tree;
- the rules screen's rows, ranges and descriptions;
- each language's :class:`~srcview.engine.lexicon.Lexicon`: a word list whose
  leaf names a ``field`` becomes that attribute, one whose leaf names a
  ``group`` feeds the cue and hedge matchers.

Nothing here imports spaCy or Textual.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import REGISTRY_KINDS

# --- leaf and table types ------------------------------------------------------

@dataclass(frozen=True)
class Num:
    """A number in ``lo..hi`` (a whole number when ``integer``)."""

    lo: float
    hi: float
    integer: bool = False
    default: float | None = None
    doc: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Flag:
    default: bool | None = None
    doc: str = ""


@dataclass(frozen=True)
class Text:
    choices: tuple[str, ...] = ()
    default: str | None = None
    doc: str = ""


@dataclass(frozen=True)
class Words:
    """A list of strings (cue words, hedges, word classes …), matched in lower case.

    ``field``: the :class:`Lexicon` attribute the list becomes (a frozenset, or a
    tuple of endings when ``suffixes``).  ``group``: the matcher label its
    phrases get (``cue.say``, ``hedge.words`` …).
    """

    doc: str = ""
    field: str | None = None
    group: str | None = None
    suffixes: bool = False
    inflect: bool = False  # every inflected form of each word is added (see srcview.engine.inflect)
    single: bool = False  # read a word at a time: an entry of several words could never match


@dataclass(frozen=True)
class Pattern:
    """A spaCy Matcher token pattern."""

    doc: str = ""


@dataclass(frozen=True)
class QuotePairs:
    """Quotation marks: each entry an opening mark and the marks that may close it, space-separated."""

    default: tuple[str, ...] = ()
    doc: str = ""


@dataclass(frozen=True)
class Table:
    keys: Mapping[str, Any]
    doc: str = ""


@dataclass(frozen=True)
class AnyKey:
    """A table whose keys are free (language codes, display names per language)."""

    value: Any
    doc: str = ""


@dataclass(frozen=True)
class Tables:
    """An array of tables, e.g. ``[[registry]]``."""

    item: Table
    ident: str = "id"
    doc: str = ""


Leaf = Num | Flag | Text | Words | Pattern | QuotePairs


def words(doc: str, field: str | None = None, group: str | None = None, suffixes: bool = False,
          inflect: bool = False, single: bool = False) -> Words:
    return Words(doc, field, group, suffixes, inflect, single)


# --- the language files ---------------------------------------------------------

#: Cue groups a matcher looks for, in the order of the ``cues`` table.
CUE_GROUPS = ("say", "attitude", "prepositions", "evidence", "nouns", "declined", "impersonal")
#: Cue groups that only token patterns (``[[lang.X.patterns]]``) may name, and the attribution kinds
#: the engine adds itself.
PATTERN_GROUPS = CUE_GROUPS

CUES = Table({
    "say": words("Verbs of saying and reporting. The source is their subject.", group="cue.say", inflect=True),
    "attitude": words("Verbs of belief, fear and wanting: an identified actor's stated attitude "
                      "(scored with the attitude_cue weight).", group="cue.attitude", inflect=True),
    "prepositions": words("Prepositions that introduce their source (\"volgens\", \"according to\").",
                          group="cue.prepositions"),
    "evidence": words("Phrases that introduce a document, study or figures as the source.", group="cue.evidence"),
    "nouns": words("Nouns of saying: \"the statement of X\".", group="cue.nouns", inflect=True),
    "declined": words("Refusals and \"no comment\": attributed, but nothing is said.", group="cue.declined"),
    "impersonal": words("Impersonal attributions: said, but by no one in particular (anonymous).",
                        group="cue.impersonal"),
    "backref": words("Words at the start of a sentence that point back at the sentence before "
                     "(\"Dat zegt Post.\" sources that one too).", field="backref"),
    "strong": words("The core verbs of saying: any phrase in subject position is their source.", field="strong",
                    inflect=True),
    "inflect": Flag(True, "Add every inflected form of the words in say, attitude, nouns and strong "
                          "(from simplemma's dictionary of the language): list one or two forms of a verb."),
    "separable": words("Separable verbs of saying, by their infinitive (Dutch \"oproepen\"): their joined forms "
                       "(\"opgeroepen\", \"op te roepen\") and their split use, particle last (\"riep … op\"), "
                       "are cues."),
    "separable_attitude": words("Separable verbs of attitude, the same way (Dutch \"inzien\", \"zich afvragen\")."),
    "not_cues": words("Forms the inflection must not add: homographs of a cue's forms that are other words "
                      "(English \"state\" from \"stated\", Dutch \"hoop\" from \"hopen\")."),
    "participles": words("Participles after a comma that take the subject of the main clause "
                         "(\"…, adding that …\").", field="participles"),
}, doc="Cues: the words that mark an attribution.")

HEDGES = Table({
    "words": words("Words that mark a claim as second-hand or unproven.", group="hedge.words"),
    "reportative": words("The reportative conditional (Dutch \"zou\"): hearsay unless a blocker shows "
                         "it is a plain conditional.", group="hedge.reportative"),
    "reportative_blockers": words("Words before a reportative that make it a plain conditional "
                                  "(\"als …, zou …\").", field="reportative_blockers"),
    "reportative_blockers_after": words("Words right after a reportative that make it a plain conditional "
                                        "or expectation.", field="reportative_blockers_after"),
    "reportative_confirm": words("Where given, a reportative is hearsay only with one of these after it in its "
                                 "clause (Dutch \"zou … hebben\", \"zou … zijn\"); a bare one is a future in "
                                 "the past.", field="reportative_confirm"),
    "evidence_missing": words("The text itself says the claim is unproven (\"no evidence\").",
                              group="hedge.evidence_missing"),
}, doc="Hedges: second-hand, unproven or unverified.")

SOURCES = Table({
    "anonymous": words("Head nouns of an unnamed source: the claim is anonymous.", field="anonymous", single=True),
    "vague": words("Head nouns of a vague collective (\"experts\", \"media\"): anonymous, kind vague.",
                   field="vague", single=True),
    "anonymous_suffixes": words("Compounds ending in one of these are anonymous too (\"oud-adviseurs\").",
                                field="anonymous_suffixes", suffixes=True),
    "roles": words("Role nouns: a definite role without a name stands for the person the article gave it.",
                   field="roles", single=True),
    "people": words("Nouns for a person that name no one in particular (\"de student\", \"a nurse\"): an unnamed "
                    "source, unless the article put the noun beside a name before (\"de scholier Nour Omar\").",
                    field="people", single=True),
    "organisations": words("Head nouns that make a source an organisation.", field="organisations", single=True),
    "governments": words("Head nouns that make a source a government body.", field="governments", single=True),
    "documents": words("Head nouns that make a source a document, study or figures.", field="documents", single=True),
    "outlets": words("Head nouns that make a source a news outlet.", field="outlets", single=True),
    "relational": words("Roles that name someone by their tie to another (\"her predecessor\"): "
                        "never resolved to an earlier person.", field="relational"),
    "anonymity": words("Words that say the source is kept unnamed (\"on condition of anonymity\").",
                       group="source.anonymity"),
    "citing": words("Words with which an outlet names where its news comes from (\"citing\").",
                    group="source.citing"),
}, doc="Sources: what kind of source a phrase is.")

GRAMMAR = Table({
    "word_order": Text(("svo", "v2"), "svo",
                       "Word order: \"svo\" (English, French) or \"v2\" (Dutch, German: the verb comes "
                       "second in a main clause, last in a subordinate one)."),
    "clause_reach": Num(2, 40, integer=True, default=8,
                        doc="How many words before a second cue a clause may open for the sentence to be cut "
                            "there: the subject and its apposition stand between (\"and the Anti-Defamation "
                            "League, a civil rights group, denounced B\").", unit="words"),
    "compounds": Flag(False, "The language writes compounds as one word (Dutch \"inlichtingendienst\"): a source "
                             "noun may end one."),
    "determiners": words("Determiners, possessives and numerals that open a noun phrase.", field="determiners"),
    "pronouns_person": words("Pronouns that stand for a person.", field="pronouns_person"),
    "pronouns_group": words("Pronouns that stand for a group.", field="pronouns_group"),
    "pronouns_male": words("Pronouns that stand for a man only (\"hij\", \"hem\", \"he\", \"his\"): one never "
                           "resolves to a person the article refers to as a woman.", field="pronouns_male"),
    "pronouns_female": words("Pronouns that can stand for a woman (\"ze\", \"haar\", \"she\"): one never resolves "
                             "to a person the article refers to as a man. Those not also in pronouns_group "
                             "(\"haar\", \"her\") tell the article's usage: how a person is referred to after "
                             "being named.", field="pronouns_female"),
    "plural_endings": words("Endings of a plural verb (Dutch \"-en\": \"ze zeiden\"): a pronoun shared by a woman and "
                            "a group (\"ze\") beside a verb without one is a woman (\"ze zei\").",
                            field="plural_endings", suffixes=True),
    "subject_pronouns": words("Pronouns that are only ever a subject (\"hij\", \"he\"): right after the verb of "
                              "a verb-second clause one is its subject, whatever stands first.",
                              field="subject_pronouns"),
    "pronouns_thing": words("Pronouns that stand for a body, outlet or document.", field="pronouns_thing"),
    "boundaries": words("Words that end a source phrase when found inside it.", field="boundaries"),
    "inner": words("Prepositions that may sit inside a source phrase (\"sources from the White House\").",
                   field="inner"),
    "inner_before_names": words("Prepositions that stay inside a source phrase only before a name.",
                                field="inner_before_names"),
    "role_links": words("Prepositions that stay inside a source phrase right after a role "
                        "(\"a spokeswoman for the ministry\").", field="role_links"),
    "skip": words("Words that may stand between a subject and its verb (\"also\", \"ook\"), one word each.",
                  field="skip", single=True),
    "skip_suffixes": words("Words ending in one of these are skipped too (English \"-ly\").",
                           field="skip_suffixes", suffixes=True),
    "fronted": words("First words of an adverbial opening a main clause: in v2 order the subject then "
                     "follows the verb.", field="fronted"),
    "passive": words("Auxiliaries of the passive (\"werd\", \"worden\"): a cue verb beside one is a "
                     "participle whose subject is what is said, not who says it.", field="passive"),
    "progressive_endings": words("Endings of a verb form that is no participle of the passive after an auxiliary "
                                 "of it (English \"-ing\": \"is saying\" is said by the subject).",
                                 field="progressive_endings", suffixes=True),
    "auxiliaries": words("Finite auxiliaries of the perfect and of modals (\"heeft\", \"wil\"): in v2 order a "
                         "cue at the end of the clause has its subject beside one (\"De wethouder heeft de bewoners "
                         "opgeroepen\").", field="auxiliaries"),
    "participle_prefixes": words("How past participles begin (Dutch \"ge\": \"gezegd\"): a cue that is one, at "
                                 "the end of its clause, has its subject beside the auxiliary.",
                                 field="participle_prefixes"),
    "joined_endings": words("Endings of the verb forms a separable verb may join its particle to (Dutch \"t\", "
                            "\"de\": \"oproept\", \"aankondigde\"); the stem and plural joined are mostly nouns."),
    "unjoined_endings": words("Endings of the verb forms that, joined to a separable verb's particle, are mostly "
                              "nouns or adjectives (Dutch \"e\", \"n\", \"nd\": \"de opgave\", "
                              "\"uitsluitend\"); other forms with a vowel of their own are pasts (\"aangaf\")."),
    "infinitive_markers": words("The word before an infinitive (\"te\", \"to\"): an infinitive clause may "
                                "follow a separable verb's particle.", field="infinitive_markers"),
    "separable_particles": words("Particles that a separable verb puts at the end of its clause (Dutch \"af\" "
                                 "in \"zegde … af\"): a cue verb whose clause ends in one is another verb.",
                                 field="separable_particles"),
    "pronominal_adverbs": words("Words a preposition at the end of a clause may belong to (Dutch \"er\", \"daar\": "
                                "\"zei daar later over\"): then it is no particle of a separable verb.",
                                field="pronominal_adverbs"),
    "time_enders": words("Words that end a time phrase at the start of a clause (\"ago\", \"geleden\").",
                         field="time_enders"),
    "time_nouns": words("Words that head a time phrase (\"week\", \"Tuesday\"): one between a subject and its "
                        "verb is no part of the subject (\"Mayor Wolfe on Tuesday said\").", field="time_nouns",
                        single=True),
    "time_words": words("Words that open or modify a time phrase before one of time_nouns (\"last\", \"on\", "
                        "\"two\": \"X last week said\").", field="time_words", single=True),
    "titles": words("Honorifics and titles before a name.", field="titles"),
    "name_particles": words("Lower-case particles inside names (\"van der\", \"von\").", field="name_particles"),
    "relatives": words("Relative pronouns: \"officials who said\" — the source is the phrase before.",
                       field="relatives"),
    "agent": words("The word that introduces the agent of a passive (\"by\", \"door\").", field="agent"),
    "complementizers": words("Words that open a reported clause (\"that\", \"dat\").", field="complementizers"),
    "subordinators": words("Conjunctions that open a subordinate clause: a cue inside one is reported "
                           "content, not the sentence's own attribution.", field="subordinators"),
    "clause_links": words("Words that link two clauses (\"while\", \"but\", \"terwijl\"): a sentence is cut "
                          "before one that opens a clause with its own cue (\"X said A, while Y said B\").",
                          field="clause_links"),
    "coordinators": words("Words that join two subjects (\"and\", \"en\").", field="coordinators"),
    "indefinites": words("Indefinite articles: \"a source\" is unnamed.", field="indefinites"),
    "definites": words("Definite articles: \"the Ledger\" is no person.", field="definites"),
    "noun_markers": words("Words after which a cue word is a noun, not a verb (\"a tweet\", \"his claims\"): "
                          "it attributes nothing.", field="noun_markers"),
    "person_relatives": words("Relative pronouns that stand only for people (\"who\"): the noun phrase before "
                              "one is a source whatever its head (\"entertainers who say …\").",
                              field="person_relatives"),
    "catenatives": words("Words an infinitive cue hangs on (\"went on to say\", \"has yet to explain\", "
                         "\"is expected to announce\"): their subject is its source, the cue the whole chain.",
                         field="catenatives", single=True),
    "gerund_links": words("Words before a verb's -ing form whose subject is that of the main clause "
                          "(\"X rallied thousands by promising …\", \"After saying …, X left\").",
                          field="gerund_links", single=True),
    "shares": words("Words that make a number a share of people (\"73 percent said\").", field="shares"),
    "prepositions": words("Other prepositions: no source phrase opens with one.", field="prepositions"),
}, doc="Grammar: the closed word classes the phrase finder needs.")

QUOTES = Table({
    "double": QuotePairs(("“ ” “", "„ ” “ \"", "« »"), (
        "Marks that open a quotation wherever a word follows them, each written as the mark, then the "
        "marks that may close it, separated by spaces: \"„ ” “\".")),
    "double_after_space": QuotePairs(("\" \" ”", ",, '' ” “ \""), (
        "Marks that open only after a space, an opening bracket or a dash (straight quotes, which also "
        "close; Dutch \",,\"), written the same way.")),
    "single": QuotePairs(("‘ ’", "' ' ’", "‹ ›"), (
        "Single quotation marks: they open after a space and close only before a non-letter, so an "
        "apostrophe inside a word does not.")),
    "line_start": QuotePairs(("” ” “",), (
        "Closing marks that open a quotation at the start of a line (some web pages do).")),
    "spaced": Flag(False, "Marks stand apart from the words they enclose (French « … »)."),
    "elisions": words("Shortened words that begin with an apostrophe (Dutch \"'t\", \"'s\"): they open no "
                      "quotation. An apostrophe before a digit (\"'80\") never does."),
}, doc="Quotation marks of the language.")

LANG = Table({
    "name": Text(doc="The language's name, shown in the app."),
    "detect": words("Frequent function words: --lang auto picks the language whose words are most frequent."),
    "abbreviations": words("Abbreviations that end in a full stop without ending the sentence.",
                           field="abbreviations"),
    "spacy_exceptions": Flag(True, "Load spaCy's own table of tokenizer exceptions (slower to start)."),
    "tokens": words("Words the tokenizer must keep whole (\"'t\", \"z'n\")."),
    "suffixes": words("Endings split off a word before spaCy's own suffix rules (English \"n't\")."),
    "quotes": QUOTES,
    "cues": CUES,
    "patterns": Tables(Table({"id": Text(doc="A name for the pattern, used in messages."),
                              "group": Text(PATTERN_GROUPS, "say", "The cue group the pattern's match joins."),
                              "pattern": Pattern("A spaCy Matcher token pattern.")}),
                       doc="Cue patterns word lists cannot express (separable verbs)."),
    "hedges": HEDGES,
    "sources": SOURCES,
    "grammar": GRAMMAR,
}, doc="One language: its cue words, hedges, source nouns and grammar words.")


# --- settings and weights --------------------------------------------------------

SETTINGS = Table({
    "match_threshold": Num(0, 100, default=88, doc=(
        "Similarity (0..100, rapidfuzz) a source name needs to match a registry entry when no alias matches "
        "exactly. Lower finds more transliterations (\"Zelenskyy\" ~ \"Zelensky\") but risks false matches; "
        "85..92 works well.")),
    "align_threshold": Num(0, 100, default=55, doc=(
        "Similarity (0..100) two claims in different articles need to count as the same fact in a "
        "comparison (srcview a.txt b.txt --format md).")),
    "heading_max_words": Num(1, 500, integer=True, default=20, unit="words", doc=(
        "A paragraph without closing punctuation and at most this many words is a heading (a title or "
        "subhead), not a claim.")),
    "default_language": Text(default="en", doc="Language used with --lang auto when the text gives too few clues."),
    "detect_min_share": Num(0, 1, default=0.12, doc=(
        "With --lang auto, the share of an article's words that must be frequent function words of a language "
        "(its `detect` list) for srcview to take that language without asking its language identifier. Dutch "
        "and English news lies well above 0.2, other languages below 0.06.")),
    "resolve_window": Num(0, 1000, integer=True, default=12, unit="× 200 characters", doc=(
        "How far back a role (\"the minister\") may look for the person it stands for, in steps of 200 "
        "characters (about a sentence each).")),
    "continue_anonymous": Flag(True, (
        "A reportative sentence (\"zou\", \"reportedly\") right after an anonymous claim in the same "
        "paragraph continues that anonymous account.")),
    "fill_between": Flag(True, (
        "A sentence with no source of its own between two sentences of the same source, in one paragraph, is "
        "that source's too (an account that runs on between two quotations).")),
    "continue_named": Flag(True, (
        "A reportative sentence right after a named claim in the same paragraph continues that account (one "
        "sentence: \"… stelt hij. Het zou 1000 miljard kosten.\").")),
    "quote_takes_previous_speaker": Flag(True, (
        "A direct quotation with no cue of its own takes the speaker of the sentence just before it (same "
        "or previous paragraph), or else the last one who spoke within quote_speaker_window sentences.")),
    "quote_speaker_window": Num(0, 100, integer=True, default=8, unit="sentences", doc=(
        "How many sentences back a quotation with no cue of its own may look for the last one who spoke.")),
}, doc="Settings: how the engine reads an article.")

WEIGHTS = Table({
    "base_named": Num(0, 100, default=65, doc="On the record: a named person, body, outlet or document."),
    "base_anonymous": Num(0, 100, default=35, doc="Unnamed insiders, \"sources\", vague collectives."),
    "base_unverified": Num(0, 100, default=15, doc="Hedged or flagged as unproven, with no source."),
    "base_unattributed": Num(0, 100, default=45, doc="The reporter's own narration."),
    "credibility": Num(0, 100, default=15, doc=(
        "Credibility of the resolved source (0..1) moves the score by (credibility - 0.5) * 2 * this weight: "
        "+this for 1.0, -this for 0.0.")),
    "unknown_credibility": Num(-100, 100, default=0, doc="A named source that is not in the registry."),
    "quote_direct": Num(-100, 100, default=8, doc="The claim is (inside) a direct quotation of its source."),
    "hedge": Num(-100, 100, default=-10, doc="Per hedge in the claim (\"zou\", \"reportedly\", \"allegedly\")."),
    "hedge_floor": Num(-100, 100, default=-20, doc="The floor for all hedges of a claim together."),
    "missing_evidence": Num(-100, 100, default=-15, doc=(
        "The text says there is no evidence (\"geen bewijs\", \"could not be verified\").")),
    "attitude_cue": Num(-100, 100, default=-5, doc=(
        "The cue is an attitude (fears, believes, wants) rather than a report of fact.")),
    "indirect_source": Num(-100, 100, default=-2, doc=(
        "The source is only reached through a pronoun or role (\"he said\", \"the minister\").")),
    "corroborated": Num(-100, 100, default=5, doc=(
        "Another independent source in the same paragraph says something too.")),
    "anonymous_via_outlet": Num(-100, 100, default=5, doc=(
        "The anonymous source speaks through a named outlet (\"a source told Reuters\").")),
}, doc="Weights: the base score per label and the modifiers, each in the rule trace.")

REGISTRY = Tables(Table({
    "id": Text(doc="Unique key: lowercase ASCII letters, digits and hyphens."),
    "name": Text(doc="Canonical display name, matched like an alias."),
    "kind": Text(REGISTRY_KINDS, "organisation",
                 "What kind of source it is."),
    "domain": Text(doc="The outlet's web domain (wsj.com): its published rating is the credibility unless "
                       "a rules file of your own sets one."),
    "credibility": Num(0, 1, doc="A prior, 0..1: how far a claim resting on this source alone can be trusted."),
    "aliases": words("Other spellings, names in other languages, abbreviations, metonyms."),
    "names": AnyKey(Text(), doc="Display names per article language: names = { nl = \"Rusland\" }."),
}), doc="Known sources: outlets, institutions and people.")

SCHEMA = Table({
    "settings": SETTINGS,
    "weights": WEIGHTS,
    "lang": AnyKey(LANG, doc="Per language code (nl, en, …)."),
    "registry": REGISTRY,
})


# --- reading the declaration ------------------------------------------------------

def defaults(table: Table) -> dict[str, Any]:
    """The default of every leaf of ``table`` that has one (settings, weights)."""
    return {key: leaf.default for key, leaf in table.keys.items()
            if getattr(leaf, "default", None) is not None}


def leaf(*path: str) -> Any:
    """The declaration at ``path`` (``leaf("weights", "hedge")``), or None."""
    node: Any = SCHEMA
    for key in path:
        if isinstance(node, Table):
            node = node.keys.get(key)
        elif isinstance(node, AnyKey):
            node = node.value
        elif isinstance(node, Tables):
            node = node.item.keys.get(key)
        else:
            return None
        if node is None:
            return None
    return node


@dataclass(frozen=True)
class LexiconField:
    """A word list of the language files that becomes a :class:`Lexicon` attribute."""

    section: str  # "grammar", "sources", … ("" for a top-level key)
    key: str
    field: str
    suffixes: bool = False


@dataclass(frozen=True)
class MatcherGroup:
    """A word list of the language files whose phrases the matcher finds, under ``label``."""

    section: str
    key: str
    label: str


def _lang_words() -> Iterator[tuple[str, str, Words]]:
    for key, node in LANG.keys.items():
        if isinstance(node, Words):
            yield "", key, node
        elif isinstance(node, Table):
            for sub, inner in node.keys.items():
                if isinstance(inner, Words):
                    yield key, sub, inner


LEXICON_FIELDS: tuple[LexiconField, ...] = tuple(
    LexiconField(section, key, w.field, w.suffixes) for section, key, w in _lang_words() if w.field)
MATCHER_GROUPS: tuple[MatcherGroup, ...] = tuple(
    MatcherGroup(section, key, w.group) for section, key, w in _lang_words() if w.group)


# --- rendering the shipped scoring.toml -------------------------------------------

_SCORING_HEAD = """\
# srcview scoring rules: settings and weights.
#
# This file is rendered from srcview's rules schema (tui/srcview/schema.py);
# its values are the defaults srcview falls back on.
#
# Every claim starts from the base score of its label, then each modifier
# below that applies adds its weight.  The final score is clamped to 0..100.
# Each applied modifier is listed in the claim's rule trace with its id
# ("base.named", "quote.direct", ...), its delta and the reason.
#
# Override any value from your own rules file: write only the keys you change,
# e.g.
#     [weights]
#     base_anonymous = 25
# and pass it with `srcview --rules myrules.toml ARTICLE`.
"""


def _wrap(text: str, width: int = 78) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width - 2)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _range(node: Num) -> str:
    return f"{node.lo:g}..{node.hi:g}" + (f" {node.unit}" if node.unit else "")


def render_scoring() -> str:
    """``rules/scoring.toml`` as the schema declares it: every setting and weight, commented."""
    lines = [_SCORING_HEAD]
    for name, table in (("settings", SETTINGS), ("weights", WEIGHTS)):
        lines.append(f"[{name}]")
        lines += [f"# {ln}" for ln in _wrap(table.doc)]
        for key, node in table.keys.items():
            lines.append("")
            doc = node.doc + (f" Range {_range(node)}." if isinstance(node, Num) else "")
            lines += [f"# {ln}" for ln in _wrap(doc)]
            lines.append(f"{key} = {_value(node.default)}")
        lines.append("")
    return "\n".join(lines)


def describe(*path: str) -> str:
    """The sentence that explains a key, for the rules screen and ``--show-rules``."""
    node = leaf(*path)
    return getattr(node, "doc", "") if node is not None else ""


@dataclass(frozen=True)
class Row:
    """A number or flag the user can tune: where it lives, its range and what it does."""

    section: str
    key: str
    decl: Num | Flag
    doc: str = field(default="")


def tunable_rows() -> list[Row]:
    """Every weight, then every numeric or true/false setting, in declaration order."""
    rows = [Row("weights", k, n, n.doc) for k, n in WEIGHTS.keys.items() if isinstance(n, Num)]
    rows += [Row("settings", k, n, n.doc) for k, n in SETTINGS.keys.items() if isinstance(n, (Num, Flag))]
    return rows


if __name__ == "__main__":  # python -m srcview.schema > rules/scoring.toml
    print(render_scoring(), end="")
