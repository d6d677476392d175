"""The ``srcview`` command as a user and a script see it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from srcview import __version__
from srcview.cli import main
from support import SHORT_NL

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "nl-kernwapens-gesprekken.txt"
LABELS = {"named", "anonymous", "unverified", "unattributed"}
KINDS = {"person", "organisation", "outlet", "government", "document", "anonymous", "vague"}

EN_ARTICLE = (
    "The government will spend two billion euros more on defence next year, "
    "Defence Minister Anna de Vries told reporters on Monday. "
    "Sources familiar with the matter said the coalition was divided. "
    "The opposition reportedly wants to block the plan.\n"
)


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tui"), env.get("PYTHONPATH")]))
    return env


def check_span(doc_text: str, span: dict) -> None:
    assert isinstance(span["text"], str)
    assert isinstance(span["start"], int) and isinstance(span["end"], int)
    assert doc_text[span["start"] : span["end"]] == span["text"]


def check_contract(doc: dict) -> None:
    """The fields CONTRACT.md promises, with their types, and offsets that slice the text."""
    assert doc["srcview"] == __version__
    assert isinstance(doc["file"], str)
    assert doc["language"] in {"nl", "en"}
    text = doc["text"]
    assert isinstance(text, str)
    assert isinstance(doc["claims"], list) and doc["claims"]
    assert [c["id"] for c in doc["claims"]] == list(range(1, len(doc["claims"]) + 1))
    for claim in doc["claims"]:
        check_span(text, claim)
        assert isinstance(claim["paragraph"], int) and claim["paragraph"] >= 0
        assert claim["label"] in LABELS
        assert isinstance(claim["score"], (int, float)) and 0 <= claim["score"] <= 100
        assert isinstance(claim["quote"], bool)
        source = claim["source"]
        if source is not None:
            check_span(text, source)
            assert isinstance(source["canonical"], str) and source["canonical"]
            assert source["kind"] in KINDS
            assert source["credibility"] is None or 0 <= source["credibility"] <= 1
            assert source["match"] is None or isinstance(source["match"]["entry"], str)
        if claim["cue"] is not None:
            check_span(text, claim["cue"])
        for hedge in claim["hedges"]:
            check_span(text, hedge)
        for rule in claim["rules"]:
            assert isinstance(rule["id"], str) and isinstance(rule["why"], str)
            assert isinstance(rule["delta"], (int, float))
    starts = [c["start"] for c in doc["claims"]]
    assert starts == sorted(starts)
    for heading in doc["headings"]:
        check_span(text, heading)
    for source in doc["sources"]:
        assert isinstance(source["canonical"], str)
        assert source["kind"] in KINDS
        for mention in source["mentions"]:
            check_span(text, mention)
        assert all(isinstance(i, int) for i in source["claims"])


def test_json_for_the_bundled_sample(capsys):
    code, out, err = run_cli(capsys, "--format", "json", str(SAMPLE))
    assert (code, err) == (0, "")
    doc = json.loads(out)
    check_contract(doc)
    assert doc["language"] == "nl"
    assert doc["text"] == SAMPLE.read_text(encoding="utf-8")  # offsets fit the raw file
    assert "Vuile bommen" in [h["text"] for h in doc["headings"]]


def test_json_from_a_real_process():
    result = subprocess.run(
        [sys.executable, "-m", "srcview", "--format", "json", str(SAMPLE.relative_to(ROOT))],
        cwd=ROOT,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    check_contract(doc)
    assert doc["file"] == "samples/nl-kernwapens-gesprekken.txt"


def test_labels_of_a_short_dutch_article(tmp_path, capsys):
    article = tmp_path / "defensie.txt"
    article.write_text(SHORT_NL, encoding="utf-8")
    code, out, _ = run_cli(capsys, "--format", "json", str(article))
    assert code == 0
    doc = json.loads(out)
    check_contract(doc)
    assert doc["language"] == "nl"
    assert [h["text"] for h in doc["headings"]] == ["Kabinet wil meer geld voor defensie"]
    by_start = {c["text"].split()[0]: c for c in doc["claims"]}
    assert by_start["Volgens"]["label"] == "anonymous"
    assert by_start["Dat"]["label"] == "named"


def test_language_can_be_given(tmp_path, capsys):
    article = tmp_path / "defence.txt"
    article.write_text(EN_ARTICLE, encoding="utf-8")
    code, out, _ = run_cli(capsys, "--format", "json", "--lang", "en", str(article))
    assert code == 0
    doc = json.loads(out)
    check_contract(doc)
    assert doc["language"] == "en"


def test_text_report(capsys):
    code, out, err = run_cli(capsys, "--format", "text", str(SAMPLE))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert str(SAMPLE) in lines[0]
    assert "claims:" in lines[1] and "named" in lines[1] and "unattributed" in lines[1]
    claim_lines = [line for line in lines if line[:4].strip().isdigit()]
    assert len(claim_lines) > 10
    assert claim_lines[0].split()[0] == "1"


def test_text_is_the_default(capsys):
    assert run_cli(capsys, str(SAMPLE)) == run_cli(capsys, "--format", "text", str(SAMPLE))


def test_text_report_cannot_drive_the_terminal(tmp_path, capsys):
    article = tmp_path / "escape.txt"
    article.write_text(
        "Het kabinet \x1b]0;gehackt\x07trekt \x1b[31mtwee miljard euro\x1b[0m extra uit. "
        "Dat zegt minister \u202eAnna de Vries.\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "--format", "text", str(article))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "twee miljard euro" in out


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHORT_NL.encode("cp1252"))))
    code, out, _ = run_cli(capsys, "--format", "json", "-")
    assert code == 0
    assert json.loads(out)["text"] == SHORT_NL


def test_output_file(tmp_path, capsys):
    target = tmp_path / "result.json"
    code, out, err = run_cli(capsys, "--format", "json", "--output", str(target), str(SAMPLE))
    assert (code, out, err) == (0, "", "")
    check_contract(json.loads(target.read_text(encoding="utf-8")))
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"srcview {__version__}"


def assert_one_line_error(code: int, out: str, err: str, *words: str) -> None:
    assert code == 2
    assert out == ""
    assert err.startswith("srcview: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err


@pytest.mark.parametrize("content", [None, b"", b"  \n\n", b"\x00\x01binary\x00"])
def test_bad_input(tmp_path, capsys, content):
    article = tmp_path / "artikel.txt"
    if content is not None:
        article.write_bytes(content)
    assert_one_line_error(*run_cli(capsys, str(article)), str(article))


def test_directory_as_input(tmp_path, capsys):
    assert_one_line_error(*run_cli(capsys, str(tmp_path)), str(tmp_path), "directory")


def test_bad_input_in_a_real_process(tmp_path):
    missing = tmp_path / "nergens.txt"
    result = subprocess.run(
        [sys.executable, "-m", "srcview", str(missing)],
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert_one_line_error(result.returncode, result.stdout, result.stderr, str(missing))


def test_broken_rules_file_names_line_and_column(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[weights]\nbase_named = 50\nbase_anonymous = = 3\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "--rules", str(bad), str(SAMPLE))
    assert_one_line_error(code, out, err, f"srcview: {bad}:3:")
    line, col = err.split(f"{bad}:")[1].split(":")[:2]
    assert (line, col.isdigit()) == ("3", True)


def test_impossible_weight_names_the_file(tmp_path, capsys):
    bad = tmp_path / "weights.toml"
    bad.write_text("[weights]\nbase_named = 500\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "--rules", str(bad), str(SAMPLE))
    assert_one_line_error(code, out, err, str(bad), "base_named")


def test_missing_rules_file(tmp_path, capsys):
    missing = tmp_path / "mine.toml"
    assert_one_line_error(*run_cli(capsys, "--rules", str(missing), str(SAMPLE)), str(missing))


def test_rules_file_changes_scores(tmp_path, capsys):
    _, out, _ = run_cli(capsys, "--format", "json", str(SAMPLE))
    before = json.loads(out)
    mine = tmp_path / "mine.toml"
    mine.write_text("[weights]\nbase_named = 0\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "--format", "json", "--rules", str(mine), str(SAMPLE))
    assert code == 0
    after = json.loads(out)
    named = [
        (b["score"], a["score"])
        for b, a in zip(before["claims"], after["claims"], strict=True)
        if b["label"] == "named"
    ]
    assert named and all(a < b for b, a in named)


def test_unwritable_output(tmp_path, capsys):
    target = tmp_path / "no" / "such" / "folder" / "out.json"
    assert_one_line_error(*run_cli(capsys, "--output", str(target), str(SAMPLE)), str(target))


def test_interrupt_exits_130_quietly(monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("srcview.batch.load_article", interrupted)
    assert run_cli(capsys, str(SAMPLE)) == (130, "", "")
