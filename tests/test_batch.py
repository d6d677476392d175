"""analyze_many: many articles in order, errors per file, the same on one core or several."""

from __future__ import annotations

import pytest

from srcview.batch import BatchError, analyze_many
from srcview.errors import RulesError
from srcview.export import to_dict
from srcview.model import Analysis

ARTICLES = {
    "a-nl.txt": "Het kabinet trekt twee miljard euro extra uit. Dat zegt minister Anna de Vries.\n",
    "b-en.txt": "Sources familiar with the matter said the coalition was divided.\n",
    "c-nl.txt": "Volgens ingewijden zou de coalitie verdeeld zijn. De Kamer debatteert dinsdag.\n",
    "d-en.txt": "“We have to invest now,” Defence Minister Anna de Vries said on Monday.\n",
    "e-en.txt": "The opposition reportedly wants to block the plan. No evidence was provided.\n",
    "f-nl.txt": "Kop boven het stuk\n\nDe NOS meldt dat het plan is uitgesteld, zegt woordvoerder Jan Bos.\n",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "empty.txt").write_text("   \n", encoding="utf-8")
    return root


def paths(folder, *names):
    return [str(folder / name) for name in names]


def test_in_order_with_errors_per_file(folder):
    names = ["c-nl.txt", "missing.txt", "a-nl.txt", "empty.txt", "b-en.txt"]
    results = list(analyze_many(paths(folder, *names), jobs=1))
    assert [r.file for r in results] == paths(folder, *names)
    assert [type(r) for r in results] == [Analysis, BatchError, Analysis, BatchError, Analysis]
    assert results[1].message == "file not found"
    assert "whitespace" in results[3].message
    assert str(results[1]) == f"{folder / 'missing.txt'}: file not found"
    assert results[0].language == "nl" and results[4].language == "en"
    assert all(r.claims for r in results if isinstance(r, Analysis))


def test_two_jobs_give_the_same_results_as_one(folder):
    names = sorted(ARTICLES)
    one = [to_dict(r) for r in analyze_many(paths(folder, *names), jobs=1)]
    two = list(analyze_many(paths(folder, *names) + paths(folder, "missing.txt"), jobs=2, chunk=2))
    assert isinstance(two[-1], BatchError) and two[-1].message == "file not found"
    assert [to_dict(r) for r in two[:-1]] == one
    assert len(one) == 6


def test_lang_and_lazy_paths(folder):
    gen = (p for p in paths(folder, "a-nl.txt", "b-en.txt"))
    results = list(analyze_many(gen, jobs=1, lang="en"))
    assert [r.language for r in results] == ["en", "en"]


def test_broken_rules_stop_the_batch_before_it_starts(folder, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[weights]\nbase_named = 'high'\n", encoding="utf-8")
    with pytest.raises(RulesError):  # at the call, before any article or worker
        analyze_many(paths(folder, "a-nl.txt"), jobs=2, rules_paths=[bad])


def test_rules_paths_are_applied(folder, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("[weights]\nbase_anonymous = 5\n", encoding="utf-8")
    plain = next(analyze_many(paths(folder, "b-en.txt")))
    tuned = next(analyze_many(paths(folder, "b-en.txt"), jobs=2, rules_paths=[rules]))
    assert plain.claims[0].label == tuned.claims[0].label == "anonymous"
    assert tuned.claims[0].score < plain.claims[0].score


def test_closing_early_stops_the_pool(folder):
    results = analyze_many(paths(folder, *sorted(ARTICLES)) * 5, jobs=2, chunk=1)
    first = next(results)
    assert isinstance(first, Analysis)
    results.close()  # shuts the pool down; must not hang


def test_engine_renewed_after_renew_every_articles(folder, monkeypatch):
    import srcview.engine

    built = []

    class Counting(srcview.engine.Engine):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(srcview.engine, "Engine", Counting)
    names = paths(folder, "b-en.txt", "d-en.txt", "e-en.txt")
    renewed = [to_dict(r) for r in analyze_many(names, jobs=1, renew_every=2)]
    assert len(built) == 2
    built.clear()
    assert [to_dict(r) for r in analyze_many(names, jobs=1, renew_every=None)] == renewed
    assert len(built) == 1
