"""Errors that reach the user as one clear line, never as a traceback."""

from __future__ import annotations

from pathlib import Path


class SrcviewError(Exception):
    """An error the user can act on; ``str()`` is the one-line message."""

    def __init__(self, message: str, path: str | Path | None = None,
                 line: int | None = None, col: int | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.col = col
        super().__init__(self.format())

    def format(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.message}" if where else self.message


class InputError(SrcviewError):
    """An article that cannot be read or is not text."""


class RulesError(SrcviewError):
    """A rules file that does not load or does not validate."""
