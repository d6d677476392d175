"""Messages the widgets send up to the app; the app owns the state."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from ..model import Analysis

if TYPE_CHECKING:
    from .rules_session import Pending


class ClaimChosen(Message):
    """A claim was chosen: clicked in the article, or moved to or selected in the claims panel."""

    def __init__(self, claim_id: int, origin: str, reveal: bool = False) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.origin = origin  # "article" | "list"
        self.reveal = reveal  # bring it into view in the article even if it is selected already


class AnalysisReady(Message):
    """The worker finished: the analysis, and a warning to show (e.g. rules fell back to the defaults)."""

    def __init__(self, analysis: Analysis, warning: str | None = None, seconds: float = 0.0,
                 problems: list[str] | None = None) -> None:
        super().__init__()
        self.analysis = analysis
        self.warning = warning
        self.seconds = seconds
        self.problems = problems or []  # every problem of the user's rules files that did not load


class AnalysisFailed(Message):
    """The worker could not analyse the article; ``error`` is one line for the user."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class ArticlePainted(Message):
    """The article view drew article text for the first time (``at`` is time.perf_counter())."""

    def __init__(self, at: float) -> None:
        super().__init__()
        self.at = at


class RulesRequested(Message):
    """The user asked for a change of the rules (checked by the session); the app applies it."""

    def __init__(self, pending: Pending) -> None:
        super().__init__()
        self.pending = pending


class RulesUpdated(Message):
    """The rules session changed by itself (``what``: undo, save, place): the app shows the new state."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what


class EditRulesFile(Message):
    """Open the rules file in the user's editor, then reload it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class RulesFileChanged(Message):
    """A watched rules file changed on disk (another program wrote it)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


def post_when_done(app, make: Callable[[], Message], name: str) -> None:
    """Run ``make`` in a daemon thread and post its message to ``app``; call from a thread worker.

    The worker waits on the thread rather than doing the work itself: Textual's
    thread workers run in asyncio's default executor, which the interpreter
    joins at exit, so when the user quits while spaCy is still loading the
    worker is cancelled and returns at once, and the process does not wait
    seconds for an import nobody needs any more.
    """
    worker = get_current_worker()
    done = threading.Event()
    result: list[Message] = []

    def run() -> None:
        try:
            result.append(make())
        finally:
            done.set()

    threading.Thread(target=run, name=name, daemon=True).start()
    while not done.wait(0.05):
        if worker.is_cancelled:
            return
    if result and not worker.is_cancelled:
        app.post_message(result[0])
