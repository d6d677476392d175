"""Import spaCy without loading its command-line package, which srcview never uses.

``import spacy`` runs ``from .cli.info import info``, and ``spacy.cli`` pulls in
typer, weasel, requests, httpx and every CLI command: about 0.5 s of a 1–1.5 s
import, paid by every ``srcview`` start before the first claim can be shown.

:func:`import_spacy` imports spaCy through a finder it puts on ``sys.meta_path``
for that one import and takes off again. While spaCy's own
``__init__`` runs, ``spacy.cli`` and ``spacy.cli.info`` are stand-ins; as soon
as it is done they are taken out again, so a later ``import spacy.cli`` loads
the real package as usual. ``spacy.info`` stays callable: it imports the real
one on first use. Nothing else in spaCy is touched, and a spaCy that no longer
imports its CLI at start simply never sees the stand-ins.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types
from collections.abc import Callable, Sequence
from typing import Any

_STANDINS = ("spacy.cli", "spacy.cli.info")


def import_spacy() -> types.ModuleType:
    """``import spacy``, without ``spacy.cli`` when spaCy is not loaded yet in this process."""
    if "spacy" not in sys.modules:
        finder = _SpacyFinder()
        sys.meta_path.insert(0, finder)
        try:
            importlib.import_module("spacy")
        finally:
            sys.meta_path[:] = [f for f in sys.meta_path if f is not finder]
    return sys.modules["spacy"]


def _lazy(name: str) -> Callable[..., Any]:
    """A function that imports ``spacy.cli.info.<name>`` when called, and calls it."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module("spacy.cli.info"), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"spaCy's ``{name}``, imported on first use (see srcview.spacy_import)."
    return call


class _StandIn(types.ModuleType):
    """A module whose every missing attribute is a lazy forwarder to the real ``spacy.cli.info``."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _lazy(name)


class _SpacyLoader:
    """Runs spaCy's real loader with the CLI stand-ins in place, then removes them."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self.real.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        standins = {}
        for name in _STANDINS:
            if name not in sys.modules:
                standin = _StandIn(name)
                standin.__path__ = []  # a package, so "spacy.cli.info" can live under it
                standins[name] = sys.modules[name] = standin
        # The module should name spaCy's own loader, as it would without this wrapper.
        module.__loader__ = self.real
        if module.__spec__ is not None:
            module.__spec__.loader = self.real
        try:
            self.real.exec_module(module)
        finally:
            for name, standin in standins.items():
                if sys.modules.get(name) is standin:
                    del sys.modules[name]
            if isinstance(vars(module).get("cli"), _StandIn):
                delattr(module, "cli")


class _SpacyFinder:
    """Finds ``spacy`` as usual, but hands it to :class:`_SpacyLoader`; used once, then removed."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "spacy":
            return None
        sys.meta_path[:] = [f for f in sys.meta_path if f is not self]
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _SpacyLoader(spec.loader)
        return spec
