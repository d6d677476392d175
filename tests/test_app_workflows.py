"""A fact-checker's day in the app, driven with Pilot: each test is a bug that must not come back,
or a thing the app now does (issue 13), or hostile text and failing saves (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from srcview.app import SrcviewApp
from srcview.app.claim_detail import ClaimDetail
from srcview.app.compare_app import CompareApp
from srcview.app.export_screen import ExportScreen
from srcview.app.help_screen import HelpScreen
from srcview.app.legend_screen import LegendScreen
from srcview.app.quit_screen import QuitScreen
from srcview.app.registry_screen import RegistryScreen
from srcview.app.rules_screen import RulesScreen
from srcview.app.sources_screen import SourcesScreen
from srcview.app.state import AppState, Prefs
from support import SHORT_NL, aio, ready

ROOT = Path(__file__).resolve().parent.parent
NL = str(ROOT / "samples" / "nl-kernwapens-gesprekken.txt")
EN = str(ROOT / "samples" / "en-harbour-bridge-report.txt")

pytestmark = pytest.mark.usefixtures("clean_env")


def make_app(engine=None, path: str = NL, **kwargs) -> SrcviewApp:
    return SrcviewApp(path, engine=engine, theme="textual-dark", animations=False, **kwargs)


async def edit(pilot, name: str, value: str) -> None:
    """In the rules view: the row of ``name``, Enter, type ``value``, Enter."""
    screen = pilot.app.screen
    table = screen.table
    row = next(i for i in range(table.row_count)
               if str(table.coordinate_to_cell_key((i, 0)).row_key.value).endswith("." + name))
    table.move_cursor(row=row, animate=False)
    await pilot.press("enter")
    await pilot.pause()
    screen.query_one("#rules-input").value = ""
    await pilot.press(*value, "enter")
    await ready(pilot)


def row_of(screen: RulesScreen, name: str) -> list[str]:
    table = screen.table
    index = next(i for i in range(table.row_count)
                 if str(table.coordinate_to_cell_key((i, 0)).row_key.value).endswith("." + name))
    return [str(cell).strip() for cell in table.get_row_at(index)]


# --- bug 1: unsaved rule changes are asked about on quit --------------------------------------

@aio
async def test_quit_with_unsaved_rule_changes_asks_first(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        await edit(pilot, "base_named", "60")
        await pilot.press("escape", "q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen) and app.is_running
        assert "base_named = 60" in str(app.screen.query("Static").first().render())
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen) and app.is_running and app.rules_session.dirty
        await pilot.press("q", "s")  # save, then quit
        await pilot.pause()
    assert app.return_value == 0
    assert "base_named = 60" in (tmp_path / "srcview.toml").read_text(encoding="utf-8")


@aio
async def test_quit_can_discard_and_a_failed_save_keeps_the_app(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "srcview.toml").mkdir()  # a folder where the file should be: the save must fail
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        await edit(pilot, "base_named", "60")
        await pilot.press("escape", "q", "s")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen) and app.is_running
        error = str(app.screen.query_one("#quit-error").render())
        assert error.startswith("Not saved: ") and "srcview.toml" in error and "folder" in error
        assert app.rules_session.dirty
        await pilot.press("d")
        await pilot.pause()
    assert app.return_value == 0


# --- bug 2: the rules view shows what is in force -----------------------------------------------

@aio
async def test_rules_rows_follow_saves_and_editor_reloads(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)
    app.edit_file = lambda path: path.write_text("[weights]\nbase_named = 55\nbase_anonymous = 30\n",
                                                 encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert row_of(app.screen, "base_named")[2] == "shipped scoring.toml"
        await edit(pilot, "base_named", "60")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert row_of(app.screen, "base_named")[1:3] == ["60", "srcview.toml"]
        await pilot.press("e")
        await ready(pilot)
        assert row_of(app.screen, "base_anonymous")[1:3] == ["30", "srcview.toml"]
        assert row_of(app.screen, "base_named")[1] == "55"
        await pilot.press("escape", "r")  # reopened: the same
        await pilot.pause()
        assert row_of(app.screen, "base_anonymous")[1:3] == ["30", "srcview.toml"]
        named = next(c for c in app.analysis.claims if c.label == "named")
        assert any(h.id == "base.named" and h.delta == 55 for h in named.rules)


# --- bug 3: own saves are not reloaded, one notification per action -------------------------

@aio
async def test_own_saves_are_not_reloaded_and_one_toast_per_action(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine, watch_rules=True)
    reloads = []
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        original = app.reload_rules
        app.reload_rules = lambda path: (reloads.append(path), original(path))
        await pilot.press("r")
        await pilot.pause()
        await edit(pilot, "base_named", "60")
        await pilot.press("ctrl+s")
        await pilot.pause(1.0)  # longer than the watcher's debounce
        assert reloads == [] and "saved to srcview.toml" in app.rules_session.status
        await pilot.press("escape")
        post = next(c for c in app.analysis.claims if c.source and c.source.canonical == "Willem Post")
        app.selected = post.id
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press(*"0.9", "enter")
        await ready(pilot)
        await pilot.pause(1.0)
        assert reloads == []
        toasts = list(app._notifications)
        assert len(toasts) == 1 and "Willem Post: credibility 0.9 saved to srcview.toml" in toasts[0].message
        # another program's write is reloaded
        (tmp_path / "srcview.toml").write_text("[weights]\nbase_named = 50\n", encoding="utf-8")
        for _ in range(100):
            await pilot.pause(0.05)
            if reloads:
                break
        await ready(pilot)
        assert reloads and Path(reloads[0]).name == "srcview.toml"
        named = next(c for c in app.analysis.claims if c.label == "named")
        assert any(h.id == "base.named" and h.delta == 50 for h in named.rules)


# --- bug 4: the header shows the file's name first --------------------------------------------

@aio
@pytest.mark.parametrize("width", [60, 80])
async def test_the_header_keeps_the_file_name(engine, width):
    app = make_app(engine)
    async with app.run_test(size=(width, 24)) as pilot:
        await ready(pilot)
        header = str(app.query_one("#summary").render())
        assert header.lstrip().startswith("nl-kernwapens-gesprekken.txt")


# --- bug 5: the rule trace never breaks a word --------------------------------------------------

@aio
async def test_the_rule_trace_keeps_words_whole_at_80x24(engine):
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for claim in app.analysis.claims:
            app.selected = claim.id
            await pilot.pause()
            words = set(re.findall(r"\S+", app.detail.text))
            for rule in claim.rules:
                for word in re.findall(r"\S+", rule.why):
                    assert word in words, (claim.id, word)


@aio
async def test_the_verdict_and_trace_are_in_view_at_80x24_and_z_zooms(engine):
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        claim = app.analysis.claims[0]
        shown = "\n".join(app.detail.render_line(y).text for y in range(app.detail.content_size.height))
        assert "Why this score" in shown and claim.rules[0].id in shown
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is app.detail
        assert app.detail.content_size.height > 15
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is None


# --- bug 6: a filtered-out claim is never shown as the selection ----------------------------------

@aio
async def test_filters_and_search_move_the_selection_to_a_listed_claim(engine):
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        first = app.analysis.claims[0]
        await pilot.press(LABEL_KEY[first.label])  # hide the selected claim's label
        await pilot.pause()
        listed = app.claims_list.claim_ids
        assert app.selected in listed and app.selected == listed[0]
        assert app.claims_list.highlighted_claim == app.selected == app.article.selected
        assert app.detail.claim.id == app.selected
        await pilot.press("x", "slash", *"kernwapens", "enter")
        await pilot.pause()
        listed = app.claims_list.claim_ids
        assert listed and app.selected == listed[0] and app.detail.claim.id == listed[0]
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        assert app.claims_list.claim_ids == [] and app.selected is None
        assert "filters hide them all" in " ".join(app.detail.text.split())


LABEL_KEY = {"named": "1", "anonymous": "2", "unverified": "3", "unattributed": "4"}


# --- bug 7: one way to report errors ------------------------------------------------------------

def test_an_unreadable_article_is_one_line_before_the_app(tmp_path, capsys):
    from srcview.app.launch import run_app

    assert run_app(str(tmp_path / "missing.txt")) == 2
    err = capsys.readouterr().err
    assert err.startswith("srcview: ") and "missing.txt" in err and err.count("\n") == 1


@aio
async def test_every_problem_of_broken_rules_is_listed(engine, tmp_path):
    rules = tmp_path / "three.toml"
    rules.write_text("[weights]\nbase_named = 500\nbase_anonymus = 3\n[settings]\nheading_max_words = -1\n",
                     encoding="utf-8")
    app = make_app(rules_paths=[str(rules)])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        notice = str(app.query_one("#notice").render())
        assert notice.count("three.toml:") == 3 and "did you mean" in notice
        await pilot.press("r")
        await pilot.pause()
        assert str(app.screen.query_one("#rules-errors").render()).count("three.toml:") == 3


def test_a_dash_at_a_terminal_says_how_to_pipe(monkeypatch, capsys):
    from srcview import cli

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert cli.main(["-"]) == 2
    err = capsys.readouterr().err
    assert "srcview - < article.txt" in err and err.count("\n") == 1


@aio
async def test_a_screenshot_goes_to_a_folder_that_exists_and_says_where(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "no-such-folder"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.deliver_screenshot()
        await pilot.pause()
        shots = list(tmp_path.glob("*.svg"))
        assert len(shots) == 1
        assert any(str(shots[0]) in n.message for n in app._notifications)


# --- bug 8: the compare view has controls -------------------------------------------------------

@aio
async def test_the_compare_view_has_help_keys_palette_and_colours(engine, monkeypatch):
    monkeypatch.chdir(ROOT)
    app = CompareApp(["tests/data/compare-a.txt", "tests/data/compare-b.txt"], engine=engine,
                     theme="textual-dark", animations=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert "Help" in str(app.query_one("#keys").render())
        titles = " | ".join(c.title for c in app.get_system_commands(app.screen))
        assert "Help: keys and columns" in titles and "Shared facts" in titles
        cell = app.table.get_row_at(0)[1]
        assert cell.spans and any(span.style for span in cell.spans)  # the label letter is coloured
        assert len(cell.plain) > 45  # the claim gets the column's width
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "alike" in str(app.screen.query_one("#help-body").render())


@aio
async def test_unrelated_articles_are_said_to_share_nothing(engine):
    app = CompareApp([NL, EN], engine=engine, theme="textual-dark", animations=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert app.state is AppState.READY and not app.comparison.groups
        assert "share no fact" in str(app.query_one("#notice").render())


# --- friction: what a fact-checker asked for --------------------------------------------------

@aio
async def test_shift_digit_shows_only_one_label_and_says_so(engine):
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("at")  # shift+2
        await pilot.pause()
        labels = {c.label for c in app.analysis.claims if c.id in app.claims_list.claim_ids}
        assert labels == {"anonymous"}
        assert "only anonymous" in str(app.query_one("#claims-box").border_subtitle)
        await pilot.press("at")
        assert app.hidden == frozenset()


@aio
async def test_next_weak_claim_and_search_matches(engine):
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        weak = [c.id for c in app.analysis.claims if c.label in ("anonymous", "unverified")]
        seen = []
        for _ in range(len(weak) + 1):
            await pilot.press("right_square_bracket")
            seen.append(app.selected)
        assert seen == [*weak, weak[0]]  # wraps around
        await pilot.press("left_square_bracket")
        assert app.selected == weak[-1]
        await pilot.press("slash", *"Poetin", "enter", "x")  # find, then show every claim again
        await pilot.press("slash", *"Poetin", "enter")
        matches = [c.id for c in app.analysis.claims if "poetin" in c.text.lower()]
        app.selected = matches[0]
        await pilot.press("n")
        assert app.selected == matches[1]
        await pilot.press("N")
        assert app.selected == matches[0]


@aio
async def test_the_legend_explains_labels_scores_and_trace(engine):
    app = make_app(engine)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LegendScreen)
        from srcview.app.legend_screen import legend_text

        text = legend_text()
        assert app.screen.query(".legend-row")
        for needle in ("unnamed insiders", "0–39", "hedge_floor", "Found as", "a surname, traced"):
            assert needle in text, needle


@aio
async def test_help_lists_the_apps_own_keys_grouped(engine):
    app = make_app(engine)
    async with app.run_test(size=(100, 50)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-body").render())
        assert "Page Down" not in text and "Delete" not in text.replace("delete", "")  # no text-box keys
        for section in ("Move", "Find and filter", "Views", "Rules view"):
            assert section in text


@aio
async def test_export_writes_the_format_of_the_extension(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.action_export()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        box = app.screen.query_one("#export-path")
        assert box.value == "nl-kernwapens-gesprekken.srcview.md"
        box.value = "claims.json"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        import json

        assert len(json.loads((tmp_path / "claims.json").read_text(encoding="utf-8"))["claims"]) == 39
        app.action_export()  # an existing file is replaced only after a second Enter
        await pilot.pause()
        app.screen.query_one("#export-path").value = "claims.json"
        await pilot.press("enter")
        await pilot.pause()
        assert "exists" in str(app.screen.query_one("#export-message").render())
        await pilot.press("escape")


@aio
async def test_sort_filters_and_theme_are_remembered(engine, tmp_path):
    prefs = Prefs(path=tmp_path / "app.json")
    app = make_app(engine, prefs=prefs)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("o", "4")
        app.theme = "textual-light"
        await pilot.pause()
    again = Prefs.load(tmp_path / "app.json")
    assert (again.sort, again.hidden, again.theme) == ("score", ["unattributed"], "textual-light")
    app = SrcviewApp(NL, engine=engine, animations=False, prefs=again)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.sort == "score" and app.hidden == frozenset({"unattributed"}) and app.theme == "textual-light"


@aio
async def test_source_names_get_their_width(engine):
    app = make_app(engine, path=EN)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        from srcview.app.claims_panel import MIN_TEXT

        width = app.claims_list.scrollable_content_region.width
        rows = [app.claims_list.get_option_at_index(i).prompt for i in range(app.claims_list.option_count)]
        fitting = [r for r in rows if len(r.source) <= width - 10 - MIN_TEXT]
        assert any(len(r.source) > 12 for r in fitting)  # "Vladimir Poetin", "The Wall Street Journal"
        for row in fitting:
            assert row.source in row.content(width).plain


# --- issue 12: article text is never markup, failures never lose the edit -------------------------

HOSTILE = ("Het plan is goed, zegt Jan[/]Jansen van [reverse]De Krant[/reverse]. "
           "Dat zegt ook [@click=app.quit]Piet[/] Smit.\n")


@aio
async def test_markup_in_an_article_is_shown_as_text_everywhere(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine, path="evil.txt", text=HOSTILE)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert app.state is AppState.READY
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        table = app.screen.query_one("#sources-table")
        names = " ".join(str(table.get_row_at(i)[0]) for i in range(table.row_count))
        assert "[/]" in names or "[reverse]" in names or "[@click" in names
        await pilot.press("escape")
        claim = next(c for c in app.analysis.claims if c.source and "[" in c.source.canonical)
        app.selected = claim.id
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, RegistryScreen)
        assert "[" in str(app.screen.query("Static").first().render())
        await pilot.press(*"0.4", "enter")
        await ready(pilot)
        assert app.is_running
        assert any("[" in n.message for n in app._notifications)
        assert claim.source.canonical in (tmp_path / "srcview.toml").read_text(encoding="utf-8")


@aio
async def test_adding_a_source_to_a_broken_rules_file_keeps_the_dialog(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "srcview.toml").write_bytes(b"[weights]\nbase_named = \xff\n")
    app = make_app(engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        post = next(c for c in app.analysis.claims if c.source and c.source.canonical == "Willem Post")
        app.selected = post.id
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press(*"0.9", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RegistryScreen) and app.is_running
        message = str(app.screen.query_one("#registry-message").render())
        assert message.startswith("Not saved: ") and "not UTF-8" in message
    assert (tmp_path / "srcview.toml").read_bytes() == b"[weights]\nbase_named = \xff\n"


@aio
async def test_a_rules_save_that_fails_keeps_the_app_and_the_change(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        await edit(pilot, "base_named", "60")
        (tmp_path / "srcview.toml").write_text("weights = 5\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = str(app.screen.query_one("#rules-status").render())
        assert app.is_running and status.startswith("not saved: srcview.toml: ") and "\n" not in status
        assert app.rules_session.changes == {("weights", "base_named"): 60}
        assert "1 change not saved" in str(app.screen.query_one("#rules-file").render())


def test_a_crash_exits_non_zero():
    from textual.app import App

    from srcview.app.launch import exit_status

    class Crashing(App[int]):
        exit_code = 0

        def on_mount(self) -> None:
            raise RuntimeError("boom")

    app = Crashing()
    result = app.run(headless=True, size=(40, 10))
    assert exit_status(app, result) == 1


@aio
async def test_the_app_runs_on_text_with_every_control_character(engine):
    text = SHORT_NL.replace("extra", "ex\x00tra\x1b[2J\x9b31m") + "\u202eDit zegt De Vries.\n"
    app = make_app(engine, path="x.txt", text=text)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.state is AppState.READY
        for y in range(app.article.scrollable_content_region.height):
            line = app.article.render_line(y).text
            assert not any(ch in line for ch in "\x00\x1b\x9b\u202e")
        assert isinstance(app.detail, ClaimDetail) and "\x1b" not in app.detail.text


@aio
async def test_the_analysis_shows_progress_on_a_long_article(engine, held_analysis):
    text = SHORT_NL * 400  # about 150 KB
    app = make_app(engine, path="long.txt", text=text)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(1.2)
        assert app.state is AppState.ANALYSING
        assert re.search(r"analysing \d+ KB… \d+ s", app.query_one("#summary").status)
        held_analysis.set()
        await ready(pilot)


def test_no_file_of_the_repository_is_left_by_these_tests():
    assert not list(ROOT.glob("*.svg")) and not (ROOT / "srcview.toml").exists()



@aio
async def test_sixteen_colours_keep_the_label_tints(engine, monkeypatch):
    """With 16 colours a tint blended at 18% rounds to the background: plain ANSI tints instead."""
    from rich.console import ColorSystem

    app = make_app(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app.console, "_color_system", ColorSystem.STANDARD)
        app.set_class(True, "-ansi-colours")  # what on_mount does on such a terminal
        app.article.notify_style_update()
        await ready(pilot)
        from srcview.app.app import few_colours

        assert few_colours(app)
        named = app.article.get_component_rich_style("article-view--named")
        assert named.bgcolor is not None and named.bgcolor.number == 2  # ANSI green
