"""The srcview Textual app: the article on the left, its claims and the selected claim on the right.

The app owns the state (the analysis, the selected claim, the filters and the
sort order) as reactive attributes; the widgets report what the user did with
messages and the app's watchers pass the new state down.  Reading the article
is cheap and happens before the first paint.  ``srcview ARTICLE`` (see
``launch.py``) has a child process import spaCy and analyse while this process
imports Textual and paints; the app's thread worker waits for that result, or
analyses itself when there is no child (tests, a library caller, a lost child).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from ..errors import SrcviewError
from ..model import LABELS, Analysis
from ..report import clean
from .article_view import ArticleView
from .claim_detail import ClaimDetail
from .claims_panel import ClaimsList
from .key_bar import KeyBar
from .logic import LABEL_KEYS, LETTER, SORT_TITLES, ClaimFilter, ClaimIndex, next_sort, source_rows
from .messages import AnalysisFailed, AnalysisReady, ArticlePainted, ClaimChosen, post_when_done
from .search import SearchBox
from .summary_bar import SummaryBar

if TYPE_CHECKING:
    from ..analysis_process import AnalysisJob

STARTED = time.perf_counter()  # when this module was imported: close to process start for `srcview`


class SrcviewApp(App[int]):
    """Shows how each claim of one article is sourced."""

    TITLE = "srcview"
    CSS_PATH = str(Path(__file__).with_name("srcview.tcss"))  # absolute: subclasses elsewhere find it too
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("slash", "search", "Search"),
        Binding("s", "sources", "Sources"),
        Binding("r", "rules", "Rules: weights and settings"),
        Binding("plus", "add_source", "Source to registry / set its credibility", show=False),
        Binding("o", "cycle_sort", "Sort"),
        Binding("x", "clear_filters", "Clear filters"),
        Binding("1", "toggle_label('named')", "Show/hide named claims", show=False),
        Binding("2", "toggle_label('anonymous')", "Show/hide anonymous claims", show=False),
        Binding("3", "toggle_label('unverified')", "Show/hide unverified claims", show=False),
        Binding("4", "toggle_label('unattributed')", "Show/hide unattributed claims", show=False),
        Binding("j", "next_claim", "Next claim", show=False),
        Binding("k", "previous_claim", "Previous claim", show=False),
        Binding("a", "focus_pane('article')", "Go to the article", show=False),
        Binding("c", "focus_pane('claims')", "Go to the claims", show=False),
        Binding("d", "focus_pane('detail')", "Go to the claim detail", show=False),
    ]

    # State only: the watchers update the widgets, so no reactive repaints the whole screen itself.
    selected: reactive[int | None] = reactive(None, init=False, repaint=False)
    hidden: reactive[frozenset[str]] = reactive(frozenset(), init=False, repaint=False)
    source_filter: reactive[int | None] = reactive(None, init=False, repaint=False)  # index into analysis.sources
    search: reactive[str] = reactive("", init=False, repaint=False)
    sort: reactive[str] = reactive("document", init=False, repaint=False)

    def __init__(
        self,
        path: str,
        lang: str = "auto",
        rules_paths: Sequence[str] = (),
        text: str | None = None,
        *,
        analysis: Analysis | None = None,
        engine=None,
        job: AnalysisJob | None = None,
        theme: str | None = None,
        animations: bool = True,
    ) -> None:
        super().__init__()
        self.path = str(path)
        self.display_name = "<stdin>" if self.path == "-" else self.path
        self.lang = lang
        self.rules_paths = list(rules_paths)
        self._text = text
        self._preset = analysis
        self._engine = engine
        self._job = job  # the analysis already running in a child process (srcview.analysis_process)
        self.analysis: Analysis | None = None
        self.index: ClaimIndex | None = None
        self.state = "starting"  # starting | analysing | ready | failed | unreadable
        self.exit_code = 0
        self._search_timer: Timer | None = None
        self._analysis_pending = False
        self._status = ""
        self._choosing_from_list = False
        self.marks: dict[str, float] = {"start": STARTED, "init": time.perf_counter()}
        self.rules = None  # the rules in use, once known (srcview.rules.Rules)
        self.rules_session = None  # the rules view's state (rules_screen.RulesSession)
        self._rules_watch = None  # the timer that looks for changed rules files
        self._rules_stamps: dict[Path, object] = {}
        self.edit_file: Callable[[Path], None] = self._edit_in_editor  # a seam for tests
        if theme:
            self.theme = theme
        if not animations:
            self.animation_level = "none"

    # --- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield SummaryBar(id="summary")
        yield Static("", id="notice", markup=False)
        with Horizontal(id="main"):
            yield ArticleView(id="article")
            with Vertical(id="side"):
                with Vertical(id="claims-box"):
                    yield SearchBox(id="search")
                    yield ClaimsList(id="claims")
                    yield Static("", id="claims-status", markup=False)
                yield ClaimDetail(id="detail")
        yield KeyBar(id="keys")

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def claims_list(self) -> ClaimsList:
        return self.query_one("#claims", ClaimsList)

    @property
    def detail(self) -> ClaimDetail:
        return self.query_one("#detail", ClaimDetail)

    def on_mount(self) -> None:
        summary = self.query_one(SummaryBar)
        summary.file = self.display_name
        self.article.border_title = "Article"
        self.article.border_subtitle = _legend()
        self.query_one("#claims-box").border_title = "Claims"
        self.detail.border_title = "Claim"
        if self.is_headless:  # tests and benchmarks: a blinking cursor would make screenshots differ
            self.query_one(SearchBox).cursor_blink = False
        if self._preset is not None:
            self.article.set_text(self._preset.text)
            self.call_after_refresh(self._analysis_arrived, self._preset, None)
            return
        try:
            text = self._text if self._text is not None else _read(self.path)
        except SrcviewError as err:
            self._unreadable(str(err))
            return
        self.article.set_text(text)
        self._text = text
        self.state = "analysing"
        summary.status = "analysing…"
        self._set_status("Analysing the article…")
        self.detail.show(None, message="The claims appear here once the analysis is done.")
        self._focus(self.article)
        # Paint the article first (importing spaCy in the worker, or unpickling the child's
        # result, competes for the GIL): the worker starts once the article view reports its
        # first paint, or after a moment anyway.
        self._analysis_pending = True
        self.set_timer(0.5, self._start_analysis)

    def _unreadable(self, error: str) -> None:
        self.state = "unreadable"
        self.exit_code = 2
        self.query_one(SummaryBar).status = "cannot be read"
        self._notice(f"Cannot open the article: {error}", "error")
        self.article.set_message(
            f"The article could not be opened.\n\n{error}\n\n"
            "Check the path, or pass the text on standard input:  srcview - < article.txt\n"
            "Press q to quit.")
        self._set_status("No article.")
        self.detail.show(None, message="Nothing to show.")

    # --- analysis ---------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def analyse(self) -> None:
        """Load the rules and the engine, analyse, and post the result (or the error) to the app.

        The work itself runs in a daemon thread that this worker waits on: when the user quits
        while spaCy is still loading, the worker is cancelled and returns at once, and the
        process does not wait seconds for an import nobody needs any more.
        """
        post_when_done(self, self._analyse_now, "srcview-analysis")

    def _analyse_now(self) -> Message:
        from ..analysis_process import JobLost, analyse_text

        started = time.perf_counter()
        try:
            outcome = None
            if self._job is not None:
                job, self._job = self._job, None
                try:
                    outcome = job.outcome()
                except JobLost:  # analyse here instead: that also reports what went wrong
                    outcome = None
                else:  # the child's steps, for benchmarks: wall clock → this process's perf_counter
                    shift = time.time() - time.perf_counter()
                    self.marks.update({f"child_{step}": at - shift for step, at in outcome.timings.items()})
            if outcome is None:
                outcome = analyse_text(self._text or "", self.lang, self.rules_paths, self.display_name,
                                       engine=self._engine)
            self.rules = outcome.rules
            # Load the views opened later here, off the UI thread, so the first `r`, `s` or `?` is instant.
            from . import help_screen, rules_screen, sources_screen  # noqa: F401
        except SrcviewError as err:
            return AnalysisFailed(str(err))
        except Exception as err:  # noqa: BLE001 - shown to the user as one line, never a traceback
            return AnalysisFailed(f"the analysis failed: {type(err).__name__}: {err}")
        return AnalysisReady(outcome.analysis, outcome.warning, time.perf_counter() - started)

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        self.marks["analysed"] = time.perf_counter()
        self._analysis_arrived(message.analysis, message.warning)

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.state = "failed"
        self.exit_code = 2
        self.query_one(SummaryBar).status = "not analysed"
        self._notice(f"Cannot analyse the article: {message.error}", "error")
        self._set_status("No claims: the analysis failed.")
        self.detail.show(None, message=f"The analysis failed: {clean(message.error)}")

    def _analysis_arrived(self, analysis: Analysis, warning: str | None) -> None:
        if len(analysis.claims) >= 2000:
            # A big analysis is millions of long-lived objects: keep the cyclic garbage
            # collector from walking them all again and again while the user scrolls.
            gc.freeze()
        self.analysis = analysis
        self.index = ClaimIndex(analysis)
        self.query_one(SummaryBar).set_analysis(analysis)
        if warning:
            self._notice(warning, "warning")
        self.article.set_claims(analysis)
        self.article.border_title = f"Article · {len(analysis.claims)} claims"
        self.state = "ready"
        self._refresh_claims()
        if analysis.claims and self.selected is None:
            self.selected = analysis.claims[0].id
        elif not analysis.claims:
            self.detail.show(None, message="No claims were found in this article.")
        self.call_after_refresh(self._mark, "claims_shown")
        if self._rules_watch is None:
            self.check_rules_files()  # note how the rules files are now
            if not self.is_headless:  # tests call check_rules_files themselves
                self._rules_watch = self.set_interval(1.0, self.check_rules_files)

    def check_rules_files(self) -> None:
        """Reload the rules when one of the user's rules files changed on disk since the last look."""
        from .rules_screen import session_for

        paths = [Path(p) for p in self.rules_paths]
        if self.rules_session is not None:
            paths.append(self.rules_session.target)
        for path in dict.fromkeys(paths):
            try:
                stamp = path.stat().st_mtime_ns
            except OSError:
                stamp = None
            before = self._rules_stamps.get(path, "unseen")
            self._rules_stamps[path] = stamp
            if before != "unseen" and stamp is not None and stamp != before and self.state == "ready":
                self.notify(f"{path} changed on disk: reloading the rules")
                session_for(self).reload(path)

    def _mark(self, name: str) -> None:
        self.marks.setdefault(name, time.perf_counter())

    def on_article_painted(self, message: ArticlePainted) -> None:
        self.marks.setdefault("article_painted", message.at)
        self._start_analysis()

    def _start_analysis(self) -> None:
        if self._analysis_pending:
            self._analysis_pending = False
            self.analyse()

    # --- state -> widgets ----------------------------------------------------------------
    @property
    def claim_filter(self) -> ClaimFilter:
        return ClaimFilter(self.hidden, self.source_filter, self.search, self.sort)

    def _refresh_claims(self) -> None:
        if self.index is None:
            return
        flt = self.claim_filter
        claims = self.index.visible(flt)
        self.claims_list.show_claims(claims, self.selected)
        total = len(self.index.claims)
        box = self.query_one("#claims-box")
        box.border_title = f"Claims {len(claims)}/{total}" if flt.active else f"Claims {total}"
        box.border_subtitle = self._filter_text(flt)
        if claims:
            self._set_status("")
        elif total:
            self._set_status("No claim matches the filters. Press x to clear them.")
        else:
            self._set_status("No claims were found in this article.")

    def _filter_text(self, flt: ClaimFilter) -> str:
        parts = [f"by {SORT_TITLES[flt.sort]}"]
        if flt.hidden:
            parts.append("hiding " + "".join(LETTER[lb] for lb in LABELS if lb in flt.hidden))
        if flt.source is not None and self.analysis is not None and flt.source < len(self.analysis.sources):
            parts.append("source: " + clean(self.analysis.sources[flt.source].canonical)[:30])
        if flt.search.strip():
            parts.append(f"“{clean(flt.search.strip())[:20]}”")
        return " · ".join(parts)

    def _set_status(self, text: str) -> None:
        if text == self._status:
            return  # updating a Static lays the screen out again
        self._status = text
        status = self.query_one("#claims-status", Static)
        status.update(text)
        status.display = bool(text)

    def _notice(self, text: str, kind: str) -> None:
        notice = self.query_one("#notice", Static)
        notice.update(clean(text))
        notice.set_class(kind == "error", "-error")
        notice.set_class(kind == "warning", "-warning")

    def watch_selected(self, old: int | None, new: int | None) -> None:
        self.article.selected = new
        if not self._choosing_from_list or self.claims_list.highlighted is None:
            # A choice made in the list is not echoed back while the list has a cursor: with keys
            # queued, that cursor is ahead of this message.
            self.claims_list.show_selected(new)
        claim = self.index.by_id.get(new) if self.index is not None and new is not None else None
        self.detail.show(claim, len(self.index.claims) if self.index else None)

    def watch_hidden(self, hidden: frozenset[str]) -> None:
        self.article.hidden = hidden
        self._refresh_claims()

    def watch_source_filter(self) -> None:
        self._refresh_claims()

    def watch_search(self, search: str) -> None:
        self.article.search = search
        self._refresh_claims()

    def watch_sort(self) -> None:
        self._refresh_claims()

    # --- widgets -> state -------------------------------------------------------------------
    def on_claim_chosen(self, message: ClaimChosen) -> None:
        if message.claim_id == self.selected:
            if message.reveal:
                self.article.scroll_to_claim(message.claim_id)
            return
        self._choosing_from_list = message.origin == "list"
        try:
            self.selected = message.claim_id
        finally:
            self._choosing_from_list = False

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        if self.index is not None and len(self.index.claims) > 2000:
            # Thousands of claims: filter once typing pauses, not on every key.
            value = event.value
            self._search_timer = self.set_timer(0.15, lambda: setattr(self, "search", value))
        else:
            self.search = event.value

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._leave_search()

    @on(SearchBox.Leave)
    def _search_leave(self) -> None:
        self._leave_search()

    @on(SearchBox.Cancelled)
    def _search_cancelled(self) -> None:
        box = self.query_one(SearchBox)
        box.value = ""
        self.search = ""
        box.remove_class("-visible")
        self._focus(self.claims_list)

    def _leave_search(self) -> None:
        box = self.query_one(SearchBox)
        if not box.value.strip():
            box.remove_class("-visible")
        self._focus(self.claims_list)

    def on_key(self, event: events.Key) -> None:
        # Keys typed right after "/" were already routed to the pane that had focus before the
        # search box took it; they come back up here unhandled.  They belong in the box.
        box = self.query_one(SearchBox)
        if self.focused is box and event.is_printable and event.character:
            event.stop()
            box.insert_text_at_cursor(event.character)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.query_one("#claims-box").set_class(event.widget.parent is self.query_one("#claims-box"), "-active")

    # --- actions ---------------------------------------------------------------------------
    def action_search(self) -> None:
        box = self.query_one(SearchBox)
        box.add_class("-visible")
        self._focus(box)

    def action_toggle_label(self, label: str) -> None:
        if label in LABELS:
            self.hidden = self.hidden ^ {label}

    def action_cycle_sort(self) -> None:
        self.sort = next_sort(self.sort)

    def action_sort_by(self, sort: str) -> None:
        self.sort = sort

    def action_clear_filters(self) -> None:
        self.hidden = frozenset()
        self.source_filter = None
        box = self.query_one(SearchBox)
        box.value = ""
        box.remove_class("-visible")
        self.search = ""

    def action_next_claim(self) -> None:
        self.claims_list.action_cursor_down()

    def action_previous_claim(self) -> None:
        self.claims_list.action_cursor_up()

    def action_focus_pane(self, pane: str) -> None:
        self._focus(self.query_one(f"#{pane}"))

    def _focus(self, widget) -> None:
        """Focus ``widget`` now, so that keys already typed after this one go to it (focus() waits a turn)."""
        self.screen.set_focus(widget)

    def _edit_in_editor(self, path: Path) -> None:
        from .rules_screen import edit_in_editor

        edit_in_editor(self, path)

    # The screens below are imported when first opened: they are not needed for the first paint.
    def action_sources(self) -> None:
        from .sources_screen import SourcesScreen

        if self.analysis is None:
            self.notify("The sources appear once the analysis is done.", timeout=3)
            return
        if isinstance(self.screen, SourcesScreen):
            return
        self.push_screen(SourcesScreen(source_rows(self.analysis), self.source_filter), self._source_chosen)

    def _source_chosen(self, index: int | None) -> None:
        if index is None:
            return
        self.source_filter = index if index >= 0 else None
        listed = self.claims_list.claim_ids
        if listed and self.selected not in listed:
            self.selected = listed[0]
        self._focus(self.claims_list)

    def action_rules(self) -> None:
        from .rules_screen import RulesScreen, session_for

        if self.analysis is None:
            self.notify("The rules view opens once the analysis is done.", timeout=3)
            return
        if not isinstance(self.screen, RulesScreen):
            self.push_screen(RulesScreen(session_for(self)))

    def action_add_source(self) -> None:
        """Write the selected claim's source to the user's registry with a credibility."""
        from .registry_screen import RegistryScreen
        from .rules_screen import session_for

        claim = self.index.by_id.get(self.selected) if self.index is not None and self.selected else None
        if claim is None or claim.source is None or claim.label == "anonymous":
            self.notify("Select a claim with a named source first.", timeout=3)
            return
        self.push_screen(RegistryScreen(claim.source, session_for(self).target))

    def replace_analysis(self, analysis: Analysis) -> None:
        """Show ``analysis`` (re-scored or re-analysed) in place of the current one, keeping the selection."""
        self._analysis_arrived(analysis, None)
        if self.index is not None and self.selected not in self.index.by_id:
            self.selected = analysis.claims[0].id if analysis.claims else None
        else:
            self.watch_selected(self.selected, self.selected)

    def show_rules_errors(self, lines: list[str]) -> None:
        self._notice("\n".join(lines), "error")

    def clear_notice(self) -> None:
        self._notice("", "")

    def action_help(self) -> None:
        from .help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        from .help_screen import binding_lines, class_bindings
        from .rules_screen import RulesScreen
        from .sources_screen import SourcesScreen

        general = binding_lines(self, class_bindings(type(self)))
        general += [("tab shift+tab", "Move between the panes"), ("^p", "Command palette: every action by name")]
        return [
            ("Anywhere", general),
            ("Claims panel", binding_lines(self, class_bindings(ClaimsList))
             + [("click", "Select the claim")]),
            ("Article", binding_lines(self, class_bindings(ArticleView))
             + [("click", "Select the claim under the pointer")]),
            ("Claim detail", binding_lines(self, class_bindings(ClaimDetail))
             + [("wheel", "Scroll the detail")]),
            ("Search box", binding_lines(self, class_bindings(SearchBox))
             + [("enter", "Keep the search and go to the claims")]),
            ("Sources view", binding_lines(self, class_bindings(SourcesScreen))
             + [("enter", "Show only the claims of that source")]),
            ("Rules view", binding_lines(self, class_bindings(RulesScreen))
             + [("enter", "Edit the value (Enter applies it, Esc cancels)")]),
            ("Gutter and badges", [(LETTER[lb], lb) for lb in LABELS] + [("#", "heading"), ("▌", "selected claim")]),
        ]

    # --- command palette -------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Next claim", "Select the next claim in the panel (j)", self.action_next_claim)
        yield SystemCommand("Previous claim", "Select the previous claim in the panel (k)",
                            self.action_previous_claim)
        for label in LABELS:
            state = "Show" if label in self.hidden else "Hide"
            yield SystemCommand(f"{state} {label} claims", f"Toggle {label} claims ({LABEL_KEYS[label]})",
                                lambda label=label: self.action_toggle_label(label))
        yield SystemCommand("Source to registry", "Add the selected claim's source with a credibility (+)",
                            self.action_add_source)
        yield SystemCommand("Sort claims: cycle", "Document order → score → source (o)", self.action_cycle_sort)
        for sort, title in SORT_TITLES.items():
            yield SystemCommand(f"Sort claims by {title}", f"List the claims by {title}",
                                lambda sort=sort: self.action_sort_by(sort))
        yield SystemCommand("Search claims", "Filter the claims by their text (/)", self.action_search)
        yield SystemCommand("Sources", "One row per source; choose one to filter the claims (s)", self.action_sources)
        yield SystemCommand("Rules: weights and settings", "Change a weight or setting, save, edit the file (r)",
                            self.action_rules)
        yield SystemCommand("Clear filters", "Show every claim again (x)", self.action_clear_filters)
        yield SystemCommand("Help: keys", "Every key binding (?)", self.action_help)
        yield SystemCommand("Go to the article", "Focus the article pane (a)",
                            lambda: self.action_focus_pane("article"))
        yield SystemCommand("Go to the claims", "Focus the claims panel (c)", lambda: self.action_focus_pane("claims"))
        yield SystemCommand("Go to the claim detail", "Focus the detail pane (d)",
                            lambda: self.action_focus_pane("detail"))

    async def action_quit(self) -> None:
        self.exit(self.exit_code)


def _legend() -> Content:
    parts: list[str | tuple[str, str]] = []
    for label in LABELS:
        parts.extend([(f" {LETTER[label]} ", f"$text on {_LEGEND[label]}"), f" {label} "])
    return Content.assemble(*parts)


_LEGEND = {"named": "$success 40%", "anonymous": "$warning 40%", "unverified": "$error 40%",
           "unattributed": "$panel"}


def _read(path: str) -> str:
    from ..textio import read_article

    return read_article(path)


__all__ = ["SrcviewApp"]
