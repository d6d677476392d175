"""The compare view: several articles on the same story, side by side.

``run_compare(paths)`` paints the file names at once, analyses the articles in
a worker, then shows a profile of each article (labels, mean score, sources),
the claims aligned across the articles (one row per fact), and what only one
article has.  Choosing a row shows each of its claims in full, side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from ..errors import SrcviewError
from ..model import LABELS, Claim
from ..report import clean, shorten
from .logic import LETTER
from .messages import post_when_done


class CompareReady(Message):
    def __init__(self, comparison) -> None:
        super().__init__()
        self.comparison = comparison


class CompareFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


def claim_cell(claim: Claim | None, width: int = 40, source_width: int = 14) -> str:
    """One article's side of an aligned row: label letter, score, source, the start of the claim."""
    if claim is None:
        return "—"
    source = shorten(clean(claim.source.canonical), source_width) if claim.source else "–"
    return f"{LETTER[claim.label]} {claim.score:3.0f} {source}: {shorten(clean(claim.text), width)}"


class CompareApp(App[int]):
    """How several articles source the same story."""

    TITLE = "srcview compare"
    CSS_PATH = str(Path(__file__).with_name("srcview.tcss"))

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("j", "down", "Next row", show=False),
        Binding("k", "up", "Previous row", show=False),
    ]

    def __init__(self, paths: Sequence[str], lang: str = "auto", rules_paths: Sequence[str] = (), *,
                 engine=None, theme: str | None = None, animations: bool = True,
                 max_bytes: int | None = None) -> None:
        super().__init__()
        self.paths = [str(p) for p in paths]
        self.lang = lang
        self.rules_paths = list(rules_paths)
        self._engine = engine
        self.max_bytes = max_bytes
        self.texts: list[str | None] = []
        self.errors: list[str] = []
        self.comparison = None
        self.rows: list[list[tuple[int, int] | None]] = []  # per table row: (article, claim id) or None per article
        self.state = "starting"
        self.exit_code = 0
        if theme:
            self.theme = theme
        if not animations:
            self.animation_level = "none"

    def compose(self) -> ComposeResult:
        yield Static("", id="notice", markup=False)
        with Vertical(id="cmp-top"):
            yield DataTable(id="cmp-profiles", cursor_type="none", zebra_stripes=True)
            yield DataTable(id="cmp-rows", cursor_type="row", zebra_stripes=True)
        yield VerticalScroll(Horizontal(id="cmp-detail-row"), id="cmp-detail")

    @property
    def table(self) -> DataTable:
        return self.query_one("#cmp-rows", DataTable)

    def on_mount(self) -> None:
        from ..textio import read_article

        profiles = self.query_one("#cmp-profiles", DataTable)
        profiles.add_column("", key="what")
        for k, path in enumerate(self.paths):
            profiles.add_column(f"{k + 1} " + shorten(clean(Path(path).name), 30), key=f"a{k}")
        for path in self.paths:
            try:
                self.texts.append(read_article(path) if self.max_bytes is None else
                                  read_article(path, max_bytes=self.max_bytes))
            except SrcviewError as err:
                self.texts.append(None)
                self.errors.append(str(err))
        profiles.add_row("analysing…", *["" for _ in self.paths], key="status")
        self.query_one("#cmp-profiles").border_title = "Profiles"
        self.table.border_title = "The same facts, and what only one article has"
        self.query_one("#cmp-detail").border_title = "Choose a row to see its claims in full"
        self.state = "analysing"
        self.analyse()

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def analyse(self) -> None:
        post_when_done(self, self._analyse_now, "srcview-compare")

    def _analyse_now(self) -> Message:
        try:
            if self._engine is not None and not self.rules_paths:
                engine = self._engine
            else:
                from ..engine import Engine
                from ..rules import load_rules

                engine = Engine(load_rules(self.rules_paths))
            from ..compare import compare

            rules = engine.rules
            analyses = [engine.analyze(text, lang=self.lang, file=path)
                        for path, text in zip(self.paths, self.texts, strict=True) if text is not None]
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
        self.state = "failed"
        self.exit_code = 2
        self._notice("; ".join([*self.errors, message.error]))
        profiles = self.query_one("#cmp-profiles", DataTable)
        profiles.update_cell("status", "what", "not compared")

    def _notice(self, text: str) -> None:
        notice = self.query_one("#notice", Static)
        notice.update(clean(text))
        notice.set_class(bool(text), "-error")

    def on_compare_ready(self, message: CompareReady) -> None:
        comparison = message.comparison
        self.comparison = comparison
        self.state = "ready"
        if self.errors:
            self._notice("; ".join(self.errors))
        arts = comparison.articles
        profiles = self.query_one("#cmp-profiles", DataTable)
        profiles.clear(columns=True)
        profiles.add_column("", key="what")
        for k, art in enumerate(arts):
            profiles.add_column(f"{k + 1} " + shorten(clean(Path(art.file).name), 30), key=f"a{k}")
        profiles.add_row("claims", *[str(p.claims) for p in comparison.profiles])
        for label in LABELS:
            profiles.add_row(f"{LETTER[label]} {label}", *[
                f"{p.counts[label]} ({p.shares[label]:.0%})" for p in comparison.profiles])
        profiles.add_row("mean score", *[f"{p.mean_score:.1f}" for p in comparison.profiles])
        profiles.add_row("named sources", *[
            f"{len(p.named_sources)}" + (": " + shorten(clean(", ".join(p.named_sources)), 30)
                                         if p.named_sources else "")
            for p in comparison.profiles])
        profiles.add_row("anonymous share", *[f"{p.anonymous_share:.0%}" for p in comparison.profiles])
        profiles.add_row("sources only here", *[
            f"{len(only)}" + (": " + shorten(clean(", ".join(only)), 30) if only else "")
            for only in comparison.sources_only_in])

        table = self.table
        table.clear(columns=True)
        table.add_column("fact", key="fact")
        for k, art in enumerate(arts):
            table.add_column(f"{k + 1} " + shorten(clean(Path(art.file).name), 30), key=f"a{k}")
        by_id = [{c.id: c for c in art.claims} for art in arts]
        narrow = self.size.width < 120
        source_width = 8 if narrow else 14
        # the start of each claim fills what the borders, the fact column and the other parts leave
        width = max(8, (self.size.width - 6 - 9) // max(1, len(arts)) - 2 - (source_width + 8))
        self.rows = []
        for n, group in enumerate(comparison.groups, start=1):
            cells: list[tuple[int, int] | None] = [None] * len(arts)
            for m in group.members:
                if cells[m.article] is None:
                    cells[m.article] = (m.article, m.claim)
            self.rows.append(cells)
            table.add_row(f"{n} · {group.similarity:.0f}%", *[
                claim_cell(by_id[k][c[1]] if c else None, width, source_width) for k, c in enumerate(cells)],
                key=f"g{n}")
        for k, ids in enumerate(comparison.only_in):
            for cid in ids:
                cells = [None] * len(arts)
                cells[k] = (k, cid)
                self.rows.append(cells)
                table.add_row(f"only in {k + 1}", *[
                    claim_cell(by_id[k][cid], width, source_width) if j == k else "" for j in range(len(arts))],
                    key=f"o{k}.{cid}")
        table.focus()
        if self.rows:
            self.show_row(0)

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
        self.query_one("#cmp-detail").border_title = f"Row {index + 1} of {len(self.rows)}"

    @staticmethod
    def claim_text(file: str, claim: Claim | None, analysis=None) -> str:
        """The claim in full with its source and cue, in its context: the sentences around it in its paragraph."""
        head = clean(file)
        if claim is None:
            return f"{head}\n\n(not in this article)"
        source = clean(claim.source.canonical) if claim.source else "–"
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

    async def action_quit(self) -> None:
        self.exit(self.exit_code)


def run_compare(paths: Sequence[str], lang: str = "auto", rules_paths: Sequence[str] = (),
                max_bytes: int | None = None) -> int:
    """Run the compare view on the articles at ``paths``; the exit status (2 when nothing could be compared)."""
    app = CompareApp(paths, lang=lang, rules_paths=rules_paths, max_bytes=max_bytes)
    result = app.run()
    return result if isinstance(result, int) else app.exit_code


__all__ = ["CompareApp", "run_compare"]
