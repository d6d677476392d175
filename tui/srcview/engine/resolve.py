"""Stage 6, resolution: who a source phrase stands for — names, surnames, pronouns, roles, the registry.

:class:`Resolver` keeps the article's entities in reading order; each source
phrase, resolved in document order, is looked up in the registry and matched
against the names, surnames and roles the article has used so far.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import numpy

from ..model import RegistryMatch
from .clauses import Attribution
from .context import SENTENCE_ENDS, Sentence, TokenContext, Tokens, flag_array
from .cues import Matches
from .lexicon import Lexicon
from .phrases import SUBJECT_REACH, head_word, left_phrase, right_phrase
from .registry import Registry

#: A possessive quantifier's suffix where ``re`` has them (Python 3.11): a run of word characters or
#: of blanks is never given back, as what follows it in the pattern cannot start with one.  Same matches,
#: without the backtracking a failed attempt would otherwise do, one character at a time.
_NO_GIVE_BACK = "+" if sys.version_info >= (3, 11) else ""


def name_run_pattern(lex: Lexicon) -> re.Pattern[str]:
    """Capitalised words in a row, with the language's name particles between them ("Ursula von der Leyen").

    The capital comes first and the look-behind (no word character before it) after
    it, so that the search skips from capital to capital at C speed instead of trying
    the look-behind at every character.
    """
    particles = "|".join(re.escape(p) for p in sorted(lex.name_particles, key=len, reverse=True) if p.isalpha())
    word, blanks = rf"[\w'’-]*{_NO_GIVE_BACK}", rf"[ \t]+{_NO_GIVE_BACK}"
    between = rf"(?:(?:{particles}){blanks})*" if particles else ""
    return re.compile(rf"([A-ZÀ-ÖØ-Þ](?<![\w'’-].){word}(?:{blanks}{between}[A-ZÀ-ÖØ-Þ]{word})+)")


@dataclass(slots=True)
class Entity:
    """Someone or something the article has named as a source (or mentioned by full name)."""

    canonical: str
    kind: str
    credibility: float | None = None
    match: RegistryMatch | None = None
    words: frozenset[str] = frozenset()
    descriptors: set[str] = field(default_factory=set)
    last: int = 0  # character offset of the latest mention
    plural: bool = False
    order: int = 0  # when it was last remembered: later ones win ties


@dataclass(slots=True)
class Resolved:
    canonical: str
    kind: str
    credibility: float | None
    match: RegistryMatch | None
    resolved_by: str
    anonymous: bool
    entity: Entity | None = None
    plural: bool = False  # several named together ("Paul Rosenmöller en Pieter Duisenberg")


class Resolver:
    """Keeps the article's entities in reading order and resolves each new source phrase."""

    def __init__(self, ctx: TokenContext, registry: Registry, lang: str, window_chars: int) -> None:
        self.ctx = ctx
        self.t = ctx.t  # the token table: far cheaper to read than doc[i]
        self.text = ctx.text
        self.lex = lex = ctx.lex
        self._name_run = name_run_pattern(lex)
        self.registry = registry
        self.lang = lang
        self.window = window_chars
        self._entities: dict[str, Entity] = {}  # by canonical name, most recent last
        self._by_surname: dict[str, Entity] = {}
        self._by_descriptor: dict[str, set[str]] = {}  # a descriptor word → canonical names that have it
        self._sites: tuple[dict[str, list[int]], dict[str, list[int]]] | None = None
        self._order = 0
        self._stripped: dict[tuple[str, ...], list[str]] = {}
        self._runs: list[tuple[int, int, str]] | None = None
        self._run_ends: list[int] = []
        self._genders: dict[str, str] | None = None
        self._mentions: list[int] = []  # tokens where a person named in full is mentioned by surname
        # after each mention: the latest mention of the one mentioned most so far (None on a tie), and how often
        self._leaders: list[tuple[int | None, int]] = []
        self._counts: dict[str, int] = {}
        self._shapes: dict[tuple[int | str, ...], tuple[int, str | None, int, str]] = {}
        self._run_names: dict[int, tuple[str, frozenset[str], frozenset[str]] | None] = {}
        self._full_runs: dict[str, list[int]] = {}  # by surname: the runs that give a full name ending in it
        # the words that end a phrase's own words ("of the ministry"): one set instead of three
        self._cut_words = lex.inner | lex.agent | lex.inner_before_names
        # the words that may open a sentence before a name, and the name particles that are no determiner
        self._function_words = (lex.determiners | lex.subordinators | lex.any_preposition | lex.coordinators
                                | lex.clause_links)
        self._bare_particles = lex.name_particles - lex.determiners
        self._no_subject = lex.boundaries | lex.determiners  # words that keep a sentence's opening from a subject
        self._before_addressee = lex.determiners | lex.inner_before_names  # "told the …", "tegenover …"

    # --- helpers -----------------------------------------------------------
    def _runs_before(self, pos: int, last: int = 200) -> list[tuple[int, int, str]]:
        """The ``last`` capitalised name runs that end before ``pos`` (found once, then bisected)."""
        self._index_runs()
        k = bisect.bisect_right(self._run_ends, pos)
        return self._runs[max(0, k - last):k]

    def _index_runs(self) -> None:
        if self._runs is None:
            self._runs = [(m.start(), m.end(), m.group(1)) for m in self._name_run.finditer(self.text)]
            self._run_ends = [r[1] for r in self._runs]
            self._by_last: dict[str, list[int]] = {}
            for n, (_s, _e, run) in enumerate(self._runs):
                self._by_last.setdefault(run.rsplit(None, 1)[-1].lower(), []).append(n)

    def _runs_ending_in(self, word: str, pos: int) -> Iterator[tuple[int, int, str]]:
        """Name runs before ``pos`` whose last word is ``word``, the most recent first (lazily: callers stop early)."""
        self._index_runs()
        return self._latest_first(self._by_last.get(word.lower(), []), pos)

    def _full_names_ending_in(self, low: str, pos: int) -> Iterator[tuple[int, int, str]]:
        """Name runs before ``pos`` that give a full name ending in the surname ``low``, the most recent first.

        Full: two words or more once titles are stripped, the first no determiner.  These runs
        are picked once per surname, so that the many runs a word ends without giving a full
        name ("De Amerikaanse") are not looked through again at every mention of it.
        """
        self._index_runs()
        runs = self._runs
        assert runs is not None
        full = self._full_runs.get(low)
        if full is None:
            full = self._full_runs[low] = [
                n for n in self._by_last.get(low, ())
                if len(words := self._strip_name(runs[n][2].split())) >= 2 and words[-1].lower() == low
                and words[0].lower() not in self.lex.determiners]
        return self._latest_first(full, pos)

    def _latest_first(self, numbers: list[int], pos: int) -> Iterator[tuple[int, int, str]]:
        """The runs numbered ``numbers`` (in reading order, so their ends are sorted) that end before ``pos``,
        the most recent first."""
        runs = self._runs
        assert runs is not None
        k = bisect.bisect_right(numbers, pos, key=lambda n: runs[n][1])
        return (runs[numbers[i]] for i in range(k - 1, -1, -1))

    def gender(self, name: str) -> str | None:
        """"m" or "f" when the article refers to the person ``name`` by one gender's pronouns, else None."""
        words = name.split()
        return self._index_people().get(words[-1].lower()) if words else None

    def _index_people(self) -> dict[str, str]:
        """The article's mentions of people by surname and their genders, found once (one pass over the tokens)."""
        if self._genders is None:
            self._genders = self._infer_genders()
        return self._genders

    def _infer_genders(self, reach: int = 40) -> dict[str, str]:
        """How the article refers to each person after naming them: the pronouns of one gender only
        (those no group shares: "hem", "haar", "he", "her") within ``reach`` tokens after a mention of
        their surname, before another name is mentioned, counted over the article.  Every mention
        is indexed on the way (:meth:`_mention`)."""
        lex, t = self.lex, self.t
        male = lex.pronouns_male - lex.pronouns_group
        female = lex.pronouns_female - lex.pronouns_group
        self._index_runs()
        assert self._runs is not None
        keys = {words[-1].lower() for run in {run for _s, _e, run in self._runs}  # each name once
                if len(words := self._strip_name(run.split())) >= 2}
        shared = lex.pronouns_female & lex.pronouns_group  # "ze": a woman, or a group
        plural = lex.plural_endings
        votes: dict[str, list[int]] = {}
        current, seen, opened, subject = None, 0, 0, False
        n = len(t.lower)
        wanted = keys | male | female | shared | SENTENCE_ENDS
        lowers = t.lower
        for i in numpy.flatnonzero(t.lower_in(wanted)).tolist():  # the few tokens that matter
            lower = lowers[i]
            if lower in SENTENCE_ENDS:
                opened = i + 1
                if not subject:
                    current = None  # "… door May. Wel lijkt het erop dat hij": the topic, not May
                continue
            if t.cap[i] and lower in keys and not (i + 1 < n and t.cap[i + 1]):
                current, seen, subject = lower, i, i - opened < 4
                self._mention(i)
            elif current is None or i - seen > reach:
                continue
            elif lower in male or lower in female:
                votes.setdefault(current, [0, 0])[0 if lower in male else 1] += 1
            elif lower in shared and plural and 0 < i < n - 1 and t.islow[i + 1] and not any(
                    t.lower[k].endswith(plural) for k in (i - 1, i + 1)):
                votes.setdefault(current, [0, 0])[1] += 1  # "ze zei", not "ze zeiden": one woman
        if not male or not female:
            return {}  # a language without both lists tells no gender
        return {key: ("m" if m > 2 * f else "f") for key, (m, f) in votes.items() if m > 2 * f or f > 2 * m}

    def _mention(self, i: int) -> None:
        """Index a mention by surname at token ``i``, keeping who has been mentioned most so far."""
        key = self.t.lower[i]
        count = self._counts[key] = self._counts.get(key, 0) + 1
        leader, best = self._leaders[-1] if self._leaders else (None, 0)
        if count > best or leader is not None and self.t.lower[leader] == key:
            self._leaders.append((i, count))  # alone in front (a tie before is broken by this one)
        elif count == best:
            self._leaders.append((None, best))  # two in front: no one the article is about
        else:
            self._leaders.append((leader, best))
        self._mentions.append(i)

    def _recent_person(self, word: str, pos: int, back: int = 6) -> Resolved | None:
        """The person last mentioned before ``pos`` (by surname, named in full before) whom ``word`` fits.

        "Johnson … In zijn krantencolumn omschreef hij": he is the one the text is about,
        even when he was never quoted.
        """
        self._index_people()
        k = bisect.bisect_left(self._mentions, bisect.bisect_left(self.ctx.starts, pos))
        for i in reversed(self._mentions[max(0, k - back):k]):
            if pos - self.ctx.starts[i] > self.window:
                break
            surname = self.t.text[i]
            if self._fits(word, surname):
                found = self._surname(surname, self.ctx.starts[i], remember=False)
                if found is not None and found.kind == "person":
                    return replace(found, resolved_by="pronoun")
                return None
        return None

    def _coordinated(self, start: int, end: int, history: list[Resolved]) -> Resolved | None:
        """"Paul Rosenmöller en Pieter Duisenberg": names joined by a coordinator are one plural source.

        Each name is resolved (and remembered) on its own; together they are who a
        later "ze" or "they" stands for.
        """
        t, lex = self.t, self.lex
        if end - start < 3 or lex.coordinators.isdisjoint(t.lower[start + 1:end - 1]):
            return None  # no coordinator between two words
        cut = next((c for c in range(start + 1, end - 1) if t.lower[c] in lex.coordinators
                    and t.cap[c - 1] and t.cap[c + 1]), None)
        if cut is None:
            return None
        parts = [self.resolve(start, cut, history), self.resolve(cut + 1, end, history)]
        if any(p.anonymous or p.plural or p.resolved_by == "pronoun" or p.kind != parts[0].kind for p in parts):
            return None
        link = t.text[cut]
        return Resolved(f" {link} ".join(p.canonical for p in parts), parts[0].kind, None, None, "self", False,
                        plural=True)

    def _newcomer(self, word: str, pos: int) -> Resolved | None:
        """A person the sentence before introduced by full name, for the first time, whom ``word`` fits.

        "In 2015 klapte kandidaat Joseph Roche uit de school. Tegenover The Guardian vertelde hij …":
        a person just introduced is who the next sentence is about.
        """
        t, starts = self.t, self.ctx.starts
        k = bisect.bisect_left(starts, pos)
        j, ends = k - 1, 0
        while j >= 0 and k - j < 80:
            if t.text[j] in SENTENCE_ENDS:
                ends += 1
                if ends == 2:
                    break
            j -= 1
        if ends == 0:
            return None
        begin = starts[j + 1]
        found = None
        for s, e, run in self._runs_before(pos, 6):
            if s < begin or s == begin:
                continue  # not the word that opens the sentence ("Maar Heilpraktiker …")
            if self.text[e:e + 1] == "." and len(run.rsplit(None, 1)[-1]) <= 4:
                continue  # "State Sen. Rosalind Achterberg": a title cut short, the name follows
            words = self._strip_name(run.split())
            if len(words) < 2 or not all(w[:1].isupper() for w in words) or not self._fits(word, words[-1]):
                continue
            if next(self._runs_ending_in(words[-1], s), None) or words[-1].lower() in self._by_surname:
                continue  # named before: not new
            hit = self.registry.found(" ".join(words))
            if hit is not None and hit[0].kind != "person":
                continue
            found = " ".join(words) if hit is None else hit[0].display(self.lang)
            break  # the first one named: "met John Rutherford, een Republikeins Congreslid"
        return Resolved(found, "person", None, None, "pronoun", False) if found is not None else None

    def _protagonist(self, pos: int, least: int = 3) -> Resolved | None:
        """The person the article so far is about: named in full, then mentioned by surname most often
        (at least ``least`` times, and more than anyone else).

        "Huntelaar … Huntelaar … de voetballer": an epithet with no name beside it stands for them.
        """
        self._index_people()
        k = bisect.bisect_left(self._mentions, bisect.bisect_left(self.ctx.starts, pos))
        if not k:
            return None
        leader, count = self._leaders[k - 1]
        if leader is None or count < least:
            return None
        found = self._surname(self.t.text[leader], self.ctx.starts[leader], remember=False)
        return replace(found, resolved_by="role") if found is not None and found.kind == "person" else None

    def _fits(self, word: str, name: str) -> bool:
        """Can the pronoun ``word`` stand for the person ``name``, going by the article's usage?"""
        lex = self.lex
        if word not in lex.pronouns_male and word not in lex.pronouns_female:
            return True
        gender = self.gender(name)
        return not (gender == "f" and word in lex.pronouns_male or gender == "m" and word in lex.pronouns_female)

    @property
    def entities(self) -> list[Entity]:
        """The article's entities, the most recently mentioned last."""
        return list(self._entities.values())

    def _remember(self, ent: Entity) -> Entity:
        """Keep ``ent`` as the latest mentioned (merged into the one of its name, if any) and index it."""
        old = self._entities.pop(ent.canonical, None)
        new = ent.descriptors  # the descriptors not indexed yet: an entity's are indexed as they come
        if old is not None:
            old.last = max(old.last, ent.last)
            new = ent.descriptors - old.descriptors
            old.descriptors |= new
            ent = old
        self._entities[ent.canonical] = ent
        ent.order = self._order
        self._order += 1
        index = self._by_descriptor
        for word in new:
            if word in index:
                index[word].add(ent.canonical)
            else:
                index[word] = {ent.canonical}
        if ent.kind == "person" and len(words := ent.canonical.split()) > 1:
            self._by_surname[words[-1].lower()] = ent  # "zegt Post" → the latest … Post
        return ent

    def _strip_name(self, tokens: list[str]) -> list[str]:
        """Drop titles, roles and leading descriptors from a capitalised run."""
        key = tuple(tokens)
        found = self._stripped.get(key)
        if found is None:
            found = self._stripped[key] = self._strip(tokens)
        return found

    def _strip(self, tokens: list[str]) -> list[str]:
        lex, function_words, particles = self.lex, self._function_words, self._bare_particles
        cut = 0
        for i, word in enumerate(tokens[:-1]):
            low = word.lower()
            # "De Turkse …", "Terwijl Theresa May", "Volgens Jan": a capitalised word that opens the sentence,
            # but no name particle ("Van Dam", "Van 't Hoff")
            function = low in function_words and low not in particles and word[:1].isupper()
            if function or low in lex.titles or head_word(low, lex) == "role" or low.endswith(("'s", "’s")):
                cut = i + 1
        return tokens[cut:]

    def _only_titles(self, name: str) -> bool:
        """"Minister", "President": a capitalised role or title with no name in it."""
        return all(w.lower() in self.lex.titles or head_word(w.lower(), self.lex) == "role" for w in name.split())

    def _owned(self, at: int, end: int) -> bool:
        """Does the phrase name whose it is after ``at`` ("a statement from the central bank")?"""
        t, lex = self.t, self.lex
        if at >= end:
            return False
        linked = t.lower[at] in lex.inner or t.lower[at] in lex.agent or t.lower[at] in lex.role_links
        if at + 1 >= end or not linked or t.lower[at + 1] in lex.indefinites:
            return False
        return any(t.cap[k] or head_word(t.lower[k], lex) in ("organisation", "government", "outlet")
                   for k in range(at + 1, end))

    def _particles_at(self, i: int, end: int) -> bool:
        """Do two or more name particles start at ``i``, between capitals ("Melanie van der Horst")?

        One particle alone is left to mean what it says: "Hoekstra van Financiën".
        """
        t, particles = self.t, self.lex.name_particles
        k = i
        while k < end and t.lower[k] in particles:
            k += 1
        return (k - i >= 2 and k < end and i > 0 and t.cap[i - 1] and t.cap[k]
                and head_word(t.lower[k], self.lex) is None  # not "de Groot van de Universiteit"
                and not (i > 1 and t.lower[i - 2] in particles))

    # --- the name inside a phrase ------------------------------------------
    def name_in(self, start: int, end: int) -> tuple[str, int] | None:
        """The last capitalised run in the phrase (its name) and the token index it starts at."""
        t, lex = self.t, self.lex
        runs: list[tuple[int, int]] = []
        i = start
        while i < end:
            if t.text[i] == "(":  # "Melanie van der Horst (Verkeer)", "Gwen Moore (D-Wis.)": an affiliation
                close = next((k for k in range(i + 1, min(end, i + 8)) if t.text[k] == ")"), None)
                if close is not None:
                    i = close + 1
                    continue
            if t.cap[i] and t.lower[i] not in lex.determiners and t.lower[i] not in lex.pronouns:
                j = self._run_end(i, end)
                runs.append((self._name_start(i, j), j))
                i = j
            else:
                i += 1
        if not runs:
            return None
        s, e = runs[-1]
        words = t.text[s:e]
        if len(runs) > 1 and e - s == 1 and head_word(words[0].lower(), lex) is not None:
            s, e = runs[-2]
            words = t.text[s:e]
        stripped = self._strip_name(words)
        return " ".join(stripped), s + (len(words) - len(stripped))

    def _run_end(self, i: int, end: int) -> int:
        """Where the capitalised run starting at ``i`` ends, taking one set of name particles along.

        "Melanie van der Horst", "Anne de Wit"; but "Marieke de Groot van de
        Universiteit" stops at "van", and no particle goes before a source noun.
        """
        t, lex = self.t, self.lex
        j = i + 1
        surname = False
        while j < end:
            if t.cap[j]:
                j += 1
                continue
            k = j
            while k < end and k - j < 3 and t.lower[k] in lex.name_particles:
                k += 1
            if k == j or k >= end or not t.cap[k] or surname or head_word(t.lower[k], lex) is not None:
                break
            surname = True
            j = k
        return j

    def _name_start(self, i: int, j: int) -> int:
        """Where the name starts in the run ``i``–``j``: after the portfolio of a role.

        "minister van Infrastructuur Barry Madlener", "Secretary of State John F.
        Kerry": a first name, any initials and a surname end a run that follows
        role + van/of.
        """
        t = self.t
        if j - i < 3 or i < 2 or t.lower[i - 1] not in self.lex.inner or head_word(t.lower[i - 2], self.lex) != "role":
            return i
        k = j - 2
        while k > i and len(t.text[k].rstrip(".")) == 1:
            k -= 1
        return k

    # --- resolution ----------------------------------------------------------
    def resolve(self, start: int, end: int, history: list[Resolved]) -> Resolved:
        """Resolve the phrase at tokens ``start``..``end`` against the registry and the article so far."""
        phrase, pos = self.ctx.phrase_text(start, end), self.ctx.starts[start]
        lowers = self.t.lower[start:end]
        if len(lowers) == 1 and lowers[0] in self.lex.pronouns:
            return self._pronoun(lowers[0], history, pos)
        joined = self._coordinated(start, end, history)
        if joined is not None:
            return joined
        cut, head_kind, head_at, named = self._shape(start, end, lowers)
        if head_kind in ("anonymous", "vague"):
            return Resolved(phrase, head_kind, None, None, "self", True)
        hit = self.registry.found(phrase) or (self.registry.found(named) if named else None)
        if hit and head_kind == "role" and hit[0].kind != "person" and not named:
            hit = None  # "de minister van Financiën" is a person, not the "Ministerie van Financiën"
        if hit:
            entry, match = hit
            ent = self._remember(Entity(entry.display(self.lang), entry.kind, entry.credibility, match,
                                        frozenset(entry.display(self.lang).lower().split()),
                                        set(lowers), pos))
            return Resolved(ent.canonical, ent.kind, ent.credibility, match, "registry", False, ent)
        if named and end - start == 2 and lowers[0] in self.lex.definites and head_kind is None:
            found = self._apposed(start, end)  # "de Engelse" after "Zoe Adams, een Engelse die …"
            if found is not None:
                return found
        if named:
            return self._named(named, head_kind, start, end, pos)
        if head_kind == "role":
            # "a judge ruled": a role holder acts on the record even without a name
            return self._role(lowers, history, pos) or Resolved(phrase, "person", None, None, "self", False)
        if head_kind == "people":
            # "de scholier" is the pupil named before; "een student" (and "de student" after it) is no one in particular
            if lowers[0] in self.lex.definites:
                found = self._apposed(start, end)
                if found is None and not self._introduced(self.t.lower[end - 1], pos):
                    found = self._protagonist(pos) or self._role(lowers, history, pos)
                if found is not None:
                    return found
            return Resolved(phrase, "person", None, None, "self", True)
        if lowers and lowers[0] in self.lex.definites and head_kind in (None, "organisation", "government"):
            apposed = self._apposed(start, end)  # "de dienst" → "inlichtingendienst AIVD" before
            if apposed is not None:
                return apposed
        indefinite = bool(lowers) and lowers[0] in self.lex.indefinites and not self._owned(start + cut, end)
        return Resolved(phrase, head_kind or "organisation", None, None, "self", indefinite)

    def _introduced(self, noun: str, pos: int) -> bool:
        """Did the article bring in someone as "een … <noun>" (no name) before ``pos``, within the window?"""
        before = self.text[max(0, pos - self.window):pos].lower()
        indefinite = "|".join(re.escape(w) for w in sorted(self.lex.indefinites))
        pattern = rf"\b(?:{indefinite})\b[^.!?]{{0,60}}?{re.escape(noun)}\b"
        return bool(indefinite) and re.search(pattern, before) is not None

    def _apposed(self, start: int, end: int) -> Resolved | None:
        """A definite noun phrase that the article put beside a name before: who "de dienst", "de scholier" or
        "de Engelse" ("Zoe Adams, een Engelse die …") is.

        Looks back (over the whole article before it) for the head noun right before a name
        ("inlichtingendienst AIVD", "het bedrijf Mars One Ventures"; a compound ending in the
        head counts) or as an apposition after one ("Mehmet, de vader van Gökmen").
        """
        t, lex = self.t, self.lex
        head = t.lower[end - 1]
        if end - start > 4 or len(head) < 4 or not head.isalpha() or t.cap[end - 1] and end - start > 2:
            return None
        before_name, after_name = self._apposition_sites()
        found = []
        # "inlichtingendienst AIVD": the noun (or a compound ending in it), a name; kept by the last four letters
        sites = before_name.get(head[-4:], [])
        n = bisect.bisect_left(sites, start - 1)
        floor = max(0, n - 64)  # a bounded look-back keeps it linear
        while n > floor and not t.lower[sites[n - 1]].endswith(head):
            n -= 1
        if n > floor:
            found.append((sites[n - 1], 1))
        sites = after_name.get(head, [])  # "Mehmet, de vader": a name, a comma, the noun with its article
        n = bisect.bisect_left(sites, start)
        if n:
            found.append((sites[n - 1], 0))
        if found:  # the nearest before the phrase; at the same place, the noun before a name
            k, kind = max(found)
            if kind:
                j = k + 1
                while j < start and j - k <= 4 and t.cap[j] and not t.brk[j]:
                    j += 1
                name = (k + 1, j)
            else:
                j = k - 3
                while j > 0 and k - 3 - j < 3 and t.cap[j - 1] and not t.brk[j - 1]:
                    j -= 1
                name = (j, k - 2)
            words = self._strip_name(t.text[name[0]:name[1]])
            text = " ".join(words)
            hit = self.registry.found(text)
            if hit is not None:
                entry, match = hit
                return Resolved(entry.display(self.lang), entry.kind, entry.credibility, match, "role", False)
            known = self._entities.get(text) or (self._by_surname.get(words[-1].lower()) if words else None)
            if known is not None:
                return Resolved(known.canonical, known.kind, known.credibility, known.match, "role", False, known)
            kind = head_word(head, lex) or ("person" if len(words) >= 2 else "organisation")
            return Resolved(text, kind if kind != "role" else "person", None, None, "role", False)
        return None

    def _apposition_sites(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Where a noun stands beside a name, found once per article and kept by noun (and noun ending).

        Before a name: "inlichtingendienst AIVD" is kept under its last four letters ("enst"), so that
        "dienst" finds it. After one, as an apposition: "Mehmet, de vader" is found under "vader".  Each
        list holds token indices in order.
        """
        if self._sites is None:
            t, lex = self.t, self.lex
            before: dict[str, list[int]] = {}
            after: dict[str, list[int]] = {}
            lowers, text = t.lower, t.text
            # the few places that can be one, found by numpy (neither the first nor the last token):
            # a noun (four letters or more) before a capital, or after a capital, a comma and an article
            noun, capital = _noun_flags(t), flag_array(t.cap)
            for k in (numpy.flatnonzero(noun[1:-1] & capital[2:]) + 1).tolist():
                if lowers[k + 1] not in lex.determiners:
                    before.setdefault(lowers[k][-4:], []).append(k)
            article = t.lower_in(lex.articles)
            for k in (numpy.flatnonzero(noun[3:-1] & article[2:-2] & capital[:-4]) + 3).tolist():
                if text[k - 2] == ",":
                    after.setdefault(lowers[k], []).append(k)
            self._sites = (before, after)
        return self._sites

    def _shape(self, start: int, end: int, lowers: list[str]) -> tuple[int, str | None, int, str]:
        """The phrase's cut and head noun (:meth:`_head`) and the name it gives (:meth:`_name`; none
        when the head is anonymous or vague).

        Both read the phrase's words and the two words before it and nothing else, so a
        phrase that comes back in the same words ("ingewijden", "de minister") is read once.
        """
        lo = max(0, start - 2)
        key = (start - lo, *self.t.text[lo:end])  # the place counts only at the article's start
        shape = self._shapes.get(key)
        if shape is None:
            cut, head_kind, head_at = self._head(start, end, lowers)
            named = "" if head_kind in ("anonymous", "vague") else self._name(start, end, cut, head_kind, head_at)
            shape = self._shapes[key] = (cut, head_kind, head_at, named)
        return shape

    def _head(self, start: int, end: int, lowers: list[str]) -> tuple[int, str | None, int]:
        """Where the phrase's own words end (``cut``: before "of the ministry"), its head noun's kind and place.

        The head is the last lower-case source noun before the cut ("president" in "president Poetin"),
        or any anonymous or vague one ("Anonymous sources").
        """
        lex, cut_words = self.lex, self._cut_words
        cut = next((i for i in range(1, len(lowers)) if (
            lowers[i] in cut_words and not self._particles_at(start + i, end)
            or lowers[i] in lex.role_links and head_word(lowers[i - 1], lex) in ("role", "anonymous"))), len(lowers))
        head_kind, head_at = None, -1
        for i, w in enumerate(lowers[:cut]):
            kind = head_word(w, lex)
            if kind is not None and (kind in ("anonymous", "vague") or not self.t.text[start + i][:1].isupper()):
                head_kind, head_at = kind, i
        return cut, head_kind, head_at

    def _name(self, start: int, end: int, cut: int, head_kind: str | None, head_at: int) -> str:
        """The name the phrase gives: a capitalised run at or after the head noun, or after the cut."""
        named = self.name_in(start + max(head_at, 0), start + cut)
        if named is not None and named[1] < start + head_at:
            named = None
        if start + cut < end and (named is None or self._only_titles(named[0])):
            # "Minister van Infrastructuur Barry Madlener": the name comes after the portfolio
            later = self.name_in(start + cut, end)
            if later is not None and (len(later[0].split()) >= 2 or head_kind in (
                    "government", "organisation", "outlet", "document")):
                named = later  # "de regering in Kiev": the place says whose government
        return named[0] if named is not None else ""

    def _named(self, name: str, head_kind: str | None, start: int, end: int, pos: int) -> Resolved:
        """A name the registry does not know: a surname of someone named before, or a new entity."""
        lex, lowers = self.lex, self.t.lower[start:end]
        parts = name.split()
        words = [p.lower() for p in parts]
        if len(parts) == 1 and not parts[0].isupper():
            full = self._surname(parts[0], pos)
            if full is not None:
                return full
        kind = head_kind if head_kind in ("organisation", "government", "document", "outlet") else "person"
        last_kind = head_word(words[-1], lex) if len(parts) > 1 else None
        if kind == "person" and last_kind in ("organisation", "government", "document", "outlet"):
            kind = last_kind  # "the Bridge Condition Assessment", "Clingendael Instituut"
        if kind == "person" and len(lowers) > 1 and lowers[0] in lex.definites and self.t.cap[start + 1]:
            kind = "organisation"  # "the Averly Ledger": a definite article before a name
        if kind == "person" and len(parts) == 1 and head_kind is None and words[0] in lex.organisations:
            kind = "organisation"
        ent = self._remember(Entity(name, kind, None, None, frozenset(words), set(lowers).difference(words), pos))
        return Resolved(name, kind, None, None, "self", False, ent)

    def _surname(self, surname: str, pos: int, remember: bool = True) -> Resolved | None:
        """The person a surname stands for: one named in full before ("zegt Post" → Willem Post).

        With ``remember`` false, nothing about the article's entities changes (a look, not a mention).
        """
        low = surname.lower()
        ent = self._by_surname.get(low)
        if ent is not None:
            if remember:
                ent.last = pos
            return Resolved(ent.canonical, ent.kind, ent.credibility, ent.match, "surname", False, ent)
        for s, _e, run in self._full_names_ending_in(low, pos):
            words = self._strip_name(run.split())
            hit = self.registry.found(" ".join(words))
            if hit and hit[0].kind != "person":
                continue
            name = " ".join(words)
            if hit:
                entry, match = hit
                ent = Entity(entry.display(self.lang), "person", entry.credibility, match,
                             frozenset(w.lower() for w in words), set(), pos)
            else:
                desc = set(self.text[max(0, s - 40):s].lower().split()[-4:])
                ent = Entity(name, "person", None, None, frozenset(w.lower() for w in words), desc, pos)
            if remember:
                ent = self._remember(ent)
            return Resolved(ent.canonical, "person", ent.credibility, ent.match, "surname", False,
                            ent if remember else None)
        return None

    def _pronoun(self, word: str, history: list[Resolved], pos: int) -> Resolved:
        lex = self.lex
        one_person = word in lex.pronouns_person and word not in lex.pronouns_group
        wants = ("person",) if one_person else None
        if word in lex.pronouns_thing:
            wants = ("organisation", "government", "outlet", "document")
        if one_person:
            newcomer = self._newcomer(word, pos)
            if newcomer is not None:
                return newcomer
        single = word not in lex.pronouns_group
        for item in reversed(history[-6:]):
            if item.kind in ("pronoun",) or item.kind == "person" and not self._fits(word, item.canonical) \
                    or item.plural and single:
                continue
            if wants is None or item.kind in wants or (word in lex.pronouns_group and item.anonymous):
                return Resolved(item.canonical, item.kind, item.credibility, item.match, "pronoun",
                                item.anonymous, item.entity, item.plural)
        if word in lex.pronouns_person:
            recent = self._recent_person(word, pos)
            if recent is not None:
                return recent
        for ent in reversed(self._entities.values()):
            if (wants is None or ent.kind in wants) and (ent.kind != "person" or self._fits(word, ent.canonical)):
                return Resolved(ent.canonical, ent.kind, ent.credibility, ent.match, "pronoun", False, ent)
        if wants == ("person",):
            for _s, _e, run in reversed(self._runs_before(pos, 8)):
                words = self._strip_name(run.split())
                if len(words) >= 2 and self._fits(word, words[-1]) and not self.registry.found(" ".join(words)):
                    return Resolved(" ".join(words), "person", None, None, "pronoun", False)
        return Resolved(word, "person" if wants == ("person",) else "organisation", None, None,
                        "pronoun", False)

    def subject_person(self, sent: Sentence) -> tuple[tuple[int, int], Resolved] | None:
        """The person a sentence opens with as its subject, if the article has named them in full before.

        "Bruggmann maakt dankbaar gebruik van die mogelijkheid." opens with a surname
        already known as Esmeralda Bruggmann; a quotation right after it is hers.
        """
        t = self.t
        i = sent.tok_start
        end = i
        while end < sent.tok_end and end - i < 4 and t.cap[end] and not t.brk[end]:
            end += 1
        if end == i or end >= sent.tok_end or t.cap[end] or t.brk[end] \
                or not self._no_subject.isdisjoint(t.lower[i:end]):
            return None  # no name, or not a subject followed by its verb
        words = self._strip_name(t.text[i:end])
        pos = self.ctx.starts[i]
        hit = self.registry.found(" ".join(words))
        if hit is not None:
            if hit[0].kind != "person":
                return None
            entry, match = hit
            return (i, end), Resolved(entry.display(self.lang), "person", entry.credibility, match, "self", False)
        if len(words) == 1:
            full = self._surname(words[0], pos, remember=False) if not words[0].isupper() else None
            return ((i, end), full) if full is not None and full.kind == "person" else None
        known = self._entities.get(" ".join(words))
        if known is not None and known.kind == "person":
            return (i, end), Resolved(known.canonical, "person", known.credibility, known.match, "self", False, known)
        return None

    def _run_name(self, start: int, run: str) -> tuple[str, frozenset[str], frozenset[str]] | None:
        """The full name the name run at ``start`` gives, for :meth:`_role`: the name, its words
        (lower case) and the words that describe them (the four before the run and any title in it).

        None when the run holds no full name.  Read once per run.
        """
        try:
            return self._run_names[start]
        except KeyError:
            pass
        words = self._strip_name(run.split())
        found = None
        if len(words) >= 2:
            before = self.text[max(0, start - 60):start].rsplit("\n", 1)[-1]
            desc = set(before.lower().replace(",", " ").split()[-4:])
            desc |= {w.lower() for w in run.split()[: len(run.split()) - len(words)]}
            found = (" ".join(words), frozenset(w.lower() for w in words), frozenset(desc))
        self._run_names[start] = found
        return found

    def _role(self, lowers: list[str], history: list[Resolved], pos: int) -> Resolved | None:
        lex = self.lex
        if not lowers or lowers[0] not in lex.determiners or lowers[0] in lex.indefinites:
            return None
        if any(w in lex.relational for w in lowers):
            return None  # "her predecessor", "zijn tegenhanger": someone else than the one just named
        content = {w for w in lowers if w not in lex.determiners and w not in lex.inner}
        # the person whose descriptors share most words with the phrase, the latest mentioned on a tie:
        # people remembered so far (only those sharing a word), then name runs just before
        best: tuple[int, int, int, Entity] | None = None
        sharing = set().union(*(self._by_descriptor.get(w, ()) for w in content)) if content else set()
        candidates = [(ent, ent.order) for name in sharing
                      if (ent := self._entities.get(name)) is not None and ent.kind == "person"]
        for n, (s, e, run) in enumerate(self._runs_before(pos, 30)):
            if pos - s > self.window:
                continue
            person = self._run_name(s, run)
            if person is None or content.isdisjoint(person[2]):  # sharing no word, it cannot win
                continue
            name, words, desc = person
            hit = self.registry.found(name)
            if hit is None or hit[0].kind == "person":  # not an organisation's name
                candidates.append((Entity(name, "person", None, None, words, set(desc), e), self._order + n))
        for ent, order in candidates:
            overlap = len(content & ent.descriptors)
            key = (overlap, ent.last, order)
            if overlap and (best is None or key > best[:3]):
                best = (overlap, ent.last, order, ent)
        if best is None:
            for item in reversed(history[-4:]):
                if item.kind == "person" and not item.anonymous and item.resolved_by != "self" or (
                        item.kind == "person" and item.entity is not None):
                    return Resolved(item.canonical, "person", item.credibility, item.match, "role",
                                    False, item.entity)
            return None
        ent = best[3]
        hit = self.registry.found(ent.canonical)
        if hit and hit[0].kind == "person":
            entry, match = hit
            return Resolved(entry.display(self.lang), "person", entry.credibility, match, "role", False)
        ent = self._remember(Entity(ent.canonical, "person", None, None, ent.words, ent.descriptors, pos))
        return Resolved(ent.canonical, "person", ent.credibility, ent.match, "role", False, ent)


def _noun_flags(t: Tokens) -> numpy.ndarray:
    """A bool per token: is it a word of four letters or more (hyphens aside) that could be a noun?

    ``len(w) >= 4 and w.replace("-", "").isalpha()`` for each distinct word, by ``map``
    over the word list: only the words that are not all letters are looked at one by one.
    """
    words, n = t.words, len(t.words)
    flags = numpy.fromiter(map(str.isalpha, words), dtype=bool, count=n)
    for k in numpy.flatnonzero(~flags).tolist():  # punctuation, numbers and the hyphenated
        if "-" in words[k]:
            flags[k] = words[k].replace("-", "").isalpha()
    flags &= numpy.fromiter(map(len, words), dtype=numpy.intp, count=n) >= 4
    return flags[t.word]


@dataclass(frozen=True, slots=True)
class Sourced:
    """A sentence's own source, resolved: the phrase may move to the unnamed sources an outlet cites."""

    resolved: Resolved | None = None
    phrase: tuple[int, int] | None = None
    outlet: bool = False  # an unnamed source speaking through a named outlet
    subject: Resolved | None = None  # without a source of its own: the known person it opens with
    subject_phrase: tuple[int, int] | None = None


def resolve_all(resolver: Resolver, sents: list[Sentence], matches: list[Matches],
                found: list[Attribution], subjects: Collection[int] | None = None) -> list[Sourced]:
    """Resolve every sentence's source phrase, in document order (each may refer to the ones before).

    A sentence without one gets the known person it opens with, if it is among ``subjects``
    (by index; all when None): the sentences a quotation after them may take its speaker from.
    """
    ctx = resolver.ctx
    history: list[Resolved] = []
    none = Sourced()  # shared by the sentences without a source (it is immutable)
    out = []
    for n, (sent, m, a) in enumerate(zip(sents, matches, found, strict=True)):
        if a.phrase is None or a.cue is None:
            # "Bruggmann maakt gebruik van …" before a quotation
            subject = resolver.subject_person(sent) if subjects is None or n in subjects else None
            out.append(Sourced(subject=subject[1], subject_phrase=subject[0]) if subject else none)
            continue
        phrase, outlet = a.phrase, False
        if a.cue[0] == "cue.impersonal":
            out.append(Sourced(Resolved(ctx.phrase_text(*phrase), "vague", None, None, "self", True), phrase))
            continue
        antecedent = _antecedent(resolver, sent, phrase)
        resolved = resolver.resolve(*(antecedent or phrase), history)
        if m.anonymity and not resolved.anonymous and resolved.kind == "person":
            # "zegt een oud-generaal die anoniem wil blijven": the text says it is unnamed
            resolved = replace(resolved, anonymous=True, entity=None)
        if m.citing and resolved.kind == "outlet":
            cited = _cited(resolver, sent, m, history)
            if cited is not None:
                phrase, resolved, outlet = cited[0], cited[1], True
        history.append(resolved)
        if a.cue[0] == "cue.say" and resolved.anonymous:
            outlet = outlet or _told_outlet(resolver, sent, a.cue[2])
        out.append(Sourced(resolved, phrase, outlet))
    return out


def _antecedent(resolver: Resolver, sent: Sentence, phrase: tuple[int, int]) -> tuple[int, int] | None:
    """For a relative pronoun ("officials who said", "…, who said"), the phrase before it (or the comma)."""
    t, lex = resolver.t, resolver.lex
    start = phrase[0]
    if phrase[1] - start != 1 or t.lower[start] not in lex.relatives or start < 1:
        return None
    if start > sent.tok_start and t.text[start - 1] != ",":
        return left_phrase(resolver.ctx, sent.tok_start, start)
    if start < 2 or t.text[start - 1] != ",":
        return None
    k = start - 1
    stop = max(0, start - 1 - SUBJECT_REACH)  # a sentence of many commas stays linear
    while k > stop and not (t.brk[k - 1] and t.text[k - 1] != ","):
        k -= 1
    return left_phrase(resolver.ctx, k, start - 1)


def _cited(resolver: Resolver, sent: Sentence, m: Matches,
           history: list[Resolved]) -> tuple[tuple[int, int], Resolved] | None:
    """"Bloomberg reported, citing people familiar with the matter": the outlet's unnamed sources."""
    for _s, e in m.citing:
        phrase = right_phrase(resolver.ctx, e, sent.tok_end, sent.tok_start, strong=True)
        if phrase is None:
            continue
        cited = resolver.resolve(phrase[0], phrase[1], history)
        if cited.anonymous:
            return phrase, cited
    return None


def _told_outlet(resolver: Resolver, sent: Sentence, k: int) -> bool:
    """"a source told Reuters": is a named outlet the addressee (the words after the cue ending at ``k``)?"""
    t, before = resolver.t, resolver._before_addressee
    while k < sent.tok_end and t.lower[k] in before:
        k += 1
    end = k
    while end < sent.tok_end and t.cap[end]:
        end += 1
    hit = resolver.registry.lookup(resolver.ctx.phrase_text(k, end)) if end > k else None
    return bool(hit and hit[0].kind == "outlet")


def resolve_others(resolver: Resolver, found: list[Attribution]) -> list[tuple[tuple[Any, Any, Resolved], ...]]:
    """The sentences' other attributions, resolved after the main ones (so these change nothing of theirs)."""
    out = []
    for a in found:
        out.append(tuple((cue, phrase, resolver.resolve(phrase[0], phrase[1], [])) for cue, phrase in a.others))
    return out
