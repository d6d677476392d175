"""Reading articles: every encoding a newsroom file comes in, and every way it can fail."""

from __future__ import annotations

import io
import os
import sys

import pytest

from srcview.errors import InputError
from srcview.textio import read_article, write_atomic

ARTICLE = (
    "De oorlog in Oekraïne duurt voort.\n"
    "\n"
    "“Wij onderhandelen niet,” zegt minister Jansen. Volgens ingewijden\u00a0is er wel contact.\n"
)


def write(tmp_path, data: bytes, name: str = "artikel.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_file_comes_back_unchanged(tmp_path):
    path = write(tmp_path, ARTICLE.encode("utf-8"))
    text = read_article(path)
    assert text == ARTICLE
    assert text == path.read_bytes().decode("utf-8")  # no stripping, no reflowing
    assert "\u00a0" in text  # a no-break space is kept


def test_utf8_with_bom(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert read_article(path) == ARTICLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, encoding):
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    path = write(tmp_path, bom + ARTICLE.encode(encoding))
    assert read_article(path) == ARTICLE


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_single_byte_encodings(tmp_path, encoding):
    path = write(tmp_path, "Oekraïne".encode(encoding))
    assert read_article(path) == "Oekraïne"


def test_cp1252_typographic_quotes(tmp_path):
    text = "„Ik bluf niet”, zei hij – volgens de krant – over Oekraïne.\n"
    path = write(tmp_path, text.encode("cp1252"))
    assert read_article(path) == text


def test_other_scripts_are_detected(tmp_path):
    text = "Президент заявил, что переговоры с Украиной продолжаются уже несколько недель.\n"
    path = write(tmp_path, text.encode("cp1251"))
    assert read_article(path) == text


def test_crlf_and_cr_become_lf(tmp_path):
    path = write(tmp_path, b"Kop\r\n\r\nEerste zin.\rTweede zin.\r\n")
    assert read_article(path) == "Kop\n\nEerste zin.\nTweede zin.\n"


def test_soft_hyphens_are_removed(tmp_path):
    path = write(tmp_path, "veilig\u00adheids\u00adadviseur".encode())
    assert read_article(path) == "veiligheidsadviseur"


def test_stdin_is_read_as_bytes(monkeypatch):
    data = "Oekraïne\r\n".encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert read_article("-") == "Oekraïne\n"


def assert_fails(path, *words, **kwargs):
    with pytest.raises(InputError) as info:
        read_article(path, **kwargs)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message
    for word in words:
        assert word in message.lower()
    return message


def test_missing_file(tmp_path):
    assert_fails(tmp_path / "nergens.txt", "not found")


def test_directory(tmp_path):
    assert_fails(tmp_path, "directory")


def test_empty_file(tmp_path):
    assert_fails(write(tmp_path, b""), "empty")


def test_whitespace_only_file(tmp_path):
    assert_fails(write(tmp_path, b" \r\n\t\n\xc2\xa0\n"), "whitespace")


def test_bom_only_file_is_empty(tmp_path):
    assert_fails(write(tmp_path, b"\xef\xbb\xbf"), "empty")


def test_binary_file(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    assert_fails(write(tmp_path, png, "foto.png"), "binary")


def test_control_characters_without_nul_are_binary(tmp_path):
    assert_fails(write(tmp_path, bytes(range(1, 9)) * 50, "data.bin"), "binary")


def test_too_large(tmp_path):
    path = write(tmp_path, b"Een zin.\n" * 200)
    assert_fails(path, "limit", max_bytes=1000)
    assert read_article(path, max_bytes=1800) == "Een zin.\n" * 200


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_no_permission(tmp_path):
    path = write(tmp_path, b"Een zin.\n")
    path.chmod(0)
    assert_fails(path, "permission")


def test_write_atomic_replaces_the_whole_file(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("oud")
    write_atomic(out, '{"nieuw": true}\n')
    assert out.read_text() == '{"nieuw": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temp file left
