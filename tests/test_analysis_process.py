"""An article analysed in a child process, as the app does it while it paints the article."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from srcview.analysis_process import AnalysisJob, JobLost, analyse_text
from srcview.errors import SrcviewError
from srcview.export import to_dict

ROOT = Path(__file__).resolve().parent.parent
BROKEN_RULES = str(ROOT / "tests" / "data" / "broken-rules.toml")

TEXT = (
    "Het kabinet trekt volgend jaar twee miljard euro extra uit voor defensie. "
    "Dat zegt minister Anna de Vries van Defensie tegen de NOS. "
    "Volgens ingewijden is de coalitie het daar niet over eens.\n"
)


def test_a_job_gives_what_the_engine_gives(engine):
    job = AnalysisJob.start(TEXT, lang="auto", file="kort.txt")
    outcome = job.outcome()
    assert to_dict(outcome.analysis) == to_dict(engine.analyze(TEXT, lang="auto", file="kort.txt"))
    assert outcome.warning is None
    assert outcome.rules.weights == engine.rules.weights
    # When the child imported spaCy, loaded the rules and analysed, in that order.
    steps = outcome.timings
    assert steps["started"] <= steps["imported"] <= steps["rules"] <= steps["analysed"]


def test_user_rules_that_do_not_load_give_the_shipped_rules_and_a_warning():
    outcome = AnalysisJob.start(TEXT, rules_paths=[BROKEN_RULES], file="kort.txt").outcome()
    assert outcome.analysis.claims
    assert outcome.warning.startswith("Rules not loaded (") and "broken-rules.toml:2:" in outcome.warning
    assert outcome.problems and all("broken-rules.toml:" in line for line in outcome.problems)


def test_an_analysis_error_comes_back_as_one_line():
    job = AnalysisJob.start(TEXT, lang="xx", file="kort.txt")
    with pytest.raises(SrcviewError, match="no rules for language 'xx'"):
        job.outcome()


def test_a_cancelled_job_is_lost_and_the_caller_can_analyse_itself(engine):
    job = AnalysisJob.start(TEXT, file="kort.txt")
    job.cancel()
    assert job.wait(60)
    with pytest.raises(JobLost):
        job.outcome()
    assert analyse_text(TEXT, file="kort.txt", engine=engine).analysis.claims


def test_analyse_text_reuses_an_engine_only_without_extra_rules(engine):
    assert analyse_text(TEXT, engine=engine).rules is engine.rules
    outcome = analyse_text(TEXT, rules_paths=[BROKEN_RULES], engine=engine)
    assert outcome.rules is not engine.rules and outcome.warning


def _run(code: str) -> str:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "tui"), os.environ.get("PYTHONPATH")])))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_spacy_comes_without_its_command_line_package_until_asked_for():
    code = """
import sys
from srcview.engine import Engine
assert Engine().analyze("Dat zegt minister De Vries.", lang="nl").claims
import spacy
print("spacy.cli" in sys.modules, callable(spacy.info))
import spacy.cli
print(callable(spacy.cli.setup_cli), isinstance(spacy.info(silent=True), dict))
"""
    assert _run(code).split() == ["False", "True", "True", "True"]


def test_the_launcher_starts_the_analysis_before_any_textual_import():
    code = """
import sys
from srcview.app.launch import start_analysis
text, job = start_analysis("-", text="Dat zegt minister De Vries.")
print(any(m == "textual" or m.startswith("textual.") for m in sys.modules), len(job.outcome().analysis.claims))
"""
    assert _run(code).split() == ["False", "1"]
