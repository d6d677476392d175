"""The rules the app works with, as a session: edits, undo, save, reload, and what each one moved.

No Textual here: the rules view only displays a :class:`RulesSession` and sends
it what the user asked for, and the app runs the one slow step (analysing with
a new engine, :meth:`RulesSession.analyse`) in a worker.  Every operation
returns plain data, or raises :class:`~srcview.errors.SrcviewError` with one
line to show; a failed operation changes nothing.

A change goes in two steps: ``change``/``reload``/``add_source`` check it and
return a :class:`Pending` (for a weight, with the re-scored analysis already in
it); ``apply`` makes it current, keeping the state before it for ``undo``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import RulesError, SrcviewError
from ..model import Analysis
from ..report import clean
from ..rules import USER_FILE, Rules
from .state import SAVE_PLACES


def fmt(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def plain(value: float) -> int | float:
    """70.0 → 70, so the saved file reads like the user's own."""
    return int(value) if float(value).is_integer() else float(value)


def _shape(section: str, name: str) -> Any:
    from ..schema import leaf

    return leaf(section, name)


def value_range(section: str, name: str) -> tuple[float, float, bool]:
    """(lowest, highest, whole numbers only) allowed for a weight or setting."""
    shape = _shape(section, name)
    return shape.lo, shape.hi, shape.integer


def shown_path(path: Path | str | None) -> str:
    """A file as the user knows it: shipped files by name, others relative to the current folder."""
    if path is None:
        return "–"
    path = Path(path)
    try:
        from ..rules import default_rules_dir

        if path.resolve().parent == default_rules_dir().resolve():
            return f"shipped {path.name}"
    except SrcviewError:
        pass
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


@lru_cache(maxsize=1)
def descriptions() -> dict[tuple[str, str], str]:
    """What each weight and setting does, from the rules schema (``srcview.schema``), with its unit."""
    from ..schema import SCHEMA

    out: dict[tuple[str, str], str] = {}
    for section in ("settings", "weights"):
        for name, leaf in SCHEMA.keys[section].keys.items():
            doc = getattr(leaf, "doc", "") or ""
            unit = getattr(leaf, "unit", "") or ""
            out[(section, name)] = doc + (f" (in {unit})" if unit else "")
    return out


def numeric_keys(section: str) -> list[str]:
    """The weights, or the numeric settings, in the schema's order (the rules view's rows)."""
    from ..schema import SCHEMA, Num

    return [name for name, leaf in SCHEMA.keys[section].keys.items() if isinstance(leaf, Num)]


@dataclass(frozen=True)
class RuleRow:
    """One weight or numeric setting as the rules view lists it."""

    section: str
    name: str
    value: Any
    origin: str  # the file it comes from, as the user knows it
    lo: float
    hi: float
    changed: bool  # changed in the app and not saved yet
    description: str

    @property
    def key(self) -> str:
        return f"{self.section}.{self.name}"

    @property
    def allowed(self) -> str:
        return f"{self.lo:g}..{self.hi:g}"


@dataclass(frozen=True)
class MovedClaim:
    """A claim whose score or label a change of the rules moved."""

    id: int
    text: str
    old_label: str
    new_label: str
    old_score: float
    new_score: float


@dataclass(frozen=True)
class Pending:
    """A change of the rules, checked, waiting for its analysis (known already after a weight change)."""

    what: str
    rules: Rules
    changes: Mapping[tuple[str, str], Any]
    rules_paths: tuple[str, ...]
    analysis: Analysis | None = None


@dataclass(frozen=True)
class _Snapshot:
    rules: Rules
    analysis: Analysis
    changes: Mapping[tuple[str, str], Any]
    rules_paths: tuple[str, ...]


def moved_claims(old: Analysis, new: Analysis) -> list[MovedClaim]:
    """The claims (matched by id) whose label or score differs, in document order."""
    before = {c.id: c for c in old.claims}
    out = []
    for claim in new.claims:
        was = before.get(claim.id)
        if was is not None and (was.label != claim.label or abs(was.score - claim.score) > 1e-9):
            out.append(MovedClaim(claim.id, claim.text, was.label, claim.label, was.score, claim.score))
    return out


def moved(old: Analysis, new: Analysis) -> tuple[int, int]:
    """(claims whose label changed, claims whose score changed), matched by claim id."""
    claims = moved_claims(old, new)
    return (sum(m.old_label != m.new_label for m in claims),
            sum(abs(m.old_score - m.new_score) > 1e-9 for m in claims))


def moved_text(labels: int, scores: int) -> str:
    return f"{labels} claim{'s' if labels != 1 else ''} changed label, {scores} changed score"


def _key(path: Path | str) -> str:
    return os.path.abspath(path)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _one_line(err: BaseException, path: Path, doing: str) -> RulesError:
    """Any failure of a save as one RulesError line naming the file."""
    if isinstance(err, RulesError):
        return err
    if isinstance(err, SrcviewError):
        return RulesError(err.message, path=err.path or path, line=err.line, col=err.col)
    if isinstance(err, UnicodeError):
        return RulesError(f"cannot {doing}: the file is not UTF-8 text", path=path)
    if isinstance(err, IsADirectoryError):
        return RulesError(f"cannot {doing}: it is a folder", path=path)
    if isinstance(err, (FileExistsError, NotADirectoryError)):
        return RulesError(f"cannot {doing}: a folder on its path is a file", path=path)
    if isinstance(err, OSError):
        return RulesError(f"cannot {doing}: {err.strerror or err}", path=path)
    return RulesError(f"cannot {doing}: {type(err).__name__}: {err}", path=path)


@dataclass
class RulesSession:
    """The rules in use, the changes not saved yet, the way back, and where a save goes.

    ``text``, ``lang`` and ``file`` are the article's, for re-analysing it, with
    ``note``, ``page`` and ``outlet`` (how it was decoded, what its saved page
    says of itself, ``--outlet``: see :func:`srcview.analysis_process.analyse_article`),
    so that a re-analysis rates the article's own outlet under the new rules too;
    ``rules_paths`` the user's rules files in the order they load;
    ``analyser`` builds the analysis for new rules (a seam for tests).
    """

    rules: Rules
    analysis: Analysis
    text: str
    lang: str = "auto"
    file: str | None = None
    rules_paths: tuple[str, ...] = ()
    save_place: str | None = None  # "here", "config", or None: the last rules file given, else "here"
    analyser: Callable[[Rules, str, str, str | None], Analysis] | None = None
    note: str | None = None
    page: Mapping[str, str] | None = None
    outlet: str | None = None
    changes: dict[tuple[str, str], Any] = field(default_factory=dict)
    undo_stack: list[_Snapshot] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the problems of the last rules file that did not load
    status: str = ""
    last_moved: list[MovedClaim] = field(default_factory=list)
    busy: bool = False  # a re-analysis is running (set by whoever runs it)
    _own: dict[str, tuple[int, int] | None] = field(default_factory=dict)

    # --- where a save goes ------------------------------------------------------------
    def places(self) -> dict[str, Path]:
        """Where a save can go: this folder's srcview.toml, the user config folder's."""
        from platformdirs import user_config_path

        return {"here": Path(USER_FILE), "config": user_config_path("srcview") / USER_FILE}

    @property
    def target(self) -> Path:
        """The file ctrl+s writes: the place chosen, else the last rules file given, else ./srcview.toml."""
        if self.save_place in SAVE_PLACES:
            return self.places()[self.save_place]
        return Path(self.rules_paths[-1]) if self.rules_paths else Path(USER_FILE)

    def next_place(self) -> str:
        """Save elsewhere from now on: the next of the places; returns the place chosen."""
        order = list(SAVE_PLACES)
        current = self.save_place if self.save_place in order else None
        if current is None:  # the default is one of them, or a --rules file: start after it
            here = {str(p.resolve()) for p in [self.target]}
            current = next((k for k, p in self.places().items() if str(p.resolve()) in here), order[-1])
        self.save_place = order[(order.index(current) + 1) % len(order)]
        self.status = f"ctrl+s now saves to {self.target}"
        return self.save_place

    @property
    def dirty(self) -> bool:
        return bool(self.changes)

    # --- what the view shows -------------------------------------------------------
    def rows(self) -> list[RuleRow]:
        """Every weight and numeric setting: value, origin, range and what it does."""
        about = descriptions()
        out = []
        for section, names, values in (("weights", numeric_keys("weights"), self.rules.weights),
                                       ("settings", numeric_keys("settings"), self.rules.settings)):
            for name in names:
                lo, hi, _ = value_range(section, name)
                value = values.get(name, _shape(section, name).default)
                changed = (section, name) in self.changes
                origin = "changed here" if changed else shown_path(self.rules.origins.get((section, name)))
                out.append(RuleRow(section, name, value, origin, lo, hi, changed, about.get((section, name), "")))
        return out

    def value(self, section: str, name: str) -> Any:
        return next(r.value for r in self.rows() if (r.section, r.name) == (section, name))

    # --- changing a value ------------------------------------------------------------
    def change(self, section: str, name: str, text: str) -> Pending | None:
        """Check ``name = text``: the change to apply, or None when the value is already that.

        SrcviewError (one line) when the text is no number or out of range.
        """
        shown = clean(text.strip())[:20]
        try:
            value = float(text.strip().replace(",", "."))
        except ValueError:
            raise SrcviewError(f"'{shown}' is not a number") from None
        if not math.isfinite(value):
            raise SrcviewError(f"'{shown}' is not a number")
        if self.value(section, name) == value:
            self.status = f"{name} is {value:g} already"
            return None
        rules = self.rules.with_weights(**{name: value}) if section == "weights" else self._with_setting(name, value)
        changes = {**self.changes, (section, name): plain(value)}
        pending = Pending(f"{name} = {value:g}", rules, changes, self.rules_paths)
        if section == "weights":
            from ..scoring import rescore

            pending = Pending(pending.what, rules, changes, self.rules_paths, rescore(self.analysis, rules.weights))
        return pending

    def _with_setting(self, name: str, value: float) -> Rules:
        from ..validate import check_data

        _, _, integer = value_range("settings", name)
        if integer and not value.is_integer():
            raise SrcviewError(f"'{name}' must be a whole number")
        settings = {**self.rules.settings, name: int(value) if integer else value}
        problems = check_data("<settings>", "", {"settings": settings}, patterns=False)
        if problems:
            raise SrcviewError(problems[0].message)
        data = dict(self.rules.data)
        data["settings"] = settings
        return Rules(data, list(self.rules.files), dict(self.rules.origins))

    def reload(self, path: Path | str) -> Pending:
        """The rules with ``path`` as it is now on disk (added to the user's files if new).

        RulesError with every problem (``.lines``) when it does not load; the
        problems are kept in ``errors`` for the view.
        """
        from ..rules import check_files, load_rules

        path = Path(path)
        problems = [p.format() for p in check_files([path])]
        paths = list(self.rules_paths)
        if str(path) not in paths:
            paths.append(str(path))
        rules = None
        if not problems:
            try:
                rules = load_rules(paths)
            except SrcviewError as err:
                problems = getattr(err, "lines", None) or [str(err)]
        if rules is None:
            self.errors = problems
            err = RulesError(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; "
                             "the last good rules stay active", path=path)
            err.lines = problems  # type: ignore[attr-defined]
            raise err
        self.errors = []
        return Pending(f"reloaded {path}", rules, {}, tuple(paths))

    def add_source(self, entry: Mapping[str, Any]) -> Pending:
        """Write a ``[[registry]]`` entry to the save target, then the rules with it (SrcviewError: nothing written)."""
        from ..rules_edit import add_registry_entry

        target = self.target
        try:
            add_registry_entry(target, dict(entry))
        except Exception as err:  # noqa: BLE001 - every failure is one line, the app stays
            raise _one_line(err, target, "save") from None
        self._own[_key(target)] = _stamp(Path(target))
        pending = self.reload(target)
        if entry.get("credibility") is not None:
            what = f"{entry.get('name')}: credibility {entry['credibility']:g} saved to {target}"
        else:  # a rated domain and no value of the user's own: the published rating is the credibility
            what = f"{entry.get('name')}: domain {entry.get('domain')} saved to {target}, rated by its domain"
        return Pending(what, pending.rules, self.changes, pending.rules_paths)

    # --- the slow step ------------------------------------------------------------------
    def analyse(self, pending: Pending) -> Analysis:
        """The analysis under ``pending``'s rules (the re-scored one for a weight; else a new engine: slow).

        Touches no state: safe to call from a worker thread.
        """
        if pending.analysis is not None:
            return pending.analysis
        if self.analyser is not None:
            return self.analyser(pending.rules, self.text, self.lang, self.file)
        from ..analysis_process import analyse_article
        from ..engine import Engine

        return analyse_article(Engine(pending.rules), self.text, self.lang, self.file, note=self.note, page=self.page,
                               outlet=self.outlet)

    def apply(self, pending: Pending, analysis: Analysis | None = None) -> str:
        """Make ``pending`` current with its ``analysis``; one line saying what moved."""
        analysis = analysis if analysis is not None else pending.analysis
        if analysis is None:
            raise ValueError("apply needs the analysis of the pending change")
        self.undo_stack.append(_Snapshot(self.rules, self.analysis, dict(self.changes), self.rules_paths))
        self.last_moved = moved_claims(self.analysis, analysis)
        self.rules, self.analysis = pending.rules, analysis
        self.changes = dict(pending.changes)
        self.rules_paths = pending.rules_paths
        self.status = f"{pending.what}: {self._moved_line()}"
        return self.status

    def _moved_line(self) -> str:
        labels = sum(m.old_label != m.new_label for m in self.last_moved)
        scores = sum(abs(m.old_score - m.new_score) > 1e-9 for m in self.last_moved)
        return moved_text(labels, scores)

    def undo(self) -> bool:
        """Go back one step; False when there is nothing to undo."""
        if not self.undo_stack:
            self.status = "nothing to undo"
            return False
        state = self.undo_stack.pop()
        self.last_moved = moved_claims(self.analysis, state.analysis)
        self.rules, self.analysis = state.rules, state.analysis
        self.changes = dict(state.changes)
        self.rules_paths = state.rules_paths
        self.status = f"undone: {self._moved_line()}"
        return True

    # --- the file ---------------------------------------------------------------------
    def save(self) -> Path | None:
        """Write the changes to the target file; the backup made, if any.

        On any failure RulesError (one line), and the changes stay unsaved.
        """
        from ..rules_edit import set_values

        target = self.target
        if not self.changes:
            self.status = f"nothing to save to {target}"
            return None
        try:
            backup = set_values(target, dict(self.changes))
        except Exception as err:  # noqa: BLE001 - every failure is one line, the app stays
            error = _one_line(err, target, "save")
            self.status = f"not saved: {error}"
            raise error from None
        self._own[_key(target)] = _stamp(target)
        origins = dict(self.rules.origins)
        for key in self.changes:
            origins[key] = target
        self.rules = Rules(self.rules.data, [*self.rules.files, target] if target not in self.rules.files
                           else list(self.rules.files), origins)
        if str(target) not in self.rules_paths:
            self.rules_paths = (*self.rules_paths, str(target))
        self.changes = {}
        self.status = f"saved to {target}" + (f" (backup {backup.name})" if backup else "")
        return backup

    def is_own_write(self, path: Path | str) -> bool:
        """Whether ``path`` is as this session last wrote it (a watcher should not reload it)."""
        key = _key(path)
        return key in self._own and _stamp(Path(path)) == self._own[key]

    def watched(self) -> list[Path]:
        """The files whose change on disk should reload the rules."""
        return list(dict.fromkeys([*(Path(p) for p in self.rules_paths), self.target]))


def session_paths(paths: Sequence[str | Path]) -> tuple[str, ...]:
    return tuple(str(p) for p in paths)


__all__ = ["MovedClaim", "Pending", "RuleRow", "RulesSession", "descriptions", "moved", "moved_claims",
           "moved_text", "shown_path"]
