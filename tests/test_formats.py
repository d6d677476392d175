"""Output formats for one article or many: json, jsonl, csv, md, text; summary figures and gates."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from srcview.export import to_dict
from srcview.formats import CSV_COLUMNS, FORMATS, gate, md_escape, open_writer, summary
from srcview.model import LABELS
from support import SHORT_NL

EN_ARTICLE = (
    "The government will spend two billion euros more on defence next year, "
    "Defence Minister Anna de Vries told reporters on Monday. "
    "Sources familiar with the matter said the coalition was divided. "
    "The opposition reportedly wants to block the plan.\n"
    "\n"
    "“We have to invest now,” De Vries said.\n"
)
HOSTILE = (
    "Breaking \x1b[31mred\x1b[0m news\n"
    "\n"
    "The mayor said the \x1b]0;pwned title\x07bridge | is | safe and `rm -rf /` is fine. "
    "# Not a heading, said Jan | Pipe `tick`.\n"
    "\n"
    "Sources familiar with the matter said the \x1b[2Jcouncil was | split\x1b[H. "
    "“The \x07bell `code` rings | twice,” said Mayor Lin\x1b[1mda Br\x9b0mandt.\n"
)
C0 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # every control but tab and newline


@pytest.fixture(scope="module")
def nl(engine):
    return engine.analyze(SHORT_NL, lang="nl", file="nl.txt")


@pytest.fixture(scope="module")
def en(engine):
    return engine.analyze(EN_ARTICLE, lang="en", file="en.txt")


@pytest.fixture(scope="module")
def hostile(engine):
    return engine.analyze(HOSTILE, lang="en", file="evil\x1b[31m|`name`.txt")


def render(fmt, *analyses, **kwargs):
    out = io.StringIO()
    with open_writer(fmt, out, **kwargs) as writer:
        for analysis in analyses:
            writer.write(analysis)
    return out.getvalue()


def test_articles_have_claims_of_several_labels(nl, en):
    for analysis in (nl, en):
        counts = analysis.counts()
        assert counts["named"] and counts["anonymous"], counts
        assert sum(counts.values()) == len(analysis.claims) >= 4


def test_formats_are_the_advertised_ones():
    assert FORMATS == ("json", "jsonl", "csv", "md", "text")
    with pytest.raises(ValueError, match="unknown format"):
        open_writer("xml", io.StringIO())


# --- json / jsonl ----------------------------------------------------------------
@pytest.mark.parametrize("name", ["nl", "en"])
def test_json_is_the_contract_document(name, request):
    analysis = request.getfixturevalue(name)
    assert json.loads(render("json", analysis)) == to_dict(analysis)


def test_json_holds_exactly_one_article(nl, en):
    writer = open_writer("json", io.StringIO())
    writer.write(nl)
    with pytest.raises(ValueError, match="one article"):
        writer.write(en)


def test_jsonl_one_compact_document_per_line(nl, en):
    out = render("jsonl", nl, en, nl)
    lines = out.split("\n")
    assert lines[-1] == "" and len(lines) == 4
    for line, analysis in zip(lines, (nl, en, nl), strict=False):
        assert json.loads(line) == to_dict(analysis)
        assert "\n" not in line and not line.startswith(" ")
    assert "“" in out  # ensure_ascii=False: the quotation marks stay as they are


def test_jsonl_error_record(nl):
    out = io.StringIO()
    with open_writer("jsonl", out) as writer:
        writer.write(nl)
        writer.write_error("missing.txt", "file not found")
    lines = out.getvalue().splitlines()
    assert json.loads(lines[1]) == {"file": "missing.txt", "error": "file not found"}


# --- csv -------------------------------------------------------------------------
def test_csv_one_row_per_claim(nl, en):
    out = render("csv", nl, en)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert len(rows) == len(nl.claims) + len(en.claims)
    pairs = [(nl, c) for c in nl.claims] + [(en, c) for c in en.claims]
    for row, (analysis, claim) in zip(rows, pairs, strict=True):
        assert row["file"] == analysis.file
        assert int(row["id"]) == claim.id
        assert (int(row["start"]), int(row["end"])) == (claim.start, claim.end)
        assert int(row["paragraph"]) == claim.paragraph
        assert row["label"] == claim.label
        assert float(row["score"]) == round(claim.score, 1)
        assert row["quote"] == ("true" if claim.quote else "false")
        assert row["text"] == claim.text == analysis.text[claim.start:claim.end]
        assert row["via"] == claim.via
        assert row["hedges"] == "; ".join(h.text for h in claim.hedges)
        assert row["cue"] == (claim.cue.text if claim.cue else "")
        if claim.source is None:
            assert row["source_canonical"] == row["source_kind"] == row["source_text"] == ""
        else:
            assert row["source_canonical"] == claim.source.canonical
            assert row["source_kind"] == claim.source.kind
            assert row["source_text"] == claim.source.text
    assert any(row["hedges"] for row in rows)
    assert any(row["quote"] == "true" for row in rows)


def test_csv_keeps_newlines_inside_a_claim(engine):
    # a sentence wrapped over a line break inside a paragraph stays one claim, newline and all
    text = "Bridge report\n\nThe mayor said the bridge\nwas safe and would stay open.\n"
    analysis = engine.analyze(text, lang="en", file="x.txt")
    assert any("\n" in c.text for c in analysis.claims)
    out = render("csv", analysis)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["text"] for r in rows] == [c.text for c in analysis.claims]
    assert '"The mayor said the bridge\nwas safe and would stay open."' in out


def test_csv_header_only_without_articles():
    assert render("csv") == ",".join(CSV_COLUMNS) + "\n"


# --- summary and gates -----------------------------------------------------------
def test_summary_figures(nl):
    fig = summary(nl)
    n = len(nl.claims)
    assert fig["claims"] == n
    assert fig["counts"] == nl.counts()
    assert set(fig["shares"]) == set(LABELS)
    assert sum(fig["shares"].values()) == pytest.approx(1.0)
    assert fig["mean_score"] == round(sum(round(c.score, 1) for c in nl.claims) / n, 1)
    assert fig["anonymous"] == nl.counts()["anonymous"]
    assert fig["anonymous_share"] == pytest.approx(fig["anonymous"] / n)
    assert "Anna de Vries" in fig["named_sources"]
    assert all(s.kind not in ("anonymous", "vague") for s in nl.sources if s.canonical in fig["named_sources"])


def test_summary_without_claims(engine):
    analysis = engine.analyze("Kop\n", lang="nl", file="kop.txt")
    analysis.claims.clear()
    fig = summary(analysis)
    assert fig["claims"] == 0 and fig["mean_score"] is None and fig["anonymous_share"] == 0.0
    assert gate(analysis, fail_under=50, max_anonymous=0) == []


def test_gate_reasons(nl):
    mean = summary(nl)["mean_score"]
    anonymous = nl.counts()["anonymous"]
    assert gate(nl) == []
    assert gate(nl, fail_under=mean, max_anonymous=anonymous) == []
    reasons = gate(nl, fail_under=mean + 10, max_anonymous=anonymous - 1)
    assert reasons == [
        f"mean score {mean:.1f} is under {mean + 10:g}",
        f"{anonymous} anonymous claim{'s' if anonymous != 1 else ''}, more than {anonymous - 1}",
    ]
    assert gate(nl, fail_under=100) == [f"mean score {mean:.1f} is under 100"]
    assert gate(nl, max_anonymous=0) == [f"{anonymous} anonymous claim{'s' if anonymous != 1 else ''}, more than 0"]


# --- md ----------------------------------------------------------------------------
def table_rows(md: str) -> list[list[str]]:
    """The cells of every table row (split on unescaped pipes)."""
    out = []
    for line in md.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line)
            assert cells[0] == "" and cells[-1].strip() == "", line
            out.append([c.strip() for c in cells[1:-1]])
    return out


def test_md_report(nl, en):
    md = render("md", nl, en)
    for analysis in (nl, en):
        assert f"# {analysis.file}\n" in md
    assert md.count("## Summary") == 2
    assert "- Mean score: " + f"{summary(nl)['mean_score']:.1f}" in md
    assert "- Named sources: " in md and "Anna de Vries" in md
    assert "- Resting on anonymous sources: " in md
    for label in LABELS:
        count = nl.counts()[label]
        assert f"  - {label}: {count} (" in md
        assert f"## {label.capitalize()} ({count})" in md
    assert "| source | kind | credibility | basis | claims | mean score |" in md
    assert "- Outlet: unknown" in md
    for claim in nl.claims:
        assert f"**#{claim.id}** · score {claim.score:.1f}" in md
    assert "# All articles" in md  # several articles: totals at the end
    assert "# All articles" not in render("md", nl)


def test_md_sources_table_rows(nl):
    rows = table_rows(render("md", nl))
    assert rows[0] == ["source", "kind", "credibility", "basis", "claims", "mean score"]
    assert len(rows) == 2 + len(nl.sources)
    for row, src in zip(rows[2:], nl.sources, strict=True):
        assert row[0] == src.canonical and row[1] == src.kind and int(row[4]) == len(src.claims)
        assert row[3] == (src.credibility_basis or "–")


def test_md_and_text_of_a_hostile_article(hostile):
    assert any("|" in c.text and "`" in c.text for c in hostile.claims)
    for fmt in ("md", "text"):
        out = render(fmt, hostile, hostile)
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out, fmt
        assert not C0.search(out), (fmt, C0.search(out))
        assert "pwned title" not in out  # the OSC title string is dropped whole
    md = render("md", hostile)
    rows = table_rows(md)
    assert all(len(row) == 6 for row in rows), rows
    assert len(rows) == 2 + len(hostile.sources)
    # no unescaped backtick or pipe anywhere outside the table syntax, no line turned into a heading
    body = [line for line in md.splitlines() if not line.startswith("|")]
    assert not any(re.search(r"(?<!\\)[`|]", line) for line in body)
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings[0] == r"# evil\|\`name\`.txt"
    assert all(re.match(r"#+ (evil|Summary|Sources|Named|Anonymous|Unverified|Unattributed|All)", h) for h in headings)


def test_md_escape():
    assert md_escape("a | b `c` *d* [e](f) <g>") == r"a \| b \`c\` \*d\* \[e\](f) \<g\>"
    assert md_escape("# kop") == r"\# kop"
    assert md_escape("- item") == r"\- item"
    assert md_escape("1. item") == r"1\. item"
    assert md_escape("x\x1b[31my\x1b]0;t\x07z\nw") == "xyz w"


def test_md_error_entry(nl):
    out = io.StringIO()
    with open_writer("md", out) as writer:
        writer.write(nl)
        writer.write_error("gone|`x`.txt", "file not found")
    md = out.getvalue()
    assert "# gone\\|\\`x\\`.txt\n\nCould not analyse: file not found" in md
    assert "- Not analysed: 1" in md


# --- text ----------------------------------------------------------------------------
def test_text_reports_separated_by_a_blank_line(nl, en):
    from srcview.report import text_report

    assert render("text", nl, en) == text_report(nl) + "\n" + text_report(en)
    assert render("text", nl, width=60) == text_report(nl, width=60)


def test_closed_writer_refuses_more(nl):
    writer = open_writer("jsonl", io.StringIO())
    writer.close()
    with pytest.raises(ValueError):
        writer.write(nl)
