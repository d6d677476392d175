"""Gold files: articles labelled by hand, sentence by sentence, for ``srcview --eval``.

A gold folder holds each article (``NAME.txt``, or ``.md``/``.html`` as srcview
reads them) beside ``NAME.gold.jsonl``: one JSON object a line for every
sentence of the article, in order::

    {"text": "Oekraïne ontkent.", "label": "named", "source": "Oekraïne", "cue": "ontkent"}

``text`` (the sentence as it stands in the article) and ``label`` (``named``,
``anonymous``, ``unverified``, ``unattributed`` or ``heading``) are required;
``alt`` (other acceptable labels), ``source`` (as written), ``canonical`` (who it
resolves to), ``aliases`` (other spellings), ``cue``, ``hedged``, ``i`` (the
sentence's number) and ``note`` are optional.  Other keys are kept out of the way.
Blank lines are skipped.  A line that is not such an object is an
:class:`~srcview.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .commands import ARTICLE_SUFFIXES
from .errors import InputError
from .model import LABELS

GOLD_SUFFIX = ".gold.jsonl"
HEADING = "heading"
#: Every label a gold sentence may carry: the claim labels and ``heading``.
GOLD_LABELS: tuple[str, ...] = (*LABELS, HEADING)
#: A gold file larger than this is refused (a sentence a line: far more than any article needs).
MAX_GOLD_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One hand-labelled sentence."""

    i: int  # its number in the article (``i`` in the file, else its position from 0)
    line: int  # its line in the gold file, from 1
    text: str
    label: str
    alt: tuple[str, ...] = ()
    source: str | None = None
    canonical: str | None = None
    aliases: tuple[str, ...] = ()
    cue: str | None = None
    hedged: bool = False

    @property
    def heading(self) -> bool:
        return self.label == HEADING

    @property
    def accepted(self) -> tuple[str, ...]:
        """The labels a prediction may have to be right: the label and its ``alt``."""
        return (self.label, *self.alt)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An article and its gold sentences."""

    article: Path
    gold: Path
    sentences: tuple[GoldSentence, ...]

    @property
    def name(self) -> str:
        return self.article.name


def load_folders(folders: list[str | os.PathLike[str]]) -> list[GoldArticle]:
    """Every gold article in ``folders``, each folder's sorted by article name."""
    return [GoldArticle(article, gold, tuple(read_gold(gold)))
            for folder in folders for article, gold in find_pairs(folder)]


def find_pairs(folder: str | os.PathLike[str]) -> list[tuple[Path, Path]]:
    """(article, gold file) for every ``NAME.gold.jsonl`` in ``folder``, sorted by article.

    An article without a gold file is left out; a gold file without an article
    (``NAME`` with one of srcview's article suffixes, ``.txt`` first) is an error.
    """
    root = Path(folder)
    if not root.exists():
        raise InputError("no such folder", path=root)
    if not root.is_dir():
        raise InputError("not a folder (--eval takes a folder of NAME.txt beside NAME.gold.jsonl)", path=root)
    pairs = []
    for gold in root.iterdir():
        if gold.name.startswith(".") or not gold.name.endswith(GOLD_SUFFIX):
            continue
        stem = gold.name[: -len(GOLD_SUFFIX)]
        article = next((root / (stem + suffix) for suffix in ARTICLE_SUFFIXES if (root / (stem + suffix)).exists()),
                       None)
        if article is None:
            raise InputError(f"no article beside it ({stem}.txt, .md or .html)", path=gold)
        pairs.append((article, gold))
    if not pairs:
        raise InputError(f"no gold files (NAME{GOLD_SUFFIX} beside NAME.txt) in this folder", path=root)
    return sorted(pairs)


def read_gold(path: str | os.PathLike[str]) -> list[GoldSentence]:
    """The sentences of one gold file, checked (raises InputError with the line at fault)."""
    text = _read_text(Path(path))
    sentences: list[GoldSentence] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            sentences.append(parse_line(line, number, len(sentences), path))
    if not sentences:
        raise InputError("no sentences in this gold file", path=path)
    return sentences


def _read_text(path: Path) -> str:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file", path=path)
        if info.st_size > MAX_GOLD_BYTES:
            raise InputError(f"larger than {MAX_GOLD_BYTES:,} bytes", path=path)
        data = path.read_bytes()
    except OSError as err:
        raise InputError(err.strerror or str(err), path=path) from None
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(f"not UTF-8 (byte {data[err.start]:#04x})", path=path, line=line) from None


def parse_line(line: str, number: int, position: int, path: str | os.PathLike[str] = "<gold>") -> GoldSentence:
    """One gold line as a GoldSentence; ``number`` is its line, ``position`` its place among the sentences."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"bad JSON: {err.msg}", path=path, line=number, col=err.colno) from None
    if not isinstance(row, dict):
        raise InputError(f"a gold line is a JSON object, not {_kind(row)}", path=path, line=number)

    def fail(message: str) -> InputError:
        return InputError(message, path=path, line=number)

    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise fail('"text" (the sentence as it stands in the article) is missing or empty')
    label = row.get("label")
    if label not in GOLD_LABELS:
        raise fail(f'"label" is {json.dumps(label, ensure_ascii=False)}: one of {", ".join(GOLD_LABELS)}')
    alt = _strings(row, "alt", fail)
    for other in alt:
        if other not in GOLD_LABELS:
            raise fail(f'"alt" holds {json.dumps(other, ensure_ascii=False)}: labels are {", ".join(GOLD_LABELS)}')
    i = row.get("i", position)
    if not isinstance(i, int) or isinstance(i, bool):
        raise fail('"i" is the sentence\'s number, an integer')
    hedged = row.get("hedged", False)
    if not isinstance(hedged, bool):
        raise fail('"hedged" is true or false')
    return GoldSentence(
        i=i, line=number, text=text, label=label, alt=alt,
        source=_optional(row, "source", fail), canonical=_optional(row, "canonical", fail),
        aliases=_strings(row, "aliases", fail), cue=_optional(row, "cue", fail), hedged=hedged,
    )


def _optional(row: dict[str, Any], key: str, fail) -> str | None:
    value = row.get(key)
    if value is not None and not isinstance(value, str):
        raise fail(f'"{key}" is a string or null, not {_kind(value)}')
    return value


def _strings(row: dict[str, Any], key: str, fail) -> tuple[str, ...]:
    value = row.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f'"{key}" is a list of strings')
    return tuple(value)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")
