"""The srcview Textual app: the article on the left, its claims and the selected claim on the right.

The app owns the state (the analysis, the selected claim, the filters and the
sort order) as reactive attributes; the widgets report what the user did with
messages and the app's watchers pass the new state down.  Reading the article
is cheap and happens before the first paint.  ``srcview ARTICLE`` (see
``launch.py``) has a child process import spaCy and analyse while this process
imports Textual and paints; the app's thread worker waits for that result, or
analyses itself when there is no child (tests, a library caller, a lost child).

Slow work runs in Textual workers: the analysis, a re-analysis after a change
of the rules, and watching the user's rules files (``watchfiles``).  The rules
themselves live in a Textual-free :class:`~srcview.app.rules_session.RulesSession`.
"""

from __future__ import annotations

import contextlib
import gc
import threading
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
from ..model import LABEL_SPECS, LABELS, UNNAMED_KINDS, Analysis
from ..report import clean
from ..textio import Article
from .article_view import ArticleView
from .claim_detail import ClaimDetail
from .claims_panel import ClaimsList
from .key_bar import KeyBar, main_keys
from .logic import (
    LABEL_KEYS,
    SHIFTED,
    SHIFTED_CHAR,
    SORT_TITLES,
    WEAK,
    ClaimFilter,
    ClaimIndex,
    filter_in_words,
    labels_in_words,
    next_sort,
    source_rows,
)
from .messages import (
    AnalysisFailed,
    AnalysisReady,
    ArticlePainted,
    ClaimChosen,
    EditRulesFile,
    RulesFileChanged,
    RulesRequested,
    RulesUpdated,
    post_when_done,
)
from .search import SearchBox
from .state import AppState, Prefs, few_colours
from .summary_bar import SummaryBar

if TYPE_CHECKING:
    from ..analysis_process import AnalysisJob
    from ..rules import Rules
    from .rules_session import Pending, RulesSession

STARTED = time.perf_counter()  # when this module was imported: close to process start for `srcview`


def _label_bindings() -> list[Binding]:
    """A key per label to show or hide it, and shift+key to show only it (from model.LABEL_SPECS)."""
    out = []
    for name, spec in LABEL_SPECS.items():
        out.append(Binding(spec.key, f"toggle_label('{name}')", f"Show/hide {name} claims", show=False))
        if spec.key in SHIFTED:
            out.append(Binding(SHIFTED[spec.key], f"only_label('{name}')", f"Only {name} claims", show=False,
                               key_display=SHIFTED_CHAR[spec.key]))
    return out


class SrcviewApp(App[int]):
    """Shows how each claim of one article is sourced."""

    TITLE = "srcview"
    CSS_PATH = str(Path(__file__).with_name("srcview.tcss"))  # absolute: subclasses elsewhere find it too
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("q", "quit", "Quit (asks first when rule changes are not saved)"),
        Binding("question_mark", "help", "Help"),
        Binding("l", "legend", "Legend: labels, scores, the rule trace"),
        Binding("slash", "search", "Search"),
        Binding("n", "next_match", "Next search match", show=False),
        Binding("N", "previous_match", "Previous search match", show=False),
        Binding("right_square_bracket", "next_weak", f"Next {labels_in_words(WEAK).replace(' and ', ' or ')} claim",
                show=False, key_display="]"),
        Binding("left_square_bracket", "previous_weak",
                f"Previous {labels_in_words(WEAK).replace(' and ', ' or ')} claim", show=False, key_display="["),
        Binding("s", "sources", "Sources"),
        Binding("r", "rules", "Rules: weights and settings"),
        Binding("plus", "add_source", "Source to registry: its web domain and credibility", show=False),
        Binding("o", "cycle_sort", "Sort"),
        Binding("x", "clear_filters", "Clear filters"),
        *_label_bindings(),
        Binding("j", "next_claim", "Next claim", show=False),
        Binding("k", "previous_claim", "Previous claim", show=False),
        Binding("z", "zoom", "Zoom the claim detail (again: back)", show=False),
        Binding("a", "focus_pane('article')", "Go to the article", show=False),
        Binding("c", "focus_pane('claims')", "Go to the claims", show=False),
        Binding("d", "focus_pane('detail')", "Go to the claim detail", show=False),
    ]

    # State only: the watchers update the widgets, so no reactive repaints the whole screen itself.
    state: reactive[AppState] = reactive(AppState.STARTING, init=False, repaint=False)
    selected: reactive[int | None] = reactive(None, init=False, repaint=False)
    hidden: reactive[frozenset[str]] = reactive(frozenset(), init=False, repaint=False)
    source_filter: reactive[int | None] = reactive(None, init=False, repaint=False)  # index into analysis.sources
    search: reactive[str] = reactive("", init=False, repaint=False)
    sort: reactive[str] = reactive("document", init=False, repaint=False)
    rules_version: reactive[int] = reactive(0, init=False, repaint=False)  # moves when the rules session changes

    def __init__(
        self,
        path: str,
        lang: str = "auto",
        rules_paths: Sequence[str] = (),
        text: str | None = None,
        *,
        article: Article | None = None,
        outlet: str | None = None,
        analysis: Analysis | None = None,
        engine=None,
        job: AnalysisJob | None = None,
        theme: str | None = None,
        animations: bool = True,
        prefs: Prefs | None = None,
        watch_rules: bool | None = None,
    ) -> None:
        super().__init__()
        self.path = str(path)
        self.display_name = "<stdin>" if self.path == "-" else self.path
        self.lang = lang
        self.rules_paths = list(rules_paths)
        # The article as read (its decoding note, what its saved page says of itself), and --outlet.
        self._article = article if article is not None else Article(text) if text is not None else None
        self._text = self._article.text if self._article is not None else None
        self.outlet = outlet
        self._notice_shown: tuple[str, str] = ("", "")  # the notice's own text and kind, above the article's notes
        self._preset = analysis
        self._engine = engine
        self._job = job  # the analysis already running in a child process (srcview.analysis_process)
        self.analysis: Analysis | None = None
        self.index: ClaimIndex | None = None
        self.exit_code = 0
        self._search_timer: Timer | None = None
        self._analysis_pending = False
        self._analysis_started = 0.0
        self._progress: Timer | None = None
        self._status = ""
        self._choosing_from_list = False
        self.marks: dict[str, float] = {"start": STARTED, "init": time.perf_counter()}
        self.rules: Rules | None = None  # the rules in use, once known
        self.rules_session: RulesSession | None = None  # the rules view's state, made on first use
        self.rules_warning: list[str] = []  # every problem of user rules that did not load
        self._watch_rules = watch_rules  # None: watch the rules files unless headless
        self._watch_stop = threading.Event()
        self._watching: tuple[Path, ...] = ()
        self.edit_file: Callable[[Path], None] = self._edit_in_editor  # a seam for tests
        self.prefs = prefs or Prefs()
        if theme or self.prefs.theme:
            self.theme = theme or self.prefs.theme or self.theme
        if prefs is not None:  # remembered between runs: sort and label filter
            self.set_reactive(SrcviewApp.sort, self.prefs.sort)
            self.set_reactive(SrcviewApp.hidden, frozenset(self.prefs.hidden))
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
        yield KeyBar(main_keys(), id="keys")

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
        self.article.border_subtitle = self.article.legend()
        self.query_one("#claims-box").border_title = "Claims"
        self.detail.border_title = "Claim"
        self.watch(self, "theme", self._remember_theme, init=False)
        if self.is_headless:  # tests and benchmarks: a blinking cursor would make screenshots differ
            self.query_one(SearchBox).cursor_blink = False
        # 16 colours: the tints blend to nothing there; srcview.tcss gives .-ansi-colours plain ANSI tints.
        self.set_class(not self.is_headless and few_colours(self), "-ansi-colours")
        if self.hidden:
            self.article.hidden = self.hidden
        if self._preset is not None:
            self.article.set_text(self._preset.text)
            self.call_after_refresh(self._analysis_arrived, self._preset, None)
            return
        try:
            article = self._article if self._article is not None else _read(self.path)
        except SrcviewError as err:
            self._unreadable(str(err))
            return
        text = article.text
        self.article.set_text(text)
        self._article, self._text = article, text
        self.state = AppState.ANALYSING
        self._analysis_started = time.perf_counter()
        summary.status = f"analysing {_size(text)}…"
        self._set_status("Analysing the article…")
        self.detail.show(None, message="The claims appear here once the analysis is done.")
        self._focus(self.article)
        if len(text) > 100_000:  # a long article: say how long it has been going
            self._progress = self.set_interval(0.5, self._show_progress)
        # Paint the article first (importing spaCy in the worker, or unpickling the child's
        # result, competes for the GIL): the worker starts once the article view reports its
        # first paint, or after a moment anyway.
        self._analysis_pending = True
        self.set_timer(0.5, self._start_analysis)

    def _show_progress(self) -> None:
        if self.state is not AppState.ANALYSING:
            if self._progress is not None:
                self._progress.stop()
            return
        seconds = time.perf_counter() - self._analysis_started
        self.query_one(SummaryBar).status = f"analysing {_size(self._text or '')}… {seconds:.0f} s"
        self._set_status(f"Analysing the article ({_size(self._text or '')}): {seconds:.0f} s so far. "
                         "The article can be read and scrolled meanwhile.")

    def _unreadable(self, error: str) -> None:
        self.state = AppState.UNREADABLE
        self.exit_code = 2
        self.query_one(SummaryBar).status = "cannot be read"
        self._notice(f"Cannot open the article: {error}", "error")
        self.article.set_message(
            f"The article could not be opened.\n\n{error}\n\n"
            "Check the path and try again. Press q to quit.")
        self._set_status("No article.")
        self.detail.show(None, message="Nothing to show.")

    # --- analysis ---------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def analyse(self) -> None:
        """Load the rules and the engine, analyse, and post the result (or the error) to the app."""
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
                article = self._article or Article(self._text or "")
                outcome = analyse_text(article.text, self.lang, self.rules_paths, self.display_name,
                                       engine=self._engine, note=article.note, page=article.page,
                                       outlet=self.outlet)
            self.rules = outcome.rules
            # Load the views opened later here, off the UI thread, so the first `r`, `s`, `?` or `+` is instant.
            from . import help_screen, legend_screen, registry_screen, rules_screen, sources_screen  # noqa: F401

            _warm_ratings()
        except SrcviewError as err:
            return AnalysisFailed(str(err))
        except Exception as err:  # noqa: BLE001 - shown to the user as one line, never a traceback
            return AnalysisFailed(f"the analysis failed: {type(err).__name__}: {err}")
        return AnalysisReady(outcome.analysis, outcome.warning, time.perf_counter() - started,
                             problems=list(outcome.problems))

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        self.marks["analysed"] = time.perf_counter()
        self.rules_warning = list(message.problems)
        self._analysis_arrived(message.analysis, message.warning)

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.state = AppState.FAILED
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
        else:
            self._show_notice()
        self.article.set_claims(analysis)
        self.article.border_title = f"Article · {len(analysis.claims)} claims"
        self.state = AppState.READY
        self._refresh_claims()
        if analysis.claims and self.selected is None:
            listed = self.claims_list.claim_ids
            self.selected = listed[0] if listed else analysis.claims[0].id
        elif not analysis.claims:
            self.detail.show(None, message="No claims were found in this article.")
        self.call_after_refresh(self._mark, "claims_shown")
        self._watch_rules_files()

    def _mark(self, name: str) -> None:
        self.marks.setdefault(name, time.perf_counter())

    def on_article_painted(self, message: ArticlePainted) -> None:
        self.marks.setdefault("article_painted", message.at)
        self._start_analysis()

    def _start_analysis(self) -> None:
        if self._analysis_pending:
            self._analysis_pending = False
            self.analyse()

    # --- the rules: a session, changes applied in workers, files watched ----------------
    def session(self) -> RulesSession:
        """The rules session (made on first use, from the rules the analysis used)."""
        from .rules_session import RulesSession

        if self.rules_session is None:
            rules = self.rules
            if rules is None:
                from ..rules import load_rules

                try:
                    rules = load_rules(self.rules_paths)
                except SrcviewError:
                    rules = load_rules()
                self.rules = rules
            assert self.analysis is not None
            paths = tuple(str(p) for p in rules.files if str(p) in {str(q) for q in self.rules_paths})
            article = self._article or Article(self.analysis.text)
            self.rules_session = RulesSession(
                rules, self.analysis, article.text, lang=self.lang, file=self.display_name, rules_paths=paths,
                save_place=self.prefs.save_place, note=article.note, page=article.page, outlet=self.outlet)
            self.rules_session.errors = list(self.rules_warning)
        return self.rules_session

    def on_rules_requested(self, message: RulesRequested) -> None:
        self.request_rules(message.pending)

    def request_rules(self, pending: Pending) -> None:
        """Apply a checked change of the rules: at once when it is re-scored already, else in a worker."""
        session = self.session()
        if pending.analysis is not None:
            self._rules_applied(pending, pending.analysis)
            return
        session.busy = True
        self._reanalyse(pending)

    @work(thread=True, exclusive=True, group="rules", exit_on_error=False)
    def _reanalyse(self, pending: Pending) -> None:
        session = self.session()
        try:
            analysis = session.analyse(pending)
        except Exception as err:  # noqa: BLE001 - one line for the user
            self.call_from_thread(self._rules_failed, f"the re-analysis failed: {type(err).__name__}: {err}")
            return
        self.call_from_thread(self._rules_applied, pending, analysis)

    def _rules_applied(self, pending: Pending, analysis: Analysis) -> None:
        session = self.session()
        session.busy = False
        status = session.apply(pending, analysis)
        self._show_rules(status)

    def _rules_failed(self, error: str) -> None:
        session = self.session()
        session.busy = False
        session.status = error
        self.rules_version += 1
        self.say(error, "error")

    def on_rules_updated(self, message: RulesUpdated) -> None:
        session = self.session()
        if message.what == "place":
            self.prefs.save_place = session.save_place
            self.prefs.save()
            self._watch_rules_files()
        if message.what == "undo":
            self._show_rules(session.status)
        else:
            self.rules = session.rules
            self.rules_paths = list(dict.fromkeys([*self.rules_paths, *session.rules_paths]))
            self.rules_version += 1
            self._watch_rules_files()

    def _show_rules(self, status: str) -> None:
        """The session's rules and analysis are the app's now: show them, say what moved (once)."""
        session = self.session()
        self.rules = session.rules
        self.rules_paths = list(session.rules_paths)
        if not session.errors:
            self.clear_notice()
        self.replace_analysis(session.analysis)
        self.rules_version += 1
        from .rules_screen import RulesScreen

        if not isinstance(self.screen, RulesScreen):  # the rules view shows it on its status line
            self.say(status)
        self._watch_rules_files()

    def reload_rules(self, path: Path) -> None:
        """Load ``path`` as it is on disk now: re-analyse, or list every problem and keep the last good rules."""
        session = self.session()
        if session.busy:
            return
        try:
            pending = session.reload(path)
        except SrcviewError as err:
            lines = getattr(err, "lines", None) or [str(err)]
            session.status = str(err)
            self.show_rules_errors(lines)
            self.rules_version += 1
            self.say(f"{clean(str(err))}", "error")
            return
        session.status = f"{pending.what}: re-analysing…"
        self.rules_version += 1
        self.request_rules(pending)

    def on_edit_rules_file(self, message: EditRulesFile) -> None:
        target = message.path
        try:
            self.edit_file(target)
        except Exception as err:  # noqa: BLE001 - no editor, or the terminal cannot be suspended
            self.session().status = f"cannot open the editor: {type(err).__name__}: {err}"
            self.rules_version += 1
            return
        if not target.exists():
            self.session().status = f"{target} was not created; the rules are unchanged"
            self.rules_version += 1
            return
        self.reload_rules(target)

    def on_rules_file_changed(self, message: RulesFileChanged) -> None:
        self.rules_file_changed(message.path)

    def rules_file_changed(self, path: Path) -> None:
        """A watched rules file changed on disk: reload it, unless it is this app's own save."""
        if self.state is not AppState.READY:
            return
        session = self.session()
        if session.is_own_write(path) or session.busy:
            return
        self.reload_rules(path)

    def _watch_rules_files(self) -> None:
        """(Re)start watching the user's rules files, when they changed (not in tests unless asked)."""
        watch = self._watch_rules if self._watch_rules is not None else not self.is_headless
        if not watch or self.analysis is None:
            return
        paths = [Path(p) for p in self.rules_paths]
        if self.rules_session is not None:
            paths += self.rules_session.watched()
        wanted = tuple(dict.fromkeys(Path(p).absolute() for p in paths))
        if wanted == self._watching:
            return
        self._watching = wanted
        self._watch_stop.set()
        self._watch_stop = threading.Event()
        if wanted:
            self._watch_files(wanted, self._watch_stop)

    @work(thread=True, group="watch", exit_on_error=False)
    def _watch_files(self, paths: tuple[Path, ...], stop: threading.Event) -> None:
        """Post RulesFileChanged for each of ``paths`` written on disk, until ``stop`` is set.

        ``watchfiles`` (inotify, FSEvents, ReadDirectoryChanges; polling elsewhere) watches
        the folders, not the files: editors save by writing a new file and renaming it.
        """
        from textual.worker import get_current_worker
        from watchfiles import watch

        worker = get_current_worker()
        folders = sorted({str(p.parent) for p in paths if p.parent.is_dir()})
        names = {str(p) for p in paths}
        if not folders:
            return
        try:
            # yield_on_timeout: an empty set every rust_timeout ms, so a cancelled worker ends soon.
            for changes in watch(*folders, stop_event=stop, recursive=False, debounce=300, raise_interrupt=False,
                                 rust_timeout=250, yield_on_timeout=True,
                                 watch_filter=lambda _change, changed: changed in names):
                if worker.is_cancelled or stop.is_set():
                    return
                for changed in sorted({p for _, p in changes}):
                    self.post_message(RulesFileChanged(Path(changed)))
        except Exception:  # noqa: BLE001, S110 - a folder gone or not watchable: stop watching quietly
            return

    def exit(self, *args, **kwargs) -> None:
        self._watch_stop.set()  # the watching worker ends with the app
        super().exit(*args, **kwargs)

    def on_unmount(self) -> None:
        self._watch_stop.set()

    # --- state -> widgets ----------------------------------------------------------------
    @property
    def claim_filter(self) -> ClaimFilter:
        return ClaimFilter(self.hidden, self.source_filter, self.search, self.sort)

    def _refresh_claims(self) -> None:
        if self.index is None:
            return
        flt = self.claim_filter
        claims = self.index.visible(flt)
        selected = self.selected
        if selected is not None and not any(c.id == selected for c in claims):
            # The selected claim is filtered out: select the first one listed (or none), so the
            # detail and the article never show a claim the panel does not.
            selected = claims[0].id if claims else None
        self.claims_list.show_claims(claims, selected)
        if selected != self.selected:
            self.selected = selected
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
            parts.append(filter_in_words(flt.hidden))
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
        """Say ``text`` above the panes (kind "error" or "warning"; "" clears it); the article's notes stay."""
        self._notice_shown = (text, kind)
        self._show_notice()

    def _show_notice(self) -> None:
        """The notice line: its own text, then how the article was read (``Analysis.notes``) when that matters."""
        text, kind = self._notice_shown
        notes = [f"Note: {note}" for note in self.analysis.notes] if self.analysis is not None else []
        lines = [clean(line) for line in [*text.splitlines(), *notes]]
        notice = self.query_one("#notice", Static)
        notice.update(Content("\n".join(lines)))
        notice.set_class(kind == "error", "-error")
        notice.set_class(kind == "warning", "-warning")
        notice.set_class(bool(notes) and kind not in ("error", "warning"), "-note")

    def say(self, text: str, severity: str = "information", timeout: float = 4) -> None:
        """One notification for one action: the one before it goes (article text is never markup)."""
        self.clear_notifications()
        self.notify(clean(text), severity=severity, timeout=timeout, markup=False)

    def watch_selected(self, old: int | None, new: int | None) -> None:
        self.article.selected = new
        if not self._choosing_from_list or self.claims_list.highlighted is None:
            # A choice made in the list is not echoed back while the list has a cursor: with keys
            # queued, that cursor is ahead of this message.
            self.claims_list.show_selected(new)
        claim = self.index.by_id.get(new) if self.index is not None and new is not None else None
        if claim is None and self.index is not None and self.index.claims:
            self.detail.show(None, message="No claim is listed: the filters hide them all (x clears them).")
        else:
            self.detail.show(claim, len(self.index.claims) if self.index else None)

    def watch_hidden(self, hidden: frozenset[str]) -> None:
        self.article.hidden = hidden
        self._refresh_claims()
        self.prefs.hidden = [lb for lb in LABELS if lb in hidden]
        self.prefs.save()

    def watch_source_filter(self) -> None:
        self._refresh_claims()

    def watch_search(self, search: str) -> None:
        self.article.search = search
        self._refresh_claims()

    def watch_sort(self, sort: str) -> None:
        self._refresh_claims()
        self.prefs.sort = sort
        self.prefs.save()

    def _remember_theme(self, theme: str) -> None:
        self.prefs.theme = theme
        self.prefs.save()

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

    def action_only_label(self, label: str) -> None:
        """Show only ``label``'s claims (again: show every label)."""
        if label in LABELS:
            only = frozenset(LABELS) - {label}
            self.hidden = frozenset() if self.hidden == only else only

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

    def _jump(self, claim_id: int | None, what: str) -> None:
        if claim_id is None:
            self.say(f"No {what}.", timeout=2)
            return
        if claim_id == self.selected:
            self.article.scroll_to_claim(claim_id)
            return
        self.selected = claim_id

    def action_next_weak(self, step: int = 1) -> None:
        """Select the next anonymous or unverified claim in document order, among those listed."""
        if self.index is None:
            return
        weak = labels_in_words(WEAK).replace(" and ", " or ")
        self._jump(self.index.next_with(self.selected, WEAK, step, self.claims_list.claim_ids),
                   f"{weak} claim is listed")

    def action_previous_weak(self) -> None:
        self.action_next_weak(-1)

    def action_next_match(self, step: int = 1) -> None:
        """Select the next claim holding the search text (n), or the previous one (N)."""
        if self.index is None:
            return
        if not self.search.strip():
            self.say("Nothing to find: press / and type first.", timeout=2)
            return
        self._jump(self.index.next_match(self.selected, self.search, step), f"claim holds “{self.search.strip()}”")

    def action_previous_match(self) -> None:
        self.action_next_match(-1)

    def action_zoom(self) -> None:
        """The claim detail fills the screen (again: back)."""
        screen = self.screen
        if screen.maximized is not None:
            screen.minimize()
        else:
            screen.maximize(self.detail, container=False)
            self._focus(self.detail)

    def action_focus_pane(self, pane: str) -> None:
        if self.screen.maximized is not None:
            self.screen.minimize()
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
            self.say("The sources appear once the analysis is done.", timeout=3)
            return
        if isinstance(self.screen, SourcesScreen):
            return
        self.push_screen(SourcesScreen(source_rows(self.analysis), self.source_filter, self.analysis.outlet),
                         self._source_chosen)

    def _source_chosen(self, index: int | None) -> None:
        if index is None:
            return
        self.source_filter = index if index >= 0 else None
        self._focus(self.claims_list)

    def action_rules(self) -> None:
        from .rules_screen import RulesScreen

        if self.analysis is None:
            self.say("The rules view opens once the analysis is done.", timeout=3)
            return
        if not isinstance(self.screen, RulesScreen):
            self.push_screen(RulesScreen(self.session()))

    def action_add_source(self) -> None:
        """Write the selected claim's source to the user's registry with a credibility."""
        from .registry_screen import RegistryScreen

        claim = self.index.by_id.get(self.selected) if self.index is not None and self.selected else None
        if claim is None or claim.source is None or claim.source.kind in UNNAMED_KINDS:
            self.say("Select a claim with a named source first.", timeout=3)
            return
        self.push_screen(RegistryScreen(claim.source, self.session()), self._source_saved)

    def _source_saved(self, pending: Pending | None) -> None:
        if pending is not None:
            self.request_rules(pending)

    def action_export(self) -> None:
        """Write the analysis as Markdown, JSON or CSV to a file the user confirms."""
        from .export_screen import ExportScreen

        if self.analysis is None:
            self.say("There is nothing to export before the analysis is done.", timeout=3)
            return
        self.push_screen(ExportScreen(self.analysis, self.path), self._exported)

    def _exported(self, message: str | None) -> None:
        if message:
            self.say(message)

    def replace_analysis(self, analysis: Analysis) -> None:
        """Show ``analysis`` (re-scored or re-analysed) in place of the current one, keeping the selection."""
        self._analysis_arrived(analysis, None)
        if self.index is not None and self.selected not in self.index.by_id:
            listed = self.claims_list.claim_ids
            self.selected = listed[0] if listed else None
        else:
            self.watch_selected(self.selected, self.selected)

    def show_rules_errors(self, lines: list[str]) -> None:
        count = f"{len(lines)} problem{'s' if len(lines) != 1 else ''} in the rules; the last good rules stay active:"
        self._notice("\n".join([count, *lines]), "error")

    def clear_notice(self) -> None:
        self._notice("", "")

    def action_help(self) -> None:
        from .help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))

    def action_legend(self) -> None:
        from .legend_screen import LegendScreen

        if not isinstance(self.screen, LegendScreen):
            self.push_screen(LegendScreen())

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        from .help_screen import binding_lines, class_bindings
        from .rules_screen import RulesScreen
        from .sources_screen import SourcesScreen

        own = class_bindings(type(self))
        by_action = {b.action: b for b in own}

        def lines(*actions: str) -> list[tuple[str, str]]:
            return binding_lines(self, [by_action[a] for a in actions if a in by_action])

        labels = [b for b in own if b.action.startswith(("toggle_label", "only_label"))]
        return [
            ("Move", lines("next_claim", "previous_claim", "next_weak", "previous_weak", "focus_pane('article')",
                           "focus_pane('claims')", "focus_pane('detail')", "zoom")
             + [("tab shift+tab", "Move between the panes"), ("click", "Select the claim under the pointer")]),
            ("Claims panel", binding_lines(self, class_bindings(ClaimsList))),
            ("Find and filter", lines("search", "next_match", "previous_match", "cycle_sort", "clear_filters")
             + binding_lines(self, labels)
             + binding_lines(self, class_bindings(SearchBox))
             + [("enter", "Keep the search and go to the claims")]),
            ("Article and detail", binding_lines(self, class_bindings(ArticleView))
             + binding_lines(self, class_bindings(ClaimDetail))
             + [("↑ ↓ pgup pgdn", "Scroll the pane"), ("wheel", "Scroll")]),
            ("Views", lines("sources", "rules", "add_source", "legend", "help", "quit")
             + [("^p", "Command palette: every action by name, Export…, Screenshot, Theme")]),
            ("Sources view", binding_lines(self, class_bindings(SourcesScreen))
             + [("enter", "Show only the claims of that source")]),
            ("Rules view", binding_lines(self, class_bindings(RulesScreen))
             + [("enter", "Edit the value (Enter applies it, Esc cancels)")]),
        ]

    # --- command palette -------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Next claim", "Select the next claim in the panel (j)", self.action_next_claim)
        yield SystemCommand("Previous claim", "Select the previous claim in the panel (k)",
                            self.action_previous_claim)
        weak = labels_in_words(WEAK).replace(" and ", " or ")
        yield SystemCommand(f"Next {weak} claim", "Jump to the next weakly sourced claim (])", self.action_next_weak)
        for label in LABELS:
            state = "Show" if label in self.hidden else "Hide"
            yield SystemCommand(f"{state} {label} claims", f"Toggle {label} claims ({LABEL_KEYS[label]})",
                                lambda label=label: self.action_toggle_label(label))
            yield SystemCommand(f"Only {label} claims", f"Hide every other label "
                                f"({SHIFTED_CHAR.get(LABEL_KEYS[label], '')})",
                                lambda label=label: self.action_only_label(label))
        yield SystemCommand("Source to registry", "Add the selected claim's source with its domain and a "
                            "credibility, filled from the domain's published rating (+)",
                            self.action_add_source)
        yield SystemCommand("Sort claims: cycle", "Document order → score → source (o)", self.action_cycle_sort)
        for sort, title in SORT_TITLES.items():
            yield SystemCommand(f"Sort claims by {title}", f"List the claims by {title}",
                                lambda sort=sort: self.action_sort_by(sort))
        yield SystemCommand("Search claims", "Filter the claims by their text (/)", self.action_search)
        yield SystemCommand("Sources", "One row per source; choose one to filter the claims (s)", self.action_sources)
        yield SystemCommand("Rules: weights and settings", "Change a weight or setting, save, edit the file (r)",
                            self.action_rules)
        yield SystemCommand("Export…", "Write the analysis as Markdown, JSON or CSV to a file", self.action_export)
        yield SystemCommand("Clear filters", "Show every claim again (x)", self.action_clear_filters)
        yield SystemCommand("Help: keys", "Every key binding (?)", self.action_help)
        yield SystemCommand("Legend", "What the labels, scores and rule trace mean (l)", self.action_legend)
        yield SystemCommand("Zoom the claim detail", "The detail fills the screen; again to go back (z)",
                            self.action_zoom)
        yield SystemCommand("Go to the article", "Focus the article pane (a)",
                            lambda: self.action_focus_pane("article"))
        yield SystemCommand("Go to the claims", "Focus the claims panel (c)", lambda: self.action_focus_pane("claims"))
        yield SystemCommand("Go to the claim detail", "Focus the detail pane (d)",
                            lambda: self.action_focus_pane("detail"))

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        from .screenshots import save_screenshot

        save_screenshot(self, filename, path, time_format)
        return None

    async def action_quit(self) -> None:
        session = self.rules_session
        if session is not None and session.dirty:
            from .quit_screen import QuitScreen

            if not isinstance(self.screen, QuitScreen):
                self.push_screen(QuitScreen(session), self._quit_answered)
            return
        self.exit(self.exit_code)

    def _quit_answered(self, answer: str | None) -> None:
        if answer in ("saved", "discard"):
            self.exit(self.exit_code)


def _size(text: str) -> str:
    size = len(text.encode("utf-8", "surrogatepass"))
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(size // 1000, 1)} KB"


def _warm_ratings() -> None:
    """Read the published ratings now (the ``+`` dialog looks domains up in them); a problem shows when used."""
    from ..ratings import shipped

    with contextlib.suppress(SrcviewError):
        shipped()


def _read(path: str) -> Article:
    from ..textio import load_article

    return load_article(path)


__all__ = ["AppState", "SrcviewApp"]
