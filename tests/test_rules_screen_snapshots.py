"""Snapshots of the rules view (r) and of a rules file broken in the editor.

Like tests/test_app_snapshots.py: the theme is fixed, animations are off, every
picture waits for the analysis, and only relative paths appear on screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from srcview.app import SrcviewApp
from support import ready as _ready

ROOT = Path(__file__).resolve().parent.parent
NL = "samples/nl-kernwapens-gesprekken.txt"


pytestmark = pytest.mark.usefixtures("stable_env")


async def ready(pilot) -> None:
    """Wait for the analysis, then let the screen settle twice (snapshots must not catch it moving)."""
    await _ready(pilot, pauses=2)


def test_rules_screen(snap_compare, engine):
    """r on the Dutch sample: every weight and numeric setting, where it comes from, its range."""
    app = SrcviewApp(NL, engine=engine, theme="textual-dark", animations=False)

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(110, 36), run_before=run_before)


def test_rules_error_after_editing(snap_compare, engine, tmp_path, monkeypatch):
    """e, and the editor leaves srcview.toml broken: file:line:col in the app, the old rules kept.

    Runs in an empty folder so the file shown is the relative ``srcview.toml``; the
    article is passed as text under its usual relative name.
    """
    text = (ROOT / NL).read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    app = SrcviewApp(NL, text=text, engine=engine, theme="textual-dark", animations=False)
    app.edit_file = lambda path: path.write_text("[weights]\nbase_named = 70\nbase_anonymous = lots\n",
                                                 encoding="utf-8")

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("e")
        await ready(pilot)
        pilot.app.clear_notifications()  # the toast times out: keep the picture independent of timing
        await pilot.pause()

    assert snap_compare(app, terminal_size=(110, 36), run_before=run_before)


def _moved(size):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        table = pilot.app.screen.table
        table.move_cursor(row=1, animate=False)  # base_anonymous
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.query_one("#rules-input").value = ""
        await pilot.press("2", "0", "enter")
        await ready(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def test_rules_with_moved_claims(snap_compare, engine):
    """base_anonymous 35 → 20: beside the table, what the row does and each claim it moved, old → new."""
    app = SrcviewApp(NL, engine=engine, theme="textual-dark", animations=False)
    assert snap_compare(app, terminal_size=(140, 40), run_before=_moved((140, 40)))


def test_rules_with_moved_claims_80x24(snap_compare, engine):
    """The same at 80×24: the description and the moved claims below the table."""
    app = SrcviewApp(NL, engine=engine, theme="textual-dark", animations=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_moved((80, 24)))
