"""Rules files: validation with positions, layering, and comment-preserving edits."""

import os
from pathlib import Path

import pytest

from srcview.cli import main
from srcview.errors import RulesError, SrcviewError
from srcview.rules import check_files, default_rules_dir, load_rules, shipped_files
from srcview.rules_edit import add_registry_entry, set_values


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    return [p.format() for p in check_files([path])]


def test_the_shipped_rules_have_no_problems():
    assert check_files([default_rules_dir() / name for name in shipped_files()]) == []


@pytest.mark.parametrize("text, expected", [
    ("[weights]\nbase_named = 70\nbase_named = 71\n", "3:16: invalid TOML"),
    ("[weights]\nbase_named = 500\n", "2:1: 'weights.base_named' = 500 is out of range 0..100"),
    ("[weights]\nhedge = \"lots\"\n", "2:1: 'weights.hedge' must be a number"),
    ("[weights]\nquote_drect = 5\n", "unknown key 'quote_drect' in [weights] (did you mean 'quote_direct'?)"),
    ("[setings]\nmatch_threshold = 80\n", "1:1: unknown key 'setings' (did you mean 'settings'?)"),
    ("[settings]\ncontinue_anonymous = \"yes\"\n", "'settings.continue_anonymous' must be true or false"),
    ("[lang.nl.cues]\nsay = [\"zegt\", 3]\n", "2:1: 'lang.nl.cues.say' must be a list of strings"),
    # a list read a word at a time would never match an entry of two words
    ("[lang.en.grammar]\nskip = [\"also\", \"once again\"]\n",
     "2:1: 'lang.en.grammar.skip': 'once again' must be one word"),
    ("[[lang.nl.patterns]]\nid = \"x\"\ngroup = \"say\"\npattern = [{LOWR = \"zegt\"}]\n",
     "4:1: 'lang.nl.patterns[0].pattern' is not a pattern srcview can use"),
    # wildcards without a bound make every analysis crawl (three "*" took the sample past 100 s)
    ("[[lang.nl.patterns]]\nid = \"w\"\ngroup = \"say\"\npattern = [{OP = \"*\"}, {OP = \"*\"}, {LOWER = \"zegt\"}]\n",
     "4:1: 'lang.nl.patterns[0].pattern' is not a pattern srcview can use: OP = \"*\""),
    ("[[lang.nl.patterns]]\nid = \"w\"\ngroup = \"say\"\npattern = [{LOWER = \"x\"}, {OP = \"{2,}\"}]\n",
     "a token may repeat at most 8 times"),
    ("[[lang.nl.patterns]]\nid = \"w\"\ngroup = \"say\"\n"
     "pattern = [{LOWER = \"x\"}, {OP = \"{0,3}\"}, {OP = \"{0,3}\"}, {OP = \"{0,3}\"}]\n",
     "at most 2 tokens of a pattern may vary in length"),
    # what the check accepts, the engine accepts: no custom attributes, no regex at any depth
    ("[[lang.nl.patterns]]\nid = \"x\"\ngroup = \"say\"\npattern = [{_ = {foo = {REGEX = \"a+\"}}}]\n",
     "custom token attributes are not available"),
    ("[[lang.nl.patterns]]\nid = \"x\"\ngroup = \"say\"\npattern = [{LOWER = {NOT_IN = [{REGEX = \"a\"}]}}]\n",
     "regular expressions and fuzzy matching are not allowed"),
    ("[[lang.nl.patterns]]\nid = \"x\"\ngroup = \"say\"\npattern = [{_ = {foo = \"a\"}}]\n",
     "custom token attributes are not available"),
    ("[[registry]]\nid = \"a\"\nname = \"A\"\n\n[[registry]]\nid = \"a\"\nname = \"B\"\n",
     "6:1: duplicate id 'a' in [[registry]]"),
    ("[[registry]]\ncredibility = 0.5\n", "1:1: registry entry without a name"),
    ("[[registry]]\nid = \"x\"\nname = \"X\"\ncredibility = 1.5\n", "4:1: 'registry[0].credibility' = 1.5"),
    ("[[registry]]\nid = \"x\"\nname = \"X\"\nkind = \"outlett\"\n", "(did you mean 'outlet'?)"),
])
def test_each_problem_is_reported_with_file_line_and_column(tmp_path, text, expected):
    path = write(tmp_path, "mine.toml", text)
    found = messages(path)
    assert any(expected in m for m in found), found
    assert all(m.startswith(str(path) + ":") for m in found)


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    path = write(tmp_path, "mine.toml", "[weights]\nbase_named = 500\nhedge = \"x\"\n\n[setings]\n")
    assert len(messages(path)) == 3


def test_loading_broken_rules_raises_with_every_line(tmp_path):
    path = write(tmp_path, "mine.toml", "[weights]\nbase_named = 500\nhedge = \"x\"\n")
    with pytest.raises(RulesError) as caught:
        load_rules([path])
    assert len(caught.value.lines) == 2
    assert str(caught.value).startswith(f"{path}:2:1:")


def test_later_files_win_and_each_value_remembers_its_file(tmp_path):
    first = write(tmp_path, "first.toml", "[weights]\nbase_named = 60\nbase_anonymous = 20\n")
    second = write(tmp_path, "second.toml", "[weights]\nbase_named = 55\n")
    rules = load_rules([first, second])
    assert rules.weights["base_named"] == 55
    assert rules.weights["base_anonymous"] == 20
    assert rules.origins[("weights", "base_named")] == second
    assert rules.origins[("weights", "base_anonymous")] == first
    assert rules.origins[("weights", "hedge")].name == "scoring.toml"


def test_a_registry_entry_is_changed_by_its_id(tmp_path):
    mine = write(tmp_path, "mine.toml", "[[registry]]\nid = \"wsj\"\ncredibility = 0.5\n")
    entry = next(e for e in load_rules([mine]).registry if e["id"] == "wsj")
    assert entry["credibility"] == 0.5 and entry["name"] == "The Wall Street Journal"


def test_user_layers_come_from_config_dir_then_current_dir(tmp_path, monkeypatch):
    from srcview import rules as rules_mod

    config = tmp_path / "config"
    config.mkdir()
    write(config, "srcview.toml", "[weights]\nbase_named = 61\n")
    here = tmp_path / "here"
    here.mkdir()
    write(here, "srcview.toml", "[weights]\nbase_named = 62\n")
    monkeypatch.setattr("platformdirs.user_config_dir", lambda *a, **k: str(config))
    assert rules_mod.user_rules_files(here) == [config / "srcview.toml", here / "srcview.toml"]


def test_check_rules_exits_2_and_prints_every_problem(tmp_path, capsys):
    bad = write(tmp_path, "bad.toml", "[weights]\nbase_named = 500\n[setings]\n")
    assert main(["--check-rules", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2:1:" in err and f"{bad}:3:1:" in err and "Traceback" not in err


def test_check_rules_exits_0_on_good_rules(tmp_path, capsys):
    good = write(tmp_path, "good.toml", "[weights]\nbase_named = 70\n")
    assert main(["--check-rules", str(good)]) == 0


def test_show_rules_names_the_file_of_each_value(tmp_path, capsys):
    mine = write(tmp_path, "mine.toml", "[weights]\nbase_named = 70\n")
    assert main(["--show-rules", "--rules", str(mine)]) == 0
    out = capsys.readouterr().out
    assert f"weights.base_named = 70  # {mine}" in out
    assert "scoring.toml" in out


def test_init_rules_writes_a_commented_copy_and_never_overwrites_without_force(tmp_path, capsys):
    folder = tmp_path / "myrules"
    assert main(["--init-rules", str(folder)]) == 0
    scoring = folder / "scoring.toml"
    assert scoring.read_text() == (default_rules_dir() / "scoring.toml").read_text()
    scoring.write_text("# mine\n")
    assert main(["--init-rules", str(folder)]) == 2
    assert scoring.read_text() == "# mine\n"
    assert main(["--init-rules", str(folder), "--force"]) == 0
    assert scoring.read_text() != "# mine\n"


COMMENTED = """# My newsroom's rules.
[weights]
# Anonymous sources are worth little here.
base_anonymous = 25   # was 35
hedge = -12

[settings]
match_threshold = 90  # strict
"""


def test_saving_keeps_comments_order_and_layout(tmp_path):
    path = write(tmp_path, "mine.toml", COMMENTED)
    backup = set_values(path, {("weights", "base_anonymous"): 20})
    assert path.read_text() == COMMENTED.replace("base_anonymous = 25 ", "base_anonymous = 20 ")
    assert backup is not None and backup.read_text() == COMMENTED


def test_saving_a_value_that_breaks_the_rules_writes_nothing(tmp_path):
    path = write(tmp_path, "mine.toml", COMMENTED)
    with pytest.raises(RulesError, match="out of range"):
        set_values(path, {("weights", "base_anonymous"): 250})
    assert path.read_text() == COMMENTED


def test_a_failure_mid_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = write(tmp_path, "mine.toml", COMMENTED)

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SrcviewError, match="disk full"):
        set_values(path, {("weights", "base_anonymous"): 20})
    assert path.read_text() == COMMENTED
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_adding_a_registry_entry_to_the_user_file(tmp_path):
    path = write(tmp_path, "mine.toml", COMMENTED)
    add_registry_entry(path, {"id": "noordblad", "name": "Het Noordblad", "kind": "outlet", "credibility": 0.7})
    assert path.read_text().startswith(COMMENTED)
    entry = next(e for e in load_rules([path]).registry if e["id"] == "noordblad")
    assert entry["credibility"] == 0.7


def test_a_regular_expression_in_a_pattern_is_refused(tmp_path):
    path = write(tmp_path, "mine.toml",
                 "[[lang.nl.patterns]]\nid = \"x\"\ngroup = \"say\"\npattern = [{TEXT = {REGEX = \"(a+)+$\"}}]\n")
    assert any("regular expressions" in m for m in messages(path))
