"""The analysis engine runs without the terminal UI: scripts and servers can use it alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
from srcview.engine import Engine

analysis = Engine().analyze(
    "Het kabinet trekt twee miljard euro extra uit. Dat zegt minister De Vries.\\n",
    lang="auto", file="kort.txt")
assert analysis.claims, "no claims found"
ui = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
assert not ui, f"the engine imported {ui[:5]}"
print("ok", len(analysis.claims))
"""


def test_engine_does_not_import_textual():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tui"), env.get("PYTHONPATH")]))
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")
