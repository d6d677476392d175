"""Adding a language is a rules file: a small French profile, with no code written for French."""

import json
from pathlib import Path

from srcview.cli import main
from srcview.engine import Engine
from srcview.rules import load_rules

FRENCH = Path(__file__).parent / "data" / "lang-fr.toml"
ARTICLE = ("Selon le ministre Jean Dupont, le pont fermera. "
           "« Nous n'avons pas le choix », a déclaré la maire Anne Morel.\n")


def test_a_french_article_with_a_french_rules_file(tmp_path: Path, capsys):
    path = tmp_path / "pont.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code = main(["--lang", "fr", "--rules", str(FRENCH), "--format", "json", str(path)])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["language"] == "fr"
    assert [(c["label"], c["source"]["text"]) for c in doc["claims"]] == [
        ("named", "le ministre Jean Dupont"), ("named", "la maire Anne Morel")]
    assert doc["claims"][1]["quote"] and doc["claims"][1]["cue"]["text"] == "a déclaré"


def test_the_french_profile_passes_the_rules_check(capsys):
    assert main(["--check-rules", str(FRENCH)]) == 0


def test_spaced_french_quotation_marks_hold_a_quotation():
    engine = Engine(load_rules([FRENCH]))
    analysis = engine.analyze("« Le pont est fermé. Il le restera », a dit la maire Anne Morel.", lang="fr")
    assert [c.label for c in analysis.claims] == ["named", "named"]
    assert all(c.quote for c in analysis.claims)


def test_a_language_without_rules_is_one_clear_line(tmp_path: Path, capsys):
    path = tmp_path / "pont.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["--lang", "fr", "--format", "json", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no rules for language 'fr'" in err and str(path) in err
