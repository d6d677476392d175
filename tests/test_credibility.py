"""Issue 14: every credibility with a citable basis, and the article's own outlet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srcview.cli import main
from srcview.credibility import effective_registry, identify_outlet
from srcview.markup import page_identity
from srcview.ratings import Ratings, load_config, normalise_domain, shipped
from srcview.rules import default_rules_dir, load_rules

PAGE = """<!DOCTYPE html><html><head><title>Talks collapse - The New York Times</title>
<link rel="canonical" href="https://www.nytimes.com/2019/06/01/world/europe/talks-collapse.html">
<meta property="og:site_name" content="The New York Times">
</head><body><nav>Home | World</nav><article><h1>Talks collapse</h1>
<p>The talks between the two governments collapsed on Friday after a week of meetings in Geneva.</p>
<p>The talks collapsed, The Wall Street Journal reported.</p>
<p>Sources familiar with the matter said a new round was unlikely before the summer.</p>
</article></body></html>"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def page(tmp_path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def wsj_claim(doc: dict) -> dict:
    return next(c for c in doc["claims"] if c["source"] and c["source"]["canonical"] == "The Wall Street Journal")


# --- domains ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("written", "domain"), [
    ("https://www.nytimes.com/2019/06/01/world/x.html", "nytimes.com"),
    ("WSJ.com", "wsj.com"),
    ("m.nos.nl", "nos.nl"),
    ("amp.theguardian.com/world", "theguardian.com"),
    ("//www.volkskrant.nl/nieuws", "volkskrant.nl"),
    ("http://user@www.ad.nl:8080/x?y#z", "ad.nl"),
    ("nos.nl.", "nos.nl"),
    ("news.bbc.co.uk", "news.bbc.co.uk"),
    ("bücher.de", "xn--bcher-kva.de"),
])
def test_domains_are_normalised(written, domain):
    assert normalise_domain(written) == domain


@pytest.mark.parametrize("written", ["", "   ", "The Times", "localhost", "http://10.0.0.1/x", "a..b"])
def test_what_names_no_domain_gives_none(written):
    assert normalise_domain(written) is None


def test_a_subdomain_falls_back_to_its_registered_domain_when_only_that_is_rated():
    ratings = shipped()
    assert ratings.rating("news.bbc.co.uk").domain == "bbc.co.uk"
    assert ratings.rating("www.nytimes.com").value == pytest.approx(0.859, abs=0.01)
    assert ratings.rating("example-that-is-not-rated.nl") is None


def test_a_rated_section_of_a_site_rates_the_urls_under_it():
    ratings = shipped()
    satire = ratings.rating("https://www.newyorker.com/humor/borowitz-report/some-column")
    assert satire.domain == "newyorker.com/humor/borowitz-report"
    assert ratings.rating("https://www.newyorker.com/news/x").domain == "newyorker.com"
    assert satire.value != ratings.rating("newyorker.com").value


def test_a_blog_host_lends_no_rating_to_its_blogs():
    ratings = Ratings({"blogspot.com": 0.67, "nos.nl": 0.78}, load_config(default_rules_dir()))
    assert ratings.rating("blogspot.com").value == 0.67  # the host itself is rated
    assert ratings.rating("iemand.blogspot.com") is None  # its blogs are publishers of their own
    assert ratings.rating("sport.nos.nl").domain == "nos.nl"


def test_the_ratings_ship_with_srcview_and_cite_their_source():
    ratings = shipped()
    assert len(ratings) > 11_000
    config = load_config(default_rules_dir())
    assert config.file.is_file() and config.file.parent.name == "ratings"
    assert config.cite == "Lin et al. 2023" and "10.1093/pnasnexus/pgad286" in config.citation


# --- precedence: your rules > ratings > editorial default ---------------------------------------------------
def entries(rules) -> dict[str, dict]:
    return {e["id"]: e for e in effective_registry(rules)}


def test_a_rated_outlet_gets_its_rating_with_the_basis():
    wsj = entries(load_rules())["wsj"]
    assert wsj["domain"] == "wsj.com"
    assert wsj["credibility"] == pytest.approx(0.804, abs=0.01)
    assert wsj["credibility_basis"] == "Lin et al. 2023 · wsj.com"


def test_what_the_ratings_do_not_cover_keeps_the_editorial_default_and_says_so():
    shipped_entries = entries(load_rules())
    assert shipped_entries["cbs-nl"]["credibility"] == 0.9
    assert shipped_entries["cbs-nl"]["credibility_basis"] == "srcview default for a government body"
    assert shipped_entries["nrc"]["credibility_basis"] == "srcview default for a news outlet"  # nrc.nl is not rated


def test_your_rules_win_over_the_ratings_and_name_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "mine.toml"
    mine.write_text('# my newsroom\n\n[[registry]]\nid = "wsj"\ncredibility = 0.5\n\n'
                    '[[registry]]\nid = "cbs-nl"\ncredibility = 0.6\n', encoding="utf-8")
    layered = entries(load_rules([mine]))
    assert (layered["wsj"]["credibility"], layered["wsj"]["credibility_basis"]) == (0.5, "your rules · mine.toml:5")
    assert (layered["cbs-nl"]["credibility"], layered["cbs-nl"]["credibility_basis"]) == (
        0.6, "your rules · mine.toml:9")


def test_a_domain_in_your_rules_brings_its_rating(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('[[registry]]\nid = "nrc"\ndomain = "https://www.nrc.nl/"\n\n'
                    '[[registry]]\nid = "lokaal"\nname = "Het Lokale Blad"\nkind = "outlet"\ndomain = "nos.nl"\n',
                    encoding="utf-8")
    layered = entries(load_rules([mine]))
    assert layered["nrc"]["domain"] == "nrc.nl" and layered["nrc"]["credibility_basis"].startswith("srcview default")
    assert layered["lokaal"]["credibility_basis"] == "Lin et al. 2023 · nos.nl"


# --- the analysis: sources, rule trace, outlet ---------------------------------------------------------------
def test_the_page_gives_its_outlet_and_the_wsj_claim_its_rated_credibility(page, capsys):
    code, out, err = run(capsys, "--format", "json", str(page))
    assert (code, err) == (0, "")
    doc = json.loads(out)
    outlet = doc["outlet"]
    assert outlet["domain"] == "nytimes.com" and outlet["name"] == "The New York Times"
    assert outlet["rating"] == pytest.approx(0.859, abs=0.01)
    assert "Lin et al. 2023" in outlet["basis"]
    source = wsj_claim(doc)["source"]
    assert source["credibility"] == pytest.approx(0.804, abs=0.01)
    assert source["credibility_basis"] == "Lin et al. 2023 · wsj.com" and source["domain"] == "wsj.com"
    trace = [r for r in wsj_claim(doc)["rules"] if r["id"] == "source.credibility"]
    assert trace and "Lin et al. 2023 · wsj.com" in trace[0]["why"]
    row = next(s for s in doc["sources"] if s["canonical"] == "The Wall Street Journal")
    assert row["credibility_basis"] == "Lin et al. 2023 · wsj.com" and row["domain"] == "wsj.com"


def test_a_user_rule_for_the_outlet_wins_and_its_basis_names_the_file_and_line(page, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text('[[registry]]\nid = "wsj"\ncredibility = 0.5\n', encoding="utf-8")
    code, out, _ = run(capsys, "--format", "json", "--rules", "mine.toml", str(page))
    source = wsj_claim(json.loads(out))["source"]
    assert code == 0
    assert (source["credibility"], source["credibility_basis"]) == (0.5, "your rules · mine.toml:3")


def test_outlet_given_on_the_command_line_wins_over_the_page(page, capsys):
    doc = json.loads(run(capsys, "--format", "json", "--outlet", "https://www.volkskrant.nl", str(page))[1])
    assert doc["outlet"]["name"] == "de Volkskrant" and doc["outlet"]["domain"] == "volkskrant.nl"
    assert doc["outlet"]["basis"] == "Lin et al. 2023 · volkskrant.nl"
    doc = json.loads(run(capsys, "--format", "json", "--outlet", "NRC", str(page))[1])
    assert (doc["outlet"]["name"], doc["outlet"]["basis"]) == ("NRC", "srcview default for a news outlet")
    doc = json.loads(run(capsys, "--format", "json", "--outlet", "Dagblad van Zuid", str(page))[1])
    assert doc["outlet"] == {"name": "Dagblad van Zuid", "domain": None, "rating": None, "basis": None,
                             "found": "--outlet"}


def test_a_plain_article_without_page_or_dateline_has_no_outlet(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("The talks collapsed, The Wall Street Journal reported.\n", encoding="utf-8")
    assert json.loads(run(capsys, "--format", "json", str(article))[1])["outlet"] is None


def test_a_dateline_names_the_outlet(engine):
    text = "WASHINGTON (Reuters) - The talks collapsed on Friday, officials said.\n"
    outlet = identify_outlet(text, engine.registry)
    assert (outlet.name, outlet.domain, outlet.found) == ("Reuters", "reuters.com", "dateline")
    assert outlet.basis == "Lin et al. 2023 · reuters.com"


def test_page_identity_reads_canonical_og_url_and_site_name():
    assert page_identity(PAGE) == {"canonical": "https://www.nytimes.com/2019/06/01/world/europe/talks-collapse.html",
                                   "og:site_name": "The New York Times"}
    other = ('<html><head><meta property="og:url" content="https://m.nos.nl/artikel/1"/>'
             '<meta property="og:site_name" content="NOS &amp; co"></head><body><link rel="canonical" '
             'href="https://nos.nl/x"></body></html>')
    assert page_identity(other) == {"og:url": "https://m.nos.nl/artikel/1", "og:site_name": "NOS & co"}
    assert page_identity("<p>no head at all</p>") == {}


def test_og_url_and_site_name_give_the_outlet_without_a_canonical_link(engine):
    outlet = identify_outlet("", engine.registry, page={"og:url": "https://m.nos.nl/artikel/1"})
    assert (outlet.name, outlet.domain, outlet.found) == ("NOS", "nos.nl", "og:url")
    outlet = identify_outlet("", engine.registry, page={"og:site_name": "The Guardian"})
    assert (outlet.domain, outlet.found, outlet.basis) == ("theguardian.com", "og:site_name",
                                                           "Lin et al. 2023 · theguardian.com")


def test_a_source_written_as_a_domain_is_matched_through_it(engine):
    analysis = engine.analyze("The talks collapsed, Politico.com reported.\n", lang="en")
    source = analysis.claims[0].source
    assert (source.canonical, source.domain, source.credibility_basis) == (
        "Politico", "politico.com", "Lin et al. 2023 · politico.com")


def test_a_rated_domain_the_registry_lacks_is_still_an_outlet(engine):
    entry, similarity = engine.registry.lookup("RollCall.com")
    assert (entry.name, entry.kind, entry.domain, similarity) == ("rollcall.com", "outlet", "rollcall.com", 100.0)
    assert (entry.credibility, entry.basis) == (pytest.approx(0.98, abs=0.01), "Lin et al. 2023 · rollcall.com")


def test_md_and_text_reports_show_the_outlet_the_basis_and_the_citation(page, capsys):
    md = run(capsys, "--format", "md", str(page))[1]
    assert "- Outlet: The New York Times (nytimes.com) · rating 0.86 · Lin et al. 2023 · nytimes.com" in md
    assert "| The Wall Street Journal | outlet | 0.80 | Lin et al. 2023 · wsj.com |" in md
    assert "Outlet ratings: Lin, H." in md and "pgad286" in md
    text = run(capsys, "--format", "text", str(page))[1]
    assert "outlet: The New York Times (nytimes.com) · rating 0.86 · Lin et al. 2023 · nytimes.com" in text
    assert "outlet ratings: Lin, H." in text


def test_csv_carries_the_basis_and_the_outlet(page, capsys):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run(capsys, "--format", "csv", str(page))[1])))
    wsj = next(r for r in rows if r["source_canonical"] == "The Wall Street Journal")
    assert (wsj["credibility_basis"], wsj["source_domain"]) == ("Lin et al. 2023 · wsj.com", "wsj.com")
    assert {r["outlet_domain"] for r in rows} == {"nytimes.com"}


def test_show_rules_gives_each_credibility_its_basis(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text('[[registry]]\nid = "wsj"\ncredibility = 0.5\n', encoding="utf-8")
    out = run(capsys, "--show-rules", "--rules", "mine.toml")[1]
    lines = {line.split(" = ", 1)[0]: line for line in out.splitlines()}
    assert lines["registry.wsj"].endswith("credibility: your rules · mine.toml:3")
    assert '"credibility": 0.5' in lines["registry.wsj"]
    assert lines["registry.nyt"].endswith("credibility: Lin et al. 2023 · nytimes.com")
    assert lines["registry.cbs-nl"].endswith("credibility: srcview default for a government body")
