"""The compare view (several articles side by side): Pilot tests and snapshots.

Two small Dutch articles in tests/data: one names the minister and quotes her,
the other cites "ingewijden" and paraphrases; each has claims the other lacks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from srcview.app.compare_app import CompareApp, claim_cell
from srcview.app.state import AppState
from support import aio
from support import ready as _ready

ROOT = Path(__file__).resolve().parent.parent
A = "tests/data/compare-a.txt"
B = "tests/data/compare-b.txt"


pytestmark = pytest.mark.usefixtures("stable_env")


async def ready(pilot) -> None:
    await _ready(pilot, pauses=2)


def make_app(engine, paths=(A, B)) -> CompareApp:
    return CompareApp(list(paths), engine=engine, theme="textual-dark", animations=False)





@aio
async def test_choosing_a_row_shows_both_claims(engine):
    app = make_app(engine)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        assert app.state is AppState.READY
        comparison = app.comparison
        assert len(comparison.groups) == 2
        assert comparison.only_in[0] and comparison.only_in[1]
        table = app.table
        assert table.row_count == len(comparison.groups) + sum(len(ids) for ids in comparison.only_in)
        # the quoted minister against the paraphrasing anonymous sources
        await pilot.press("j", "enter")
        await pilot.pause()
        left, right = app.detail_texts()
        assert "compare-a.txt" in left and "Anna de Vries" in left and "quoted" in left
        assert "“We moeten nu investeren in munitie en luchtverdediging,” zei De Vries" in left
        assert "compare-b.txt" in right and "anonymous" in right and "bronnen" in right
        assert "Volgens bronnen rond het kabinet moet het geld vooral naar munitie" in right
        # a claim only one article has: the other side says so
        table.move_cursor(row=table.row_count - 1, animate=False)
        await pilot.press("enter")
        await pilot.pause()
        left, right = app.detail_texts()
        assert "not in this article" in left and "zou nog verdeeld" in right


@aio
async def test_file_names_are_painted_before_the_analysis(engine, held_analysis):
    app = make_app(engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.1)
        assert app.state is AppState.ANALYSING
        profiles = app.query_one("#cmp-profiles")
        labels = [str(column.label) for column in profiles.columns.values()]
        assert labels[1:] == ["1 compare-a.txt", "2 compare-b.txt"]
        assert "analysing" in str(profiles.get_row_at(0)[0])
        held_analysis.set()
        await ready(pilot)
        assert app.state is AppState.READY and app.table.row_count == 5


@aio
async def test_profiles_show_each_article(engine):
    app = make_app(engine)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        a, b = app.comparison.profiles
        assert a.counts["named"] == a.claims and a.anonymous_share == 0
        assert b.counts["anonymous"] >= 2 and b.named_sources == []
        profiles = app.query_one("#cmp-profiles")
        assert profiles.row_count == 9 and len(profiles.columns) == 3


@aio
async def test_unreadable_article_is_reported(engine):
    app = make_app(engine, paths=(A, "tests/data/no-such-article.txt"))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.state is AppState.FAILED and app.exit_code == 2
        notice = str(app.query_one("#notice").render())
        assert "no-such-article.txt" in notice and "fewer than two articles" in notice


def test_claim_cell_without_a_claim():
    assert claim_cell(None).plain == "—"


def test_compare_80x24(snap_compare, engine):
    """Two articles in a small terminal: profiles, aligned rows, the first row's claims."""
    assert snap_compare(make_app(engine), terminal_size=(80, 24), run_before=ready)


def test_compare_160x48(snap_compare, engine):
    """Two articles in a large terminal, the second row chosen: quote against paraphrase."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("j", "enter")
        await pilot.pause()

    assert snap_compare(make_app(engine), terminal_size=(160, 48), run_before=run_before)


def test_compare_help(snap_compare, engine):
    """?: the compare view's keys and what its columns mean."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(engine), terminal_size=(120, 36), run_before=run_before)


def test_compare_colours_120x36(snap_compare, engine):
    """Label letters in their colours, scores in their bands, the claims as wide as the columns."""
    assert snap_compare(make_app(engine), terminal_size=(120, 36), run_before=ready)


def test_compare_unrelated(snap_compare, engine):
    """Two articles on different stories: the notice says they share nothing."""
    app = make_app(engine, paths=("samples/nl-kernwapens-gesprekken.txt", "samples/en-harbour-bridge-report.txt"))
    assert snap_compare(app, terminal_size=(120, 36), run_before=ready)
