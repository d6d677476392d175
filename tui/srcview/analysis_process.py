"""Analyse an article in a child process, so the caller can do something else meanwhile.

The app starts a job before it imports Textual: the child imports spaCy, loads
the rules, builds the pipeline and analyses while the parent puts the article
on screen. On a machine with two cores the two run side by side; the child also
lowers its priority, so on one core the first paint still comes first.

The child is ``python -m srcview.analysis_process``: it reads a pickled request
on stdin and writes one pickled reply on stdout. Both ends are this same
package, and the reply is unpickled only from the child the parent started.

A job that cannot start (no Python executable, e.g. a frozen build) or whose
child dies without a reply raises :class:`JobLost`; the caller then analyses
in-process instead (see :func:`analyse_text`), which reports any real error.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SrcviewError

if TYPE_CHECKING:
    from .engine import Engine
    from .model import Analysis
    from .rules import Rules

#: How much the child lowers its scheduling priority (POSIX ``nice``).
CHILD_NICENESS = 5


class JobLost(Exception):
    """The child could not be started, or ended without a reply."""


@dataclass(slots=True)
class Outcome:
    """What an analysis gives the app: the analysis, the rules used, and a warning for the user."""

    analysis: Analysis
    rules: Rules
    warning: str | None = None
    #: Every problem of the user's rules files when they did not load (``file:line:col: message``).
    problems: list[str] = field(default_factory=list)
    #: When each step ended (``time.time()``): "imported" (spaCy and the engine), "rules", "analysed".
    timings: dict[str, float] = field(default_factory=dict)


def analyse_article(engine: Engine, text: str, lang: str = "auto", file: str | None = None, *,
                    note: str | None = None, page: Mapping[str, str] | None = None,
                    outlet: str | None = None) -> Analysis:
    """``engine``'s analysis of ``text`` as the command line makes it: :func:`srcview.batch.analyze_article`."""
    from .batch import analyze_article

    return analyze_article(engine, text, lang, file or "", note=note, page=page, outlet=outlet)


def analyse_text(text: str, lang: str = "auto", rules_paths: Sequence[str | Path] = (), file: str | None = None,
                 engine: Engine | None = None, *, note: str | None = None, page: Mapping[str, str] | None = None,
                 outlet: str | None = None) -> Outcome:
    """Analyse ``text`` with the shipped rules and ``rules_paths`` layered on top.

    When the user's rules do not load, the shipped rules are used and the
    outcome carries a warning saying so; when even those fail, SrcviewError.
    ``engine`` is reused when there are no extra rules files.  ``note``,
    ``page`` and ``outlet`` are as for :func:`analyse_article`.
    """
    warning = None
    problems: list[str] = []
    timings: dict[str, float] = {}
    if engine is None or rules_paths:
        from .engine import Engine
        from .rules import load_rules

        timings["imported"] = time.time()
        try:
            rules = load_rules(rules_paths)
        except SrcviewError as err:
            if not rules_paths:
                raise
            problems = list(getattr(err, "lines", None) or [str(err)])
            count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
            warning = "\n".join([f"Rules not loaded ({count}); showing the results of the shipped rules instead:",
                                  *problems])
            rules = load_rules()
        timings["rules"] = time.time()
        engine = Engine(rules)
    analysis = analyse_article(engine, text, lang, file, note=note, page=page, outlet=outlet)
    timings["analysed"] = time.time()
    return Outcome(analysis, engine.rules, warning, problems, timings)


class AnalysisJob:
    """One article being analysed in a child process."""

    def __init__(self, proc: subprocess.Popen, request: bytes) -> None:
        self._proc = proc
        self._reply: bytes | None = None
        # communicate() writes the request while it reads, so a big article never blocks the caller.
        self._thread = threading.Thread(target=self._talk, args=(request,), name="srcview-analysis-io", daemon=True)
        self._thread.start()

    @classmethod
    def start(cls, text: str, lang: str = "auto", rules_paths: Sequence[str | Path] = (),
              file: str | None = None, *, note: str | None = None, page: Mapping[str, str] | None = None,
              outlet: str | None = None) -> AnalysisJob:
        """Start the child; JobLost when there is no Python to start it with (see :func:`analyse_text`)."""
        if getattr(sys, "frozen", False) or not sys.executable:
            raise JobLost("no Python executable to start the analysis with")
        request = pickle.dumps({"text": text, "lang": lang, "rules_paths": [str(p) for p in rules_paths],
                                "file": file, "note": note, "page": dict(page) if page else None,
                                "outlet": outlet}, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "srcview.analysis_process"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_child_env())
        except OSError as err:
            raise JobLost(f"cannot start the analysis: {err}") from None
        return cls(proc, request)

    def _talk(self, request: bytes) -> None:
        try:
            self._reply, _ = self._proc.communicate(request)
        except (OSError, ValueError):  # the child died early, or the job was cancelled
            self._reply = None

    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait up to ``timeout`` seconds for the reply; True when it is there (or the child has ended)."""
        self._thread.join(timeout)
        return self.done()

    def outcome(self) -> Outcome:
        """The child's outcome (waits for it); SrcviewError for an analysis error, JobLost without a reply."""
        self.wait()
        if not self._reply:
            raise JobLost(f"the analysis process ended without a reply (exit status {self._proc.returncode})")
        collecting = gc.isenabled()
        gc.disable()  # unpickling builds many objects at once: collecting midway only slows it down
        try:
            reply = pickle.loads(self._reply)
        except Exception as err:  # noqa: BLE001 - any damage to the reply means no reply
            raise JobLost(f"the analysis process sent a damaged reply: {err}") from None
        finally:
            if collecting:
                gc.enable()
        if reply[0] == "error":
            raise SrcviewError(reply[1])
        return reply[1]

    def cancel(self) -> None:
        """Stop the child if it is still working."""
        if self._proc.poll() is None:
            with contextlib.suppress(OSError):
                self._proc.kill()


def _child_env() -> dict[str, str]:
    """The environment for the child: this one, with this srcview first on the path when it runs from a checkout.

    An installed srcview is found by the child as by the parent; a site-packages
    folder is never put on PYTHONPATH, where it would come before the standard library.
    """
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parent.parent)  # the folder holding this srcview package
    import site

    installed = {str(Path(p).resolve()) for p in [*getattr(site, "getsitepackages", list)(),
                                                  site.getusersitepackages()]}
    if here not in installed:
        env["PYTHONPATH"] = os.pathsep.join([here, *filter(None, [env.get("PYTHONPATH")])])
    return env


def main() -> None:
    """The child: read the request on stdin, analyse, write the reply on stdout."""
    started = time.time()
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(CHILD_NICENESS)
    request: dict[str, Any] = pickle.load(sys.stdin.buffer)
    try:
        outcome = analyse_text(request["text"], request["lang"], request["rules_paths"], request["file"],
                               note=request.get("note"), page=request.get("page"), outlet=request.get("outlet"))
        outcome.timings["started"] = started
        reply: tuple = ("ok", outcome)
    except SrcviewError as err:
        reply = ("error", str(err))
    except Exception as err:  # noqa: BLE001 - the parent shows one line, never a traceback
        reply = ("error", f"the analysis failed: {type(err).__name__}: {err}")
    gc.disable()
    data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(BrokenPipeError, OSError):  # on error the parent has gone: nobody to tell
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    # Leave at once: tearing down spaCy's modules takes a tenth of a second the parent would wait for.
    os._exit(0)


if __name__ == "__main__":
    # Run the imported module's main, not this __main__ copy's: the reply's classes must
    # pickle as srcview.analysis_process.Outcome, which is what the parent knows.
    from srcview.analysis_process import main as _main

    _main()
