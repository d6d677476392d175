"""Dask support: a bag of contract dicts, errors per file, rows in order (local scheduler only)."""

from __future__ import annotations

import csv
import io
import json

import pytest

dask = pytest.importorskip("dask")
pytest.importorskip("dask.bag")

from srcview.distributed import analyze_bag, rows  # noqa: E402
from srcview.export import to_dict  # noqa: E402
from srcview.formats import CSV_COLUMNS  # noqa: E402

ARTICLES = {
    "one-nl.txt": "Het kabinet trekt twee miljard euro extra uit. Dat zegt minister Anna de Vries.\n",
    "two-en.txt": "Sources familiar with the matter said the coalition was divided. It reportedly fell.\n",
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    root = tmp_path_factory.mktemp("bag")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return [str(root / "one-nl.txt"), str(root / "missing.txt"), str(root / "two-en.txt")]


@pytest.fixture(scope="module")
def expected(files, engine):
    return {path: to_dict(engine.analyze(ARTICLES[path.rsplit("/", 1)[-1]], file=path))
            for path in files if "missing" not in path}


@pytest.mark.parametrize("npartitions", [1, 2, 3])
def test_bag_of_contract_dicts_in_order(files, expected, npartitions):
    bag = analyze_bag(files, npartitions=npartitions)
    docs = bag.compute(scheduler="synchronous")
    assert [d["file"] for d in docs] == files
    assert docs[1] == {"file": files[1], "error": "file not found"}
    assert docs[0] == expected[files[0]] and docs[2] == expected[files[2]]


def test_jsonl_rows_in_order(files, expected):
    lines = rows(analyze_bag(files, npartitions=2), "jsonl", scheduler="synchronous")
    assert len(lines) == 3 and all(line.endswith("\n") for line in lines)
    docs = [json.loads(line) for line in lines]
    assert [d["file"] for d in docs] == files
    assert docs[0] == expected[files[0]] and "error" in docs[1]


def test_csv_rows_in_order(files, expected):
    records = rows(analyze_bag(files, npartitions=3), "csv", scheduler="threads")
    parsed = list(csv.DictReader(io.StringIO("".join(records))))
    assert records[0].rstrip("\n") == ",".join(CSV_COLUMNS)
    want = [(files[0], c) for c in expected[files[0]]["claims"]] + [(files[2], c) for c in expected[files[2]]["claims"]]
    claims = [r for r in parsed if not r["error"]]
    assert [(r["file"], int(r["id"]), r["text"]) for r in claims] == [(f, c["id"], c["text"]) for f, c in want]


def test_csv_has_a_record_for_the_article_that_failed(files):
    records = rows(analyze_bag(files, npartitions=3), "csv", scheduler="synchronous")
    failed = [r for r in csv.DictReader(io.StringIO("".join(records))) if r["error"]]
    assert [(r["file"], r["error"], r["id"], r["text"]) for r in failed] == [(files[1], "file not found", "", "")]


def test_rules_and_lang_reach_the_workers(files, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("[weights]\nbase_anonymous = 5\n", encoding="utf-8")
    plain = analyze_bag(files[2:], lang="en").compute(scheduler="synchronous")[0]
    tuned = analyze_bag(files[2:], rules_paths=[rules], lang="en").compute(scheduler="synchronous")[0]
    assert plain["claims"][0]["label"] == tuned["claims"][0]["label"] == "anonymous"
    assert tuned["claims"][0]["score"] < plain["claims"][0]["score"]
    assert analyze_bag(files[:1], lang="en").compute(scheduler="synchronous")[0]["language"] == "en"


def test_empty_and_bad_format():
    assert analyze_bag([]).compute(scheduler="synchronous") == []
    with pytest.raises(ValueError):
        rows(analyze_bag([]), "md")


def test_missing_dask_gives_a_clear_message(monkeypatch):
    import builtins

    from srcview import distributed

    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "dask" or name.startswith("dask."):
            raise ImportError("No module named 'dask'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(ImportError, match=r"pip install 'srcview\[dask\]'"):
        distributed.analyze_bag(["x.txt"])
