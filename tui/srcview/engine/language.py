"""Which language an article is in, and a clear refusal when srcview has no rules for it.

The rules' own frequent function words (``detect`` in each language file)
decide when they are sure: in Dutch and English news a fifth or more of the
words are such words, in Portuguese or German only a few.  When they are not
sure, py3langid, a maintained language identifier that runs offline on a
small model, names the language; an article in a language without rules is
refused with that name rather than analysed as if it were Dutch or English.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from typing import Any

from ..errors import SrcviewError
from ..rules import Rules, default_rules_dir

#: Below this many words a text says too little to refuse it: the default language is used.
MIN_WORDS = 12
SAMPLE = 20_000  # characters read to decide
_STRIP = ".,;:!?\"“”‘’'()„«»[]"


class UnknownLanguage(SrcviewError):
    """The article is in a language srcview has no rules for."""


def function_word_shares(text: str, rules: Rules) -> dict[str, float]:
    """For each language with rules, the share of the text's words that are its frequent function words."""
    words = [w.strip(_STRIP) for w in text[:SAMPLE].lower().split()]
    counts = Counter(words)
    total = max(1, len(words))
    return {code: sum(counts[w] for w in set(rules.lang(code).get("detect", []))) / total
            for code in rules.languages}


def detect(text: str, rules: Rules) -> str:
    """The code of the article's language, from the languages the rules have.

    Raises :class:`UnknownLanguage` when the text is long enough to tell and is
    in none of them.
    """
    settings = rules.settings
    default = str(settings["default_language"])
    shares = function_word_shares(text, rules)
    ranked = sorted(shares, key=lambda code: -shares[code])
    best = ranked[0] if ranked and shares[ranked[0]] else default
    clear = len(ranked) < 2 or shares[ranked[0]] > shares[ranked[1]]
    if shares.get(best, 0.0) >= float(settings["detect_min_share"]) and clear:
        return best
    found = identify(text[:SAMPLE])
    if found is not None and found[0] in shares:
        return found[0]
    if found is None or len(text[:SAMPLE].split()) < MIN_WORDS or found[1] < 0.5:
        return best  # too little to go on: the best guess, never a refusal
    code = found[0]
    known = ", ".join(sorted(shares))
    raise UnknownLanguage(f"the text looks like {language_name(code)} ({code}), and srcview has rules for "
                          f"{known} only; --lang {best} analyses it anyway")


def identify(text: str) -> tuple[str, float] | None:
    """py3langid's language code and probability for ``text``, or None when py3langid is not installed."""
    ident = _identifier()
    if ident is None:
        return None
    code, probability = ident.classify(text)
    return str(code), float(probability)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    try:
        return json.loads((default_rules_dir() / "language-names.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def language_name(code: str) -> str:
    """"Portuguese" for "pt"; the code itself when the name is not known."""
    return _names().get(code, code)
