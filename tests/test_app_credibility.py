"""Issue 14 in the app: every credibility with its basis, the article's own outlet, ``--outlet``, the ``+``
dialog filled from the published ratings, and how the article was decoded.

``tests/data/talks-nyt.html`` is a saved New York Times page (canonical link)
citing The Wall Street Journal (rated by Lin et al. 2023) and the White House
(srcview's editorial default for a government body).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from srcview.app import CompareApp, SrcviewApp
from srcview.app.registry_screen import RegistryScreen
from srcview.app.sources_screen import SourcesScreen
from srcview.app.state import AppState
from srcview.app.summary_bar import SummaryBar
from support import SHORT_NL, aio, ready

ROOT = Path(__file__).resolve().parent.parent
NYT = str(ROOT / "tests" / "data" / "talks-nyt.html")
REUTERS = str(ROOT / "tests" / "data" / "talks-reuters.txt")

pytestmark = pytest.mark.usefixtures("clean_env")


def make_app(engine=None, path: str = NYT, **kwargs) -> SrcviewApp:
    return SrcviewApp(path, engine=engine, theme="textual-dark", animations=False, **kwargs)


def header(app) -> str:
    return app.query_one(SummaryBar).render().plain


def claim_of(app, name: str):
    return next(c for c in app.analysis.claims if c.source and c.source.canonical == name)


async def select(pilot, claim) -> None:
    pilot.app.selected = claim.id
    await pilot.pause()


# --- the article's own outlet --------------------------------------------------------------------

@aio
async def test_a_saved_page_names_its_outlet_in_the_header_with_rating_and_basis(engine):
    app = make_app(engine)
    async with app.run_test(size=(160, 30)) as pilot:
        await ready(pilot)
        outlet = app.analysis.outlet
        assert (outlet.name, outlet.domain, outlet.found) == ("The New York Times", "nytimes.com", "canonical link")
        assert outlet.rating == pytest.approx(0.859, abs=0.01)
        assert "The New York Times · 0.86 (Lin et al. 2023 · nytimes.com)" in header(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "nytimes.com · 0.86" in header(app) and header(app).startswith(" talks-nyt.html ")


@aio
async def test_an_article_without_an_outlet_says_so_where_the_outlet_is_listed(engine):
    app = make_app(engine, path="kort.txt", text=SHORT_NL)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        assert app.analysis.outlet is None
        await pilot.press("s")
        await pilot.pause()
        line = str(app.screen.query_one("#sources-outlet").render())
        assert "unknown" in line and "--outlet" in line


def test_outlet_on_the_command_line_reaches_the_app(monkeypatch, tmp_path):
    """`srcview --outlet nos.nl ARTICLE` at a terminal: through the CLI and the analysis process into the app."""
    from srcview import cli

    article = tmp_path / "kort.txt"
    article.write_text(SHORT_NL, encoding="utf-8")
    seen: dict = {}
    run = SrcviewApp.run

    def headless(self, *args, **kwargs):
        async def look(pilot) -> None:
            await ready(pilot)
            seen.update(outlet=self.analysis.outlet, header=header(self), child="child_analysed" in self.marks)
            self.exit(0)

        return run(self, headless=True, size=(120, 30), auto_pilot=look)

    monkeypatch.setattr(SrcviewApp, "run", headless)
    quiet_terminal(monkeypatch, tmp_path)
    assert cli.main(["--outlet", "nos.nl", str(article)]) == 0
    outlet = seen["outlet"]
    assert (outlet.name, outlet.domain, outlet.found, outlet.basis) == ("NOS", "nos.nl", "--outlet",
                                                                         "Lin et al. 2023 · nos.nl")
    assert seen["child"]  # analysed in the child process, which was given the outlet
    assert f"NOS · {outlet.rating:.2f}" in seen["header"]


def test_outlet_on_the_command_line_reaches_the_compare_view(monkeypatch, tmp_path):
    from srcview import cli

    seen: dict = {}
    run = CompareApp.run

    def headless(self, *args, **kwargs):
        async def look(pilot) -> None:
            await ready(pilot)
            seen["outlets"] = [art.outlet for art in self.comparison.articles]
            seen["row"] = [str(cell) for cell in self.query_one("#cmp-profiles").get_row_at(0)]
            self.exit(0)

        return run(self, headless=True, size=(120, 36), auto_pilot=look)

    monkeypatch.setattr(CompareApp, "run", headless)
    quiet_terminal(monkeypatch, tmp_path)
    assert cli.main(["--outlet", "volkskrant.nl", str(ROOT / "tests/data/compare-a.txt"),
                     str(ROOT / "tests/data/compare-b.txt")]) == 0
    assert [o.domain for o in seen["outlets"]] == ["volkskrant.nl", "volkskrant.nl"]
    assert seen["row"][0] == "outlet" and all("volkskrant.nl" in cell for cell in seen["row"][1:])


def quiet_terminal(monkeypatch, tmp_path: Path) -> None:
    """A terminal for the CLI, with the user's folders (rules, remembered settings) in ``tmp_path``."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.chdir(tmp_path)


# --- every credibility with its basis ---------------------------------------------------------------

@aio
async def test_the_claim_detail_says_where_each_credibility_comes_from(engine):
    app = make_app(engine)
    async with app.run_test(size=(140, 60)) as pilot:
        await ready(pilot)
        await select(pilot, claim_of(app, "The Wall Street Journal"))
        text = " ".join(app.detail.text.split())
        assert "Kind outlet · wsj.com" in text
        assert "Credibility 0.80 · Lin et al. 2023 · wsj.com" in text
        assert "credibility 0.80 of The Wall Street Journal (Lin et al. 2023 · wsj.com)" in text  # the trace
        await select(pilot, claim_of(app, "White House"))
        assert "Credibility 0.70 · srcview default for a government body" in " ".join(app.detail.text.split())
        await select(pilot, next(c for c in app.analysis.claims if c.label == "anonymous"))
        assert "Credibility none: an unnamed source" in " ".join(app.detail.text.split())


@aio
async def test_a_users_own_credibility_names_the_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rules = Path("mine.toml")
    rules.write_text('# my newsroom\n[[registry]]\nid = "wsj"\ncredibility = 0.5\n', encoding="utf-8")
    app = make_app(rules_paths=[str(rules)])
    async with app.run_test(size=(140, 60)) as pilot:
        await ready(pilot)
        await select(pilot, claim_of(app, "The Wall Street Journal"))
        assert f"Credibility 0.50 · your rules · {rules}:4" in " ".join(app.detail.text.split())


@aio
async def test_the_sources_view_shows_each_basis_and_the_outlet(engine):
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        table = screen.query_one("#sources-table")
        bases = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[-1]) for i in range(1, table.row_count)}
        assert bases["The Wall Street Journal"] == "Lin et al. 2023 · wsj.com"
        assert bases["White House"] == "srcview default for a government body"
        assert bases["Officials in Beijing"] == "–"
        # the highlighted source in full under the table, readable at 80 columns
        while str(table.get_row_at(table.cursor_row)[0]) != "White House":
            await pilot.press("j")
        detail = str(screen.query_one("#sources-detail").render())
        assert detail == "White House · government · credibility 0.70 · srcview default for a government body"
        outlet = str(screen.query_one("#sources-outlet").render())
        assert "The New York Times (nytimes.com) · 0.86 · Lin et al. 2023 · nytimes.com" in outlet
        assert "canonical link" in outlet


# --- + offers the domain and its rating ----------------------------------------------------------------

async def open_dialog(pilot, name: str) -> RegistryScreen:
    await select(pilot, claim_of(pilot.app, name))
    await pilot.press("plus")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RegistryScreen)
    return pilot.app.screen


def field(screen, name: str) -> str:
    return screen.query_one(f"#registry-{name}").value


def said(screen) -> str:
    return str(screen.query_one("#registry-basis").render())


@aio
async def test_adding_a_rated_outlet_keeps_its_published_rating(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_dialog(pilot, "The Wall Street Journal")
        assert (field(screen, "domain"), field(screen, "credibility")) == ("wsj.com", "0.804")
        assert said(screen).startswith("→ 0.80 · Lin et al. 2023 · wsj.com: the published rating")
        await pilot.press("enter")
        await ready(pilot)
        assert app.screen is not screen
        saved = (tmp_path / "srcview.toml").read_text(encoding="utf-8")
        assert 'domain = "wsj.com"' in saved and "credibility" not in saved
        source = claim_of(app, "The Wall Street Journal").source
        assert source.credibility_basis == "Lin et al. 2023 · wsj.com"


@aio
async def test_a_typed_domain_fills_the_credibility_and_the_user_can_change_it(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_dialog(pilot, "White House")
        assert (field(screen, "domain"), field(screen, "credibility")) == ("", "0.7")
        assert said(screen) == "→ 0.70 · your rules · srcview.toml"
        await pilot.press("shift+tab", *"https://www.state.gov/briefings/")
        await pilot.pause()
        assert field(screen, "credibility") == "0.7"  # not rated: the value stays
        assert said(screen) == "→ 0.70 · your rules · srcview.toml (state.gov is not rated)"
        screen.query_one("#registry-domain").value = ""
        await pilot.press(*"www.nytimes.com")
        await pilot.pause()
        assert field(screen, "credibility") == "0.859"
        assert said(screen).startswith("→ 0.86 · Lin et al. 2023 · nytimes.com: the published rating")
        await pilot.press("tab", *"0.6")
        await pilot.pause()
        assert said(screen) == ("→ 0.60 · your rules · srcview.toml "
                                "(the published rating is 0.86 · Lin et al. 2023 · nytimes.com)")
        await pilot.press("enter")
        await ready(pilot)
        saved = (tmp_path / "srcview.toml").read_text(encoding="utf-8")
        assert 'domain = "nytimes.com"' in saved and "credibility = 0.6" in saved
        source = claim_of(app, "White House").source
        assert source.credibility == 0.6 and source.credibility_basis.startswith("your rules · ")


@aio
async def test_a_domain_that_is_no_domain_is_refused_in_one_line(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_dialog(pilot, "White House")
        await pilot.press("shift+tab", *"not a domain", "enter")
        await pilot.pause()
        assert app.screen is screen and not (tmp_path / "srcview.toml").exists()
        message = str(screen.query_one("#registry-message").render())
        assert message == "'not a domain' is not a web domain (e.g. wsj.com)"


# --- the outlet follows the rules, the decoding is said ---------------------------------------------------

@aio
async def test_the_outlet_is_rated_again_when_the_rules_change(engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(engine)
    async with app.run_test(size=(160, 30)) as pilot:
        await ready(pilot)
        assert app.analysis.outlet.basis == "Lin et al. 2023 · nytimes.com"
        rules = Path("srcview.toml")
        rules.write_text('[[registry]]\nid = "nyt"\ncredibility = 0.4\n', encoding="utf-8")
        app.reload_rules(rules)
        await ready(pilot)
        outlet = app.analysis.outlet
        assert outlet.rating == 0.4 and outlet.basis == f"your rules · {rules}:3"
        assert "The New York Times · 0.40 (your rules · srcview.toml:3)" in header(app)


@aio
async def test_how_the_article_was_decoded_is_said_and_stays(engine, tmp_path):
    article = tmp_path / "oud.txt"
    article.write_bytes("Het café gaat dicht, zegt eigenaar Jan Jansen tegen de NOS.\n".encode("cp1252"))
    app = make_app(engine, path=str(article))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        assert app.analysis.notes == ["not UTF-8: decoded as Windows-1252"]
        notice = app.query_one("#notice")
        assert str(notice.render()) == "Note: not UTF-8: decoded as Windows-1252"
        assert notice.has_class("-note") and notice.display
        assert "café" in app.analysis.text
        app.show_rules_errors(["srcview.toml:1:1: something is wrong"])
        assert str(notice.render()).endswith("\nNote: not UTF-8: decoded as Windows-1252")
        app.clear_notice()
        assert str(notice.render()) == "Note: not UTF-8: decoded as Windows-1252"


@aio
async def test_a_lost_analysis_process_still_reads_the_page_and_the_outlet(engine):
    """Without the child, the app's own worker analyses what the launcher read, with the same outlet."""
    from srcview.app.launch import start_article

    article, job = start_article(NYT, outlet="wsj.com")
    job.cancel()
    app = make_app(engine, article=article, job=job, outlet="wsj.com")
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        assert app.state is AppState.READY and "child_analysed" not in app.marks
        assert (app.analysis.outlet.domain, app.analysis.outlet.found) == ("wsj.com", "--outlet")


def test_the_launcher_gives_the_child_what_the_page_says():
    from srcview.app.launch import start_article

    article, job = start_article(NYT)
    assert article.page and "nytimes.com" in article.page["canonical"]
    outcome = job.outcome()
    assert outcome.analysis.outlet.domain == "nytimes.com"


@aio
async def test_an_outlet_name_from_a_page_is_text_not_markup(engine, tmp_path):
    page = tmp_path / "evil.html"
    page.write_text('<html><head><meta property="og:site_name" content="[reverse]Evil[/] \x1b[31mDaily">'
                    "</head><body><article><p>The plan failed, said Jan Jansen of the council.</p>"
                    "<p>Others disagreed with him on Monday evening.</p></article></body></html>", encoding="utf-8")
    app = make_app(engine, path=str(page))
    async with app.run_test(size=(160, 30)) as pilot:
        await ready(pilot)
        assert app.analysis.outlet.found == "og:site_name"
        assert "[reverse]Evil[/] Daily" in header(app) and "\x1b" not in header(app)
        await pilot.press("s")
        await pilot.pause()
        assert "[reverse]Evil[/]" in str(app.screen.query_one("#sources-outlet").render())
