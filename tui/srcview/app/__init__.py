"""The interactive Textual app: ``run_app(path)`` shows how each claim of an article is sourced.

Importing this package imports neither spaCy nor the views: ``srcview.app.app``
(one article) and ``srcview.app.compare_app`` (several) load on first use, and
the engine is loaded by the app's worker after the article is on screen.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "SrcviewApp": ".app",
    "run_app": ".launch",
    "CompareApp": ".compare_app",
    "run_compare": ".compare_app",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
