"""What the command line does with its articles: analyse and write them, gate them, compare them."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from .errors import InputError
from .outfile import Abandon, atomic_writer
from .textio import MAX_BYTES, STDIN

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")


def expand(items: Sequence[str]) -> list[str]:
    """Files named, and the article files inside folders named (walked, sorted, hidden ones skipped).

    A folder's entries are listed by name: an article-named entry that is not a
    regular file (a dangling link, a FIFO, a device) is listed too, so that
    reading it reports why it was skipped instead of it vanishing silently.
    Links to folders are not followed.
    """
    files: list[str] = []
    for item in items:
        path = Path(item)
        if item != STDIN and path.is_dir():
            found = sorted(_walk(path))
            if not found:
                raise InputError("no article files (.txt, .md, .html) in this folder", path=item)
            files += found
        else:
            files.append(item)
    return files


def _walk(root: Path) -> Iterator[str]:
    for folder, dirs, names in os.walk(root, onerror=None, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES:
                yield os.path.join(folder, name)


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or what ``path`` leads to (see :mod:`srcview.outfile`).

    Raise :class:`~srcview.outfile.Abandon` in the block to leave ``path`` as it was.
    """
    if path is None:
        with suppress(Abandon):
            yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_writer(path, newline="") as handle:
        yield handle


class Progress:
    """A progress bar on standard error, only when it is a terminal and there are several files."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.on = total > 1 and sys.stderr.isatty()

    def step(self) -> None:
        self.done += 1
        if self.on:
            width = max(10, min(40, shutil.get_terminal_size((80, 24)).columns - 30))
            filled = width * self.done // self.total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} articles")
            sys.stderr.flush()

    def close(self) -> None:
        if self.on:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()


def analyse_files(files: Sequence[str], fmt: str, rules_paths: Sequence[Path], lang: str, out_path: str | None,
                  jobs: int = 1, max_bytes: int = MAX_BYTES, fail_under: float | None = None,
                  max_anonymous: int | None = None, outlet: str | None = None) -> int:
    """Analyse each file and write it in ``fmt``; 2 when a file failed, 1 when one fails a gate.

    Every file that is not analysed gets a line on standard error and, in jsonl
    and csv, a record.  ``out_path`` is replaced only once an article has been
    analysed: when every file fails, an existing output is left as it was.
    """
    from .batch import BatchError, analyze_many, load
    from .formats import RECORD_FORMATS, Writer, gate, open_writer

    rules = load(rules_paths)  # broken rules stop here, before any article is read
    if fmt == "json" and len(files) > 1:
        raise InputError("--format json holds one article; use jsonl or csv for several", path=files[1])
    failed = short = False
    progress = Progress(len(files))
    width = max(shutil.get_terminal_size((100, 24)).columns, 60)
    writer: Writer | None = None
    waiting: list[tuple[str, str]] = []  # failures before the first article: written once there is output
    try:
        with output(out_path) as out:
            for result in analyze_many(files, jobs=jobs, rules=rules, lang=lang, max_bytes=max_bytes,
                                       outlet=outlet):
                progress.step()
                if isinstance(result, BatchError):
                    failed = True
                    _say(f"{result.file}: {result.message}", progress)
                    if writer is None:
                        waiting.append((result.file, result.message))
                    else:
                        writer.write_error(result.file, result.message)
                    continue
                for note in result.notes:
                    _say(f"{result.file}: {note}", progress)
                if writer is None:
                    writer = open_writer(fmt, out, width=width)
                    for file, message in waiting:
                        writer.write_error(file, message)
                writer.write(result)
                for reason in gate(result, fail_under, max_anonymous):
                    short = True
                    _say(f"{result.file}: {reason}", progress)
            if writer is None and out_path is not None:
                _say(f"{out_path}: left as it was: no article could be analysed", progress)
                raise Abandon
            if writer is None:  # on standard output, only the record formats say that nothing could be read
                if fmt not in RECORD_FORMATS:
                    raise Abandon
                writer = open_writer(fmt, out, width=width)
                for file, message in waiting:
                    writer.write_error(file, message)
            writer.close()
    finally:
        progress.close()
    return 2 if failed else 1 if short else 0


def compare_files(files: Sequence[str], fmt: str, rules_paths: Sequence[Path], lang: str, out_path: str | None,
                  max_bytes: int = MAX_BYTES, outlet: str | None = None) -> int:
    """Compare the articles' sourcing; JSON or Markdown."""
    from .batch import BatchError, analyze_many, load
    from .compare import compare, to_dict, to_markdown
    from .export import dumps

    rules = load(rules_paths)
    analyses = []
    failed = False
    for result in analyze_many(files, rules=rules, lang=lang, max_bytes=max_bytes, outlet=outlet):
        if isinstance(result, BatchError):
            failed = True
            _say(f"{result.file}: {result.message}")
        else:
            for note in result.notes:
                _say(f"{result.file}: {note}")
            analyses.append(result)
    if len(analyses) < 2:
        raise InputError("fewer than two articles could be read, so there is nothing to compare")
    stop = [w for code in rules.languages for w in rules.lang(code).get("detect", [])]
    comparison = compare(analyses, stopwords=stop, threshold=float(rules.settings.get("align_threshold", 55)))
    with output(out_path) as out:
        if fmt == "json":
            out.write(dumps(to_dict(comparison), indent=1) + "\n")
        else:
            out.write(to_markdown(comparison))
    return 2 if failed else 0


def _say(message: str, progress: Progress | None = None) -> None:
    if progress is not None and progress.on:
        sys.stderr.write("\r" + " " * 70 + "\r")
    from .cleaning import clean

    print(f"srcview: {clean(message)}", file=sys.stderr)
