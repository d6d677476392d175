"""``srcview ARTICLE``: start analysing the article in a child process, then open the app.

This module imports no Textual: the child starts before the parent spends its
first half second importing Textual, so both work at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis_process import AnalysisJob, JobLost
from ..errors import SrcviewError

if TYPE_CHECKING:
    from ..model import Analysis


def start_analysis(path: str, lang: str = "auto", rules_paths: Sequence[str] = (),
                   text: str | None = None) -> tuple[str | None, AnalysisJob | None]:
    """Read the article and start its analysis: (text, job).

    (None, None) when the article cannot be read: the app reads it again and says
    why. The job is None when no child process can be started; the app then
    analyses in its own worker thread.
    """
    if text is None:
        from ..textio import read_article

        try:
            text = read_article(path)
        except SrcviewError:
            return None, None
    try:
        job = AnalysisJob.start(text, lang, rules_paths, file="<stdin>" if path == "-" else path)
    except JobLost:
        job = None
    return text, job


def run_app(
    path: str,
    lang: str = "auto",
    rules_paths: Sequence[str] = (),
    text: str | None = None,
    *,
    analysis: Analysis | None = None,
    engine=None,
) -> int:
    """Run the app on the article at ``path`` (or on ``text``, named ``path``); the exit status.

    ``analysis`` (and ``engine``) skip the child process when the caller has
    analysed the article already, or holds an engine to analyse it with.
    Returns 0, or 2 when the article could not be read or analysed (the app
    says why on screen).
    """
    job = None
    if analysis is None and engine is None:
        text, job = start_analysis(path, lang, rules_paths, text)
    from .app import SrcviewApp

    app = SrcviewApp(path, lang=lang, rules_paths=rules_paths, text=text, analysis=analysis, engine=engine, job=job)
    try:
        result = app.run()
    finally:
        if job is not None:
            job.cancel()
    return result if isinstance(result, int) else app.exit_code


__all__ = ["run_app", "start_analysis"]
