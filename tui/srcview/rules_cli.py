"""``--check-rules``, ``--show-rules`` and ``--init-rules``: the rules from the command line."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import RulesError
from .rules import check_files, default_rules_dir, load_rules, shipped_files


def check(paths: Sequence[str]) -> int:
    """Print every problem in ``paths``; 0 when there is none, 2 otherwise."""
    problems = check_files(paths)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"srcview: {len(problems)} {noun} in {len(paths)} rules file(s)", file=sys.stderr)
        return 2
    print(f"{', '.join(paths)}: ok")
    return 0


def init(folder: str, force: bool = False) -> int:
    """Write the commented default rules into ``folder``; never overwrite without ``force``."""
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise RulesError("is not a directory", path=target)
    source = default_rules_dir()
    names = shipped_files(source)
    existing = [target / name for name in names if (target / name).exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise RulesError(f"would overwrite {names}; use --force to replace", path=target)
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(source / name, target / name)
    print(f"wrote {', '.join(str(target / n) for n in names)}")
    print(f"edit them, then: srcview --rules {target / 'scoring.toml'} ARTICLE "
          f"(or copy what you change into ./srcview.toml)")
    return 0


def show(files: Iterable[Path]) -> int:
    """Print the effective rules, each value with the file it came from."""
    rules = load_rules(files)
    print("# effective rules, in the order they were layered:")
    for path in rules.files:
        print(f"#   {path}")
    for key, value, origin in _leaves(rules.data, rules.origins):
        print(f"{key} = {_value(value)}  # {origin}")
    return 0


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


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
