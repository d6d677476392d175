"""The spaCy side: a blank pipeline per language with matchers built from the rules.

Built once per (language, rules) and reused for every article.  No trained
model is needed; when one is installed it can be named with ``model=``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy
import spacy
from spacy.attrs import LOWER, ORTH, SPACY
from spacy.lang import lex_attrs
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..errors import RulesError
from ..schema import MATCHER_GROUPS
from .affixes import quicken
from .inflect import SPLIT_ID, inflect_rules, separable_patterns, separable_verbs
from .lexicon import Lexicon, word_list
from .segment import Punctuation

if TYPE_CHECKING:
    from .context import TokenContext

ANONYMITY = "source.anonymity"  # the text says the source is kept unnamed
CITING = "source.citing"  # an outlet names where it has its news from
ANCHOR = "anchor"
PATTERN_WINDOW = 12  # tokens a cue pattern may span from its first word
CLAUSE_LOOKAHEAD = 8  # tokens after a separable verb's particle read to see if its clause ends
MATCH_PIECE = 4_096  # tokens matched at a time in an article's TokenContext
LONG_RUN = 64  # characters without a space from which a "word" is tokenized in pieces
RUN_PIECE = 32
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN},}}")
# the same runs found from the whitespace before them: the search skips to the next space at C speed
# instead of trying every character of every word as a run's start
_LONG_RUN_AFTER_SPACE = re.compile(rf"\s(\S{{{LONG_RUN},}})")
BATCH_CHARS = 50_000  # a longer text is tokenized in batches of about this many characters
_BATCH_CUT = re.compile(r"[^\S ](?=\S)")  # whitespace other than a plain space, before a word


class Pipeline:
    """``spacy.blank(lang)`` plus the rule matchers for cues and hedges.

    Its vocab computes only the lexical attributes the engine and the rules' patterns
    read; a Doc given to other spaCy tools gets the rest from :meth:`complete_lexemes`.
    A trained pipeline (``model``) is used as it is.
    """

    def __init__(self, code: str, lang: dict[str, Any], model: str | None = None) -> None:
        self.code = code
        lang = inflect_rules(code, lang)
        separables = separable_verbs(code, lang)
        self.lexicon = Lexicon(code, lang)
        self.lexicon.separable_pairs = frozenset((f, sep.particle) for sep in separables for f in sep.base_forms)
        self.punctuation = Punctuation(self.lexicon.quotes)
        if model:
            self.nlp = spacy.load(model, exclude=["ner"])
        elif lang.get("spacy_exceptions", True):
            self.nlp = spacy.blank(code)
        else:
            self.nlp = _lean_blank(code, word_list(lang.get("suffixes")))
        for word in word_list(lang.get("tokens")):
            self.nlp.tokenizer.add_special_case(word, [{ORTH: word}])
        # max_length guards the memory of a parser; a blank pipeline only tokenizes,
        # so long articles are fine (the input reader has its own size limit).
        self.nlp.max_length = max(self.nlp.max_length, 100_000_000)
        for abbr in self.lexicon.abbreviations:
            for form in {abbr, abbr.capitalize(), abbr.upper()}:
                self.nlp.tokenizer.add_special_case(form, [{ORTH: form}])
        if not model:
            quicken(self.nlp)  # the same tokens, half the regex searching
        vocab = self.nlp.vocab
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        for group in MATCHER_GROUPS:
            self._add_phrases(group.label, word_list(lang.get(group.section, {}).get(group.key)))
        self.matcher = Matcher(vocab)
        # Token patterns run only where their first word occurs (an "anchor"), on a short
        # window, and only the patterns that can start with that word: far cheaper than
        # running every pattern over the whole text.
        anchors: set[str] = set()
        self.anchored = True
        by_word: dict[str, list[int]] = {}
        items = [*(lang.get("patterns", []) or []), *separable_patterns(separables)]
        keys = []
        for n, item in enumerate(items):
            ident = str(item.get("id", "?"))
            group = str(item.get("group", "say"))
            words = _anchor_words(item.get("pattern"))
            if words:
                anchors.update(words)
                for word in words:
                    by_word.setdefault(word.lower(), []).append(n)
            else:
                self.anchored = False
            key = f"split.{group}" if ident.startswith(SPLIT_ID) else f"cue.{group}"
            keys.append(key)
            try:
                self.matcher.add(key, [item["pattern"]])
            except Exception as exc:  # spaCy raises several types for bad patterns
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise RulesError(f"lang.{code}.patterns '{ident}': bad spaCy pattern: {first}") from None
        self._by_anchor: dict[int, Matcher] = {}  # by the LOWER id of the first word
        shared: dict[tuple[int, ...], Matcher] = {}
        for word, ns in by_word.items():
            ids = tuple(sorted(set(ns)))
            if ids not in shared:
                shared[ids] = Matcher(vocab)
                for n in ids:
                    shared[ids].add(keys[n], [_in_window(items[n]["pattern"], PATTERN_WINDOW)])
            self._by_anchor[get_string_id(word)] = shared[ids]
        self._add_phrases(ANCHOR, sorted(anchors))
        # spaCy computes some twenty attributes for every word it has not seen before, a
        # quarter of its tokenizing time; a blank pipeline of the engine's own computes
        # only those the engine and the rules' patterns read (see complete_lexemes)
        self._pattern_keys = frozenset(str(key).upper() for item in items for token in item["pattern"] for key in token)
        self._deferred: dict[str, Any] = {}
        if not model:
            self._deferred = _defer_lexeme_attrs(vocab, ENGINE_LEX_ATTRS | self._pattern_keys)

    def complete_lexemes(self, doc: Doc) -> None:
        """Give the words of ``doc`` every lexical attribute spaCy would (``shape_``, ``is_stop`` …).

        The engine's own tokenizer leaves out those it does not read; a Doc handed to
        other spaCy tools (:meth:`Engine.analyze_doc`) gets them here.
        """
        if not self._deferred:
            return
        vocab = self.nlp.vocab
        for orth in set(doc.to_array([ORTH]).tolist()):
            lexeme = vocab[orth]
            text = lexeme.orth_
            values = {name: getter(text) for name, getter in self._deferred.items()}
            lexeme.set_attrs(**{name: value for name, value in values.items() if value is not None})

    def _add_phrases(self, label: str, words: list[str]) -> None:
        docs = [self.nlp.make_doc(w) for w in words if w.strip()]
        if docs:
            self.phrases.add(label, docs)

    def make_doc(self, text: str) -> Doc:
        """Tokenize ``text`` into one Doc, piece by piece (see :meth:`pieces`); the Doc's text is the text."""
        orth, spacy = [], []
        for _, doc in self.pieces(text):
            cols = doc.to_array([ORTH, SPACY])
            orth.append(cols[:, 0])
            spacy.append(cols[:, 1])
        if len(orth) == 1:
            return doc
        return doc_from_columns(self.nlp.vocab, numpy.concatenate(orth), numpy.concatenate(spacy))

    def pieces(self, text: str) -> Iterator[tuple[int, Doc]]:
        """``text`` tokenized a piece at a time: (character offset, Doc of the piece), in order.

        spaCy's tokenizer strips punctuation off a word one mark at a time, each
        time searching the rest of the word again: quadratic in the length of a
        word such as 7,000 quotation marks in a row.  No word of an article is
        that long, so a run of LONG_RUN or more characters without a space is
        tokenized in pieces of RUN_PIECE characters, which keeps the time linear.

        A long text is also cut into batches of about BATCH_CHARS characters,
        each ending after a line break (or other whitespace but a plain space)
        before a word: spaCy tokenizes each stretch of non-space characters and
        of whitespace by itself, so the tokens of the batches are those of the
        whole text, and no Doc grows with the article (a Doc doubles its token
        array as it grows: up to twice the memory its tokens need).
        """
        cuts = [cut for a, b in _long_runs(text) for cut in range(a + RUN_PIECE, b, RUN_PIECE)]
        pos = BATCH_CHARS
        while pos < len(text) and (m := _BATCH_CUT.search(text, pos)):
            cuts.append(m.end())
            pos = m.end() + BATCH_CHARS
        if not cuts:
            yield 0, self.nlp.make_doc(text)
            return
        bounds = [0, *sorted(cuts), len(text)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            if b > a:
                yield a, self.nlp.make_doc(text[a:b])

    def matches(self, tokens: Doc | TokenContext) -> list[tuple[str, int, int]]:
        """All cue and hedge matches as (label, token start, token end), in order.

        ``tokens`` is a Doc, or the article's TokenContext: then the matchers run
        on Docs of MATCH_PIECE tokens at a time (:meth:`TokenContext.piece`), each
        with as many tokens after it as a match that starts in it may reach, and
        no Doc of the whole article is made (it takes 128 bytes a token).
        """
        if isinstance(tokens, Doc):
            return self._matches(tokens, len(tokens))
        early = tokens.early_matches
        if early is not None and early[0] is self:
            return list(early[1])  # found on the tokenizer's batches by context.build
        reach = self._reach
        if reach is None:
            return self._matches(tokens.doc, len(tokens))
        found: list[tuple[str, int, int]] = []
        n = len(tokens)
        for a in range(0, n, MATCH_PIECE):
            b = min(n, a + MATCH_PIECE)
            found += [(label, s + a, e + a) for label, s, e in self._matches(tokens.piece(a, min(n, b + reach)), b - a)]
        return found

    def batch_matcher(self) -> BatchMatcher | None:
        """A reader of the article's batch Docs as the tokenizer makes them (see :class:`BatchMatcher`).

        None when a pattern reads what only the whole article's Doc has (its
        sentence starts, an extension attribute) or may reach without bound.
        """
        if self._reach is None or self._reads_sentences:
            return None
        return BatchMatcher(self, self._reach)

    @property
    def _reads_sentences(self) -> bool:
        """Does a token pattern read sentence boundaries or extension attributes ("_"), not set on a batch?"""
        return bool(self._pattern_keys & {"IS_SENT_START", "SENT_START", "IS_SENT_END", "_"})

    def _matches(self, doc: Doc, stop: int) -> list[tuple[str, int, int]]:
        """The matches in ``doc`` that start before token ``stop``."""
        labels, anchor = self._labels, get_string_id(ANCHOR)
        found: list[tuple[str, int, int]] = []
        anchors: list[int] = []
        for m, s, e in self.phrases(doc):
            if s >= stop:
                continue
            if m == anchor:
                anchors.append(s)
            else:
                found.append((labels[m], s, e))
        if len(self.matcher):
            strings = self.nlp.vocab.strings
            split = False
            if self.anchored:
                seen = set()
                lowers = doc.to_array(LOWER).tolist() if anchors else []
                plans = self._anchor_plans
                for s in anchors:
                    plan = plans.get(lowers[s])
                    if plan is None:
                        continue
                    matcher, needs = plan
                    end = min(len(doc), s + PATTERN_WINDOW)
                    if needs:
                        window = set(lowers[s:end])
                        if not any(all(not ids.isdisjoint(window) for ids in need) for need in needs):
                            continue  # no pattern has all the words it must have in the window
                    for m, a, b in matcher(doc[s:end]):
                        if a == 0 and (m, s, s + b) not in seen:
                            seen.add((m, s, s + b))
                            found.append((strings[m], s, s + b))
                            split = True
            else:
                found += [(strings[m], s, e) for m, s, e in self.matcher(doc) if s < stop]
                split = True
            if split:  # only the token patterns have split-verb matches
                found = [self._split(doc, label, s, e) for label, s, e in found
                         if not label.startswith("split.") or self._clause_ends(doc, e)]
        found.sort(key=_start_longest)
        return found

    @cached_property
    def _labels(self) -> dict[int, str]:
        """The phrase matcher's labels (MATCHER_GROUPS and ANCHOR) by their ids."""
        return {get_string_id(label): label for label in (*(group.label for group in MATCHER_GROUPS), ANCHOR)}

    @cached_property
    def _anchor_plans(self) -> dict[int, tuple[Matcher, list[tuple[frozenset[int], ...]]]]:
        """Per anchor word (its LOWER id): the matcher of the patterns that start with it, and their needs."""
        needs: dict[int, list[tuple[frozenset[int], ...]]] = {}  # by matcher: words share one
        plans = {}
        for word, matcher in self._by_anchor.items():
            if id(matcher) not in needs:
                needs[id(matcher)] = self._needs(matcher)
            plans[word] = (matcher, needs[id(matcher)])
        return plans

    @staticmethod
    def _needs(matcher: Matcher) -> list[tuple[frozenset[int], ...]]:
        """Per pattern of ``matcher``, the words a match of it must contain; [] when one needs none.

        A need is a set of LOWER ids, one of which must be in the match, for each
        token the pattern must match once with a LOWER of its own ("out", or any
        word of an IN list).  A window that lacks a word every pattern needs cannot
        match, and most windows do (a verb without its particle): looking costs
        far less than matching.
        """
        needs: list[tuple[frozenset[int], ...]] = []
        for pattern in (p for group in matcher._patterns.values() for p in group):
            words = tuple(_lower_ids(token) for token in pattern if token.get("OP") in (None, "1"))
            words = tuple(ids for ids in words if ids)
            if not words:
                return []
            needs.append(words)
        return needs

    @cached_property
    def _reach(self) -> int | None:
        """How many tokens past its first a match, and what decides whether it counts, may look; None: no bound."""
        phrases = self.phrases.__reduce__()[1][1]  # (vocab, {key: {token keys of each phrase}}, ...)
        longest = max((len(keys) for group in phrases.values() for keys in group), default=1)
        if len(self.matcher):
            lengths = [PATTERN_WINDOW] if self.anchored else [
                _max_length(pattern) for patterns in self.matcher._patterns.values() for pattern in patterns]
            if None in lengths:
                return None
            longest = max(longest, max(lengths) + CLAUSE_LOOKAHEAD)
        return longest + 1

    @staticmethod
    def _split(doc: Doc, label: str, s: int, e: int) -> tuple[str, int, int]:
        return ("cue." + label[6:], s, e) if label.startswith("split.") else (label, s, e)

    def _clause_ends(self, doc: Doc, e: int) -> bool:
        """Does the clause end after token ``e - 1``, where a separable verb's particle must stand?

        It ends at punctuation, a line break or a boundary word ("dat", "en"), or where an
        infinitive clause follows ("gaf aan een verzoek te zullen indienen").  Not before a
        noun phrase: "vallen niet goed bij veel partijen" is no "bijvallen".
        """
        lex = self.lexicon
        for k in range(e, min(len(doc), e + CLAUSE_LOOKAHEAD)):
            tok = doc[k]
            if k == e and (tok.is_punct or (tok.is_space and "\n" in tok.text) or tok.lower_ in lex.boundaries
                           and tok.lower_ not in lex.infinitive_markers):
                return True
            if tok.lower_ in lex.infinitive_markers:
                return True
            if tok.is_punct:
                return False
        return e >= len(doc)


class BatchMatcher:
    """:meth:`Pipeline.matches` of an article, read from its batch Docs as the tokenizer makes them.

    The matches that start at a token, and whether they count, depend on that
    token and the ``reach`` - 1 after it alone.  So each batch Doc is matched
    where it has ``reach`` tokens after a start, and the starts near its end are
    matched on a small Doc of those tokens and the first of the next batch.  No
    Doc is built again from the token ids but those small ones, and the matches
    are in the order :meth:`Pipeline.matches` gives them.
    """

    def __init__(self, pipe: Pipeline, reach: int) -> None:
        self.pipe, self.reach = pipe, reach
        self.found: list[tuple[str, int, int]] = []
        self.fed = 0  # tokens read so far
        self.pending: list[tuple[numpy.ndarray, numpy.ndarray]] = []  # ORTH, SPACY of tokens not matched yet
        self.pending_start = 0

    def feed(self, doc: Doc, orth: numpy.ndarray, spacy: numpy.ndarray) -> None:
        """Read the next batch: its Doc, and its tokens' ORTH and SPACY columns.

        A short batch (the pieces of a long run without spaces) waits with the
        tokens not matched yet, which are matched MATCH_PIECE at a time.
        """
        n, reach, start = len(doc), self.reach, self.fed
        self.fed += n
        if n >= max(2 * reach, MATCH_PIECE // 4):
            if self.pending:
                self._flush(len(self.pending_orth), (orth[:reach], spacy[:reach]))
            self._add(self.pipe._matches(doc, n - reach), start)
            self.pending, self.pending_start = [(orth[n - reach:], spacy[n - reach:])], start + n - reach
            return
        if not self.pending:
            self.pending_start = start
        self.pending.append((orth, spacy))
        waiting = len(self.pending_orth)
        if waiting >= MATCH_PIECE + reach:
            self._flush(waiting - reach)

    def finish(self) -> list[tuple[str, int, int]]:
        """The matches of the whole article, once every batch has been fed."""
        if self.pending:
            self._flush(len(self.pending_orth))
        return self.found

    @property
    def pending_orth(self) -> numpy.ndarray:
        if len(self.pending) > 1:
            self.pending = [(numpy.concatenate([o for o, _ in self.pending]),
                             numpy.concatenate([s for _, s in self.pending]))]
        return self.pending[0][0]

    def _flush(self, stop: int, after: tuple[numpy.ndarray, numpy.ndarray] | None = None) -> None:
        """Match the first ``stop`` tokens waiting (with ``after`` them, if given); the rest wait on."""
        orth, spacy = self.pending_orth, self.pending[0][1]
        if after is not None:
            orth, spacy = numpy.concatenate([orth, after[0]]), numpy.concatenate([spacy, after[1]])
        self._add(self.pipe._matches(doc_from_columns(self.pipe.nlp.vocab, orth, spacy), stop), self.pending_start)
        rest = len(self.pending_orth) - stop
        self.pending = [(self.pending_orth[stop:], self.pending[0][1][stop:])] if rest else []
        self.pending_start += stop

    def _add(self, found: list[tuple[str, int, int]], offset: int) -> None:
        self.found += [(label, s + offset, e + offset) for label, s, e in found] if offset else found


def _start_longest(match: tuple[str, int, int]) -> tuple[int, int]:
    """Sort key of matches: by start, the longest first."""
    return match[1], -match[2]


def _long_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of LONG_RUN or more characters without a space: ``_LONG_RUN.finditer``, quicker."""
    first = _LONG_RUN.match(text)
    runs = [first.span()] if first else []
    runs += [m.span(1) for m in _LONG_RUN_AFTER_SPACE.finditer(text, first.end() if first else 0)]
    return runs


def doc_from_columns(vocab, orth: numpy.ndarray, spacy: numpy.ndarray) -> Doc:
    """A Doc from its tokens' ORTH ids and trailing-space flags, its token array just large enough."""
    return Doc(vocab, words=_Column(orth), spaces=_Column(spacy.astype(bool)))


class _Column(Sequence):
    """A numpy column read as Python values a block at a time: ``Doc()`` wants sequences, not a list per token."""

    BLOCK = 4096

    def __init__(self, values: numpy.ndarray) -> None:
        self.values = values

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, i):
        return self.values[i].tolist()

    def __iter__(self):
        values, block = self.values, self.BLOCK
        for a in range(0, len(values), block):
            yield from values[a:a + block].tolist()


#: Lexical attributes the engine reads itself: matchers on LOWER, punctuation and spaces, numbers.
ENGINE_LEX_ATTRS = frozenset({"LOWER", "IS_PUNCT", "IS_SPACE", "LIKE_NUM"})


def _is_punct(text: str) -> bool:
    """spaCy's ``is_punct``, answered from the first character for the words that open with a letter or digit."""
    return False if text[:1].isalnum() else lex_attrs.is_punct(text)


#: spaCy's default getters, and what gives the same answer without a Python call of its own per word
_SAME_GETTER = {lex_attrs.lower: str.lower, lex_attrs.is_space: str.isspace, lex_attrs.is_punct: _is_punct}


def _defer_lexeme_attrs(vocab: Any, needed: set[str] | frozenset[str]) -> dict[str, Any]:
    """Stop ``vocab`` computing the lexical attributes not ``needed`` for new words; return those getters.

    Those it still computes get the quickest getter that gives spaCy's answer (``_SAME_GETTER``).
    """
    from spacy.attrs import IDS

    names = {attr: name for name, attr in IDS.items()}
    wanted = {IDS[name] for name in needed if name in IDS}
    getters = dict(vocab.lex_attr_getters or {})
    vocab.lex_attr_getters = {attr: _SAME_GETTER.get(get, get) for attr, get in getters.items() if attr in wanted}
    return {names[attr]: get for attr, get in getters.items() if attr not in wanted}


def _lean_blank(code: str, suffixes: list[str] | tuple[str, ...] = ()):
    """``spacy.blank(code)`` with only spaCy's language-independent tokenizer exceptions.

    spaCy's own exception tables (4,700 Dutch abbreviations, 1,300 English
    contractions) take a third of a second to most of a second to load; the
    rules give the abbreviations that matter to sentence splitting instead, and
    ``suffixes`` (e.g. English "n't", split off as spaCy's table would) are
    added to spaCy's own suffix rules, matched in any case.  The prefix, suffix
    and infix rules stay spaCy's.
    """
    from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
    from spacy.util import get_lang_class

    base = get_lang_class(code)
    attrs: dict[str, Any] = {"tokenizer_exceptions": BASE_EXCEPTIONS}
    if suffixes:
        attrs["suffixes"] = [f"(?i:{re.escape(s)})" for s in suffixes] + list(base.Defaults.suffixes or ())
    defaults = type(f"Lean{base.__name__}Defaults", (base.Defaults,), attrs)
    lean = type(f"Lean{base.__name__}", (base,), {"lang": code, "Defaults": defaults})
    return lean()


def _op_bounds(op: str) -> tuple[int, int | None] | None:
    """The fewest and most tokens a token pattern's ``OP`` lets it match (most None: no bound); None if unknown.

    A negation ("!") matches one token, or none to be safe when counting the fewest.
    """
    fixed = {"1": (1, 1), "!": (0, 1), "?": (0, 1), "*": (0, None), "+": (1, None)}
    if op in fixed:
        return fixed[op]
    m = re.fullmatch(r"\{(\d*)(,?)(\d*)\}", op)
    if m is None:
        return None
    fewest = int(m.group(1) or 0)
    return fewest, (int(m.group(3)) if m.group(3) else None if m.group(2) else fewest)


def _max_length(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens ``pattern`` can match; None if unbounded."""
    total = 0
    for token in pattern:
        bounds = _op_bounds(str(token.get("OP", "1")))
        if bounds is None or bounds[1] is None:
            return None  # "*", "+", "{n,}"
        total += bounds[1]
    return total


def _in_window(pattern: list[dict[str, Any]], window: int) -> list[dict[str, Any]]:
    """``pattern`` as matched from its first token inside ``window`` tokens: a gap "{0,n}" the window bounds is "*".

    spaCy's Matcher unrolls "{0,n}" into n optional tokens, whose states multiply at
    every token ("zegt … toe", with up to 10 words between, costs 20 times more than
    with "*"); "*" is one state that loops.  Inside the window the gap can take at most
    ``window`` tokens minus the fewest the rest of the pattern needs, so where n reaches
    that, both find the same matches.
    """
    ops = [str(token.get("OP", "1")) for token in pattern]
    bounds = [b for b in map(_op_bounds, ops) if b is not None]
    if len(bounds) < len(ops):
        return pattern  # an operator not known here: left as it is
    reach = window - sum(fewest for fewest, _ in bounds)  # the most tokens a gap can take inside the window
    return [{**token, "OP": "*"} if op.startswith("{") and fewest == 0 and most is not None and most >= reach
            else token for token, op, (fewest, most) in zip(pattern, ops, bounds, strict=True)]


def _lower_ids(token: dict[str, Any]) -> frozenset[int]:
    """The LOWER ids one of which a token pattern requires (none if it does not fix LOWER to words)."""
    value = token.get("LOWER")
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        value = value["IN"]
    elif isinstance(value, str):
        value = [value]
    else:
        return frozenset()
    return frozenset(get_string_id(v) for v in value if isinstance(v, str))


def _anchor_words(pattern: Any) -> list[str]:
    """The literal lower-case words a token pattern must start with, if it names them."""
    if not isinstance(pattern, list) or not pattern or not isinstance(pattern[0], dict):
        return []
    first = pattern[0]
    if first.get("OP") not in (None, "1", "!"):
        return []
    value = first.get("LOWER")
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        return [str(v) for v in value["IN"]]
    return []
