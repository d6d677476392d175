"""The Textual app driven with Pilot: selection, filters, search, palette, mouse, errors, big articles.

The layout helpers (wrapping, the summary bar, sources rows) are tested directly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from srcview.app import SrcviewApp
from srcview.app.article_view import GUTTER, ArticleView
from srcview.app.claim_detail import ClaimDetail
from srcview.app.claims_panel import ClaimsList
from srcview.app.help_screen import HelpScreen
from srcview.app.key_bar import KEYS
from srcview.app.logic import LABELS, ClaimFilter, ClaimIndex, bar_cells, column_to_offset, source_rows, wrap
from srcview.app.search import SearchBox
from srcview.app.sources_screen import SourcesScreen
from srcview.app.state import AppState
from support import SHORT_NL, aio, ready

ROOT = Path(__file__).resolve().parent.parent
NL = str(ROOT / "samples" / "nl-kernwapens-gesprekken.txt")
EN = str(ROOT / "samples" / "en-harbour-bridge-report.txt")
BROKEN_RULES = str(ROOT / "tests" / "data" / "broken-rules.toml")



pytestmark = pytest.mark.usefixtures("clean_env")


def make_app(engine, path: str = NL, **kwargs) -> SrcviewApp:
    return SrcviewApp(path, engine=engine, theme="textual-dark", animations=False, **kwargs)


def visible_lines(view: ArticleView) -> range:
    top = view.scroll_offset.y
    return range(top, top + view.scrollable_content_region.height)


# --- layout helpers -------------------------------------------------------------------

def test_wrap_breaks_at_spaces_and_keeps_offsets():
    text = "Hallo wereld dit is een test\n\nnog een regel die lang is"
    lines = wrap(text, 10)
    assert [text[a:b] for a, b in lines] == [
        "Hallo", "wereld dit", "is een", "test", "", "nog een", "regel die", "lang is"]
    assert all(b - a <= 10 for a, b in lines)


def test_wrap_cuts_long_words_and_counts_wide_characters():
    assert [(a, b) for a, b in wrap("abcdefghij", 4)] == [(0, 4), (4, 8), (8, 10)]
    text = "日本語のテキスト です"
    lines = [text[a:b] for a, b in wrap(text, 6)]
    assert lines == ["日本語", "のテキ", "スト", "です"]


def test_column_to_offset_counts_cells():
    text = "日本 abc"
    assert column_to_offset(text, 0, len(text), 0) == 0
    assert column_to_offset(text, 0, len(text), 2) == 1
    assert column_to_offset(text, 0, len(text), 5) == 3


def test_bar_cells_fill_the_width_and_show_every_label():
    cells = bar_cells({"named": 97, "anonymous": 1, "unverified": 1, "unattributed": 1}, 10)
    assert sum(n for _, n in cells) == 10
    assert [label for label, _ in cells] == list(LABELS)
    assert bar_cells({"named": 0, "anonymous": 0, "unverified": 0, "unattributed": 0}, 10) == []


def test_claim_filter_and_sources(engine):
    analysis = engine.analyze(Path(NL).read_text(encoding="utf-8"), file="nl.txt")
    index = ClaimIndex(analysis)
    assert len(index.visible(ClaimFilter())) == len(analysis.claims)
    named_hidden = index.visible(ClaimFilter(hidden=frozenset({"named"})))
    assert named_hidden and all(c.label != "named" for c in named_hidden)
    by_score = index.visible(ClaimFilter(sort="score"))
    assert [c.score for c in by_score] == sorted(c.score for c in analysis.claims)
    rows = source_rows(analysis)
    assert rows[0].claims == max(r.claims for r in rows)
    post = next(r for r in rows if r.canonical == "Willem Post")
    listed = index.visible(ClaimFilter(source=post.index))
    assert len(listed) == post.claims and all(c.source.canonical == "Willem Post" for c in listed)
    assert all("oorlog" in c.text.lower() for c in index.visible(ClaimFilter(search="OORLOG")))


# --- the app --------------------------------------------------------------------------

@aio
async def test_article_is_painted_before_the_analysis(engine, held_analysis):
    """The article is on screen while the worker still analyses; the claims follow."""
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.1)
        assert app.state is AppState.ANALYSING
        assert "article_painted" in app.marks
        assert "Onderhandelen met Rusland" in app.article.render_line(0).text
        assert app.claims_list.option_count == 0
        held_analysis.set()
        await ready(pilot)
        assert app.state is AppState.READY
        assert app.claims_list.option_count == len(app.analysis.claims) == 39
        assert app.selected == 1


@aio
async def test_selecting_a_claim_scrolls_the_article_to_it(engine):
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        view = app.article
        assert view.scroll_offset.y == 0
        await pilot.press("c", "end")
        await pilot.pause()
        last = app.analysis.claims[-1].id
        assert app.selected == last and view.selected == last
        first, end = view.claim_lines(last)
        assert view.scroll_offset.y > 0
        assert first in visible_lines(view) and end in visible_lines(view)
        assert "▌" in view.render_line(first - view.scroll_offset.y).text  # marked in the gutter
        assert f"claim {last} of 39" in app.detail.text or f"#{last}/39" in app.detail.text  # long or short form
        # Enter on the selected claim brings it back after the article was scrolled away
        view.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert first in visible_lines(view)


@aio
async def test_j_and_k_move_through_the_claims_from_any_pane(engine):
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.article.focus()
        await pilot.press("j", "j", "j")
        assert app.selected == 4
        await pilot.press("k")
        assert app.selected == 3
        await pilot.press("c", "down")
        assert app.selected == 4


@aio
async def test_keys_typed_faster_than_the_app_draws_are_not_lost(engine):
    """Queued keys: ten downs land on claim 11 (no echo fights the cursor); keys typed right
    after / go into the search box, not to the bindings of the pane that had focus."""
    from textual import events

    app = make_app(engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        for _ in range(10):
            app.post_message(events.Key("down", None))
        await pilot.pause(0.3)
        await pilot.pause()
        assert app.selected == 11 and app.claims_list.highlighted_claim == 11
        for key in "jjjj1":  # moves queued behind a filter that rebuilds the list
            app.post_message(events.Key(key, key))
        await pilot.pause(0.3)
        await pilot.pause()
        listed = app.claims_list.claim_ids
        assert app.claims_list.highlighted_claim == (app.selected if app.selected in listed else None)
        assert app.article.selected == app.selected
        await pilot.press("1", "a")
        for key in ("slash", "q", "o", "s", "t"):
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await pilot.pause(0.3)
        assert app.is_running and app.search == "qost" and app.sort == "document"
        assert not isinstance(app.screen, SourcesScreen)


@aio
async def test_label_keys_filter_the_panel(engine):
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        claims = {c.id: c for c in app.analysis.claims}
        await pilot.press("1")
        listed = app.claims_list.claim_ids
        assert listed and all(claims[i].label != "named" for i in listed)
        assert app.article.hidden == frozenset({"named"})
        await pilot.press("2", "3", "4")
        assert app.claims_list.claim_ids == []
        assert "press x to clear" in str(app.query_one("#claims-status").render()).lower()
        await pilot.press("x")
        assert len(app.claims_list.claim_ids) == 39
        await pilot.press("o")
        scores = [claims[i].score for i in app.claims_list.claim_ids]
        assert scores == sorted(scores) and app.sort == "score"
        await pilot.press("o")
        names = [claims[i].source.canonical.casefold() for i in app.claims_list.claim_ids if claims[i].source]
        assert names == sorted(names)
        await pilot.press("o")
        assert app.claims_list.claim_ids == sorted(claims)


@aio
async def test_search_filters_the_claims(engine):
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Post")
        await pilot.pause()
        listed = app.claims_list.claim_ids
        texts = {c.id: c.text for c in app.analysis.claims}
        assert app.search == "Post"
        assert listed and all("post" in texts[i].lower() for i in listed)
        assert len(listed) < 39
        # typing in the box does not trigger the single-letter bindings (q, s, o, x ...)
        assert app.is_running and app.sort == "document"
        await pilot.press("enter")
        assert app.focused is app.claims_list
        await pilot.press("slash", "escape")
        assert app.search == "" and len(app.claims_list.claim_ids) == 39


@aio
async def test_sources_view_filters_and_clears(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        await pilot.press("enter")  # the first source: the one with most claims
        await pilot.pause()
        assert not isinstance(app.screen, SourcesScreen)
        top = source_rows(app.analysis)[0]
        assert app.source_filter == top.index
        listed = app.claims_list.claim_ids
        assert len(listed) == top.claims
        assert app.selected in listed
        sources_x = next(i for i, (key, _, _) in enumerate(KEYS) if key == "s")
        await pilot.click("#keys", offset=(sum(len(k) + len(d) + 3 for k, d, _ in KEYS[:sources_x]) + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)  # the key bar is clickable
        await pilot.press("x")
        await pilot.pause()
        assert app.source_filter is None and len(app.claims_list.claim_ids) == 39


@aio
async def test_command_palette_runs_an_action(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.screen.query_one("CommandInput").value = "hide unverified"
        for _ in range(100):  # the palette searches in the background
            await pilot.pause(0.02)
            hits = app.screen.query("CommandList")
            if hits and hits.first().option_count and "unverified" in str(hits.first().get_option_at_index(0).prompt):
                break
        await pilot.press("enter")
        await pilot.pause()
        assert app.hidden == frozenset({"unverified"})


@aio
async def test_every_action_is_in_the_palette(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        titles = " | ".join(cmd.title.lower() for cmd in app.get_system_commands(app.screen))
        for needle in ("next claim", "previous claim", "hide named", "hide anonymous", "hide unverified",
                       "hide unattributed", "sort claims by score", "search claims", "sources", "clear filters",
                       "help", "quit"):
            assert needle in titles, needle


@aio
async def test_clicking_a_claim_in_the_article_selects_it(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        view = app.article
        target = next(c for c in app.analysis.claims if c.id == 6)
        first, _ = view.claim_lines(target.id)
        line_start = view._lines[first][0]
        column = max(target.start - line_start, 0) + 1
        border = 1  # the pane's border
        await pilot.click("#article", offset=(border + GUTTER + column, border + first - view.scroll_offset.y))
        await pilot.pause()
        assert app.selected == 6
        assert app.claims_list.highlighted_claim == 6


@aio
async def test_tab_moves_between_panes(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        app.article.focus()
        seen = set()
        for _ in range(3):
            await pilot.press("tab")
            seen.add(app.focused.id)
        assert {"claims", "detail", "article"} <= seen


@aio
async def test_help_lists_every_binding(engine):
    app = make_app(engine)
    async with app.run_test(size=(100, 50)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-body").render())
        for binding in SrcviewApp.BINDINGS:
            assert binding.description in text, binding.description
        for cls in (ClaimsList, ClaimDetail, ArticleView, SearchBox, SourcesScreen):
            for binding in cls.BINDINGS:
                assert binding.description in text, binding.description
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@aio
async def test_unreadable_file_opens_with_a_message(engine, tmp_path):
    app = make_app(engine, path=str(tmp_path / "missing.txt"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.state is AppState.UNREADABLE and app.exit_code == 2
        notice = str(app.query_one("#notice").render())
        assert "missing.txt: file not found" in notice
        assert "could not be opened" in app.article.render_line(0).text
        await pilot.press("s", "j", "1")  # nothing to act on: no crash
        await pilot.press("q")
    assert app.return_value == 2


@aio
async def test_broken_rules_fall_back_with_a_warning():
    app = SrcviewApp(NL, rules_paths=[BROKEN_RULES], theme="textual-dark", animations=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        notice = str(app.query_one("#notice").render())
        assert "broken-rules.toml:2:" in notice and "shipped rules" in notice
        assert app.state is AppState.READY and len(app.analysis.claims) == 39


@aio
async def test_claims_come_from_the_analysis_process_started_before_the_app():
    """As `srcview ARTICLE` runs: the article is read and its analysis started, then the app opens."""
    from srcview.app.launch import start_analysis

    text, job = start_analysis(NL)
    app = SrcviewApp(NL, text=text, job=job, theme="textual-dark", animations=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.state is AppState.READY and len(app.analysis.claims) == 39
        assert app.rules is not None and "child_analysed" in app.marks


@aio
async def test_a_lost_analysis_process_is_replaced_by_the_worker(engine):
    from srcview.app.launch import start_analysis

    text, job = start_analysis(NL)
    job.cancel()
    app = make_app(engine, text=text, job=job)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.state is AppState.READY and len(app.analysis.claims) == 39
        assert "child_analysed" not in app.marks


@aio
async def test_a_failing_analysis_is_one_line_not_a_traceback(engine):
    app = make_app(engine, lang="xx")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.state is AppState.FAILED and app.exit_code == 2
        assert "no rules for language 'xx'" in str(app.query_one("#notice").render())
        assert "Onderhandelen" in app.article.render_line(0).text  # the article is still there


@aio
async def test_text_instead_of_a_file_and_english(engine):
    app = make_app(engine, path="-", text=SHORT_NL)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.analysis.file == "<stdin>" and app.analysis.language == "nl"
        assert app.analysis.headings  # the title is styled as a heading
        assert "#" in app.article.render_line(0).text[:3]
    app = make_app(engine, path=EN)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.analysis.language == "en" and app.analysis.claims


@aio
async def test_article_escapes_are_not_passed_to_the_terminal(engine):
    text = "Hostile \x1b]0;pwned\x07title and \x1b[31mred\x1b[0m text, zegt Jan Jansen.\n"
    app = make_app(engine, path="evil.txt", text=text)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        line = app.article.render_line(0)
        assert all("\x1b" not in seg.text and "\x07" not in seg.text for seg in line)
        assert "red" in line.text


@aio
async def test_big_article_renders_only_what_is_visible(engine):
    """About 300 KB with thousands of claims: lines are styled on demand, not all up front."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_engine import build_text
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    text = build_text("nl", 300_000, seed=5)
    app = make_app(engine, path="big.txt", text=text)
    calls = []
    render = ArticleView._render_text_line

    def counting(self, index, width):
        calls.append(index)
        return render(self, index, width)

    async with app.run_test(size=(120, 40)) as pilot:
        ArticleView._render_text_line = counting
        try:
            await ready(pilot)
            view = app.article
            assert len(app.analysis.claims) > 2000 and view.line_count > 3000
            await pilot.press("c", "end")
            await pilot.pause()
            assert view.scroll_offset.y > 3000
            assert len(set(calls)) < 400  # a few screens' worth, not thousands of lines
        finally:
            ArticleView._render_text_line = render


def test_importing_the_app_does_not_import_spacy():
    """The first paint must not wait for spaCy: the app imports the engine in its worker."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "tui"), os.environ.get("PYTHONPATH")])))
    code = "import sys, srcview.app; print(any(m == 'spacy' or m.startswith('spacy.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


@aio
async def test_switching_theme_recolours_every_pane(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        before = [list(w.render_line(1))[-1].style for w in (app.article, app.detail, app.claims_list)]
        app.theme = "textual-light"
        await pilot.pause()
        after = [list(w.render_line(1))[-1].style for w in (app.article, app.detail, app.claims_list)]
        assert all(b != a for b, a in zip(before, after, strict=True))
