"""``--check-rules``, ``--show-rules`` and ``--init-rules``: the rules from the command line."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .cleaning import clean
from .errors import RulesError, SrcviewError
from .export import dumps
from .rules import USER_FILE, check_files, default_rules_dir, load_rules, shipped_files


def check(paths: Sequence[str]) -> int:
    """Print every problem in ``paths``; 0 when there is none, 2 otherwise."""
    problems = check_files(paths)
    for problem in problems:  # keys and values come from the file: no escape sequence reaches the terminal
        print(clean(problem.format()), file=sys.stderr)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"srcview: {len(problems)} {noun} in {len(paths)} rules file(s)", file=sys.stderr)
        return 2
    print(clean(f"{', '.join(paths)}: ok"))
    return 0


def init(folder: str, force: bool = False) -> int:
    """Write the commented default rules into ``folder``; never overwrite without ``force``.

    Each file is written like any output (:mod:`srcview.outfile`): atomically,
    through links.  A folder that cannot be made (a path under a file, ``/proc``)
    is one line, not a traceback.
    """
    from .outfile import atomic_writer

    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise RulesError("is not a directory", path=target)
    source = default_rules_dir()
    names = shipped_files(source)
    existing = [target / name for name in names if (target / name).is_symlink() or (target / name).exists()]
    if existing and not force:
        shown = ", ".join(str(p) for p in existing)
        raise RulesError(f"would overwrite {shown}; use --force to replace", path=target)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise RulesError("cannot make the folder: a file is in the way", path=target) from None
    except OSError as exc:
        raise RulesError(f"cannot make the folder: {exc.strerror or exc}", path=target) from None
    for name in names:
        try:
            text = (source / name).read_text(encoding="utf-8")
        except OSError as exc:
            raise RulesError(f"cannot read the shipped rules: {exc.strerror or exc}", path=source / name) from None
        try:
            with atomic_writer(target / name) as handle:
                handle.write(text)
        except SrcviewError as err:
            raise RulesError(err.message, path=target / name) from None
    print(clean(f"wrote {', '.join(str(target / n) for n in names)}"))
    print(clean(f"edit them, then: srcview --rules {target / 'scoring.toml'} ARTICLE "
                f"(or copy what you change into ./{USER_FILE})"))
    return 0


def show(files: Iterable[Path]) -> int:
    """Print the effective rules, each value with the file it came from.

    A registry entry shows the credibility that is used and its basis (your
    rules, a published rating, or the editorial default).
    """
    rules = load_rules(files)
    print("# effective rules, in the order they were layered:")
    for path in rules.files:
        print(clean(f"#   {path}"))
    from .credibility import effective_registry

    effective = {str(e.get("id") or e.get("name")): e for e in effective_registry(rules)}
    for key, value, origin in _leaves(rules.data, rules.origins):
        entry = effective.get(key.removeprefix("registry.")) if key.startswith("registry.") else None
        if entry is not None:  # the credibility that is used, and where it comes from
            value = {**value, "credibility": entry.get("credibility")}
            if entry.get("domain"):
                value["domain"] = entry["domain"]
            if entry.get("credibility_basis"):
                origin = f"{origin}; credibility: {entry['credibility_basis']}"
        print(f"{clean(key)} = {_value(value)}  # {clean(origin)}")
    return 0


def _value(value: Any) -> str:
    """A value as JSON on one line; anything but printable text only as escapes."""
    return dumps(value)


def _leaves(data: dict[str, Any], origins: dict[tuple, Path]) -> Iterable[tuple[str, Any, str]]:
    for key, value in data.items():
        if key == "registry" and isinstance(value, list):
            for entry in value:
                ident = entry.get("id") or entry.get("name")
                origin = origins.get(("registry", ident, "name")) or origins.get(("registry", ident, "id"))
                yield f"registry.{ident}", {k: v for k, v in entry.items() if k != "id"}, str(origin or "?")
            continue
        yield from _table((key,), value, origins)


def _table(path: tuple, value: Any, origins: dict[tuple, Path]) -> Iterable[tuple[str, Any, str]]:
    if isinstance(value, dict) and not (value and all(isinstance(v, (str, int, float)) for v in value.values())
                                        and path[-1] == "names"):
        for key, sub in value.items():
            yield from _table((*path, key), sub, origins)
        return
    yield ".".join(str(p) for p in path), value, str(origins.get(path, "?"))
