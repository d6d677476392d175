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
#: The same story from a saved New York Times page and a Reuters wire (its dateline names the agency).
TALKS = ("tests/data/talks-nyt.html", "tests/data/talks-reuters.txt")


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
        assert str(profiles.get_row_at(0)[0]) == "claims"  # no outlet is known: no rows say so


@aio
async def test_profiles_set_the_outlets_side_by_side(engine):
    app = make_app(engine, paths=TALKS)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        profiles = app.query_one("#cmp-profiles")
        assert [str(cell) for cell in profiles.get_row_at(0)] == [
            "outlet", "The New York Times (nytimes.com)", "Reuters (reuters.com)"]
        assert [str(cell) for cell in profiles.get_row_at(1)] == [
            "outlet rating", "0.86 · Lin et al. 2023 · nytimes.com", "1.00 · Lin et al. 2023 · reuters.com"]
        # each claim in full says where its source's credibility comes from
        row = next(i for i, cells in enumerate(app.rows)
                   if cells[0] and app.comparison.articles[0].claims[cells[0][1] - 1].source
                   and app.comparison.articles[0].claims[cells[0][1] - 1].source.canonical == "White House")
        app.show_row(row)
        await pilot.pause()
        left, right = app.detail_texts()
        assert "source: White House · credibility 0.70 · srcview default for a government body" in left
        assert "source: White House · credibility 0.70" in right


@aio
async def test_a_decoding_note_is_said_in_the_compare_view(engine, tmp_path):
    old = tmp_path / "oud.txt"
    old.write_bytes((ROOT / A).read_text(encoding="utf-8").encode("cp1252"))  # its “ and ” are not UTF-8 now
    app = make_app(engine, paths=(str(old), B))
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        notice = app.query_one("#notice")
        assert str(notice.render()) == f"Note: {old}: not UTF-8: decoded as Windows-1252"
        assert notice.has_class("-note") and not notice.has_class("-error")


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


def test_compare_outlets_120x36(snap_compare, engine):
    """The same story from The New York Times and Reuters: each outlet and its rating with its basis side by
    side in the profiles, above how each sources the facts they share."""
    assert snap_compare(make_app(engine, paths=TALKS), terminal_size=(120, 36), run_before=ready)


def test_compare_outlets_80x24(snap_compare, engine):
    """In a small terminal the outlets and their ratings are the first rows of the profiles."""
    assert snap_compare(make_app(engine, paths=TALKS), terminal_size=(80, 24), run_before=ready)
