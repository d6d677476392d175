"""The source registry: known outlets, institutions and people, matched with rapidfuzz.

An entry may carry its outlet's web ``domain`` and a ``credibility_basis`` (where
its credibility comes from; :func:`srcview.credibility.effective_registry`
decides both).  A source written as a domain ("nytimes.com") matches the entry
with that domain, or, given :class:`~srcview.ratings.Ratings`, any rated domain.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any

from rapidfuzz import fuzz, process

from ..model import RegistryMatch
from ..ratings import Ratings, looks_like_domain, normalise_domain

_ARTICLE = re.compile(r"^(the|de|het|een|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"'s$")
_NOT_NAME = re.compile(r"[^\w\s.'-]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Lower case, no accents, no possessive, single spaces: the key names are compared on."""
    text = name
    if not text.isascii():  # ASCII has no accents to take off
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").lower().strip()
    if text.endswith("'s"):  # (a test far cheaper than the substitution)
        text = _POSSESSIVE.sub("", text)
    text = _NOT_NAME.sub(" ", text)
    if "  " in text or not text.isprintable():  # only single spaces are printable: nothing to squeeze
        text = _SPACES.sub(" ", text)
    text = _ARTICLE.sub("", text.strip())
    return text.strip(" .")


def _is_acronym(word: str) -> bool:
    """Short all-capital names ("US", "U.S.", "WHO", "AKP") that must match case-sensitively."""
    letters = word.replace(".", "")
    return 1 < len(letters) <= 5 and letters.isalpha() and letters.isupper()


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str
    credibility: float | None
    names: dict[str, str] = field(default_factory=dict)  # display name per language
    domain: str | None = None  # the outlet's web domain
    basis: str | None = None  # where the credibility comes from

    def display(self, lang: str) -> str:
        return self.names.get(lang, self.name)


#: Names remembered before the lookup caches start afresh.
CACHE_LIMIT = 100_000


class Registry:
    """Entries with their aliases; exact alias lookup first, then fuzzy similarity."""

    def __init__(self, entries: list[dict[str, Any]], threshold: float = 88.0,
                 ratings: Ratings | None = None) -> None:
        self.threshold = float(threshold)
        self.ratings = ratings
        self.entries: dict[str, Entry] = {}
        self._alias: dict[str, str] = {}
        self._acronyms: dict[str, str] = {}  # case-sensitive: "US" is not "us"
        self._domains: dict[str, str] = {}
        for raw in entries:
            ident = str(raw.get("id") or normalise(str(raw["name"])))
            domain = normalise_domain(str(raw["domain"])) if raw.get("domain") else None
            entry = Entry(ident, str(raw["name"]), str(raw.get("kind", "organisation")),
                          raw.get("credibility"), dict(raw.get("names", {}) or {}),
                          domain, raw.get("credibility_basis"))
            self.entries[ident] = entry
            if domain:
                self._domains.setdefault(domain, ident)
            for alias in [entry.name, *raw.get("aliases", []), *entry.names.values()]:
                alias = str(alias)
                bare = _ARTICLE.sub("", alias.strip())
                if _is_acronym(bare):
                    self._acronyms.setdefault(bare.replace(".", ""), ident)
                    continue
                key = normalise(alias)
                if key:
                    self._alias.setdefault(key, ident)
        self._keys = list(self._alias)
        self._near: dict[int, list[str]] = {}  # alias keys by the query length they can match
        self._at_length: dict[int, list[int]] = {}  # the keys' places in the list, by their length
        for n, key in enumerate(self._keys):
            self._at_length.setdefault(len(key), []).append(n)
        self._cache: dict[str, tuple[Entry, float] | None] = {}  # by normalised name
        self._seen: dict[str, tuple[Entry, RegistryMatch] | None] = {}  # by the name as written

    def __len__(self) -> int:
        return len(self.entries)

    def exact(self, name: str) -> Entry | None:
        ident = self._alias.get(normalise(name))
        return self.entries[ident] if ident else None

    def by_domain(self, domain: str) -> Entry | None:
        """The entry whose ``domain`` is ``domain`` (or the domain a URL or host names), or None."""
        key = normalise_domain(domain)
        ident = self._domains.get(key) if key else None
        return self.entries[ident] if ident else None

    def _by_domain_or_rating(self, name: str) -> Entry | None:
        """A source written as a domain: the registry's outlet with it, else an outlet made from its rating."""
        entry = self.by_domain(name)
        if entry is not None or self.ratings is None:
            return entry
        rating = self.ratings.rating(name)
        if rating is None:
            return None
        entry = self.by_domain(rating.domain)
        if entry is None:
            entry = Entry(rating.domain, rating.domain, "outlet", round(rating.value, 3), {}, rating.domain,
                          rating.basis)
            self.entries.setdefault(entry.id, entry)
        return entry

    def lookup(self, name: str) -> tuple[Entry, float] | None:
        """The best entry for ``name`` and its similarity (0–100), or None below the threshold."""
        found = self.found(name)
        return (found[0], found[1].similarity) if found is not None else None

    def found(self, name: str) -> tuple[Entry, RegistryMatch] | None:
        """The best entry for ``name`` with the match to report, or None; remembered per name as written."""
        try:
            return self._seen[name]  # the same names come back all through an article
        except KeyError:
            pass
        if len(self._seen) > CACHE_LIMIT:  # a long batch meets new names without end: start afresh
            self._seen.clear()
            self._cache.clear()
        hit = self._lookup(name)
        found = self._seen[name] = (hit[0], RegistryMatch(hit[0].id, hit[0].name, hit[1])) if hit else None
        return found

    def _lookup(self, name: str) -> tuple[Entry, float] | None:
        if "." in name and looks_like_domain(name) and normalise(name) not in self._alias:  # a domain has a dot
            entry = self._by_domain_or_rating(name)
            if entry is not None:
                return entry, 100.0
        bare = _ARTICLE.sub("", name.strip()).replace(".", "")
        if _is_acronym(bare):
            ident = self._acronyms.get(bare)
            return (self.entries[ident], 100.0) if ident else None
        key = normalise(name)
        if key in self._cache:
            return self._cache[key]
        result: tuple[Entry, float] | None = None
        if key in self._alias:
            result = (self.entries[self._alias[key]], 100.0)
        elif len(key) >= 4 and self._keys:
            best = process.extractOne(key, self._keys_near(len(key)), scorer=fuzz.ratio,
                                      score_cutoff=self.threshold)
            if best is not None:
                result = (self.entries[self._alias[best[0]]], float(best[1]))
        self._cache[key] = result
        return result

    def _keys_near(self, length: int) -> list[str]:
        """The alias keys long enough and short enough to reach the threshold against ``length`` characters.

        ratio = 2·matches / (la + lb) ≤ 2·min / (la + lb), so the shorter of two
        strings must be at least t / (2 − t) of the longer (t = threshold / 100).
        """
        near = self._near.get(length)
        if near is None:
            t = min(self.threshold, 100.0) / 100
            share = t / (2 - t) if t < 2 else 1.0
            # the test depends on a key's length alone: made once per length, not once per key;
            # the keys kept in the registry's order (the first of equal scores wins)
            places = [self._at_length[n] for n in self._at_length
                      if min(n, length) >= share * max(n, length) - 1e-9]
            near = self._near[length] = [self._keys[k] for k in sorted(chain.from_iterable(places))]
        return near

    def match(self, name: str) -> RegistryMatch | None:
        found = self.found(name)
        return found[1] if found is not None else None

