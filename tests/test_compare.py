"""Comparing two outlets' sourcing of the same story."""

from pathlib import Path

import pytest

from srcview.compare import align_pair, compare, to_dict, to_markdown

OUTLET_A = """Minister treedt af

Minister Ruud Jansen van Landbouw treedt per direct af. Dat maakte hij dinsdagavond bekend in Den Haag.

Volgens ingewijden lag de minister al weken onder vuur vanwege een mislukte subsidieregeling voor boeren.

“Ik neem mijn verantwoordelijkheid,” zei Jansen. De Tweede Kamer debatteert donderdag over zijn opvolging.
"""

OUTLET_B = """Landbouwminister stapt op

Landbouwminister Ruud Jansen is dinsdag afgetreden, zo maakte hij zelf bekend.

De minister lag al weken onder vuur vanwege de mislukte subsidieregeling voor boeren, zegt Kamerlid Petra Smit.

Jansen zei zijn verantwoordelijkheid te nemen.

De regeling kostte volgens de Algemene Rekenkamer 40 miljoen euro meer dan begroot.
"""


@pytest.fixture(scope="module")
def comparison(engine):
    a = engine.analyze(OUTLET_A, lang="nl", file="a.txt")
    b = engine.analyze(OUTLET_B, lang="nl", file="b.txt")
    return compare([a, b], stopwords=engine.rules.lang("nl")["detect"])


def pair(comparison, words_a: str, words_b: str) -> bool:
    a, b = comparison.articles
    for group in comparison.groups:
        texts = {(m.article, next(c.text for c in comparison.articles[m.article].claims if c.id == m.claim))
                 for m in group.members}
        if any(k == 0 and words_a in t for k, t in texts) and any(k == 1 and words_b in t for k, t in texts):
            return True
    return False


def test_one_outlet_names_the_source_where_the_other_cites_insiders(comparison):
    assert pair(comparison, "Volgens ingewijden", "zegt Kamerlid Petra Smit")
    a, b = comparison.articles
    insiders = next(c for c in a.claims if "ingewijden" in c.text)
    named = next(c for c in b.claims if "Petra Smit" in c.text)
    assert (insiders.label, named.label) == ("anonymous", "named")


def test_a_quote_and_a_paraphrase_of_it_are_aligned(comparison):
    assert pair(comparison, "Ik neem mijn verantwoordelijkheid", "Jansen zei zijn verantwoordelijkheid")


def test_a_claim_in_one_article_only_is_listed_as_such(comparison):
    a, b = comparison.articles
    only_b = {c.text for c in b.claims if c.id in comparison.only_in[1]}
    assert any("Algemene Rekenkamer" in t for t in only_b)
    assert any("Rekenkamer" in s for s in comparison.sources_only_in[1])
    assert not any("Rekenkamer" in s for s in comparison.sources_only_in[0])


def test_profiles_count_each_article(comparison):
    pa, pb = comparison.profiles
    assert pa.claims == len(comparison.articles[0].claims)
    assert pa.counts["anonymous"] >= 1 and pb.counts["named"] >= 2


def test_json_has_the_articles_and_the_alignment(comparison):
    doc = to_dict(comparison)
    assert [a["file"] for a in doc["articles"]] == ["a.txt", "b.txt"]
    for group in doc["alignment"]:
        assert {m["article"] for m in group["claims"]} == {0, 1}
        assert all(0 <= m["similarity"] <= 100 for m in group["claims"])


def test_markdown_report_sets_the_profiles_side_by_side(comparison):
    md = to_markdown(comparison)
    assert "| anonymous |" in md and "## The same facts" in md and "## Only in b.txt" in md


def test_unrelated_claims_are_not_aligned(engine):
    a = engine.analyze("De brug in Tarnby gaat dicht voor vrachtverkeer.", lang="nl").claims
    b = engine.analyze("Het weer wordt morgen zonnig en warm in het hele land.", lang="nl").claims
    assert align_pair(a, b) == []


def test_the_markdown_report_sets_the_outlets_side_by_side_with_their_bases(capsys):
    from srcview.cli import main

    data = Path(__file__).parent / "data"
    assert main(["--format", "md", str(data / "talks-nyt.html"), str(data / "talks-reuters.txt")]) == 0
    outlet_row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("| outlet |"))
    assert "The New York Times · 0.86 (Lin et al. 2023 · nytimes.com)" in outlet_row
    assert "Reuters" in outlet_row
