"""Saved web pages and Markdown are read as their article text."""

from srcview.textio import read_article

PAGE = """<!DOCTYPE html><html><head><title>Brug dicht | Het Noordblad</title>
<script>document.write('geen tekst'); fetch('http://example.invalid/x')</script></head>
<body><nav><a href="/">Home</a> | <a href="/sport">Sport</a></nav>
<article><h1>Brug gaat dicht voor vrachtverkeer</h1>
<p>De Havenbrug gaat volgende maand dicht voor vrachtverkeer, zegt wethouder Anne de Wit. De kabels zijn aangetast.</p>
<p>Volgens ingewijden kost de reparatie miljoenen en duurt die jaren. Critici vinden het te laat.</p>
</article><footer>Abonneer nu! Alle rechten voorbehouden.</footer></body></html>"""


def test_a_saved_web_page_gives_its_title_and_body_without_boilerplate(tmp_path, engine):
    path = tmp_path / "pagina.html"
    path.write_text(PAGE, encoding="utf-8")
    text = read_article(path)
    assert "zegt wethouder Anne de Wit" in text
    assert "Abonneer" not in text and "document.write" not in text and "Sport" not in text
    labels = [c.label for c in engine.analyze(text, lang="nl").claims]
    assert "named" in labels and "anonymous" in labels


def test_markdown_keeps_its_structure_without_the_markup(tmp_path, engine):
    path = tmp_path / "stuk.md"
    path.write_text("# Brug dicht\n\nDe brug gaat **dicht**, zegt [De Wit](http://x).\n\n"
                    "- Volgens *ingewijden* kost het miljoenen.\n- Critici zijn boos.\n", encoding="utf-8")
    assert read_article(path) == ("Brug dicht\n\nDe brug gaat dicht, zegt De Wit.\n\n"
                                  "Volgens ingewijden kost het miljoenen.\n\nCritici zijn boos.\n")
    analysis = engine.analyze(read_article(path), lang="nl")
    assert [h.text for h in analysis.headings] == ["Brug dicht"]
