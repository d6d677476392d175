"""The compare view: several articles on the same story, side by side.

``run_compare(paths)`` paints the file names at once, analyses the articles in
a worker (each as the command line does, :func:`srcview.batch.analyze_path`:
with its own outlet and how it was decoded), then shows a profile of each
article (its outlet and that outlet's rating with its basis, labels, mean score, sources),
the claims aligned across the articles (one row per fact, with how alike the
claims are), and what only one article has.  Choosing a row shows each of its
claims in full, side by side.  ``?`` lists the keys, the palette has every
action, the key bar the main ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ..errors import SrcviewError
from ..model import LABEL_SPECS, LABELS, Claim, Outlet
from ..report import clean, shorten
from .key_bar import KeyBar
from .logic import LETTER, credibility_words, score_band
from .messages import post_when_done
from .state import AppState, few_colours

#: The compare view's key bar: (key, what it does, action on click).
COMPARE_KEYS = (
    ("q", "Quit", "app.quit"),
    ("?", "Help", "app.help"),
    ("j k", "Rows", None),
    ("enter", "Show the row", None),
    ("f", "Shared facts", "app.first_shared"),
    ("u", "Only in one", "app.first_only"),
    ("tab", "Panes", "app.focus_next"),
    ("^p", "Palette", "app.command_palette"),
)
FACT_COLUMN = 12


class CompareReady(Message):
    def __init__(self, comparison) -> None:
        super().__init__()
        self.comparison = comparison


class CompareFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


def claim_cell(claim: Claim | None, width: int = 40, source_width: int = 14,
               styles: Mapping[str, Style] | None = None) -> Text:
    """One article's side of an aligned row: label letter, score, source, the start of the claim.

    ``width`` is the whole cell's; ``styles`` (from the table's component classes,
    ``compare-table--…`` in srcview.tcss) colour the letter by label and the score by band.
    A Rich Text, never markup: the article's words are shown as they are.
    """
    if claim is None:
        return Text("—")
    styles = styles or {}
    source = shorten(clean(claim.source.canonical), source_width) if claim.source else "–"
    text = Text()
    text.append(f" {LETTER[claim.label]} ", styles.get(LABEL_SPECS[claim.label].style, ""))
    text.append(f" {claim.score:3.0f}", styles.get(f"band-{score_band(claim.score)}", ""))
    text.append(f" {source}: ")
    text.append(shorten(clean(claim.text), max(width - text.cell_len, 8)))
    return text


def outlet_name(outlet: Outlet | None) -> str:
    """The article's outlet for the profiles: "The New York Times (nytimes.com)", "unknown"."""
    if outlet is None:
        return "unknown"
    name = shorten(clean(outlet.name), 30)
    return name + (f" ({clean(outlet.domain)})" if outlet.domain and outlet.domain != outlet.name else "")


def outlet_rating(outlet: Outlet | None) -> str:
    """Its rating with where it comes from: "0.86 · Lin et al. 2023 · nytimes.com", "not rated", "–"."""
    if outlet is None:
        return "–"
    if outlet.rating is None:
        return "not rated"
    return credibility_words(outlet.rating, shorten(clean(outlet.basis or ""), 44) or None)


_T = "compare-table--"


class CompareTable(DataTable):
    """The aligned claims: label colours and score bands come from srcview.tcss."""

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {
        *(_T + spec.style for spec in LABEL_SPECS.values()), _T + "band-weak", _T + "band-fair", _T + "band-strong",
    }


class CompareApp(App[int]):
    """How several articles source the same story."""

    TITLE = "srcview compare"
    CSS_PATH = str(Path(__file__).with_name("srcview.tcss"))

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help: keys and what the columns mean"),
        Binding("j", "down", "Next row", show=False),
        Binding("k", "up", "Previous row", show=False),
        Binding("f", "first_shared", "Go to the first fact the articles share", show=False),
        Binding("u", "first_only", "Go to the first claim only one article has", show=False),
    ]

    state: reactive[AppState] = reactive(AppState.STARTING, init=False, repaint=False)

    def __init__(self, paths: Sequence[str], lang: str = "auto", rules_paths: Sequence[str] = (), *,
                 engine=None, theme: str | None = None, animations: bool = True,
                 max_bytes: int | None = None, outlet: str | None = None) -> None:
        super().__init__()
        self.paths = [str(p) for p in paths]
        self.lang = lang
        self.rules_paths = list(rules_paths)
        self._engine = engine
        self.max_bytes = max_bytes
        self.outlet = outlet  # --outlet NAME|DOMAIN: the outlet of every article, when the user names one
        self.errors: list[str] = []  # articles that could not be read or analysed, one line each
        self.comparison = None
        self.rows: list[list[tuple[int, int] | None]] = []  # per table row: (article, claim id) or None per article
        self.exit_code = 0
        self._shown_width = 0
        if theme:
            self.theme = theme
        if not animations:
            self.animation_level = "none"

    def compose(self) -> ComposeResult:
        yield Static("", id="notice", markup=False)
        with Vertical(id="cmp-top"):
            yield DataTable(id="cmp-profiles", cursor_type="none", zebra_stripes=True)
            yield CompareTable(id="cmp-rows", cursor_type="row", zebra_stripes=True)
        yield VerticalScroll(Horizontal(id="cmp-detail-row"), id="cmp-detail")
        yield KeyBar(COMPARE_KEYS, id="keys")

    @property
    def table(self) -> DataTable:
        return self.query_one("#cmp-rows", DataTable)

    def on_mount(self) -> None:
        self.set_class(not self.is_headless and few_colours(self), "-ansi-colours")
        profiles = self.query_one("#cmp-profiles", DataTable)
        profiles.add_column("", key="what")
        for k, path in enumerate(self.paths):
            profiles.add_column(Text(f"{k + 1} " + shorten(clean(Path(path).name), 30)), key=f"a{k}")
        profiles.add_row("analysing…", *["" for _ in self.paths], key="status")
        self.query_one("#cmp-profiles").border_title = "Profiles"
        self.table.border_title = "The same facts, and what only one article has"
        self.query_one("#cmp-detail").border_title = "Choose a row to see its claims in full"
        self.state = AppState.ANALYSING
        self.analyse()

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def analyse(self) -> None:
        post_when_done(self, self._analyse_now, "srcview-compare")

    def _analyse_now(self) -> Message:
        from ..batch import BatchError, analyze_path
        from ..textio import MAX_BYTES

        try:
            if self._engine is not None and not self.rules_paths:
                engine = self._engine
            else:
                from ..engine import Engine
                from ..rules import load_rules

                engine = Engine(load_rules(self.rules_paths))
            from ..compare import compare

            rules = engine.rules
            analyses = []
            for path in self.paths:
                result = analyze_path(engine, path, self.lang, self.max_bytes or MAX_BYTES, self.outlet)
                if isinstance(result, BatchError):
                    self.errors.append(str(result))
                else:
                    analyses.append(result)
            if len(analyses) < 2:
                raise SrcviewError("fewer than two articles could be read, so there is nothing to compare")
            stop = [w for code in rules.languages for w in rules.lang(code).get("detect", [])]
            return CompareReady(compare(analyses, stopwords=stop,
                                        threshold=float(rules.settings.get("align_threshold", 55))))
        except SrcviewError as err:
            return CompareFailed(str(err))
        except Exception as err:  # noqa: BLE001 - one line for the user
            return CompareFailed(f"the comparison failed: {type(err).__name__}: {err}")

    def on_compare_failed(self, message: CompareFailed) -> None:
        self.state = AppState.FAILED
        self.exit_code = 2
        self._notice("; ".join([*self.errors, message.error]))
        profiles = self.query_one("#cmp-profiles", DataTable)
        profiles.update_cell("status", "what", "not compared")

    def _notice(self, text: str, kind: str = "error") -> None:
        """Say ``text`` above the tables: an "error", or a "note" (how an article was decoded)."""
        notice = self.query_one("#notice", Static)
        notice.update(Content("\n".join(clean(line) for line in text.splitlines())))
        notice.set_class(bool(text) and kind == "error", "-error")
        notice.set_class(bool(text) and kind == "note", "-note")

    def on_compare_ready(self, message: CompareReady) -> None:
        comparison = message.comparison
        self.comparison = comparison
        problems = list(self.errors)
        if not comparison.groups:
            problems.append("These articles share no fact srcview can match (claims alike above align_threshold): "
                            "they may not report the same story, so every claim is listed as only in one of them.")
        notes = [f"Note: {clean(art.file)}: {note}" for art in comparison.articles for note in art.notes]
        if problems or notes:
            self._notice("\n".join([*([" ".join(problems)] if problems else []), *notes]),
                         "error" if problems else "note")
        self._fill_profiles(comparison)
        self._fill_rows(comparison)
        self.state = AppState.READY
        self.table.focus()
        if self.rows:
            self.show_row(0)

    def _fill_profiles(self, comparison) -> None:
        arts = comparison.articles
        profiles = self.query_one("#cmp-profiles", DataTable)
        profiles.clear(columns=True)
        profiles.add_column("", key="what")
        for k, art in enumerate(arts):
            profiles.add_column(Text(f"{k + 1} " + shorten(clean(Path(art.file).name), 30)), key=f"a{k}")
        if any(art.outlet is not None for art in arts):  # first: two outlets' standing side by side
            profiles.add_row("outlet", *[Text(outlet_name(art.outlet)) for art in arts])
            profiles.add_row("outlet rating", *[Text(outlet_rating(art.outlet)) for art in arts])
        profiles.add_row("claims", *[str(p.claims) for p in comparison.profiles])
        for label in LABELS:
            profiles.add_row(f"{LETTER[label]} {label}", *[
                f"{p.counts[label]} ({p.shares[label]:.0%})" for p in comparison.profiles])
        profiles.add_row("mean score", *[f"{p.mean_score:.1f}" for p in comparison.profiles])
        profiles.add_row("named sources", *[
            Text(f"{len(p.named_sources)}" + (": " + shorten(clean(", ".join(p.named_sources)), 30)
                                              if p.named_sources else ""))
            for p in comparison.profiles])
        profiles.add_row("anonymous share", *[f"{p.anonymous_share:.0%}" for p in comparison.profiles])
        profiles.add_row("sources only here", *[
            Text(f"{len(only)}" + (": " + shorten(clean(", ".join(only)), 30) if only else ""))
            for only in comparison.sources_only_in])

    def _fill_rows(self, comparison) -> None:
        """One row per shared fact ("fact 1 · 95%": how alike its claims are), then each "only in" claim.

        The claim text takes the width the columns leave: the table is filled again on a resize.
        """
        arts = comparison.articles
        table = self.table
        row = table.cursor_row
        table.clear(columns=True)
        inner = max(self.size.width - 4, 40)  # the table's borders and scrollbar
        column = max((inner - FACT_COLUMN - 2) // max(1, len(arts)) - 2, 20)
        source_width = min(max(column // 4, 8), 24)
        width = column
        self._shown_width = self.size.width
        styles = {cls.removeprefix(_T): table.get_component_rich_style(cls) for cls in CompareTable.COMPONENT_CLASSES
                  if cls.startswith(_T)}
        table.add_column("fact · alike", key="fact", width=FACT_COLUMN)
        for k, art in enumerate(arts):
            table.add_column(Text(f"{k + 1} " + shorten(clean(Path(art.file).name), column - 2)), key=f"a{k}",
                             width=column)
        by_id = [{c.id: c for c in art.claims} for art in arts]
        self.rows = []
        for n, group in enumerate(comparison.groups, start=1):
            cells: list[tuple[int, int] | None] = [None] * len(arts)
            for m in group.members:
                if cells[m.article] is None:
                    cells[m.article] = (m.article, m.claim)
            self.rows.append(cells)
            table.add_row(f"{n} · {group.similarity:.0f}%", *[
                claim_cell(by_id[k][c[1]] if c else None, width, source_width, styles) for k, c in enumerate(cells)],
                key=f"g{n}")
        for k, ids in enumerate(comparison.only_in):
            for cid in ids:
                cells = [None] * len(arts)
                cells[k] = (k, cid)
                self.rows.append(cells)
                table.add_row(f"only in {k + 1}", *[
                    claim_cell(by_id[k][cid], width, source_width, styles) if j == k else "" for j in range(len(arts))],
                    key=f"o{k}.{cid}")
        if row and self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1), animate=False)

    def on_resize(self, event: events.Resize) -> None:
        if self.comparison is not None and abs(self.size.width - self._shown_width) >= 4:
            self._fill_rows(self.comparison)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "cmp-rows" and self.comparison is not None:
            self.show_row(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "cmp-rows" and self.comparison is not None:
            self.show_row(event.cursor_row)

    def show_row(self, index: int) -> None:
        """Each claim of row ``index`` in full, one column per article."""
        if not 0 <= index < len(self.rows):
            return
        arts = self.comparison.articles
        holder = self.query_one("#cmp-detail-row", Horizontal)
        holder.remove_children()
        columns = []
        for k, cell in enumerate(self.rows[index]):
            claim = next((c for c in arts[k].claims if c.id == cell[1]), None) if cell else None
            columns.append(Static(self.claim_text(arts[k].file, claim, arts[k]), classes="cmp-claim", markup=False))
        holder.mount_all(columns)
        groups = len(self.comparison.groups)
        what = (f"fact {index + 1} of {groups}, reported by several articles" if index < groups
                else "a claim only one article has")
        self.query_one("#cmp-detail").border_title = f"Row {index + 1} of {len(self.rows)}: {what}"

    @staticmethod
    def claim_text(file: str, claim: Claim | None, analysis=None) -> str:
        """The claim in full with its source and cue, in its context: the sentences around it in its paragraph."""
        head = clean(file)
        if claim is None:
            return f"{head}\n\n(not in this article)"
        src = claim.source
        source = clean(src.canonical) if src else "–"
        if src is not None and src.credibility is not None:
            source += f" · credibility {credibility_words(src.credibility, clean(src.credibility_basis or ''))}"
        cue = clean(claim.cue.text) if claim.cue else "–"
        body = f"▶ {clean(claim.text)}"
        if analysis is not None:
            around = [c for c in analysis.claims if c.paragraph == claim.paragraph and abs(c.id - claim.id) == 1]
            before = [f"  {clean(c.text)}" for c in around if c.id < claim.id]
            after = [f"  {clean(c.text)}" for c in around if c.id > claim.id]
            body = "\n".join([*before, body, *after])
        return (f"{head} · claim {claim.id}, paragraph {claim.paragraph + 1}\n{claim.label} · score {claim.score:.0f}\n"
                f"source: {source}\ncue: {cue}" + (" · quoted" if claim.quote else "") + f"\n\n{body}")

    def detail_texts(self) -> list[str]:
        return [str(w.render()) for w in self.query(".cmp-claim")]

    def action_down(self) -> None:
        self.table.action_cursor_down()

    def action_up(self) -> None:
        self.table.action_cursor_up()

    def _go(self, index: int | None, what: str) -> None:
        if index is None:
            self.notify(f"There is no {what}.", timeout=3, markup=False)
            return
        self.table.move_cursor(row=index, animate=False)
        self.show_row(index)

    def action_first_shared(self) -> None:
        groups = len(self.comparison.groups) if self.comparison is not None else 0
        self._go(0 if groups else None, "fact the articles share")

    def action_first_only(self) -> None:
        groups = len(self.comparison.groups) if self.comparison is not None else 0
        self._go(groups if self.rows[groups:] else None, "claim only one article has")

    def action_help(self) -> None:
        from .help_screen import HelpScreen, binding_lines, class_bindings

        if isinstance(self.screen, HelpScreen):
            return
        keys = binding_lines(self, class_bindings(type(self))) + [
            ("↑ ↓ enter", "Move through the rows, show one"), ("tab", "Move between the tables"),
            ("^p", "Command palette: every action by name")]
        columns = [
            ("fact · alike", "a fact several articles report: its number and how alike their claims are "
                             "(0–100%, rapidfuzz; align_threshold in the rules is the least that counts)"),
            ("only in N", "a claim that only article N has"),
            ("outlet rating", "the article's outlet and its rating, with where that comes from (Lin et al. 2023: "
                              "published ratings of news domains; your rules; srcview's default); listed when an "
                              "outlet is known: from --outlet, a saved page, or a dateline"),
            ("N  72 Name: …", "the label's letter, the score (0–100, coloured by band), the source, the claim"),
            *((spec.letter, f"{name}: {spec.title}") for name, spec in LABEL_SPECS.items()),
        ]
        self.push_screen(HelpScreen([("Keys", keys), ("What the columns say", columns)]))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys and columns", "What each key does and what the columns mean (?)",
                            self.action_help)
        yield SystemCommand("Next row", "Show the next row (j)", self.action_down)
        yield SystemCommand("Previous row", "Show the previous row (k)", self.action_up)
        yield SystemCommand("Shared facts", "Go to the first fact the articles share (f)", self.action_first_shared)
        yield SystemCommand("Only in one article", "Go to the first claim only one article has (u)",
                            self.action_first_only)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        from .screenshots import save_screenshot

        save_screenshot(self, filename, path, time_format)
        return None

    async def action_quit(self) -> None:
        self.exit(self.exit_code)


def run_compare(paths: Sequence[str], lang: str = "auto", rules_paths: Sequence[str] = (),
                max_bytes: int | None = None, outlet: str | None = None) -> int:
    """Run the compare view on the articles at ``paths``; the exit status (2 when nothing could be compared).

    ``outlet`` (``--outlet NAME|DOMAIN``) names the outlet of every article; else
    each one's is taken from its saved page or a dateline.
    """
    from .launch import exit_status

    app = CompareApp(paths, lang=lang, rules_paths=rules_paths, max_bytes=max_bytes, outlet=outlet)
    return exit_status(app, app.run())


__all__ = ["CompareApp", "run_compare"]
