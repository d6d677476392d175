"""Messages the widgets send up to the app; the app owns the state."""

from __future__ import annotations

from textual.message import Message

from ..model import Analysis


class ClaimChosen(Message):
    """A claim was chosen: clicked in the article, or moved to or selected in the claims panel."""

    def __init__(self, claim_id: int, origin: str, reveal: bool = False) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.origin = origin  # "article" | "list"
        self.reveal = reveal  # bring it into view in the article even if it is selected already


class AnalysisReady(Message):
    """The worker finished: the analysis, and a warning to show (e.g. rules fell back to the defaults)."""

    def __init__(self, analysis: Analysis, warning: str | None = None, seconds: float = 0.0) -> None:
        super().__init__()
        self.analysis = analysis
        self.warning = warning
        self.seconds = seconds


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
