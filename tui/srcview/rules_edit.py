"""Changing a user's rules file in place: comments, order and layout survive.

Uses tomlkit, which keeps a TOML document's formatting on a round trip (the
standard library only reads TOML).  Every save is atomic — a temporary file in
the same folder, then a rename — and keeps the previous version as ``NAME.bak``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomlkit

from .errors import RulesError
from .rules import check_files
from .textio import atomic_writer


def set_values(path: str | Path, changes: Mapping[tuple[str, ...], Any]) -> Path | None:
    """Set each ``(table, …, key) → value`` in the rules file at ``path`` (created if missing).

    The new text is checked like any rules file before it replaces the old one;
    a change that would make the file invalid raises RulesError and writes
    nothing.  Returns the backup of the previous version, if there was one.
    """
    target = Path(path)
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    try:
        doc = tomlkit.parse(old)
    except Exception as exc:  # tomlkit raises its own ParseError family
        raise RulesError(f"cannot edit, the file is not valid TOML: {exc}", path=target) from None
    for keys, value in changes.items():
        node: Any = doc
        for key in keys[:-1]:
            if key not in node:
                node[key] = tomlkit.table()
            node = node[key]
        node[keys[-1]] = value
    new = tomlkit.dumps(doc)
    _check_text(target, new)
    return write_with_backup(target, new, old if target.exists() else None)


def add_registry_entry(path: str | Path, entry: Mapping[str, Any]) -> Path | None:
    """Add (or replace, by id) a ``[[registry]]`` entry in the user's rules file."""
    target = Path(path)
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    doc = tomlkit.parse(old)
    entries = doc.get("registry")
    if entries is None:
        entries = tomlkit.aot()
        doc["registry"] = entries
    table = tomlkit.table()
    for key, value in entry.items():
        table[key] = value
    for i, existing in enumerate(entries):
        if existing.get("id") == entry.get("id"):
            entries[i] = table
            break
    else:
        entries.append(table)
    new = tomlkit.dumps(doc)
    _check_text(target, new)
    return write_with_backup(target, new, old if target.exists() else None)


def _check_text(target: Path, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / target.name
        probe.write_text(text, encoding="utf-8")
        problems = check_files([probe])
    if problems:
        first = problems[0]
        raise RulesError(f"the change would break the rules: {first.message}", path=target, line=first.line,
                         col=first.col)


def write_with_backup(target: Path, text: str, previous: str | None) -> Path | None:
    """Write ``text`` to ``target`` atomically, keeping ``previous`` as ``target.bak``."""
    backup = None
    if previous is not None:
        backup = target.with_name(target.name + ".bak")
        _atomic_write(backup, previous)
    _atomic_write(target, text)
    return backup


def _atomic_write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(target, newline="") as handle:
        handle.write(text)
