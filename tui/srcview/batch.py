"""Analysing many articles, in this process or on all cores.

``analyze_many(paths, jobs)`` yields one result per path, in the order given: an
:class:`~srcview.model.Analysis`, or a :class:`BatchError` (with ``.file`` and
``.message``) for an article that could not be read or analysed; one bad file
never stops the batch.  Broken rules do stop it: they are loaded and checked once,
up front, and raise :class:`~srcview.errors.RulesError`.

With ``jobs=1`` everything runs here with one Engine.  With more, a
``ProcessPoolExecutor`` of ``jobs`` processes each builds one Engine in its
initializer (building one costs about a second; an article of a few KB takes
milliseconds) and paths are submitted in small chunks, never more than a few
chunks per process at a time, so memory stays flat however many paths there are.

spaCy's vocabulary keeps every new word it has tokenized, so an Engine that
analyses tens of thousands of articles slowly grows (about 20 KB an article on
text with a news-like stream of new names and words).  Each Engine is therefore
replaced by a fresh one after ``renew_every`` articles (2,000 by default: the
rebuild costs about a second, a few per cent of the time those articles take).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .credibility import identify_outlet
from .errors import SrcviewError
from .model import Analysis
from .rules import Rules
from .textio import MAX_BYTES, STDIN, load_article

CHUNK = 8  # paths per task: enough to amortise the inter-process hop, small enough to keep cores busy
AHEAD = 3  # tasks in flight per process
RENEW_EVERY = 2000  # articles per Engine before it is replaced (bounds spaCy's growing vocabulary)


@dataclass(frozen=True, slots=True)
class BatchError:
    """An article that could not be read or analysed."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


Result = Analysis | BatchError


def display_name(path: str | os.PathLike[str]) -> str:
    """The ``file`` an analysis of ``path`` carries (as the CLI names it)."""
    return "<stdin>" if str(path) == STDIN else str(path)


def analyze_path(engine, path: str | os.PathLike[str], lang: str = "auto", max_bytes: int = MAX_BYTES,
                 outlet: str | None = None) -> Result:
    """One article read and analysed by ``engine``; any failure comes back as a BatchError.

    The analysis gets the article's own outlet (``outlet``, a name or domain as
    ``--outlet`` gives it, else what a saved page or a dateline says; see
    :func:`srcview.credibility.identify_outlet`) and a note on how the file was
    decoded when it was not plain UTF-8.
    """
    name = display_name(path)
    try:
        article = load_article(path, max_bytes)
    except SrcviewError as err:
        return BatchError(name, err.message)
    try:
        return analyze_article(engine, article.text, lang, name, note=article.note, page=article.page, outlet=outlet)
    except SrcviewError as err:
        return BatchError(name, err.message)
    except Exception as exc:  # an engine bug on one article must not sink the batch
        return BatchError(name, f"analysis failed: {type(exc).__name__}: {exc}")


def analyze_article(engine, text: str, lang: str = "auto", file: str = "", *, note: str | None = None,
                    page: Mapping[str, str] | None = None, outlet: str | None = None) -> Analysis:
    """``engine``'s analysis of ``text`` with what the command line and the app add to it.

    ``note`` says how the file was decoded (:attr:`srcview.textio.Article.note`),
    ``page`` what a saved web page says of itself, ``outlet`` the ``--outlet``
    the user gave: the analysis gets the note in ``notes`` and its own outlet,
    rated against ``engine``'s registry (:func:`srcview.credibility.identify_outlet`).
    """
    analysis = engine.analyze(text, lang=lang, file=file)
    if note and note not in analysis.notes:
        analysis.notes.append(note)
    analysis.outlet = identify_outlet(text, engine.registry, page=page, given=outlet)
    return analysis


def load(rules_paths: Iterable[str | os.PathLike[str]] = ()) -> Rules:
    """The shipped rules with ``rules_paths`` layered on top (checked; raises RulesError)."""
    from .rules import load_rules

    return load_rules([Path(p) for p in rules_paths])


class RenewingEngine:
    """An Engine for ``rules`` that is replaced by a fresh one every ``renew_every`` articles."""

    def __init__(self, rules: Rules, renew_every: int | None) -> None:
        self.rules = rules
        self.renew_every = renew_every if renew_every and renew_every > 0 else None
        self.engine = None
        self.used = 0

    def current(self):
        """The Engine to use next: built on first use, and again once it has done ``renew_every`` articles."""
        if self.engine is None or (self.renew_every and self.used >= self.renew_every):
            from .engine import Engine

            self.engine = None  # let the old one go before building the next
            self.engine = Engine(self.rules)
            self.used = 0
        return self.engine

    def analyze(self, path: str, lang: str, max_bytes: int = MAX_BYTES, outlet: str | None = None) -> Result:
        engine = self.current()
        self.used += 1
        return analyze_path(engine, path, lang, max_bytes, outlet)


# --- worker processes ----------------------------------------------------------
_WORKER: RenewingEngine | None = None


def _init_worker(rules: Rules, renew_every: int | None) -> None:
    global _WORKER
    _WORKER = RenewingEngine(rules, renew_every)
    _WORKER.current()  # one Engine per process, built as the pool starts


def _work(paths: list[str], lang: str, max_bytes: int = MAX_BYTES, outlet: str | None = None) -> list[Result]:
    assert _WORKER is not None, "worker not initialised"
    return [_WORKER.analyze(path, lang, max_bytes, outlet) for path in paths]


def _chunks(paths: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for path in paths:
        chunk.append(path)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def analyze_many(
    paths: Iterable[str | os.PathLike[str]],
    jobs: int | None = 1,
    rules_paths: Sequence[str | os.PathLike[str]] = (),
    lang: str = "auto",
    *,
    rules: Rules | None = None,
    chunk: int = CHUNK,
    renew_every: int | None = RENEW_EVERY,
    max_bytes: int = MAX_BYTES,
    outlet: str | None = None,
) -> Iterator[Result]:
    """One Analysis or BatchError per path, in the order of ``paths``.

    ``jobs``: processes to use; 1 runs in this process, ``None`` or 0 uses every
    core.  ``rules_paths`` are layered over the shipped rules (pass ``rules`` to
    use rules already loaded instead); they are loaded when this is called, so
    broken rules raise RulesError here, before any article.  ``paths`` may be a
    lazy iterable; it is consumed as results are taken.  Closing the iterator
    early stops the workers.  ``chunk``: paths per task sent to a worker.
    ``renew_every``: articles per Engine before a fresh one replaces it (None: never).
    ``max_bytes``: articles larger than this are refused (a BatchError).
    ``outlet``: the outlet (name or domain) that published every one of them, when known.
    """
    if rules is None:
        rules = load(rules_paths)
    jobs = default_jobs() if not jobs or jobs < 0 else jobs
    names = (str(p) for p in paths)
    if jobs == 1:
        return _in_process(names, rules, lang, renew_every, max_bytes, outlet)
    return _in_pool(names, rules, lang, jobs, max(1, chunk), renew_every, max_bytes, outlet)


def _in_process(names: Iterator[str], rules: Rules, lang: str, renew_every: int | None,
                max_bytes: int = MAX_BYTES, outlet: str | None = None) -> Iterator[Result]:
    engines = RenewingEngine(rules, renew_every)
    for path in names:
        yield engines.analyze(path, lang, max_bytes, outlet)


def _in_pool(names: Iterator[str], rules: Rules, lang: str, jobs: int, chunk: int,
             renew_every: int | None, max_bytes: int = MAX_BYTES, outlet: str | None = None) -> Iterator[Result]:
    pending: deque[Future[list[Result]]] = deque()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rules, renew_every))
    try:
        for part in _chunks(names, chunk):
            pending.append(pool.submit(_work, part, lang, max_bytes, outlet))
            if len(pending) >= jobs * AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
