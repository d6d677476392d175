"""Fixtures shared by the app's tests."""

import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The Textual version the snapshot SVGs were drawn with (rewritten by ``pytest --snapshot-update``).
SNAPSHOT_TEXTUAL = Path(__file__).resolve().parent / "SNAPSHOTS_TEXTUAL_VERSION"
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


def _textual_version() -> str:
    import textual

    return textual.__version__


def pytest_collection_modifyitems(config, items):
    """Snapshots drawn by another Textual differ for reasons of Textual's: skip them and say so."""
    if config.getoption("--snapshot-update", default=False):
        return
    try:
        recorded = SNAPSHOT_TEXTUAL.read_text(encoding="utf-8").strip()
    except OSError:
        return
    current = _textual_version()
    if recorded == current:
        return
    skip = pytest.mark.skip(reason=(
        f"the snapshots were taken with Textual {recorded}, this is Textual {current}: install textual=={recorded}, "
        f"or run `pytest --snapshot-update` with {current} and look at every changed picture"))
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    """``--snapshot-update`` records which Textual drew the snapshots."""
    if session.config.getoption("--snapshot-update", default=False) and exitstatus == 0:
        SNAPSHOT_TEXTUAL.write_text(_textual_version() + "\n", encoding="utf-8")
