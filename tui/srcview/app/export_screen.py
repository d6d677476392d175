"""Palette → Export…: the analysis as Markdown, JSON or CSV, to a file the user confirms.

The format follows the file's extension (``.md``, ``.json``, ``.csv``); an
existing file is replaced only after a second Enter.  The file is written
atomically with the same writers as ``srcview --format``.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..errors import SrcviewError
from ..model import Analysis
from ..report import clean

#: Extension → format name of ``srcview.formats``.
EXPORT_FORMATS = {".md": "md", ".json": "json", ".csv": "csv"}


def default_export_path(article: str, fmt: str = "md") -> Path:
    """``article.srcview.md`` in the current folder (``srcview-stdin.md`` for standard input)."""
    stem = "srcview-stdin" if article in ("-", "<stdin>") else Path(article).stem + ".srcview"
    return Path(f"{stem}.{fmt}")


def export(analysis: Analysis, path: Path) -> str:
    """Write ``analysis`` to ``path`` in the format its extension names; the format written."""
    from ..formats import open_writer
    from ..textio import atomic_writer

    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SrcviewError(f"end the name in {', '.join(EXPORT_FORMATS)} to choose the format", path=path)
    try:
        with atomic_writer(path, newline="") as handle:
            writer = open_writer(fmt, handle)
            writer.write(analysis)
            writer.close()
    except OSError as err:
        raise SrcviewError(f"cannot write: {err.strerror or err}", path=path) from None
    return fmt


class ExportScreen(ModalScreen[str | None]):
    """Dismisses with what was written (one line), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel the export")]

    def __init__(self, analysis: Analysis, article: str) -> None:
        super().__init__()
        self.analysis = analysis
        self.article = article
        self._confirm: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export"
            yield Static("Write the claims to (.md report, .json document, .csv rows):", markup=False)
            yield Input(value=str(default_export_path(self.article)), id="export-path")
            yield Static("Enter writes · Esc cancels", id="export-message", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirm = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        message = self.query_one("#export-message", Static)
        path = Path(event.value.strip()).expanduser()
        if not event.value.strip():
            message.update("Type a file name first.")
            return
        if path.exists() and self._confirm != path:
            self._confirm = path
            message.update(f"{clean(str(path))} exists: Enter again to replace it, Esc to cancel.")
            return
        try:
            fmt = export(self.analysis, path)
        except SrcviewError as err:
            message.update(clean(str(err)))
            return
        self.dismiss(f"Exported {len(self.analysis.claims)} claims as {fmt} to {path.resolve()}")

    def action_cancel(self) -> None:
        self.dismiss(None)
