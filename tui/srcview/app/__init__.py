"""The interactive Textual app: ``run_app(path)`` shows how each claim of an article is sourced.

Importing this package does not import spaCy: the engine is loaded by the
app's worker after the article is on screen.
"""

from .app import SrcviewApp, run_app
from .compare_app import CompareApp, run_compare

__all__ = ["CompareApp", "SrcviewApp", "run_app", "run_compare"]
