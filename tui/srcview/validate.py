"""Checking rules files: every problem, each with its file, line and column.

The shape of the rules is declared once, in :mod:`srcview.schema`; :func:`check_data`
walks a parsed file against it and reports unknown keys (with a "did you
mean"), wrong types, values out of range, malformed spaCy patterns, duplicate
ids and registry entries without a name.  Positions come from a light scan of
the TOML text (tomllib keeps none).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .schema import SCHEMA, AnyKey, Flag, Num, Pattern, QuotePairs, Table, Tables, Text, Words

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a rules file."""

    path: str
    line: int | None
    col: int | None
    message: str

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.message}"


# --- positions in the TOML text ---------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^(\s*)([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")


def _split_dotted(name: str) -> list[str]:
    return [part.strip().strip('"') for part in name.split(".")]


def locate(text: str) -> dict[Path_, tuple[int, int]]:
    """Line and column (1-based) of every table header and top-level key of a table."""
    where: dict[Path_, tuple[int, int]] = {}
    counters: dict[tuple[str, ...], int] = {}
    table: Path_ = ()
    depth = 0  # inside a multi-line array or inline table
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.split("#", 1)[0] if '"' not in line else line
        if depth == 0:
            m = _HEADER.match(line)
            if m:
                parts = _split_dotted(m.group(2))
                if m.group(1) == "[[":
                    key = tuple(parts)
                    counters[key] = counters.get(key, -1) + 1
                    table = (*parts, counters[key])
                else:
                    table = tuple(parts)
                    # a sub-table of the latest [[array]] item: [registry.names] after [[registry]]
                    for arr, idx in counters.items():
                        if tuple(parts[:len(arr)]) == arr and len(parts) > len(arr):
                            table = (*arr, idx, *parts[len(arr):])
                where.setdefault(table, (n, line.index("[") + 1))
                continue
            m = _KEY.match(line)
            if m:
                path = (*table, *_split_dotted(m.group(2)))
                where.setdefault(path, (n, len(m.group(1)) + 1))
        depth += stripped.count("[") + stripped.count("{") - stripped.count("]") - stripped.count("}")
        depth = max(depth, 0)
    return where


# --- the walk ---------------------------------------------------------------

def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


class _Checker:
    def __init__(self, file: str, text: str, pattern_check: Callable[[Any], str | None] | None) -> None:
        self.file = file
        self.where = locate(text)
        self.problems: list[Problem] = []
        self.pattern_check = pattern_check

    def report(self, path: Path_, message: str) -> None:
        for cut in range(len(path), -1, -1):
            pos = self.where.get(path[:cut])
            if pos is not None:
                self.problems.append(Problem(self.file, pos[0], pos[1], message))
                return
        self.problems.append(Problem(self.file, None, None, message))

    @staticmethod
    def name(path: Path_) -> str:
        out = ""
        for part in path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    def walk(self, value: Any, shape: Any, path: Path_) -> None:
        label = self.name(path)
        if isinstance(shape, Table):
            if not isinstance(value, dict):
                self.report(path, f"'{label}' must be a table, not {_type_name(value)}")
                return
            for key, sub in value.items():
                if key not in shape.keys:
                    close = difflib.get_close_matches(key, list(shape.keys), n=1, cutoff=0.6)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    where = f" in [{label}]" if label else ""
                    self.report((*path, key), f"unknown key '{key}'{where}{hint}")
                    continue
                self.walk(sub, shape.keys[key], (*path, key))
        elif isinstance(shape, AnyKey):
            if not isinstance(value, dict):
                self.report(path, f"'{label}' must be a table, not {_type_name(value)}")
                return
            for key, sub in value.items():
                self.walk(sub, shape.value, (*path, key))
        elif isinstance(shape, Tables):
            if not isinstance(value, list):
                self.report(path, f"'{label}' must be an array of tables ([[{label}]])")
                return
            seen: dict[str, int] = {}
            for i, item in enumerate(value):
                self.walk(item, shape.item, (*path, i))
                if isinstance(item, dict):
                    ident = item.get(shape.ident)
                    if ident is not None and str(ident) in seen:
                        first = seen[str(ident)] + 1
                        self.report((*path, i, shape.ident),
                                    f"duplicate {shape.ident} '{ident}' in [[{label}]] (first at entry {first})")
                    elif ident is not None:
                        seen[str(ident)] = i
                    if label == "registry" and not item.get("name") and not item.get("id"):
                        self.report((*path, i),
                                    "registry entry without a name (give `name`, or the `id` of an entry to change)")
        elif isinstance(shape, Num):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not ok or (shape.integer and not isinstance(value, int)):
                kind = "a whole number" if shape.integer else "a number"
                self.report(path, f"'{label}' must be {kind}, not {_type_name(value)} {value!r}")
            elif not shape.lo <= value <= shape.hi:
                self.report(path, f"'{label}' = {value} is out of range {shape.lo:g}..{shape.hi:g}")
        elif isinstance(shape, Words):
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                self.report(path, f"'{label}' must be a list of strings")
            elif any(not w.strip() for w in value):
                self.report(path, f"'{label}' has an empty string")
            elif shape.single and (several := next((w for w in value if len(w.split()) > 1), None)):
                self.report(path, f"'{label}': '{several}' must be one word (this list is read a word at a time)")
        elif isinstance(shape, Text):
            if not isinstance(value, str):
                self.report(path, f"'{label}' must be text, not {_type_name(value)}")
            elif shape.choices and value not in shape.choices:
                close = difflib.get_close_matches(value, shape.choices, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.report(path, f"'{label}' = '{value}' is not one of {', '.join(shape.choices)}{hint}")
        elif isinstance(shape, QuotePairs):
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                self.report(path, f"'{label}' must be a list of strings")
            else:
                for item in value:
                    marks = item.split()
                    if len(marks) < 2 or any(len(m) > 2 for m in marks):
                        self.report(path, f"'{label}': '{item}' must be an opening mark and the marks that "
                                          "close it, separated by spaces, e.g. \"„ ” “\"")
                        break
        elif isinstance(shape, Flag):
            if not isinstance(value, bool):
                self.report(path, f"'{label}' must be true or false, not {value!r}")
        elif isinstance(shape, Pattern):
            message = self.pattern_check(value) if self.pattern_check else None
            if message:
                self.report(path, f"'{label}' is not a pattern srcview can use: {message}")


_VOCAB: Any = None


#: The most tokens a variable-length pattern token may match ("{0,8}"), and how many such tokens a
#: pattern may have: unbounded wildcards ("*", "+") let a rules file make every analysis crawl.
MAX_REPEAT = 8
MAX_VARIABLE = 2
_BOUNDED = re.compile(r"^\{(\d*),(\d+)\}$|^\{(\d+)\}$")


def _forbidden(node: Any) -> str | None:
    """A key no srcview pattern may use, at any depth: regular expressions, fuzzy matching, extensions."""
    if isinstance(node, dict):
        for key, value in node.items():
            upper = str(key).upper()
            if upper == "REGEX" or upper.startswith("FUZZY"):
                return (f"{key}: regular expressions and fuzzy matching are not allowed in patterns "
                        "(they can backtrack without end); list the words with IN instead")
            if key == "_":
                return "_: custom token attributes are not available to srcview's matcher"
            found = _forbidden(value)
            if found:
                return found
    elif isinstance(node, list):
        for item in node:
            found = _forbidden(item)
            if found:
                return found
    return None


def _unbounded(pattern: list[dict[str, Any]]) -> str | None:
    """Why the pattern's repetition operators are not bounded enough, if they are not."""
    variable = 0
    for token in pattern:
        op = token.get("OP")
        if op is None or op in ("!", "1", "?"):
            variable += op == "?"
            continue
        m = _BOUNDED.match(str(op))
        if m is None:
            return (f"OP = \"{op}\": a token may repeat at most {MAX_REPEAT} times; "
                    f"write a bound such as \"{{0,{MAX_REPEAT}}}\"")
        most = int(m.group(2) or m.group(3))
        if most > MAX_REPEAT:
            return f"OP = \"{op}\": a token may repeat at most {MAX_REPEAT} times"
        variable += most > 1
    if variable > MAX_VARIABLE:
        return f"at most {MAX_VARIABLE} tokens of a pattern may vary in length (this one has {variable})"
    return None


def spacy_pattern_problem(pattern: Any) -> str | None:
    """Why the engine cannot use ``pattern``, or None when spaCy's Matcher takes it and it is bounded."""
    global _VOCAB
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
        return "a pattern is a non-empty list of token tables, e.g. [{LOWER = \"zegt\"}]"
    problem = _forbidden(pattern) or _unbounded(pattern)
    if problem:
        return problem
    from .spacy_import import import_spacy

    import_spacy()
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    if _VOCAB is None:
        _VOCAB = Vocab()
    try:
        Matcher(_VOCAB, validate=True).add("check", [pattern])
    except Exception as exc:  # spaCy raises several error types for bad patterns
        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
        detail = next((ln for ln in lines if ln.startswith("-")), None) or (lines[0] if lines else "")
        return re.sub(r"\s+", " ", detail.lstrip("- ")) or type(exc).__name__
    return None


def check_data(file: str | Path, text: str, data: Mapping[str, Any], patterns: bool = True) -> list[Problem]:
    """Every problem of one parsed rules file against :data:`SCHEMA`."""
    checker = _Checker(str(file), text, spacy_pattern_problem if patterns else None)
    checker.walk(dict(data), SCHEMA, ())
    return checker.problems
