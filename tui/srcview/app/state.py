"""The app's lifecycle as an enum, and the choices it remembers between runs.

No Textual here.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from ..model import LABELS
from .logic import SORTS


class AppState(Enum):
    """Where the app (or the compare view) is in its life."""

    STARTING = "starting"  # composing; the article is being read
    ANALYSING = "analysing"  # the article is on screen, the claims are on their way
    READY = "ready"  # the claims are shown
    FAILED = "failed"  # the analysis failed: the article stays, the error is shown
    UNREADABLE = "unreadable"  # the article could not be read

    @property
    def settled(self) -> bool:
        """Nothing more will arrive on its own."""
        return self not in (AppState.STARTING, AppState.ANALYSING)


def few_colours(app: Any) -> bool:
    """Whether ``app``'s terminal shows only the 16 ANSI colours (or 8), where blended tints vanish."""
    return app.console.color_system in ("standard", "windows")


#: Where the rules view saves: a folder the user picks, remembered by name.
SAVE_PLACES = ("here", "config")


@dataclass
class Prefs:
    """What the app remembers between runs: theme, sort, label filter, where rules are saved.

    ``path`` None keeps them in memory only (tests, library callers); ``load``
    reads them from the user's state folder and ``save`` writes them back.
    """

    theme: str | None = None
    sort: str = "document"
    hidden: list[str] = field(default_factory=list)
    save_place: str | None = None  # "here" (./srcview.toml) or "config" (the user config folder)
    path: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Prefs:
        """The remembered choices (defaults for anything missing, unreadable or odd)."""
        if path is None:
            from platformdirs import user_state_path

            path = user_state_path("srcview") / "app.json"
        prefs = cls(path=path)
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return prefs
        if not isinstance(data, dict):
            return prefs
        if isinstance(data.get("theme"), str):
            prefs.theme = data["theme"]
        if data.get("sort") in SORTS:
            prefs.sort = data["sort"]
        if isinstance(data.get("hidden"), list):
            prefs.hidden = [lb for lb in data["hidden"] if lb in LABELS]
        if data.get("save_place") in SAVE_PLACES:
            prefs.save_place = data["save_place"]
        return prefs

    def save(self) -> None:
        """Write the choices back; a failure is silent (they are a convenience, never needed)."""
        if self.path is None:
            return
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        with contextlib.suppress(Exception):
            from ..textio import atomic_writer

            self.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_writer(self.path) as handle:
                handle.write(json.dumps(data, indent=1) + "\n")


__all__ = ["SAVE_PLACES", "AppState", "Prefs", "few_colours"]
