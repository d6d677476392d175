"""Fixtures shared by the app's tests."""

import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What in the environment changes how Textual draws: tests draw as a bare terminal would.
DRAWING_ENV = ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS", "COLUMNS", "LINES")


@pytest.fixture(scope="session")
def engine():
    """One analysis engine with the shipped rules for the whole run (building one costs about a second)."""
    from srcview.engine import Engine

    return Engine()


@pytest.fixture
def clean_env(monkeypatch):
    """No host setting that changes how the app looks."""
    for name in DRAWING_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def stable_env(clean_env, monkeypatch):
    """``clean_env``, run from the repository root so relative paths on screen never change."""
    monkeypatch.chdir(ROOT)


@pytest.fixture
def held_analysis(engine, monkeypatch):
    """Hold every ``engine.analyze`` call until the test sets the returned event (or 20 s pass)."""
    release = threading.Event()
    analyze = type(engine).analyze

    def held(self, *args, **kwargs):
        release.wait(20)
        return analyze(self, *args, **kwargs)

    monkeypatch.setattr(type(engine), "analyze", held)
    return release
