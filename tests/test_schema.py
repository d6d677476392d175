"""The rules schema: one declaration gives the defaults, the shipped scoring file, validation and the lexicon."""

from pathlib import Path

import pytest

from srcview import schema
from srcview.engine.lexicon import Lexicon
from srcview.rules import check_files, default_rules_dir, load_rules
from srcview.scoring import DEFAULTS


def test_the_shipped_scoring_file_is_what_the_schema_renders():
    """Edit the defaults in srcview/schema.py, then: python -m srcview.schema > rules/scoring.toml"""
    assert (default_rules_dir() / "scoring.toml").read_text(encoding="utf-8") == schema.render_scoring()


def test_weights_and_settings_default_to_what_the_schema_declares():
    assert schema.defaults(schema.WEIGHTS) == DEFAULTS
    assert DEFAULTS["base_named"] == 65 and DEFAULTS["hedge"] == -10
    rules = load_rules()
    assert rules.settings == schema.defaults(schema.SETTINGS)


def test_every_key_is_explained_for_the_people_who_edit_it():
    def walk(node, path):
        if isinstance(node, schema.Table):
            for key, sub in node.keys.items():
                yield from walk(sub, (*path, key))
        elif isinstance(node, schema.AnyKey):
            yield from walk(node.value, (*path, "*"))
        elif isinstance(node, schema.Tables):
            yield from walk(node.item, path)
        else:
            yield path, node

    leaves = list(walk(schema.SCHEMA, ()))
    assert len(leaves) > 80
    undocumented = [".".join(p) for p, node in leaves if not node.doc and p[-1] != "*"]
    assert undocumented == []
    assert schema.describe("weights", "hedge").startswith("Per hedge")


def test_the_tunable_rows_are_every_weight_then_the_numeric_settings():
    rows = schema.tunable_rows()
    assert [r.key for r in rows if r.section == "weights"] == list(DEFAULTS)
    assert ("settings", "match_threshold") in [(r.section, r.key) for r in rows]
    assert all(r.doc for r in rows)


def test_each_declared_word_list_becomes_a_lexicon_attribute():
    lex = Lexicon("nl", load_rules().lang("nl"))
    for field in schema.LEXICON_FIELDS:
        value = getattr(lex, field.field)
        assert isinstance(value, tuple if field.suffixes else frozenset), field
    assert "zegt" in lex.strong and "de" in lex.determiners
    assert lex.verb_second and not Lexicon("en", load_rules().lang("en")).verb_second


def test_quotation_marks_are_checked_like_any_other_key(tmp_path: Path):
    path = tmp_path / "marks.toml"
    path.write_text('[lang.fr.quotes]\ndouble = ["«»"]\n', encoding="utf-8")
    [problem] = check_files([path])
    assert problem.line == 2 and "separated by spaces" in problem.message


@pytest.mark.parametrize("section", ["weights", "settings"])
def test_an_unknown_key_suggests_the_declared_one(tmp_path: Path, section: str):
    key = "hedg" if section == "weights" else "match_treshold"
    path = tmp_path / "typo.toml"
    path.write_text(f"[{section}]\n{key} = 1\n", encoding="utf-8")
    [problem] = check_files([path])
    assert "did you mean" in problem.message
