"""``r``: the rules view — every weight and numeric setting, edited in place, saved to the user's file.

A weight change re-scores the analysis at once (``scoring.rescore``: no
tokenising); a settings change needs a new engine and runs in a worker.  The
state (the active rules, the changes not saved yet, the undo stack) lives in a
:class:`RulesSession` kept on the app, so it survives closing the view.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from ..errors import SrcviewError
from ..model import Analysis
from ..report import clean

if TYPE_CHECKING:
    from ..rules import Rules
    from .app import SrcviewApp

#: The numeric settings shown (the others are words or flags).
SETTINGS = ("match_threshold", "align_threshold", "heading_max_words", "resolve_window")
USER_FILE = "srcview.toml"


def setting_range(name: str) -> tuple[float, float, bool]:
    from ..validate import SCHEMA

    shape = SCHEMA.keys["settings"].keys[name]
    return shape.lo, shape.hi, shape.integer


def weight_range(name: str) -> tuple[float, float, bool]:
    from ..validate import SCHEMA

    shape = SCHEMA.keys["weights"].keys[name]
    return shape.lo, shape.hi, shape.integer


def fmt(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def plain(value: float) -> int | float:
    """70.0 → 70, so the saved file reads like the user's own."""
    return int(value) if float(value).is_integer() else float(value)


def shown_path(path: Path | str | None) -> str:
    """A file as the user knows it: shipped files by name, others relative to the current folder."""
    if path is None:
        return "–"
    path = Path(path)
    try:
        from ..rules import default_rules_dir

        shipped = default_rules_dir()
        if path.resolve().parent == shipped.resolve():
            return f"shipped {path.name}"
    except SrcviewError:
        pass
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def moved(old: Analysis, new: Analysis) -> tuple[int, int]:
    """(claims whose label changed, claims whose score changed), matched by claim id."""
    before = {c.id: c for c in old.claims}
    labels = scores = 0
    for claim in new.claims:
        was = before.get(claim.id)
        if was is None:
            continue
        labels += was.label != claim.label
        scores += abs(was.score - claim.score) > 1e-9
    return labels, scores


def moved_text(labels: int, scores: int) -> str:
    return (f"{labels} claim{'s' if labels != 1 else ''} changed label, "
            f"{scores} changed score")


def edit_in_editor(app, path: Path) -> None:
    """Open ``path`` in ``$VISUAL``/``$EDITOR`` with the app suspended (the default ``app.edit_file``)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with app.suspend():
        subprocess.run([*shlex.split(editor), str(path)], check=False)


@dataclass
class _State:
    rules: Rules
    analysis: Analysis
    changes: dict[tuple[str, str], Any]


@dataclass
class RulesSession:
    """The rules the app uses now, what changed since the file, and how to go back."""

    app: SrcviewApp
    rules: Rules
    changes: dict[tuple[str, str], Any] = field(default_factory=dict)
    undo_stack: list[_State] = field(default_factory=list)
    status: str = ""
    errors: list[str] = field(default_factory=list)
    busy: bool = False

    @property
    def target(self) -> Path:
        """The file ctrl+s writes: the last rules file the app was given, else ./srcview.toml."""
        return Path(self.app.rules_paths[-1]) if self.app.rules_paths else Path(USER_FILE)

    def rows(self) -> list[tuple[str, str, Any, str, str]]:
        """(section, name, value, origin, range) for every weight and numeric setting."""
        from ..scoring import DEFAULTS

        out = []
        weights = self.rules.weights
        for name in DEFAULTS:
            lo, hi, _ = weight_range(name)
            out.append(("weights", name, weights.get(name, DEFAULTS[name]),
                        shown_path(self.rules.origins.get(("weights", name))), f"{lo:g}..{hi:g}"))
        settings = self.rules.settings
        for name in SETTINGS:
            lo, hi, _ = setting_range(name)
            out.append(("settings", name, settings.get(name),
                        shown_path(self.rules.origins.get(("settings", name))), f"{lo:g}..{hi:g}"))
        return out

    # --- changing a value ------------------------------------------------------------
    def change(self, section: str, name: str, text: str) -> str | None:
        """Apply ``name = text``; the error message, or None when it was applied (or started)."""
        if self.busy:
            return "a re-analysis is still running"
        analysis = self.app.analysis
        if analysis is None:
            return "the analysis is not done yet"
        try:
            value = float(text.strip())
        except ValueError:
            return f"'{clean(text.strip())[:20]}' is not a number"
        if value != value or value in (float("inf"), float("-inf")):
            return f"'{clean(text.strip())[:20]}' is not a number"
        current = next(v for s, n, v, _, _ in self.rows() if (s, n) == (section, name))
        if current == value:
            self.status = f"{name} is {value:g} already"
            return None
        try:
            if section == "weights":
                rules = self.rules.with_weights(**{name: value})
            else:
                rules = self._with_setting(name, value)
        except SrcviewError as err:
            return err.message
        self.undo_stack.append(_State(self.rules, analysis, dict(self.changes)))
        self.changes[(section, name)] = plain(value)
        self.rules = rules
        if section == "weights":
            from ..scoring import rescore

            self._show(rescore(analysis, rules.weights), f"{name} = {value:g}")
        else:
            self._reanalyse(rules, f"{name} = {value:g}")
        return None

    def _with_setting(self, name: str, value: float) -> Rules:
        from ..rules import Rules
        from ..validate import check_data

        lo, hi, integer = setting_range(name)
        if integer and not value.is_integer():
            raise SrcviewError(f"'{name}' must be a whole number")
        settings = {**self.rules.settings, name: int(value) if integer else value}
        problems = check_data("<settings>", "", {"settings": settings}, patterns=False)
        if problems:
            raise SrcviewError(problems[0].message)
        data = dict(self.rules.data)
        data["settings"] = settings
        return Rules(data, list(self.rules.files), dict(self.rules.origins))

    def undo(self) -> str:
        if self.busy:
            return "a re-analysis is still running"
        if not self.undo_stack:
            self.status = "nothing to undo"
            return self.status
        state = self.undo_stack.pop()
        self.rules = state.rules
        self.changes = state.changes
        self._show(state.analysis, "undone")
        return self.status

    def _show(self, analysis: Analysis, what: str) -> None:
        old = self.app.analysis
        labels, scores = moved(old, analysis) if old is not None else (0, 0)
        self.app.rules = self.rules
        self.app.replace_analysis(analysis)
        self.report(f"{what}: {moved_text(labels, scores)}")

    def report(self, text: str, severity: str = "information") -> None:
        self.status = text
        self.app.notify(clean(text), severity=severity, timeout=4)
        screen = self.app.screen
        if isinstance(screen, RulesScreen):
            screen.refresh_view()

    # --- re-analysing ------------------------------------------------------------------
    def _reanalyse(self, rules: Rules, what: str, on_done=None) -> None:
        app = self.app
        text = app._text if app._text is not None else (app.analysis.text if app.analysis else "")
        self.busy = True
        self.status = f"{what}: re-analysing…"
        if isinstance(app.screen, RulesScreen):
            app.screen.refresh_view()

        def work() -> None:
            try:
                from ..engine import Engine

                result = Engine(rules).analyze(text, lang=app.lang, file=app.display_name)
            except Exception as err:  # noqa: BLE001 - one line for the user
                app.call_from_thread(self._failed, f"the re-analysis failed: {err}")
                return
            app.call_from_thread(self._reanalysed, result, what, on_done)

        app.run_worker(work, thread=True, group="rules", exclusive=True, exit_on_error=False)

    def _reanalysed(self, analysis: Analysis, what: str, on_done) -> None:
        self.busy = False
        if on_done is not None:
            on_done()
        self._show(analysis, what)

    def _failed(self, error: str) -> None:
        self.busy = False
        if self.undo_stack:
            state = self.undo_stack.pop()
            self.rules, self.changes = state.rules, state.changes
        self.report(error, "error")

    # --- the file ------------------------------------------------------------------------
    def save(self) -> str:
        from ..rules_edit import set_values

        target = self.target
        if not self.changes:
            self.report(f"nothing to save to {target}")
            return self.status
        try:
            backup = set_values(target, dict(self.changes))
        except SrcviewError as err:
            self.report(str(err), "error")
            return self.status
        self.changes = {}
        self.report(f"saved to {target}" + (f" (backup {backup.name})" if backup else ""))
        return self.status

    def edit(self) -> None:
        """Open the file in the editor; then check it and re-analyse, or show what is wrong."""
        if self.busy:
            self.report("a re-analysis is still running", "warning")
            return
        target = self.target
        try:
            self.app.edit_file(target)
        except Exception as err:  # noqa: BLE001 - no editor, or the terminal cannot be suspended
            self.report(f"cannot open the editor: {type(err).__name__}: {err}", "error")
            return
        if not target.exists():
            self.report(f"{target} was not created; the rules are unchanged")
            return
        self.reload(target)

    def reload(self, target: Path) -> None:
        """Check the rules file ``target`` as it now is on disk; re-analyse, or show what is wrong."""
        from ..rules import check_files, load_rules

        if self.busy:
            return
        problems = check_files([target])
        paths = list(self.app.rules_paths)
        if not problems and str(target) not in paths:
            paths.append(str(target))
        if not problems:
            try:
                rules = load_rules(paths)
            except SrcviewError as err:
                problems = getattr(err, "lines", None) or [str(err)]
            else:
                if self.app.analysis is not None:
                    self.undo_stack.append(_State(self.rules, self.app.analysis, dict(self.changes)))
                self.changes = {}
                self.errors = []
                self.app.clear_notice()

                def adopt() -> None:
                    self.app.rules_paths = paths

                self._reanalyse(rules, f"reloaded {target}", adopt)
                return
        self.errors = [p if isinstance(p, str) else p.format() for p in problems]
        self.app.show_rules_errors(self.errors)
        self.report(f"{target} has {len(self.errors)} problem{'s' if len(self.errors) != 1 else ''}; "
                    "the last good rules stay active", "error")


def session_for(app: SrcviewApp) -> RulesSession:
    if app.rules_session is None:
        rules = app.rules
        if rules is None:
            from ..rules import load_rules

            try:
                rules = load_rules(app.rules_paths)
            except SrcviewError:
                rules = load_rules()
            app.rules = rules
        app.rules_session = RulesSession(app, rules)
    return app.rules_session


class RulesScreen(ModalScreen[None]):
    """Every weight and numeric setting: Enter edits, u undoes, ctrl+s saves, e opens the file."""

    BINDINGS = [
        Binding("escape", "close", "Close the rules"),
        Binding("u", "undo", "Undo the last change"),
        Binding("ctrl+s", "save", "Save the changes to the rules file"),
        Binding("e", "edit_file", "Open the rules file in $EDITOR"),
        Binding("j", "down", show=False),
        Binding("k", "up", show=False),
    ]

    def __init__(self, session: RulesSession) -> None:
        super().__init__()
        self.session = session
        self._editing: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="rules-box") as box:
            box.border_title = "Rules"
            box.border_subtitle = "Enter: edit · u: undo · ^s: save · e: edit file · Esc: close"
            yield Static("", id="rules-file", markup=False)
            yield DataTable(id="rules-table", cursor_type="row", zebra_stripes=True)
            yield Input(id="rules-input", compact=True)
            yield Static("", id="rules-errors", markup=False)
            yield Static("", id="rules-status", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("name", "value", "from", "range"):
            table.add_column(key, key=key)
        if self.app.is_headless:
            self.query_one(Input).cursor_blink = False
        self.refresh_view()
        table.focus()

    @property
    def table(self) -> DataTable:
        return self.query_one("#rules-table", DataTable)

    def refresh_view(self) -> None:
        session = self.session
        target = session.target
        state = "" if target.exists() else " (not there yet: ^s creates it)"
        pending = f" · {len(session.changes)} change{'s' if len(session.changes) != 1 else ''} not saved" \
            if session.changes else ""
        self.query_one("#rules-file", Static).update(f"Rules file: {target}{state}{pending}")
        table = self.table
        row = table.cursor_row
        table.clear()
        for section, name, value, origin, allowed in session.rows():
            changed = (section, name) in session.changes
            table.add_row(
                Content.styled(name, "bold") if changed else name,
                (fmt(value) + (" *" if changed else "  ")).rjust(7),
                "changed here" if changed else origin,
                allowed,
                key=f"{section}.{name}",
            )
        if row:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        errors = self.query_one("#rules-errors", Static)
        errors.update("\n".join(clean(e) for e in session.errors))
        errors.display = bool(session.errors)
        self.query_one("#rules-status", Static).update(clean(session.status))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        section, name = str(event.row_key.value).split(".", 1)
        value = next(v for s, n, v, _, _ in self.session.rows() if (s, n) == (section, name))
        self._editing = (section, name)
        box = self.query_one(Input)
        box.placeholder = name
        box.value = fmt(value)
        box.add_class("-visible")
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._editing is None:
            return
        section, name = self._editing
        error = self.session.change(section, name, event.value)
        if error is not None:
            self.session.status = f"{name}: {error}; kept the old value"
            self.app.notify(clean(self.session.status), severity="error", timeout=4)
            self.refresh_view()
            return
        self._stop_editing()
        self.refresh_view()

    def _stop_editing(self) -> None:
        self._editing = None
        box = self.query_one(Input)
        box.remove_class("-visible")
        self.table.focus()

    def action_close(self) -> None:
        if self._editing is not None:
            self._stop_editing()
            return
        self.dismiss(None)

    def action_undo(self) -> None:
        self.session.undo()
        self.refresh_view()

    def action_save(self) -> None:
        self.session.save()
        self.refresh_view()

    def action_edit_file(self) -> None:
        self.session.edit()
        self.refresh_view()

    def action_down(self) -> None:
        self.table.action_cursor_down()

    def action_up(self) -> None:
        self.table.action_cursor_up()
