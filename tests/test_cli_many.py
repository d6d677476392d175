"""The command line on many articles: formats, folders, gates, failures and comparisons."""

import csv
import io
import json

import pytest

from srcview.cli import main

NAMED = "De minister zegt dat de brug veilig is. “We houden toezicht,” zei ze.\n"
ANONYMOUS = ("Volgens ingewijden gaat de brug dicht. Bronnen rond het stadhuis bevestigen dat. "
             "Een betrokkene zegt dat de kosten stijgen.\n")


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(NAMED, encoding="utf-8")
    (root / "sub" / "b.md").write_text("# Kop\n\n" + ANONYMOUS, encoding="utf-8")
    (root / ".hidden.txt").write_text(NAMED, encoding="utf-8")
    (root / "notes.json").write_text("{}", encoding="utf-8")
    return root


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_folder_is_walked_for_article_files(capsys, folder):
    code, out, err = run(capsys, "--format", "jsonl", str(folder))
    assert code == 0, err
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["file"].split("articles/")[1] for d in docs] == ["a.txt", "sub/b.md"]


def test_csv_has_one_row_per_claim_with_the_article_path(capsys, folder):
    code, out, _ = run(capsys, "--format", "csv", str(folder / "a.txt"), str(folder / "sub" / "b.md"))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert {r["file"] for r in rows} == {str(folder / "a.txt"), str(folder / "sub" / "b.md")}
    assert sum(1 for r in rows if r["file"].endswith("a.txt")) == 2


def test_markdown_report_of_one_article(capsys, folder):
    code, out, _ = run(capsys, "--format", "md", str(folder / "a.txt"))
    assert code == 0 and out.startswith("# ") and "named" in out


def test_a_file_that_fails_does_not_stop_the_others(capsys, folder, tmp_path):
    code, out, err = run(capsys, "--format", "jsonl", str(tmp_path / "missing.txt"), str(folder / "a.txt"))
    assert code == 2
    assert json.loads(out.splitlines()[-1])["file"].endswith("a.txt")
    assert "missing.txt" in err and "Traceback" not in err


def test_gates_exit_1_and_say_why(capsys, folder):
    code, _, err = run(capsys, "--format", "csv", "--max-anonymous", "1", str(folder / "sub" / "b.md"))
    assert code == 1
    assert "anonymous claims, more than 1" in err
    code, _, err = run(capsys, "--format", "csv", "--fail-under", "99", str(folder / "a.txt"))
    assert code == 1 and "under 99" in err
    assert run(capsys, "--format", "csv", "--fail-under", "10", str(folder / "a.txt"))[0] == 0


def test_two_articles_in_json_are_compared(capsys, folder):
    code, out, _ = run(capsys, "--format", "json", str(folder / "a.txt"), str(folder / "sub" / "b.md"))
    doc = json.loads(out)
    assert code == 0
    assert len(doc["articles"]) == 2 and "alignment" in doc
    assert all("claims" in a and "text" in a for a in doc["articles"])


def test_an_article_over_the_size_limit_is_refused(capsys, folder):
    code, _, err = run(capsys, "--max-size", "10", str(folder / "a.txt"))
    assert code == 2 and "byte limit" in err


def test_output_is_written_atomically_and_stdout_stays_empty(capsys, folder, tmp_path):
    target = tmp_path / "report.csv"
    code, out, _ = run(capsys, "--format", "csv", "--output", str(target), str(folder))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("file,id,")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_several_processes_give_the_same_output(capsys, folder):
    one = run(capsys, "--format", "jsonl", str(folder))[1]
    two = run(capsys, "--format", "jsonl", "--jobs", "2", str(folder))[1]
    assert one == two
