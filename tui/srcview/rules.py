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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_FILES = ("scoring.toml", "nl.toml", "en.toml", "registry.toml")


def default_rules_dir() -> Path:
    """The shipped ``rules/`` folder: inside the installed package, or the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if (candidate / DEFAULT_FILES[0]).is_file():
            return candidate
    raise RulesError("the shipped default rules are missing from the installation",
                     path=here / "rules")


@dataclass
class Rules:
    """The effective rules: the merged tree and which file gave each top-level part."""

    data: dict[str, Any]
    files: list[Path] = field(default_factory=list)

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
        return self.section("settings")

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
        data = dict(self.data)
        data["weights"] = {**self.section("weights"), **changes}
        out = Rules(data, list(self.files))
        validate(out)
        return out


_POS_RE = re.compile(r"at line (\d+), column (\d+)")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file, turning every failure into a one-line RulesError."""
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
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _POS_RE.search(msg)
        line = int(m.group(1)) if m else None
        col = int(m.group(2)) if m else None
        msg = _POS_RE.sub("", msg).strip().rstrip("()").strip()
        raise RulesError(f"invalid TOML: {msg}", path=path, line=line, col=col) from None


def merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``over`` onto ``base``: tables recursively, registry by id, the rest replaced."""
    out = dict(base)
    for key, value in over.items():
        if key == "registry" and isinstance(value, list):
            by_id = {e.get("id"): i for i, e in enumerate(out.get("registry", []))}
            merged = list(out.get("registry", []))
            for entry in value:
                idx = by_id.get(entry.get("id")) if isinstance(entry, Mapping) else None
                if idx is None:
                    merged.append(entry)
                else:
                    merged[idx] = {**merged[idx], **entry}
            out[key] = merged
        elif isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(dict(out[key]), value)
        else:
            out[key] = value
    return out


def validate(rules: Rules) -> None:
    """Check the merged rules; raise RulesError naming the first file that is wrong."""
    where = rules.files[-1] if rules.files else None
    for key, value in rules.section("weights").items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RulesError(f"weight '{key}' must be a number, not {value!r}", path=where)
        if not -100 <= value <= 100:
            raise RulesError(f"weight '{key}' = {value} is outside -100..100", path=where)
    threshold = rules.settings.get("match_threshold", 88)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 100:
        raise RulesError(f"settings.match_threshold = {threshold!r} must be between 0 and 100",
                         path=where)
    seen: set[str] = set()
    for entry in rules.registry:
        if not isinstance(entry, Mapping) or not entry.get("name"):
            raise RulesError("a registry entry has no name", path=where)
        ident = str(entry.get("id") or entry["name"])
        if ident in seen:
            raise RulesError(f"registry id '{ident}' is used twice", path=where)
        seen.add(ident)
        cred = entry.get("credibility")
        if cred is not None and (isinstance(cred, bool) or not isinstance(cred, (int, float))
                                 or not 0 <= cred <= 1):
            raise RulesError(f"registry entry '{ident}': credibility {cred!r} must be between 0 and 1",
                             path=where)


def load_rules(extra: Iterable[str | Path] = (), defaults: Path | None = None) -> Rules:
    """The shipped defaults with each of ``extra`` layered on top, validated."""
    folder = defaults or default_rules_dir()
    data: dict[str, Any] = {}
    files: list[Path] = []
    for name in DEFAULT_FILES:
        path = folder / name
        data = merge(data, read_toml(path))
        files.append(path)
    for item in extra:
        path = Path(item)
        data = merge(data, read_toml(path))
        files.append(path)
    rules = Rules(data, files)
    validate(rules)
    return rules
