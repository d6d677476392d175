"""Issue 12: hostile articles, rules files and output paths, each reproducer as a test.

Every reproducer is built in a temporary folder from links, FIFOs, sockets and
files made there; no test points at the machine's own ``/dev`` entries (as root,
the bugs themselves would replace them).
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from srcview.cli import main
from srcview.errors import InputError, SrcviewError
from srcview.formats import CSV_COLUMNS
from srcview.outfile import Abandon, atomic_writer
from srcview.textio import load_article, read_article
from support import SHORT_NL

ROOT = Path(__file__).resolve().parent.parent
posix = pytest.mark.skipif(os.name != "posix", reason="needs POSIX links, FIFOs and sockets")
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))] + [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert err.startswith("srcview: ") and err.count("\n") == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, err


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "artikel.txt"
    path.write_text(SHORT_NL, encoding="utf-8")
    return path


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tui"), env.get("PYTHONPATH")]))
    return env


# --- 1. --output never replaces a link, a device or a pipe ---------------------------------------------
@posix
def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path, article, capsys):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "result.json"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(Path("real") / "result.json")  # relative, as people make them
    code, out, err = run(capsys, "--format", "json", "-o", str(link), str(article))
    assert (code, out, err) == (0, "", "")
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "result.json")
    assert json.loads(target.read_text(encoding="utf-8"))["text"] == SHORT_NL
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the target keeps its permissions
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["result.json"]  # no temporary file left


@posix
def test_output_to_a_dangling_symlink_creates_what_it_points_to(tmp_path, article, capsys):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    assert run(capsys, "--format", "json", "-o", str(link), str(article))[0] == 0
    assert link.is_symlink() and json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))["claims"]


@posix
def test_output_to_a_character_device_writes_into_it_and_leaves_it_a_device(tmp_path, article, capsys):
    null = tmp_path / "null"
    try:  # our own null device (major 1, minor 3), never the machine's /dev/null
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    code, out, err = run(capsys, "--format", "json", "-o", str(null), str(article))
    assert (code, out, err) == (0, "", "")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@posix
def test_output_to_a_fifo_is_written_into_the_fifo(tmp_path, article, capsys):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(capsys, "--format", "jsonl", "-o", str(fifo), str(article))
    reader.join(30)
    assert (code, err) == (0, "")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(got[0])["text"] == SHORT_NL


@posix
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_output_to_a_link_into_proc_fd_appends_to_that_descriptor(tmp_path, article, capsys):
    # what `srcview -o /dev/stdout >> log` does: /dev/stdout is a link to /proc/self/fd/1
    log = tmp_path / "log.txt"
    with open(log, "a", encoding="utf-8") as handle:
        handle.write("before\n")
        handle.flush()
        stdout = tmp_path / "stdout"
        stdout.symlink_to(f"/proc/self/fd/{handle.fileno()}")
        inode = log.stat().st_ino
        code, out, err = run(capsys, "--format", "jsonl", "-o", str(stdout), str(article))
    assert (code, out, err) == (0, "", "")
    assert stdout.is_symlink() and log.stat().st_ino == inode  # the file was written to, not replaced
    first, second = log.read_text(encoding="utf-8").splitlines()
    assert first == "before" and json.loads(second)["text"] == SHORT_NL


@posix
def test_output_to_a_socket_or_a_folder_is_refused_in_one_line(tmp_path, article, capsys):
    sock_path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(sock_path))
        code, out, err = run(capsys, "--format", "json", "-o", str(sock_path), str(article))
        one_line_error(code, err, str(sock_path), "socket")
    finally:
        server.close()
    assert stat.S_ISSOCK(sock_path.stat().st_mode)
    code, _, err = run(capsys, "--format", "json", "-o", str(tmp_path), str(article))
    one_line_error(code, err, "directory")


@posix
def test_rules_editor_saves_through_a_symlinked_rules_file(tmp_path):
    from srcview.rules_edit import set_values

    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "team.toml"
    real.write_text("# team rules\n[weights]\nbase_named = 60\n", encoding="utf-8")
    link = tmp_path / "srcview.toml"
    link.symlink_to(real)
    set_values(link, {("weights", "base_named"): 55})
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == "# team rules\n[weights]\nbase_named = 55\n"


def test_atomic_writer_abandoned_leaves_the_old_file(tmp_path):
    target = tmp_path / "k.json"
    target.write_text("OLD\n", encoding="utf-8")
    with atomic_writer(target) as handle:
        handle.write("new")
        raise Abandon
    assert target.read_text(encoding="utf-8") == "OLD\n"
    assert [p.name for p in tmp_path.iterdir()] == ["k.json"]


# --- 2. nothing is replaced unless there is something to write -------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "md", "text"])
def test_old_output_is_kept_when_every_input_fails(tmp_path, capsys, fmt):
    target = tmp_path / "k.json"
    target.write_text("OLD\n", encoding="utf-8")
    code, out, err = run(capsys, "--format", fmt, "-o", str(target), str(tmp_path / "missing.txt"))
    assert code == 2 and out == ""
    assert "missing.txt: file not found" in err and "left as it was" in err
    assert target.read_text(encoding="utf-8") == "OLD\n"
    assert [p.name for p in tmp_path.iterdir()] == ["k.json"]


# --- 3. control characters and formulas ------------------------------------------------------------------
HOSTILE = (
    "Brug dicht\n\n"
    '=HYPERLINK("http://evil.example/x","klik") zegt de minister.\n\n'
    "+cmd|' /C calc'!A0 zegt Jan Bos.\n\n"
    "-2+3 zegt de wethouder.\n\n"
    "@SUM(1+1) zegt Piet de Vries.\n\n"
    "De minister \x1b]0;gehackt\x07zegt dat \x1b]8;;http://x.example\x07de link\x1b]8;;\x07 veilig is.\n\n"
    "Volgens \x1b]52;c;cm0gLXJm\x07ingewijden \x9b31mklopt\x85 het \u202eniet\x07 en \x1b[2Jook niet.\n"
)


@pytest.fixture
def hostile(tmp_path) -> Path:
    path = tmp_path / "evil\x1b[31m.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_csv_cells_carry_no_controls_and_no_formulas(hostile, capsys):
    code, out, err = run(capsys, "--format", "csv", str(hostile))
    assert code == 0, err
    for control in CONTROLS:
        if control != "\n":
            assert control not in out, repr(control)
    assert "gehackt" not in out and "cm0gLXJm" not in out  # OSC strings are dropped whole
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(CSV_COLUMNS)
    for row in rows[1:]:
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", row
    texts = [row[CSV_COLUMNS.index("text")] for row in rows[1:]]
    assert any(t.startswith("'=HYPERLINK(") for t in texts)
    assert any(t.startswith("'+cmd|") for t in texts) and any(t.startswith("'-2+3") for t in texts)
    assert any(t.startswith("'@SUM(") for t in texts)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_keeps_controls_only_as_escapes(hostile, capsys, fmt):
    code, out, _ = run(capsys, "--format", fmt, str(hostile))
    assert code == 0
    for control in CONTROLS + ["\u2028", "\u2029"]:
        if control != "\n":
            assert control not in out, repr(control)
    assert "\\u001b]0;gehackt\\u0007" in out and "\\u009b31m" in out and "\\u202e" in out
    doc = json.loads(out)
    assert doc["text"] == HOSTILE and doc["file"] == str(hostile)  # the document still holds the article exactly


def test_md_text_and_stderr_carry_no_controls(hostile, tmp_path, capsys):
    for fmt in ("md", "text"):
        code, out, err = run(capsys, "--format", fmt, str(hostile), str(tmp_path / "gone\x1b]0;x\x07.txt"))
        assert code == 2
        for control in CONTROLS:
            if control != "\n":
                assert control not in out and control not in err, (fmt, repr(control))


# --- 4. every input that is not analysed gets a line and a record ----------------------------------------
@posix
def test_folder_walk_reports_dangling_links_and_fifos_in_every_format(tmp_path, capsys):
    folder = tmp_path / "stukken"
    folder.mkdir()
    (folder / "a.txt").write_text(SHORT_NL, encoding="utf-8")
    (folder / "b.txt").symlink_to(folder / "weg.txt")
    os.mkfifo(folder / "c.txt")
    code, out, err = run(capsys, "--format", "jsonl", str(folder))
    assert code == 2
    docs = [json.loads(line) for line in out.splitlines()]
    assert [Path(d["file"]).name for d in docs] == ["a.txt", "b.txt", "c.txt"]
    assert docs[1]["error"].startswith("broken link") and "FIFO" in docs[2]["error"]
    assert f"{folder / 'b.txt'}: broken link" in err and f"{folder / 'c.txt'}: is a FIFO" in err
    code, out, _ = run(capsys, "--format", "csv", str(folder))
    failed = [(Path(r["file"]).name, r["error"].split(" ")[0]) for r in csv.DictReader(io.StringIO(out)) if r["error"]]
    assert code == 2 and failed == [("b.txt", "broken"), ("c.txt", "is")]


def test_jsonl_records_a_failed_input_even_before_the_first_article(tmp_path, article, capsys):
    code, out, _ = run(capsys, "--format", "jsonl", str(tmp_path / "missing.txt"), str(article))
    docs = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert docs[0] == {"file": str(tmp_path / "missing.txt"), "error": "file not found"}
    assert docs[1]["file"] == str(article)


def test_jsonl_on_stdout_records_inputs_even_when_all_fail(tmp_path, capsys):
    code, out, _ = run(capsys, "--format", "jsonl", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 2
    assert [json.loads(line)["error"] for line in out.splitlines()] == ["file not found"] * 2


# --- 9. a FIFO (or any file that is not a regular file) is refused, never waited on ------------------------
@posix
def test_a_fifo_is_refused_at_once_instead_of_hanging(tmp_path):
    fifo = tmp_path / "artikel.txt"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "srcview", "--format", "json", str(fifo)], env=subprocess_env(),
                            capture_output=True, text=True, timeout=120)
    one_line_error(result.returncode, result.stderr, str(fifo), "FIFO")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@posix
def test_reading_refuses_sockets_and_links_to_fifos(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "artikel.txt"
    link.symlink_to(fifo)
    with pytest.raises(InputError, match="FIFO"):
        read_article(link)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(tmp_path / "s.txt"))
        with pytest.raises(InputError, match="socket"):
            read_article(tmp_path / "s.txt")
    finally:
        server.close()


def test_standard_input_given_as_dash_is_still_read(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHORT_NL.encode())))
    code, out, _ = run(capsys, "--format", "json", "-")
    assert code == 0 and json.loads(out)["file"] == "<stdin>"


# --- 12. --init-rules where no folder can be made ----------------------------------------------------------
def test_init_rules_under_a_regular_file_is_one_line(tmp_path, capsys):
    afile = tmp_path / "afile"
    afile.write_text("mine\n", encoding="utf-8")
    code, out, err = run(capsys, "--init-rules", str(afile / "sub"))
    one_line_error(code, err, str(afile / "sub"))
    assert afile.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_init_rules_in_proc_is_one_line(capsys):
    code, _, err = run(capsys, "--init-rules", "/proc/srcview-no-such-folder/x")
    one_line_error(code, err, "/proc/srcview-no-such-folder/x")


@posix
def test_init_rules_writes_through_links(tmp_path, capsys):
    real = tmp_path / "real-scoring.toml"
    real.write_text("# mine\n", encoding="utf-8")
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "scoring.toml").symlink_to(real)
    assert run(capsys, "--init-rules", str(folder))[0] == 2  # never overwrites without --force, links included
    assert real.read_text(encoding="utf-8") == "# mine\n"
    assert run(capsys, "--init-rules", str(folder), "--force")[0] == 0
    assert (folder / "scoring.toml").is_symlink() and "[weights]" in real.read_text(encoding="utf-8")


# --- 14. rules error messages cannot drive the terminal ----------------------------------------------------
def test_rules_errors_are_cleaned_of_escapes(tmp_path, article, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[weights]\n"\\u001b]0;pwned\\u0007base\\u001b[31m" = 5\n', encoding="utf-8")
    runs = (["--check-rules", str(bad)], ["--rules", str(bad), str(article)], ["--show-rules", "--rules", str(bad)])
    for argv in runs:
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert "\x1b" not in err + out and "\x07" not in err + out, argv
        assert "base" in err and "pwned" not in err


def test_show_rules_prints_values_with_controls_escaped(tmp_path, capsys):
    mine = tmp_path / "mine.toml"
    mine.write_text('[[registry]]\nid = "x"\nname = "Evil\\u001b[2J\\u202e Krant"\nkind = "outlet"\n', encoding="utf-8")
    code, out, _ = run(capsys, "--show-rules", "--rules", str(mine))
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out
    assert "Evil\\u001b[2J\\u202e Krant" in out


# --- 15. UTF-8 with a few bad bytes stays UTF-8, and decoding is reported ----------------------------------
def test_utf8_with_a_few_bad_bytes_is_read_as_utf8_and_says_so(tmp_path, capsys):
    good = "Poetin zegt: “Oekraïne is één land.” Volgens ingewijden ligt dat anders.\n"
    path = tmp_path / "kapot.txt"
    path.write_bytes(good[:6].encode("utf-8") + b"\xff" + good[6:].encode("utf-8"))  # a stray byte after "Poetin"
    loaded = load_article(path)
    assert loaded.text == good[:6] + "\ufffd" + good[6:]
    assert loaded.note == "decoded as UTF-8; 1 invalid byte sequence replaced by \ufffd"
    code, out, err = run(capsys, "--format", "json", str(path))
    assert code == 0 and "Oekraïne is één land" in json.loads(out)["text"]
    assert err == f"srcview: {path}: decoded as UTF-8; 1 invalid byte sequence replaced by \ufffd\n"


def test_a_legacy_code_page_is_named_on_stderr(tmp_path, capsys):
    path = tmp_path / "oud.txt"
    path.write_bytes("Poetin zegt dat Oekraïne één land is.\n".encode("cp1252"))
    assert load_article(path).note == "not UTF-8: decoded as Windows-1252"
    code, out, err = run(capsys, "--format", "json", str(path))
    assert code == 0 and "Oekraïne" in json.loads(out)["text"]
    assert err == f"srcview: {path}: not UTF-8: decoded as Windows-1252\n"


def test_clean_utf8_and_bom_files_say_nothing(tmp_path):
    for data in (SHORT_NL.encode("utf-8"), b"\xef\xbb\xbf" + SHORT_NL.encode("utf-8"), SHORT_NL.encode("utf-16")):
        path = tmp_path / "a.txt"
        path.write_bytes(data)
        assert load_article(path) == load_article(path).__class__(SHORT_NL, None, None)


# --- 16. deeply nested HTML and raw HTML in Markdown keep their text ---------------------------------------
def test_html_nested_ten_thousand_deep_keeps_its_text(tmp_path):
    page = tmp_path / "diep.html"
    page.write_text("<html><head><title>Brug dicht</title><script>weg()</script></head><body><nav>Home</nav>"
                    + "<div>" * 10_000 + "<p>De minister zegt dat de brug veilig is.</p>"
                    "<p>Volgens ingewijden &amp; experts klopt dat niet.</p>" + "</div>" * 10_000
                    + "</body></html>", encoding="utf-8")
    assert read_article(page) == ("Brug dicht\n\nDe minister zegt dat de brug veilig is.\n\n"
                                  "Volgens ingewijden & experts klopt dat niet.\n")


def test_markdown_raw_html_blocks_keep_their_text(tmp_path):
    path = tmp_path / "stuk.md"
    path.write_text("# Kop\n\n<div>De minister zegt <b>ja</b>.</div>\n\n<script>weg()</script>\n\n"
                    "Tekst met <i>nadruk</i>.\n", encoding="utf-8")
    assert read_article(path) == "Kop\n\nDe minister zegt ja.\n\nTekst met nadruk.\n"


def test_srcview_error_for_unwritable_output_names_the_path(tmp_path):
    with pytest.raises(SrcviewError, match="folder does not exist"), atomic_writer(tmp_path / "no" / "x.json"):
        pass
