"""Reading an article from disk or stdin, and writing output files atomically.

``read_article`` returns a plain-text file exactly as the file holds it,
decoded, with only two changes: line endings become ``\\n`` and soft hyphens
(U+00AD) are removed.  Nothing is stripped or reflowed, so character offsets
into the returned text stay meaningful for the file.  Saved web pages
(``.html``/``.htm``) and Markdown (``.md``) become their article text first
(:mod:`srcview.markup`).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .errors import InputError, SrcviewError
from .markup import HTML_SUFFIXES, MARKDOWN_SUFFIXES, html_to_text, markdown_to_text

MAX_BYTES = 5_000_000
STDIN = "-"

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}


def read_article(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of the article at ``path`` (``"-"`` for stdin), ready to analyse.

    Raises InputError with a one-line message naming the file when it cannot be
    read, is empty, is not text, or is larger than ``max_bytes``.
    """
    name = "<stdin>" if str(path) == STDIN else str(path)
    data = _read_stdin(max_bytes) if str(path) == STDIN else _read_file(Path(path), max_bytes)
    if len(data) > max_bytes:
        raise InputError(f"file is larger than the {max_bytes:,} byte limit", path=name)
    text = decode(data, name)
    if not text.strip():
        raise InputError("file is empty" if not text else "file holds only whitespace", path=name)
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        text = html_to_text(text, name)
    elif suffix in MARKDOWN_SUFFIXES:
        text = markdown_to_text(text)
        if not text.strip():
            raise InputError("no text left once the Markdown markup is removed", path=name)
    return text


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode article bytes: BOM, then UTF-8, then a detected encoding; normalise newlines."""
    text = _decode(data, name)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")
    controls = sum(1 for ch in text if ch < " " and ch not in _CONTROL_OK)
    if "\x00" in text or controls * 20 > len(text):
        raise InputError("looks like a binary file, not text", path=name)
    return text


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"cannot decode the file as {encoding.upper()} although it starts with its byte order mark",
                    path=name,
                ) from None
    if b"\x00" in data:
        raise InputError("looks like a binary file, not text (it holds NUL bytes)", path=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_western(text):
        return text
    from charset_normalizer import from_bytes  # only for files that are neither

    best = from_bytes(data).best()
    if best is None:
        raise InputError("looks like a binary file: no text encoding fits", path=name)
    return str(best)


def _looks_western(text: str) -> bool:
    """Whether text decoded as cp1252 reads like a Western language.

    Detectors misjudge short Dutch or English text ("Oekraïne" comes out as
    Urdu), so cp1252 goes first; but Cyrillic or Greek bytes decoded as cp1252
    turn into words made almost only of accented letters, which no Western
    language writes.
    """
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if ord(ch) > 0x7F)
    return accented * 5 <= len(letters)


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise InputError("is a directory, not an article", path=path)
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except PermissionError:
        raise InputError("permission denied", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not an article", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path) from None


def _read_stdin(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # stdin closed or replaced by a text-only object
        raise InputError("cannot read standard input", path="<stdin>")
    return stream.read(max_bytes + 1)


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file in the same folder.

    Readers see either the old file or the whole new one, never a partial write.
    """
    with atomic_writer(path) as handle:
        handle.write(text)


@contextlib.contextmanager
def atomic_writer(path: str | Path, newline: str = "\n") -> Iterator[TextIO]:
    """A text handle on a temporary file in ``path``'s folder, renamed over ``path`` on success.

    The new file keeps the old one's permissions; on any failure the old file is
    left as it was and the temporary file is removed.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise SrcviewError("is a directory, not a file to write", path=target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SrcviewError(f"cannot write output: {exc.strerror or exc}", path=target) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SrcviewError(f"cannot write output: {exc.strerror or exc}", path=target) from None
        raise
