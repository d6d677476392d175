"""The rules view (r) driven with Pilot: re-scoring, undo, saving, re-analysing, editing the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from srcview.app import SrcviewApp
from srcview.app.rules_screen import RulesScreen
from srcview.app.rules_session import moved, moved_text
from support import aio, ready

ROOT = Path(__file__).resolve().parent.parent
NL = str(ROOT / "samples" / "nl-kernwapens-gesprekken.txt")

COMMENTED = """\
# My srcview rules: trust names a little less.
[weights]
base_named = 60  # was 65
"""


pytestmark = pytest.mark.usefixtures("clean_env")


def make_app(engine=None, **kwargs) -> SrcviewApp:
    return SrcviewApp(NL, engine=engine, theme="textual-dark", animations=False, **kwargs)





async def edit(pilot, name: str, value: str) -> None:
    """In the rules view: the row of ``name``, Enter, type ``value``, Enter."""
    screen = pilot.app.screen
    assert isinstance(screen, RulesScreen)
    table = screen.table
    row = next(i for i in range(table.row_count) if str(table.coordinate_to_cell_key((i, 0)).row_key.value)
               .endswith("." + name))
    table.move_cursor(row=row, animate=False)
    await pilot.press("enter")
    await pilot.pause()
    screen.query_one("#rules-input").value = ""
    await pilot.press(*value, "enter")
    await pilot.pause()


def status(app) -> str:
    return str(app.screen.query_one("#rules-status").render())


def scores(app) -> dict[int, float]:
    return {c.id: c.score for c in app.analysis.claims}


@aio
async def test_changing_a_weight_rescores_and_reports_what_moved(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before = app.analysis
        anonymous = [c for c in before.claims if c.label == "anonymous"]
        assert anonymous
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RulesScreen)
        await edit(pilot, "base_anonymous", "20")
        after = {c.id: c for c in app.analysis.claims}
        for claim in before.claims:
            new = after[claim.id]
            assert new.label == claim.label
            if claim.label == "anonymous":
                unclamped = sum(h.delta for h in claim.rules) - 15  # the base moved from 35 to 20
                assert new.score == max(0.0, min(100.0, unclamped))
                assert any(h.id == "base.anonymous" and h.delta == 20 for h in new.rules)
            else:
                assert new.score == claim.score
        changed = sum(after[c.id].score != c.score for c in anonymous)
        expected = moved_text(0, changed)
        assert expected in status(app)
        assert app.rules.weights["base_anonymous"] == 20
        # the main screen follows: the panel lists the new scores, the detail the new trace
        app.selected = anonymous[0].id
        await pilot.pause()
        assert f"{after[anonymous[0].id].score:.0f}" in app.detail.text
        assert "base.anonymous" in app.detail.text and "+20" in app.detail.text


@aio
async def test_invalid_values_keep_the_old_value(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before = scores(app)
        await pilot.press("r")
        await pilot.pause()
        await edit(pilot, "base_anonymous", "abc")
        assert "not a number" in status(app) and "kept the old value" in status(app)
        app.screen.query_one("#rules-input").value = "500"
        await pilot.press("enter")
        await pilot.pause()
        assert "out of range" in status(app)
        assert scores(app) == before and app.rules_session.changes == {}
        await pilot.press("escape")  # leaves the input, not the view
        assert isinstance(app.screen, RulesScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, RulesScreen)


@aio
async def test_undo_restores_the_scores(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before = scores(app)
        await pilot.press("r")
        await pilot.pause()
        await edit(pilot, "base_anonymous", "20")
        await edit(pilot, "quote_direct", "0")
        assert scores(app) != before
        await pilot.press("u", "u")
        await pilot.pause()
        assert scores(app) == before
        assert app.rules_session.changes == {} and app.rules.weights["base_anonymous"] == 35
        await pilot.press("u")
        assert "nothing to undo" in status(app)


def test_moved_counts_labels_and_scores(engine):
    from dataclasses import replace

    analysis = engine.analyze(Path(NL).read_text(encoding="utf-8"), file="nl.txt")
    claims = list(analysis.claims)
    claims[0] = replace(claims[0], label="anonymous" if claims[0].label != "anonymous" else "named")
    claims[1] = replace(claims[1], score=claims[1].score + 1)
    assert moved(analysis, replace(analysis, claims=claims)) == (1, 1)
    assert moved_text(4, 11) == "4 claims changed label, 11 changed score"


@aio
async def test_a_settings_change_reanalyses(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before = app.analysis
        await pilot.press("r")
        await pilot.pause()
        await edit(pilot, "heading_max_words", "1")
        await ready(pilot)
        assert app.analysis is not before
        assert app.rules.settings["heading_max_words"] == 1
        assert "heading_max_words = 1:" in status(app) and "changed label" in status(app)
        assert before.headings, "the sample has headings for the setting to remove"
        assert len(app.analysis.headings) < len(before.headings)


@aio
async def test_saving_keeps_the_comments(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    app = make_app(rules_paths=[str(path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert f"Saves to {path}" in str(app.screen.query_one("#rules-file").render())
        await edit(pilot, "base_anonymous", "20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert f"saved to {path} (backup mine.toml.bak)" in status(app)
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# My srcview rules: trust names a little less.\n")
        assert "base_named = 60  # was 65" in text and "base_anonymous = 20" in text
        assert (tmp_path / "mine.toml.bak").read_text(encoding="utf-8") == COMMENTED
        assert app.rules_session.changes == {}


@aio
async def test_saving_without_rules_files_writes_srcview_toml(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert "srcview.toml (not there yet" in str(app.screen.query_one("#rules-file").render())
        await edit(pilot, "match_threshold", "90")
        await ready(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "saved to srcview.toml" in status(app)
        assert "match_threshold = 90" in (tmp_path / "srcview.toml").read_text(encoding="utf-8")


@aio
async def test_a_broken_edit_shows_where_and_keeps_the_old_rules(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    broken = "[weights\nbase_named = 70\n"
    app = make_app(rules_paths=[str(path)])
    edited = []

    def bad_editor(target: Path) -> None:
        edited.append(target)
        target.write_text(broken, encoding="utf-8")

    app.edit_file = bad_editor
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before, rules = scores(app), app.rules
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("e")
        await ready(pilot)
        assert edited == [path]
        notice = str(app.query_one("#notice").render())
        assert f"{path}:1:" in notice  # file:line:col
        assert f"{path}:1:" in str(app.screen.query_one("#rules-errors").render())
        assert "last good rules stay active" in status(app)
        assert scores(app) == before and app.rules is rules
        assert path.read_text(encoding="utf-8") == broken  # the user's text is never rewritten


@aio
async def test_a_good_edit_reanalyses_with_the_new_rules(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    app = make_app(rules_paths=[str(path)])
    app.edit_file = lambda target: target.write_text("[weights]\nbase_named = 50\n", encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        named = next(c for c in app.analysis.claims if c.label == "named")
        assert any(h.id == "base.named" and h.delta == 60 for h in named.rules)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("e")
        await ready(pilot)
        named = next(c for c in app.analysis.claims if c.label == "named")
        assert any(h.id == "base.named" and h.delta == 50 for h in named.rules)
        assert f"reloaded {path}" in status(app)


@aio
async def test_rules_view_is_in_the_palette_and_help(engine):
    app = make_app(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = " | ".join(cmd.title.lower() for cmd in app.get_system_commands(app.screen))
        assert "rules" in titles
        sections = dict(app.help_sections())
        described = " ".join(d for _, d in sections["Rules view"])
        for binding in RulesScreen.BINDINGS:
            if binding.show:
                assert binding.description in described


@aio
async def test_an_editor_that_cannot_start_is_reported(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)

    def no_editor(target: Path) -> None:
        raise FileNotFoundError("no such editor: nano-x")

    app.edit_file = no_editor
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        before = scores(app)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert "cannot open the editor" in status(app) and "nano-x" in status(app)
        assert scores(app) == before and app.is_running


@aio
async def test_a_rules_file_changed_on_disk_is_reloaded(tmp_path):
    import os

    path = tmp_path / "mine.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    app = make_app(rules_paths=[str(path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        path.write_text("[weights]\nbase_named = 50\n", encoding="utf-8")
        stamp = path.stat().st_mtime_ns + 1_000_000_000
        os.utime(path, ns=(stamp, stamp))  # a clock tick later, as another program's save would be
        app.rules_file_changed(path)
        await ready(pilot)
        named = next(c for c in app.analysis.claims if c.label == "named")
        assert any(h.id == "base.named" and h.delta == 50 for h in named.rules)
        path.write_text("[weights\n", encoding="utf-8")
        os.utime(path, ns=(stamp + 10**9, stamp + 10**9))
        app.rules_file_changed(path)
        await ready(pilot)
        assert f"{path}:1:" in str(app.query_one("#notice").render())
        named = next(c for c in app.analysis.claims if c.label == "named")
        assert any(h.id == "base.named" and h.delta == 50 for h in named.rules)  # last good rules kept


@aio
async def test_a_claims_source_goes_to_the_users_registry_with_a_credibility(tmp_path):
    from srcview.rules import load_rules

    path = tmp_path / "mine.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    app = make_app(rules_paths=[str(path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        post = next(c for c in app.analysis.claims if c.source and c.source.canonical == "Willem Post")
        app.selected = post.id
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press(*"0.9", "enter")
        await ready(pilot)
        assert path.read_text(encoding="utf-8").startswith(COMMENTED)  # the user's text is kept
        entry = next(e for e in load_rules([path]).registry if e["name"] == "Willem Post")
        assert entry["credibility"] == 0.9 and entry["kind"] == "person"
        post = next(c for c in app.analysis.claims if c.source and c.source.canonical == "Willem Post")
        assert post.source.credibility == 0.9
