"""Palette → Screenshot: an SVG in a folder that exists, and the app says where (or why not)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App


def screenshot_folder() -> Path:
    """The user's Downloads folder when there is one, else the current folder."""
    try:
        from platformdirs import user_downloads_path

        folder = user_downloads_path()
        if folder.is_dir():
            return folder
    except Exception:  # noqa: BLE001 - no such folder on this system
        pass
    return Path.cwd()


def save_screenshot(app: App, filename: str | None = None, path: str | None = None,
                    time_format: str | None = None) -> Path | None:
    """Save a screenshot of ``app``; notify the file written, or one line saying why it was not."""
    folder = Path(path) if path else screenshot_folder()
    try:
        written = Path(app.save_screenshot(filename, str(folder), time_format))
    except OSError as err:
        app.notify(f"Screenshot not saved to {folder}: {err.strerror or err}", severity="error", markup=False)
        return None
    app.notify(f"Screenshot saved to {written}", title="Screenshot", markup=False)
    return written
