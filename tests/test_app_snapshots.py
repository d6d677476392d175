"""Snapshots of the Textual app (pytest-textual-snapshot).

Review changes with ``python -m pytest tests/test_app_snapshots.py`` (a failing run
writes an HTML report with both pictures), accept them with ``--snapshot-update``.

Every picture waits for the analysis worker, runs in the repository root so the
file names shown are the same everywhere, fixes the theme, and ignores the
host's ``NO_COLOR`` and ``TEXTUAL_THEME``.  Plain ``def`` tests: ``snap_compare``
runs its own event loop.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from srcview.app import SrcviewApp
from support import ready as _ready

ROOT = Path(__file__).resolve().parent.parent
NL = "samples/nl-kernwapens-gesprekken.txt"
EN = "samples/en-harbour-bridge-report.txt"
BROKEN_RULES = "tests/data/broken-rules.toml"
NYT = "tests/data/talks-nyt.html"  # a saved New York Times page citing The Wall Street Journal


pytestmark = pytest.mark.usefixtures("stable_env")


def make_app(engine, path: str = NL, theme: str = "textual-dark", **kwargs) -> SrcviewApp:
    return SrcviewApp(path, engine=engine, theme=theme, animations=False, **kwargs)


async def ready(pilot) -> None:
    """Wait for the analysis, then let the screen settle twice (snapshots must not catch it moving)."""
    await _ready(pilot, pauses=2)


def then(*keys: str):
    """run_before: wait for the analysis, then press ``keys``."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()

    return run_before


def test_dutch_sample_80x24(snap_compare, engine):
    """The Dutch sample in a small terminal: article on top, claims and detail below."""
    assert snap_compare(make_app(engine), terminal_size=(80, 24), run_before=then())


def test_dutch_sample_160x48(snap_compare, engine):
    """The Dutch sample in a large terminal: article left, claims and detail right."""
    assert snap_compare(make_app(engine), terminal_size=(160, 48), run_before=then())


def test_selected_claim_detail(snap_compare, engine):
    """Claim 29 (hedged, 'volgens de VS') highlighted in the panel and chosen with Enter: the article
    scrolled to it and marked, the full detail with the rule trace."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("c")
        pilot.app.claims_list.highlighted = 28
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(engine), terminal_size=(140, 44), run_before=run_before)


def test_filtered_view(snap_compare, engine):
    """Named and unattributed claims hidden (1, 4): only anonymous and unverified ones listed, untinted rest."""
    assert snap_compare(make_app(engine), terminal_size=(120, 36), run_before=then("1", "4"))


def test_sorted_by_score(snap_compare, engine):
    """o: the panel sorted by score, lowest first."""
    assert snap_compare(make_app(engine), terminal_size=(120, 36), run_before=then("o"))


def test_sources_view(snap_compare, engine):
    """s: one row per source with kind, credibility, claims and mean score."""
    assert snap_compare(make_app(engine), terminal_size=(120, 36), run_before=then("s"))


def test_source_filter(snap_compare, engine):
    """Choosing the first source (most claims) in the sources view filters the panel to it."""
    assert snap_compare(make_app(engine), terminal_size=(120, 36), run_before=then("s", "enter"))


def test_help_screen(snap_compare, engine):
    """?: every key binding."""
    assert snap_compare(make_app(engine), terminal_size=(100, 50), run_before=then("question_mark"))


def test_search(snap_compare, engine):
    """/ then a word: the panel lists the claims holding it, the article marks it."""
    assert snap_compare(make_app(engine), terminal_size=(120, 36),
                        run_before=then("slash", *"oorlog"))


def test_unreadable_file(snap_compare, engine):
    """A missing file: the app opens and says so, no traceback."""
    app = make_app(engine, path="tests/data/no-such-article.txt")
    assert snap_compare(app, terminal_size=(80, 24), run_before=then())


def test_broken_rules(snap_compare):
    """A rules file that does not parse: a warning naming file, line and column; the shipped rules are used."""
    app = SrcviewApp(NL, rules_paths=[BROKEN_RULES], theme="textual-dark", animations=False)
    assert snap_compare(app, terminal_size=(100, 30), run_before=then())


def test_narrow_terminal(snap_compare, engine):
    """60 columns: everything still there, the summary bar drops its least important parts."""
    assert snap_compare(make_app(engine), terminal_size=(60, 24), run_before=then("j", "j"))


def test_english_article(snap_compare, engine):
    """The English sample."""
    assert snap_compare(make_app(engine, path=EN), terminal_size=(120, 36), run_before=then())


def test_light_theme(snap_compare, engine):
    """The colours are theme variables: textual-light recolours everything."""
    app = make_app(engine, theme="textual-light")
    assert snap_compare(app, terminal_size=(100, 30), run_before=then("j", "j", "j"))


def test_no_color(snap_compare, engine, monkeypatch):
    """NO_COLOR: the gutter letters, the selection bar and the underlines still tell the labels apart."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(engine), terminal_size=(100, 30), run_before=then("j"))


def test_detail_with_the_trace_in_view_80x24(snap_compare, engine):
    """80×24, claim 29 (hedged, 'volgens de VS'): the verdict and the rule trace are in view, words whole."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        pilot.app.selected = 29
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(engine), terminal_size=(80, 24), run_before=run_before)


def test_zoomed_detail_80x24(snap_compare, engine):
    """z: the claim detail fills the screen, everything about claim 29 at once."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        pilot.app.selected = 29
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()

    assert snap_compare(make_app(engine), terminal_size=(80, 24), run_before=run_before)


def test_legend(snap_compare, engine):
    """l: what the labels, score bands, trace ids and 'found as' mean."""
    assert snap_compare(make_app(engine), terminal_size=(110, 44), run_before=then("l"))


def test_only_anonymous_claims(snap_compare, engine):
    """@ (shift+2): only the anonymous claims, and the panel says so in words."""
    assert snap_compare(make_app(engine), terminal_size=(120, 36), run_before=then("at"))


def test_quit_prompt(snap_compare, engine):
    """A rule changed and not saved, then q: the app asks before it quits."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        table = pilot.app.screen.table
        table.move_cursor(row=0, animate=False)
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.query_one("#rules-input").value = ""
        await pilot.press("6", "0", "enter")
        await _ready(pilot)
        await pilot.press("escape", "q")
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(engine), terminal_size=(100, 30), run_before=run_before)


# --- issue 14: every credibility with its basis, the article's own outlet --------------------------

def test_header_with_the_outlet_80x24(snap_compare, engine):
    """A saved New York Times page in a small terminal: the header names the outlet with its rating."""
    assert snap_compare(make_app(engine, path=NYT), terminal_size=(80, 24), run_before=then())


def test_claim_detail_with_its_basis(snap_compare, engine):
    """The Wall Street Journal's claim: credibility 0.80 with its basis (Lin et al. 2023 · wsj.com) in the
    trace and in the detail, the domain beside the kind; the header gives the outlet's rating and basis."""
    assert snap_compare(make_app(engine, path=NYT), terminal_size=(150, 50), run_before=then())


def test_sources_view_with_bases_80x24(snap_compare, engine):
    """s at 80 columns: the basis column runs off to the right, the line under the table gives the
    highlighted source's credibility and basis in full, and the article's outlet."""
    assert snap_compare(make_app(engine, path=NYT), terminal_size=(80, 24), run_before=then("s", "j", "j", "j"))


def test_registry_dialog_filled_from_a_rated_domain(snap_compare, engine):
    """+ on The Wall Street Journal's claim: its domain offered, the credibility filled from its published
    rating, and what a save will rest on."""
    assert snap_compare(make_app(engine, path=NYT), terminal_size=(80, 24), run_before=then("plus"))
