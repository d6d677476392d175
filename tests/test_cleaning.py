"""One home for cleaning text from strangers: what each output keeps of it."""

from __future__ import annotations

import json

from srcview.cleaning import clean, csv_cell, escape_json, strip_controls
from srcview.report import clean as report_clean


def test_report_clean_is_the_one_clean():
    assert report_clean is clean


def test_clean_gives_one_line_without_escapes_or_controls():
    assert clean("a\x1b[31mb\x1b[0m \x1b]0;title\x07c\n\n  d\te\x00\x85\u202ef") == "ab c d ef"


def test_clean_drops_an_osc_string_up_to_the_next_escape_when_it_is_not_ended():
    assert clean("x\x1b]0;title\x1b[1my") == "xy"
    assert clean("x\x1b]0;title to the end") == "x"


def test_a_lone_c1_control_loses_only_itself():
    # text misdecoded as Latin-1 holds stray C1 characters: they must not swallow the words after them
    assert clean("ingewijden \x9dzeggen het") == "ingewijden zeggen het"
    assert clean("a\x9d0;title\x07b") == "ab"  # an ended 8-bit OSC string goes whole


def test_clean_keeps_line_breaks_semantics_of_white_space():
    assert clean("a  \n \n  b") == "a b"
    assert clean("\nb") == " b" and clean("a\n") == "a "


def test_strip_controls_keeps_newlines_and_tabs():
    assert strip_controls("a\x1b[2J\nb\tc\x07\u2066") == "a\nb\tc"


def test_csv_cell_disarms_formulas_and_leaves_numbers():
    for text in ("=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1", "\r=1", "＝1", " =1"):
        assert csv_cell(text).startswith("'"), text
    assert csv_cell("De minister zegt") == "De minister zegt"
    assert csv_cell(-2) == -2 and csv_cell(0.5) == 0.5
    assert csv_cell("\x1b[31m=1") == "'=1"  # cleaned first, so an escape cannot hide a formula


def test_escape_json_keeps_the_value_and_hides_the_controls():
    value = "a\x85b\u202ec\u2028d\x7f"
    text = escape_json(json.dumps(value, ensure_ascii=False))
    assert text == '"a\\u0085b\\u202ec\\u2028d\\u007f"'
    assert json.loads(text) == value
