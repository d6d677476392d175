"""The rules session without Textual: change, apply, undo, save, reload, and every way a save can fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from srcview.app.rules_session import RulesSession, descriptions, moved_claims
from srcview.errors import RulesError, SrcviewError

ROOT = Path(__file__).resolve().parent.parent
NL = ROOT / "samples" / "nl-kernwapens-gesprekken.txt"


@pytest.fixture
def session(engine, tmp_path, monkeypatch):
    """A session on the Dutch sample, saving to ./srcview.toml in an empty folder."""
    monkeypatch.chdir(tmp_path)
    text = NL.read_text(encoding="utf-8")
    return RulesSession(engine.rules, engine.analyze(text, file="nl.txt"), text, file="nl.txt",
                        analyser=lambda rules, text, lang, file: type(engine)(rules).analyze(text, lang=lang,
                                                                                           file=file))


def test_the_session_needs_no_textual():
    code = "import sys, srcview.app.rules_session; print(any(m.startswith('textual') for m in sys.modules))"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tui"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_a_weight_change_is_rescored_applied_and_undone(session):
    before = session.analysis
    pending = session.change("weights", "base_anonymous", "20")
    assert pending.analysis is not None and session.analysis is before  # nothing applied yet
    status = session.apply(pending)
    moved = session.last_moved
    assert moved and all(m.old_label == m.new_label == "anonymous" and m.new_score < m.old_score for m in moved)
    assert status == f"base_anonymous = 20: 0 claims changed label, {len(moved)} changed score"
    assert session.changes == {("weights", "base_anonymous"): 20} and session.dirty
    row = next(r for r in session.rows() if r.name == "base_anonymous")
    assert row.value == 20 and row.changed and row.origin == "changed here"
    assert session.undo() and session.analysis is before and not session.dirty
    assert not session.undo() and session.status == "nothing to undo"


def test_values_that_are_no_number_or_out_of_range_change_nothing(session):
    for text, message in (("abc", "'abc' is not a number"), ("nan", "is not a number"), ("500", "out of range")):
        with pytest.raises(SrcviewError, match=message):
            session.change("weights", "base_anonymous", text)
    with pytest.raises(SrcviewError, match="whole number"):
        session.change("settings", "heading_max_words", "2.5")
    assert not session.dirty and not session.undo_stack


def test_a_settings_change_needs_the_engine_and_reports_label_changes(session):
    pending = session.change("settings", "heading_max_words", "1")
    assert pending.analysis is None
    analysis = session.analyse(pending)
    session.apply(pending, analysis)
    assert session.rules.settings["heading_max_words"] == 1
    assert any(m.old_label != m.new_label or m.old_score != m.new_score for m in session.last_moved)


def test_saving_records_where_each_value_now_comes_from(session, tmp_path):
    session.apply(session.change("weights", "base_named", "60"))
    backup = session.save()
    assert backup is None and not session.dirty
    row = next(r for r in session.rows() if r.name == "base_named")
    assert row.origin == "srcview.toml" and not row.changed  # not "shipped scoring.toml" any more
    assert "base_named = 60" in (tmp_path / "srcview.toml").read_text(encoding="utf-8")
    assert session.is_own_write("srcview.toml")
    (tmp_path / "srcview.toml").write_text("[weights]\nbase_named = 61\n", encoding="utf-8")
    os.utime(tmp_path / "srcview.toml", ns=(1, 1))
    assert not session.is_own_write("srcview.toml")  # someone else wrote it since


def test_three_backup_generations_are_kept(session, tmp_path):
    for value in ("60", "61", "62", "63"):
        session.apply(session.change("weights", "base_named", value))
        session.save()
    assert "= 63" in (tmp_path / "srcview.toml").read_text(encoding="utf-8")
    assert "= 62" in (tmp_path / "srcview.toml.bak").read_text(encoding="utf-8")
    assert "= 61" in (tmp_path / "srcview.toml.bak.1").read_text(encoding="utf-8")
    assert "= 60" in (tmp_path / "srcview.toml.bak.2").read_text(encoding="utf-8")


def test_a_symlinked_rules_file_stays_a_link(session, tmp_path):
    real = tmp_path / "dotfiles" / "srcview.toml"
    real.parent.mkdir()
    real.write_text("# mine\n[weights]\nbase_named = 64\n", encoding="utf-8")
    (tmp_path / "srcview.toml").symlink_to(real)
    session.apply(session.change("weights", "base_anonymous", "30"))
    session.save()
    assert (tmp_path / "srcview.toml").is_symlink()
    assert "base_anonymous = 30" in real.read_text(encoding="utf-8") and "# mine" in real.read_text(encoding="utf-8")
    assert (real.parent / "srcview.toml.bak").read_text(encoding="utf-8").startswith("# mine")


@pytest.mark.parametrize("spoil, why", [
    (lambda p: p.write_bytes(b"[weights]\nbase_named = 6\xff\n"), "not UTF-8"),
    (lambda p: p.mkdir(), "folder"),
    (lambda p: p.write_text("weights = 5\n", encoding="utf-8"), "'weights' is a value, not a table"),
    (lambda p: p.write_text("[weights\n", encoding="utf-8"), "not valid TOML"),
])
def test_every_save_failure_is_one_line_and_keeps_the_change(session, tmp_path, spoil, why):
    session.apply(session.change("weights", "base_named", "60"))
    spoil(tmp_path / "srcview.toml")
    with pytest.raises(RulesError, match=why) as caught:
        session.save()
    assert "\n" not in str(caught.value) and "srcview.toml" in str(caught.value)
    assert session.changes == {("weights", "base_named"): 60}
    assert session.status.startswith("not saved: ")


def test_a_save_under_a_file_is_one_line(session, tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    session.save_place = None
    session.rules_paths = (str(tmp_path / "afile" / "srcview.toml"),)
    session.apply(session.change("weights", "base_named", "60"))
    with pytest.raises(RulesError, match="a folder on its path is a file"):
        session.save()
    assert session.dirty


def test_adding_a_source_to_a_broken_file_writes_nothing(session, tmp_path):
    (tmp_path / "srcview.toml").write_text("[weights\n", encoding="utf-8")
    with pytest.raises(RulesError, match="not valid TOML"):
        session.add_source({"id": "jan", "name": "Jan[/]Jansen", "kind": "person", "credibility": 0.5})
    assert (tmp_path / "srcview.toml").read_text(encoding="utf-8") == "[weights\n"


def test_a_source_name_with_markup_is_written_as_it_is(session, tmp_path):
    pending = session.add_source({"id": "jan", "name": "Jan[/]Jansen", "kind": "person", "credibility": 0.5})
    session.apply(pending, session.analyse(pending))
    assert any(e.get("name") == "Jan[/]Jansen" for e in session.rules.registry)
    assert session.is_own_write(tmp_path / "srcview.toml")


def test_a_reload_lists_every_problem(session, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[weights]\nbase_named = 500\nbase_anonymus = 3\n[settings]\nheading_max_words = -1\n",
                    encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        session.reload(path)
    assert len(caught.value.lines) == 3 and session.errors == caught.value.lines
    assert any("did you mean" in line for line in session.errors)


def test_the_save_place_can_be_chosen(session, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert session.target == Path("srcview.toml")
    assert session.next_place() == "config"
    assert session.target == tmp_path / "config" / "srcview" / "srcview.toml"
    assert session.next_place() == "here" and session.target == Path("srcview.toml")


def test_every_row_says_what_it_does(session):
    rows = session.rows()
    assert all(r.description for r in rows), [r.name for r in rows if not r.description]
    assert "200 characters" in descriptions()[("settings", "resolve_window")]  # with its unit


def test_moved_claims_name_old_and_new(engine):
    from dataclasses import replace

    analysis = engine.analyze(NL.read_text(encoding="utf-8"), file="nl.txt")
    claims = list(analysis.claims)
    claims[2] = replace(claims[2], score=claims[2].score + 5)
    (m,) = moved_claims(analysis, replace(analysis, claims=claims))
    assert (m.id, m.new_score - m.old_score) == (claims[2].id, 5)
