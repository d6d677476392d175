"""--lang auto: the article's language among those with rules, and a clear refusal of the others."""

from pathlib import Path

import pytest

from srcview.cli import main
from srcview.engine.language import UnknownLanguage, detect, function_word_shares, language_name
from srcview.rules import load_rules

# A Portuguese news text written for this test.
PORTUGUESE = (
    "Governo anuncia novo pacote de medidas\n\n"
    "O ministro da Economia afirmou nesta segunda-feira que o governo vai apresentar, ainda este mês, um "
    "conjunto de medidas para reduzir o preço dos alimentos. Segundo ele, a proposta inclui a redução "
    "temporária de impostos sobre produtos da cesta básica.\n\n"
    "\"Não podemos esperar mais\", disse o ministro em entrevista coletiva em Brasília.\n"
)
GERMAN = ("Der Finanzminister hat am Montag angekündigt, dass die Bundesregierung noch in diesem Monat ein Paket "
          "zur Entlastung der Bürger vorlegen will. „Wir können nicht länger warten“, sagte der Minister in Berlin.")
DUTCH = "De minister zegt dat het kabinet de brug volgend jaar wil vervangen. Volgens ingewijden is dat te laat."
ENGLISH = "The minister said the government would replace the bridge next year. Sources say that is too late."


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_dutch_and_english_are_told_apart_by_their_function_words(rules):
    assert detect(DUTCH, rules) == "nl" and detect(ENGLISH, rules) == "en"
    shares = function_word_shares(DUTCH, rules)
    assert shares["nl"] > 0.2 > shares["en"]


@pytest.mark.parametrize("text, name", [(PORTUGUESE, "Portuguese (pt)"), (GERMAN, "German (de)")])
def test_a_language_without_rules_is_refused_by_name(rules, text, name):
    with pytest.raises(UnknownLanguage, match=rf"looks like {name.replace('(', '[(]').replace(')', '[)]')}"):
        detect(text, rules)


def test_a_few_words_are_too_few_to_refuse(rules):
    assert detect("Bom dia", rules) == "en"  # the default language


def test_portuguese_at_the_command_line_is_one_line_and_exit_2_until_forced(tmp_path: Path, capsys):
    path = tmp_path / "noticia.txt"
    path.write_text(PORTUGUESE, encoding="utf-8")
    assert main(["--format", "json", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Portuguese" in err and str(path) in err
    assert main(["--lang", "en", "--format", "json", str(path)]) == 0
    assert '"language": "en"' in capsys.readouterr().out


def test_language_names_come_from_the_shipped_table():
    assert language_name("id") == "Indonesian" and language_name("qq") == "qq"
