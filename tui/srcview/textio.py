"""Reading an article from disk or stdin, and writing output files atomically.

``read_article`` returns a plain-text file exactly as the file holds it,
decoded, with only two changes: line endings become ``\\n`` and soft hyphens
(U+00AD) are removed.  Nothing is stripped or reflowed, so character offsets
into the returned text stay meaningful for the file.  Saved web pages
(``.html``/``.htm``) and Markdown (``.md``) become their article text first
(:mod:`srcview.markup`).  :func:`load_article` gives the same text with a note
on how it was decoded when that was not plain UTF-8.

Only regular files are read (and standard input, given as ``-``): a FIFO, a
device or a socket is refused at once instead of blocking or reading without
end.  Writing goes through :mod:`srcview.outfile`.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .markup import HTML_SUFFIXES, MARKDOWN_SUFFIXES, html_to_text, markdown_to_text
from .outfile import Abandon, atomic_writer, write_atomic

__all__ = ["MAX_BYTES", "STDIN", "Abandon", "Article", "atomic_writer", "decode", "load_article", "read_article",
           "write_atomic"]

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
#: Names people know the legacy encodings by.
_ENCODING_NAMES = {"cp1252": "Windows-1252", "latin_1": "Latin-1", "iso8859_1": "Latin-1", "cp1251": "Windows-1251",
                   "cp1250": "Windows-1250", "iso8859_15": "Latin-9", "mac_roman": "Mac Roman"}


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, and how."""

    text: str
    encoding: str  # the Python codec used: utf-8, utf-8-sig, utf-16, cp1252, …
    replaced: int = 0  # invalid UTF-8 sequences that became U+FFFD

    @property
    def note(self) -> str | None:
        """One line on how the text was decoded, when that was not plain UTF-8 (with or without BOM)."""
        if self.replaced:
            noun = "sequence" if self.replaced == 1 else "sequences"
            return f"decoded as UTF-8; {self.replaced} invalid byte {noun} replaced by \ufffd"
        codec = codecs.lookup(self.encoding).name
        if codec in ("utf-8", "utf-8-sig", "ascii") or codec.startswith(("utf-16", "utf-32")):
            return None  # UTF-8, or announced by a byte order mark: nothing was guessed
        name = _ENCODING_NAMES.get(codec.replace("-", "_"), codec)
        return f"not UTF-8: decoded as {name}"


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read: its text ready to analyse, a note on its decoding, and what its page says of itself."""

    text: str
    note: str | None = None
    page: dict[str, str] | None = None  # from a saved web page: canonical, og:url, og:site_name, …


def load_article(path: str | Path, max_bytes: int = MAX_BYTES) -> Article:
    """The article at ``path`` (``"-"`` for stdin): :func:`read_article`'s text with the decoding note.

    Raises InputError with a one-line message naming the file when it cannot be
    read, is not a regular file, is empty, is not text, or is larger than
    ``max_bytes``.
    """
    name = "<stdin>" if str(path) == STDIN else str(path)
    data = _read_stdin(max_bytes) if str(path) == STDIN else _read_file(Path(path), max_bytes)
    if len(data) > max_bytes:
        raise InputError(f"file is larger than the {max_bytes:,} byte limit", path=name)
    decoded = decode_bytes(data, name)
    text = decoded.text
    if not text.strip():
        raise InputError("file is empty" if not text else "file holds only whitespace", path=name)
    page = None
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        from .markup import page_identity

        page = page_identity(text) or None
        text = html_to_text(text, name)
    elif suffix in MARKDOWN_SUFFIXES:
        text = markdown_to_text(text)
        if not text.strip():
            raise InputError("no text left once the Markdown markup is removed", path=name)
    return Article(text, decoded.note, page)


def read_article(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of the article at ``path`` (``"-"`` for stdin), ready to analyse.

    Raises InputError with a one-line message naming the file when it cannot be
    read, is not a regular file, is empty, is not text, or is larger than
    ``max_bytes``.
    """
    return load_article(path, max_bytes).text


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode article bytes: BOM, then UTF-8, then a detected encoding; normalise newlines."""
    return decode_bytes(data, name).text


def decode_bytes(data: bytes, name: str = "<bytes>") -> Decoded:
    """:func:`decode` with the encoding it used and the invalid sequences it replaced."""
    decoded = _decode(data, name)
    text = decoded.text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")
    controls = sum(1 for ch in text if ch < " " and ch not in _CONTROL_OK)
    if "\x00" in text or controls * 20 > len(text):
        raise InputError("looks like a binary file, not text", path=name)
    return Decoded(text, decoded.encoding, decoded.replaced)


def _decode(data: bytes, name: str) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"cannot decode the file as {encoding.upper()} although it starts with its byte order mark",
                    path=name,
                ) from None
    if b"\x00" in data:
        raise InputError("looks like a binary file, not text (it holds NUL bytes)", path=name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text, replaced = _mostly_utf8(data)
    if text is not None:
        return Decoded(text, "utf-8", replaced)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_western(text):
        return Decoded(text, "cp1252")
    from charset_normalizer import from_bytes  # only for files that are neither

    best = from_bytes(data).best()
    if best is None:
        raise InputError("looks like a binary file: no text encoding fits", path=name)
    return Decoded(str(best), best.encoding)


def _mostly_utf8(data: bytes) -> tuple[str | None, int]:
    """``data`` decoded as UTF-8 with replacement when it is UTF-8 with a few bad bytes, else None.

    Text in a legacy code page almost never holds a valid multi-byte UTF-8
    sequence (it would take a capital like "Ã" followed by a symbol like "©"),
    so when the valid multi-byte characters are at least as many as the invalid
    sequences, the file is UTF-8 that was damaged (cut mid-character, a stray
    byte pasted in), and decoding the rest as a code page would garble every
    accented letter.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    valid = non_ascii - text.count("\ufffd")
    if replaced > 0 and valid >= replaced:
        return text, replaced
    return None, replaced


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
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError("broken link: what it points to does not exist", path=path) from None
        raise InputError("file not found", path=path) from None
    except PermissionError:
        raise InputError("permission denied", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    _must_be_regular(info.st_mode, path)
    try:
        # O_NONBLOCK: a FIFO put in the file's place after the check must not block the open
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except PermissionError:
        raise InputError("permission denied", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not an article", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    with os.fdopen(fd, "rb") as handle:
        _must_be_regular(os.fstat(handle.fileno()).st_mode, path)
        try:
            return handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path) from None


def _must_be_regular(mode: int, path: Path) -> None:
    """Refuse anything but a regular file: reading a FIFO or device could block or never end."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError("is a directory, not an article", path=path)
    raise InputError(f"is {file_kind(mode)}, not a regular file (give standard input as -)", path=path)


def file_kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, with its article: "a FIFO", "a character device", …"""
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"),
                       (stat.S_ISLNK, "a symbolic link"), (stat.S_ISREG, "a regular file")):
        if test(mode):
            return kind
    return "not a regular file"


def _read_stdin(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # stdin closed or replaced by a text-only object
        raise InputError("cannot read standard input", path="<stdin>")
    return stream.read(max_bytes + 1)
