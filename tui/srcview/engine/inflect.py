"""Cue words by lemma: every inflected form of the verbs the rules list, and separable verbs.

The rules list cue verbs as the people who write them think of them, a few
forms each; :func:`inflect_rules` adds every other form of the same lemma from
simplemma's dictionaries (a maintained, dependency-free lemmatiser for Dutch,
English and 40 more languages, whose form → lemma tables ship in its wheel).

A lemma is trusted only when the list names two or more of its forms: one form
alone may be a homograph whose lemma is another word (Dutch "vroeg", asked,
is also "vroeg", early; English "stated" gives "state").  Write one form and
exactly that form is matched.  Entries of several words are not inflected,
and the forms a language lists under ``cues.not_cues`` are never added.

Separable verbs (Dutch "oproepen", "vastleggen") are listed by their infinitive
under ``cues.separable`` (verbs of saying) and ``cues.separable_attitude``.
Each gives its joined forms ("opgeroepen", "oproept") and a token pattern
for the split one, particle last ("riep het kabinet op"); see
:func:`separable_patterns`.

Inverting simplemma's table takes half a second, so what is found for a set of
words is kept in the user's cache folder and read back from there.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..schema import LANG, Table, Words

CACHE_VERSION = 2
#: Tokens a split separable verb may have between its verb and its particle.
SPLIT_GAP = 10
SEPARABLE_GROUPS = {"separable": "say", "separable_attitude": "attitude"}
SPLIT_ID = "separable-"  # the id prefix of the generated patterns: their particle must end the clause


def inflected_keys() -> list[tuple[str, str]]:
    """(section, key) of every word list the schema marks for inflection."""
    return [(section, key) for section, node in LANG.keys.items() if isinstance(node, Table)
            for key, leaf in node.keys.items() if isinstance(leaf, Words) and leaf.inflect]


@dataclass(frozen=True)
class Separable:
    """A separable verb: its particle, the forms of its base verb and of the joined verb, and its cue group."""

    lemma: str
    particle: str
    base_forms: tuple[str, ...]
    joined_forms: tuple[str, ...]
    group: str


def inflect_rules(code: str, lang: dict[str, Any]) -> dict[str, Any]:
    """``lang`` (a language's rules) with every inflected form added to the lists marked for inflection.

    The joined forms of its separable verbs join ``cues.say`` and ``cues.attitude``.
    """
    cues = lang.get("cues", {})
    if not isinstance(cues, dict):
        return lang
    keys = inflected_keys()
    lists = {key: [str(w) for w in lang.get(section, {}).get(key, []) or []] for section, key in keys}
    separables = separable_verbs(code, lang)
    inflect = cues.get("inflect") is not False
    heads = tuple(sorted({w.strip().lower() for words in lists.values() for w in words
                          if w.strip() and " " not in w.strip()})) if inflect else ()
    forms = _lookup(code, heads, ())["forms"] if heads else {}
    exclude = frozenset(w.lower() for w in cues.get("not_cues", []) or [])
    out = dict(lang)
    table = dict(out.get("cues", {}))
    for section, key in keys:
        words = expand(lists[key], forms, exclude)
        if section == "cues" and key in ("say", "attitude"):
            for sep in separables:
                if sep.group == key:
                    words += list(sep.joined_forms)
        if section == "cues":
            table[key] = words
        else:
            out[section] = {**out.get(section, {}), key: words}
    out["cues"] = table
    return out


def expand(words: Iterable[str], forms: dict[str, list[str]], exclude: frozenset[str] = frozenset()) -> list[str]:
    """``words``, each followed by the other forms of its lemma (one-word entries only)."""
    out: list[str] = []
    seen: set[str] = set()
    for entry in words:
        for item in [entry, *forms.get(entry.strip().lower(), [])]:
            low = item.lower()
            if low not in seen and (item == entry or low not in exclude):
                seen.add(low)
                out.append(item)
    return out


def separable_verbs(code: str, lang: dict[str, Any]) -> list[Separable]:
    """The separable verbs the rules declare, with their forms (from simplemma)."""
    cues = lang.get("cues", {}) if isinstance(lang.get("cues"), dict) else {}
    grammar = lang.get("grammar", {}) if isinstance(lang.get("grammar"), dict) else {}
    particles = sorted((str(p).lower() for p in grammar.get("separable_particles", []) or []), key=len, reverse=True)
    prefixes = tuple(str(p).lower() for p in grammar.get("participle_prefixes", []) or [])
    endings = tuple(str(e).lower() for e in grammar.get("joined_endings", []) or [])
    unjoined = tuple(str(e).lower() for e in grammar.get("unjoined_endings", []) or [])
    declared = [(str(lemma).lower(), group) for key, group in SEPARABLE_GROUPS.items()
                for lemma in cues.get(key, []) or []]
    split = []
    for lemma, group in declared:
        particle = next((p for p in particles if lemma.startswith(p) and len(lemma) > len(p) + 2), None)
        if particle is not None:
            split.append((lemma, particle, group))
    if not split:
        return []
    bases = tuple(sorted({lemma[len(particle):] for lemma, particle, _ in split}))
    by_lemma = _lookup(code, (), bases)["lemmas"]
    out = []
    for lemma, particle, group in split:
        base = lemma[len(particle):]
        forms = by_lemma.get(base, [])
        participles = {f for f in forms if _participle(f, base, prefixes)}
        # split: the finite forms, particle last ("riep … op")
        finite = tuple(f for f in forms if f not in participles)
        # joined: the participle and the inflected forms ("opgeroepen", "dat hij oproept", "aankondigde"),
        # not the stem, infinitive or plural, which joined are mostly nouns ("het voorstel", "de voorstellen")
        joined = tuple(sorted(particle + f for f in forms if f in participles or endings and f.endswith(endings)
                              or unjoined and _strong_past(f, base, unjoined)))
        out.append(Separable(lemma, particle, finite, joined, group))
    return out


def _strong_past(form: str, lemma: str, unjoined: tuple[str, ...]) -> bool:
    """A past form with a vowel of its own ("gaf", "riep", "hield" of "geven", "roepen", "houden").

    Joined to its particle it is a verb ("zoals hij aangaf"), where the stem and the
    forms with an ending of ``unjoined`` are mostly nouns or adjectives ("de opgave",
    "uitsluitend").  A form the lemma opens with is its stem ("merk" of "merken").
    """
    return not form.endswith(unjoined) and not lemma.startswith(form) and len(form) >= 2


def _participle(form: str, lemma: str, prefixes: tuple[str, ...]) -> bool:
    """A past participle formed with a prefix ("geroepen" of "roepen", "gegeven" of "geven")."""
    return any(form.startswith(p) and form[len(p):len(p) + 2] == lemma[:2] and form != lemma for p in prefixes)


def separable_patterns(separables: list[Separable]) -> list[dict[str, Any]]:
    """A Matcher pattern per separable verb for its split use: a finite form, a few words, the particle."""
    return [{"id": f"{SPLIT_ID}{sep.lemma}", "group": sep.group,
             "pattern": [{"LOWER": {"IN": list(sep.base_forms)}}, {"IS_PUNCT": False, "OP": f"{{0,{SPLIT_GAP}}}"},
                         {"LOWER": sep.particle}]}
            for sep in separables if sep.base_forms]


# --- simplemma, through a cache -------------------------------------------------------

def _lookup(code: str, heads: tuple[str, ...], lemmas: tuple[str, ...]) -> dict[str, Any]:
    """{"forms": the other forms of each head's lemma, "lemmas": every form of each lemma}, cached."""
    key = hashlib.sha256(json.dumps([CACHE_VERSION, _simplemma_version(), code, heads, lemmas]).encode())
    folder = _cache_dir()
    path = folder / f"inflections-{code}-{key.hexdigest()[:24]}.json" if folder else None
    if path is not None:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    found = _from_simplemma(code, heads, lemmas)
    if path is not None and (found["forms"] or found["lemmas"]):
        _write_cache(path, json.dumps(found, ensure_ascii=False, sort_keys=True))
    return found


def _from_simplemma(code: str, heads: tuple[str, ...], lemmas: tuple[str, ...]) -> dict[str, Any]:
    empty: dict[str, Any] = {"forms": {}, "lemmas": {}}
    try:
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory
    except ImportError:
        return empty
    try:
        table = DefaultDictionaryFactory().get_dictionary(code)
    except (ValueError, KeyError, OSError):
        return empty  # no dictionary for this language: the rules' own forms only
    lemma_of = {h: table.get(h, h) for h in heads}
    witnesses: dict[str, int] = {}
    for lemma in lemma_of.values():
        witnesses[lemma] = witnesses.get(lemma, 0) + 1
    lemma_of = {h: lemma for h, lemma in lemma_of.items() if witnesses[lemma] >= 2}  # see the module docstring
    wanted = set(lemma_of.values()) | set(lemmas)
    by_lemma: dict[str, set[str]] = {lemma: {lemma} for lemma in wanted}
    for form, lemma in table.items():
        if lemma in wanted and form.isalpha() and form.islower():
            by_lemma[lemma].add(form)
    forms = {h: sorted(by_lemma[lemma] - {h}) for h, lemma in lemma_of.items() if len(by_lemma[lemma]) > 1}
    return {"forms": forms, "lemmas": {lemma: sorted(by_lemma[lemma]) for lemma in lemmas}}


@lru_cache(maxsize=1)
def _simplemma_version() -> str:
    try:
        from importlib.metadata import version

        return version("simplemma")
    except Exception:  # noqa: BLE001 - not installed, or no metadata: no cache key worth keeping
        return "none"


@lru_cache(maxsize=1)
def _cache_dir() -> Path | None:
    try:
        from platformdirs import user_cache_dir

        folder = Path(os.environ.get("SRCVIEW_CACHE") or user_cache_dir("srcview"))
        folder.mkdir(parents=True, exist_ok=True)
        return folder if folder.is_dir() and os.access(folder, os.W_OK) else None
    except OSError:
        return None


def _write_cache(path: Path, text: str) -> None:
    """Write a cache file atomically; a cache that cannot be written is simply not kept."""
    if path.is_symlink():
        return
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".inflections-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
