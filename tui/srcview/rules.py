"""Loading the TOML rules: shipped defaults, then each user file on top.

The rules are one tree of tables.  The shipped defaults are split over several
files under ``rules/`` (weights, one file per language, the source registry);
a user file may hold any part of the same tree.  Later files win: tables merge
key by key, lists and values are replaced, and ``[[registry]]`` entries merge
by their ``id``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RulesError
from .schema import SETTINGS, defaults

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: The shipped files that are not a language: settings and weights first, the registry last.
SCORING_FILE, REGISTRY_FILE = "scoring.toml", "registry.toml"


def shipped_files(folder: Path | None = None) -> list[str]:
    """The shipped rules files in the order they load: scoring, each language (``nl.toml`` …), the registry.

    A language is any other ``*.toml`` in the folder: shipping a language is adding its file.
    """
    folder = folder or default_rules_dir()
    languages = sorted(p.name for p in folder.glob("*.toml") if p.name not in (SCORING_FILE, REGISTRY_FILE))
    return [SCORING_FILE, *languages, REGISTRY_FILE]


def default_rules_dir() -> Path:
    """The shipped ``rules/`` folder: inside the installed package, or the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if (candidate / SCORING_FILE).is_file():
            return candidate
    raise RulesError("the shipped default rules are missing from the installation",
                     path=here / "rules")


@dataclass
class Rules:
    """The effective rules: the merged tree and which file gave each top-level part."""

    data: dict[str, Any]
    files: list[Path] = field(default_factory=list)
    origins: dict[tuple, Path] = field(default_factory=dict)  # key path → file that gave it

    def section(self, *keys: str) -> dict[str, Any]:
        node: Any = self.data
        for key in keys:
            node = node.get(key, {}) if isinstance(node, Mapping) else {}
        return node if isinstance(node, dict) else {}

    @property
    def weights(self) -> dict[str, float]:
        return {k: float(v) for k, v in self.section("weights").items()
                if isinstance(v, (int, float)) and not isinstance(v, bool)}

    @property
    def settings(self) -> dict[str, Any]:
        """Every setting: the schema's defaults with the rules files' values over them."""
        return {**defaults(SETTINGS), **self.section("settings")}

    def lang(self, code: str) -> dict[str, Any]:
        return self.section("lang", code)

    @property
    def languages(self) -> list[str]:
        return sorted(self.section("lang"))

    @property
    def registry(self) -> list[dict[str, Any]]:
        return list(self.data.get("registry", []))

    def with_weights(self, **changes: float) -> Rules:
        """A copy with some weights changed (the original is untouched)."""
        from .validate import check_data

        data = dict(self.data)
        data["weights"] = {**self.section("weights"), **changes}
        problems = check_data("<weights>", "", {"weights": data["weights"]}, patterns=False)
        if problems:
            raise RulesError(problems[0].message)
        return Rules(data, list(self.files), dict(self.origins))


_POS_RE = re.compile(r"at line (\d+), column (\d+)")
USER_FILE = "srcview.toml"


def read_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file, turning every failure into a one-line RulesError."""
    return _read(path)[1]


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RulesError("rules file not found", path=path) from None
    except IsADirectoryError:
        raise RulesError("is a directory, not a rules file", path=path) from None
    except OSError as exc:
        raise RulesError(f"cannot read rules file: {exc.strerror}", path=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RulesError("rules file is not UTF-8 text", path=path) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _POS_RE.search(msg)
        line = int(m.group(1)) if m else None
        col = int(m.group(2)) if m else None
        msg = _POS_RE.sub("", msg).strip().rstrip("()").strip()
        raise RulesError(f"invalid TOML: {msg}", path=path, line=line, col=col) from None


def user_rules_files(cwd: Path | None = None) -> list[Path]:
    """The user's own layers that exist: the config directory's, then the current directory's."""
    from platformdirs import user_config_dir

    found = []
    for folder in (Path(user_config_dir("srcview")), cwd or Path.cwd()):
        path = folder / USER_FILE
        if path.is_file():
            found.append(path)
    return found


def merge(base: dict[str, Any], over: Mapping[str, Any], origins: dict[tuple, Path] | None = None,
          source: Path | None = None, prefix: tuple = ()) -> dict[str, Any]:
    """Merge ``over`` onto ``base``: tables recursively, registry by id, the rest replaced.

    With ``origins``, record which file gave each value (by key path).
    """
    out = dict(base)
    for key, value in over.items():
        path = (*prefix, key)
        if key == "registry" and not prefix and isinstance(value, list):
            by_id = {e.get("id"): i for i, e in enumerate(out.get("registry", [])) if isinstance(e, Mapping)}
            merged = list(out.get("registry", []))
            for entry in value:
                ident = entry.get("id") if isinstance(entry, Mapping) else None
                idx = by_id.get(ident) if ident is not None else None
                if idx is None:
                    merged.append(entry)
                else:
                    merged[idx] = {**merged[idx], **entry}
                if origins is not None and source is not None and isinstance(entry, Mapping):
                    for sub in entry:
                        origins[("registry", ident or entry.get("name"), sub)] = source
            out[key] = merged
        elif isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(dict(out[key]), value, origins, source, path)
        else:
            out[key] = value
            if origins is not None and source is not None:
                _record(origins, path, value, source)
    return out


def _record(origins: dict[tuple, Path], path: tuple, value: Any, source: Path) -> None:
    if isinstance(value, Mapping):
        for key, sub in value.items():
            _record(origins, (*path, key), sub, source)
    else:
        origins[path] = source


def _problems_error(problems: list[Any]) -> RulesError:
    first = problems[0]
    err = RulesError(first.message, path=first.path, line=first.line, col=first.col)
    err.lines = [p.format() for p in problems]  # type: ignore[attr-defined]
    return err


def check_files(paths: Iterable[str | Path], patterns: bool = True) -> list[Any]:
    """Every problem in each of ``paths`` (TOML syntax, keys, types, ranges, patterns, ids)."""
    from .validate import Problem, check_data

    problems: list[Problem] = []
    for item in paths:
        path = Path(item)
        try:
            text, data = _read(path)
        except RulesError as err:
            problems.append(Problem(err.path or str(path), err.line, err.col, err.message))
            continue
        problems += check_data(path, text, data, patterns)
    return problems


def validate(rules: Rules) -> None:
    """Checks that need the merged rules: every registry entry ends up with a name."""
    for entry in rules.registry:
        if not isinstance(entry, Mapping) or not entry.get("name"):
            ident = entry.get("id") if isinstance(entry, Mapping) else None
            where = rules.origins.get(("registry", ident, "id")) or (rules.files[-1] if rules.files else None)
            raise RulesError(f"registry entry '{ident}' has no name and changes no shipped entry", path=where)


def load_rules(extra: Iterable[str | Path] = (), defaults: Path | None = None) -> Rules:
    """The shipped defaults with each of ``extra`` layered on top, every file checked."""
    folder = defaults or default_rules_dir()
    data: dict[str, Any] = {}
    files: list[Path] = []
    origins: dict[tuple, Path] = {}
    for name in shipped_files(folder):
        path = folder / name
        data = merge(data, read_toml(path), origins, path)
        files.append(path)
    extra = [Path(item) for item in extra]
    problems = check_files(extra)
    if problems:
        raise _problems_error(problems)
    for path in extra:
        data = merge(data, read_toml(path), origins, path)
        files.append(path)
    rules = Rules(data, files, origins)
    validate(rules)
    return rules
