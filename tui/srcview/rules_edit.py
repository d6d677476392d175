"""Changing a user's rules file in place: comments, order and layout survive.

Uses tomlkit, which keeps a TOML document's formatting on a round trip (the
standard library only reads TOML).  Every save is atomic — a temporary file in
the same folder, then a rename — and keeps the previous versions as
``NAME.bak`` (the last), ``NAME.bak.1`` and ``NAME.bak.2``.  A rules file that
is a symbolic link is written through the link: the link stays, its target
changes.

Every failure — a file that is not UTF-8 or not TOML, a folder where the file
should be, a parent that is a file, a value where a table should be, a disk
that refuses the write — is a :class:`RulesError` with one line naming the
file; nothing is written then.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomlkit

from .errors import RulesError, SrcviewError
from .rules import check_files
from .textio import atomic_writer

#: Backups kept of a rules file before each save: NAME.bak, NAME.bak.1, …
BACKUPS = 3


def set_values(path: str | Path, changes: Mapping[tuple[str, ...], Any]) -> Path | None:
    """Set each ``(table, …, key) → value`` in the rules file at ``path`` (created if missing).

    The new text is checked like any rules file before it replaces the old one;
    a change that would make the file invalid raises RulesError and writes
    nothing.  Returns the backup of the previous version, if there was one.
    """
    target = real_path(path)
    old, doc = _load(target)
    for keys, value in changes.items():
        node: Any = doc
        for depth, key in enumerate(keys[:-1]):
            if key not in node:
                node[key] = tomlkit.table()
            node = node[key]
            if not isinstance(node, Mapping):
                where = ".".join(keys[: depth + 1])
                raise RulesError(f"cannot set {'.'.join(keys)}: '{where}' is a value, not a table", path=target)
        node[keys[-1]] = value
    return _write_checked(target, tomlkit.dumps(doc), old)


def add_registry_entry(path: str | Path, entry: Mapping[str, Any]) -> Path | None:
    """Add (or replace, by id) a ``[[registry]]`` entry in the user's rules file."""
    target = real_path(path)
    old, doc = _load(target)
    entries = doc.get("registry")
    if entries is None:
        entries = tomlkit.aot()
        doc["registry"] = entries
    elif not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise RulesError("cannot add a source: 'registry' is not a list of [[registry]] tables", path=target)
    table = tomlkit.table()
    for key, value in entry.items():
        table[key] = value
    for i, existing in enumerate(entries):
        if existing.get("id") == entry.get("id"):
            entries[i] = table
            break
    else:
        entries.append(table)
    return _write_checked(target, tomlkit.dumps(doc), old)


def real_path(path: str | Path) -> Path:
    """The file a save should change: ``path``, or what it links to (so the link itself stays)."""
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    return target


def _load(target: Path) -> tuple[str | None, Any]:
    """The file's text (None when it is not there yet) and its tomlkit document."""
    if target.is_dir():
        raise RulesError("is a folder, not a rules file", path=target)
    try:
        old: str | None = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    except NotADirectoryError:
        raise RulesError("cannot be created: a folder on its path is a file", path=target) from None
    except UnicodeDecodeError:
        raise RulesError("cannot edit, the file is not UTF-8 text", path=target) from None
    except OSError as exc:
        raise RulesError(f"cannot read: {exc.strerror or exc}", path=target) from None
    try:
        doc = tomlkit.parse(old or "")
    except Exception as exc:  # noqa: BLE001 - tomlkit raises its own ParseError family
        raise RulesError(f"cannot edit, the file is not valid TOML: {exc}", path=target) from None
    return old, doc


def _write_checked(target: Path, text: str, previous: str | None) -> Path | None:
    if text and not text.endswith("\n"):
        text += "\n"
    _check_text(target, text)
    return write_with_backup(target, text, previous)


def _check_text(target: Path, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / (target.name or "srcview.toml")
        probe.write_text(text, encoding="utf-8")
        problems = check_files([probe])
    if problems:
        first = problems[0]
        raise RulesError(f"the change would break the rules: {first.message}", path=target, line=first.line,
                         col=first.col)


def write_with_backup(target: Path, text: str, previous: str | None) -> Path | None:
    """Write ``text`` to ``target`` atomically, keeping ``previous`` as ``target.bak`` (older ones as .bak.N)."""
    target = real_path(target)
    backup = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise RulesError("cannot be created: a folder on its path is a file", path=target) from None
    except OSError as exc:
        raise RulesError(f"cannot create its folder: {exc.strerror or exc}", path=target) from None
    if previous is not None:
        backup = target.with_name(target.name + ".bak")
        _rotate(backup)
        _atomic_write(backup, previous)
    _atomic_write(target, text)
    return backup


def _rotate(backup: Path) -> None:
    """NAME.bak → NAME.bak.1 → NAME.bak.2 …, the oldest dropped; links and folders are left alone."""
    older = [backup, *(backup.with_name(f"{backup.name}.{n}") for n in range(1, BACKUPS))]
    for newer, old in reversed(list(zip(older, older[1:], strict=False))):
        if newer.is_file() and not newer.is_symlink() and not old.is_dir() and not old.is_symlink():
            with contextlib.suppress(OSError):
                os.replace(newer, old)


def _atomic_write(target: Path, text: str) -> None:
    try:
        with atomic_writer(target, newline="") as handle:
            handle.write(text)
    except SrcviewError as err:
        raise RulesError(err.message.replace("cannot write output", "cannot save"), path=target) from None
    except OSError as exc:
        raise RulesError(f"cannot save: {exc.strerror or exc}", path=target) from None
