"""Writing output where the user points: never replacing a link, a device or a pipe.

``srcview -o PATH`` and the rules editor write through :func:`atomic_writer`.
What happens depends on what ``PATH`` is, found by following its symbolic links
one by one (:func:`target_of`):

- a regular file, or nothing yet: a temporary file is written in the folder of
  the *final* target and renamed over it, so readers see the old file or the
  whole new one, a symbolic link stays a link (its target gets the new text),
  and the new file keeps the old one's permissions (and owner, as root);
- a character device (``/dev/null``, a terminal), a FIFO, or a link into
  ``/proc/…/fd`` (``/dev/stdout``, ``/dev/fd/3``): written directly, appending,
  opened only when the first text is written, so a device is never replaced by
  a file and a shell's ``>>`` is honoured;
- a folder, a block device or a socket: refused with one line.

Raising :class:`Abandon` inside the ``with`` block leaves a file target as it
was (nothing is replaced unless there is something to write).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .errors import SrcviewError

#: Symbolic links followed before giving up (as the kernel's ELOOP limit).
MAX_LINKS = 40
#: Links to open file descriptors, not files: write there directly.
_DESCRIPTOR = re.compile(r"/proc/(?:self|thread-self|\d+)(?:/task/\d+)?/fd/\d+|/dev/fd/\d+")


class Abandon(Exception):  # noqa: N818 - it is an instruction, not an error
    """Raised inside :func:`atomic_writer`'s block: write nothing, leave the target as it was."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where text for a path really goes."""

    path: Path  # the path after following every link (or the last link's target when it dangles)
    direct: bool  # write straight into it (device, pipe, descriptor) instead of replacing it
    exists: bool


def _error(message: str, path: str | Path) -> SrcviewError:
    return SrcviewError(message, path=path)


def target_of(path: str | Path) -> Target:
    """Follow ``path``'s symbolic links to what a write should reach; SrcviewError when it cannot be written."""
    current = str(path)
    for _ in range(MAX_LINKS):
        if _DESCRIPTOR.fullmatch(current):
            return Target(Path(current), True, os.path.exists(current))
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            parent = os.path.dirname(current) or "."
            if not os.path.isdir(parent):
                raise _error("cannot write output: its folder does not exist", path) from None
            return Target(Path(current), False, False)
        except OSError as exc:
            raise _error(f"cannot write output: {exc.strerror or exc}", path) from None
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            link = os.readlink(current)
            current = link if os.path.isabs(link) else os.path.join(os.path.dirname(current), link)
            continue
        if stat.S_ISREG(mode):
            return Target(Path(current), False, True)
        if stat.S_ISDIR(mode):
            raise _error("is a directory, not a file to write", path)
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            return Target(Path(current), True, True)
        kind = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file"
        raise _error(f"is {kind}; srcview writes to files, pipes and character devices only", path)
    raise _error("cannot write output: too many levels of symbolic links", path)


class _Direct:
    """A text stream on a device or pipe, opened (for appending) when first written to."""

    def __init__(self, target: Target, shown: str | Path, newline: str) -> None:
        self.target = target
        self.shown = shown
        self.newline = newline
        self.handle: TextIO | None = None

    def _open(self) -> TextIO:
        if self.handle is None:
            try:
                self.handle = open(self.target.path, "a", encoding="utf-8", newline=self.newline)  # noqa: SIM115
            except OSError as exc:
                raise _error(f"cannot write output: {exc.strerror or exc}", self.shown) from None
        return self.handle

    def write(self, text: str) -> int:
        return self._open().write(text)

    def writelines(self, lines: Iterable[str]) -> None:
        self._open().writelines(lines)

    def flush(self) -> None:
        if self.handle is not None:
            self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


@contextlib.contextmanager
def atomic_writer(path: str | Path, newline: str = "\n") -> Iterator[TextIO]:
    """A text handle whose text ends up at ``path`` (UTF-8), as the module docstring describes.

    For a file target: a temporary file in the target's folder, renamed over
    the target on success; on any failure, or :class:`Abandon`, the old file is
    left as it was and the temporary file is removed.
    """
    target = target_of(path)
    if target.direct:
        sink = _Direct(target, path, newline)
        try:
            yield sink  # type: ignore[misc]
            sink.flush()
        except Abandon:
            pass
        except OSError as exc:
            raise _error(f"cannot write output: {exc.strerror or exc}", path) from None
        finally:
            with contextlib.suppress(OSError):
                sink.close()
        return
    final = target.path
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    except OSError as exc:
        raise _error(f"cannot write output: {exc.strerror or exc}", path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            try:
                yield handle
            except Abandon:
                handle.close()
                os.unlink(tmp)
                return
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(final, tmp)
        os.replace(tmp, final)
        _sync_folder(final.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _error(f"cannot write output: {exc.strerror or exc}", path) from None
        raise


def _copy_mode(final: Path, tmp: str) -> None:
    """Give the temporary file the old file's permissions (and owner, as root), or the umask's for a new one."""
    try:
        old = os.stat(final)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return
    os.chmod(tmp, stat.S_IMODE(old.st_mode))
    if hasattr(os, "chown") and hasattr(os, "geteuid") and os.geteuid() == 0:
        with contextlib.suppress(OSError):
            os.chown(tmp, old.st_uid, old.st_gid)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: not every system can open a folder)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through :func:`atomic_writer`."""
    with atomic_writer(path) as handle:
        handle.write(text)
