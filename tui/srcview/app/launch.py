"""``srcview ARTICLE``: start analysing the article in a child process, then open the app.

This module imports no Textual: the child starts before the parent spends its
first half second importing Textual, so both work at once.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis_process import AnalysisJob, JobLost
from ..errors import SrcviewError
from ..textio import Article

if TYPE_CHECKING:
    from ..model import Analysis


def start_article(path: str, lang: str = "auto", rules_paths: Sequence[str] = (), *, article: Article | None = None,
                  outlet: str | None = None) -> tuple[Article | None, AnalysisJob | None]:
    """Read the article (unless ``article`` is it already) and start its analysis: (the article as read, job).

    The child is given what the command line gives the engine: the decoding
    note, what a saved page says of itself, and ``outlet`` (``--outlet
    NAME|DOMAIN``).  (None, None) when the article cannot be read: the app
    reads it again and says why.  The job is None when no child process can be
    started; the app then analyses in its own worker thread.
    """
    if article is None:
        from ..textio import load_article

        try:
            article = load_article(path)
        except SrcviewError:
            return None, None
    try:
        job = AnalysisJob.start(article.text, lang, rules_paths, file="<stdin>" if path == "-" else path,
                                note=article.note, page=article.page, outlet=outlet)
    except JobLost:
        job = None
    return article, job


def start_analysis(path: str, lang: str = "auto", rules_paths: Sequence[str] = (), text: str | None = None, *,
                   outlet: str | None = None) -> tuple[str | None, AnalysisJob | None]:
    """:func:`start_article` for a caller that holds the text only: (text, job)."""
    article, job = start_article(path, lang, rules_paths, article=Article(text) if text is not None else None,
                                 outlet=outlet)
    return (article.text if article is not None else None), job


def run_app(
    path: str,
    lang: str = "auto",
    rules_paths: Sequence[str] = (),
    text: str | None = None,
    *,
    analysis: Analysis | None = None,
    engine=None,
    outlet: str | None = None,
) -> int:
    """Run the app on the article at ``path`` (or on ``text``, named ``path``); the exit status.

    An article that cannot be read is one line on standard error
    (``srcview: FILE: why``) and exit status 2, before the app starts.
    ``analysis`` (and ``engine``) skip the child process when the caller has
    analysed the article already, or holds an engine to analyse it with.
    ``outlet`` names the outlet that published it (``--outlet NAME|DOMAIN``),
    else it is taken from the saved page or a dateline.  Returns 0, 2 when the
    article could not be analysed (the app says why on screen), or 1 when the
    app itself failed.
    """
    job = None
    article = Article(text) if text is not None else None
    if article is None and analysis is None:
        from ..report import clean
        from ..textio import load_article

        try:
            article = load_article(path)
        except SrcviewError as err:
            print(f"srcview: {clean(str(err))}", file=sys.stderr)
            return 2
    if analysis is None and engine is None:
        article, job = start_article(path, lang, rules_paths, article=article, outlet=outlet)
    from .app import SrcviewApp
    from .state import Prefs

    app = SrcviewApp(path, lang=lang, rules_paths=rules_paths, article=article, analysis=analysis, engine=engine,
                     job=job, outlet=outlet, prefs=Prefs.load())
    try:
        result = app.run()
    finally:
        if job is not None:
            job.cancel()
    return exit_status(app, result)


def exit_status(app, result) -> int:
    """The status to exit with: the app's own, or 1 when it ended on an unhandled error (a crash)."""
    if app.return_code:  # an unhandled error ended the app: Textual has shown it, the status says it
        return app.return_code
    return result if isinstance(result, int) else app.exit_code


__all__ = ["exit_status", "run_app", "start_analysis", "start_article"]
