#!/usr/bin/env python3
"""How fast the srcview app shows an article, then its claims, and how it responds on a big one.

Each measurement starts a fresh Python process that runs the app headless
(``App.run(headless=True)``) on one article, as ``srcview ARTICLE`` would:

  first paint   process start → the article view draws article text for the first time;
  claims shown  process start → the claims are in the panel (after importing spaCy,
                building the pipeline and analysing in the app's worker thread).

Process start is taken in the parent just before it spawns the child, so Python's
own start-up and every import count.  The child then presses a few keys and
reports the CPU time each one costs (handling it and redrawing the 160×48 screen;
Pilot's idle waits take no CPU and do not count), less the cost of a key that
does nothing.

The child starts the analysis as ``srcview`` does: in a child process of its
own (``srcview.analysis_process``), started before Textual is imported, so the
report also shows when that process started, had imported spaCy, had loaded the
rules, and had analysed the article.

Floors, measured in the same run (each run of the Dutch sample between the
two), so the figures can be read as ratios on a machine whose speed varies:
a bare Textual app painting the sample text (no srcview code), and a bare
``import spacy; spacy.blank("nl")`` tokenizing it.
Nothing built on Textual paints sooner than the first, and nothing built on
spaCy analyses sooner than the second.

Articles: the bundled Dutch and English samples (about 4 KB each) and about
450 KB of Dutch news-like text built by ``bench_engine.build_text`` (about
5,000 claims).  The targets (first paint <= 0.5 s, claims <= 2 s) are checked
on the Dutch sample; a key that filters, searches or jumps should cost at most
100 ms of CPU (KEY_TARGET_MS) on the big article too.

    python benchmarks/bench_app.py [--size BYTES] [--repeat N] [--json]
"""

from __future__ import annotations

# Only what the child needs before it starts the app: the rest is imported where it is
# used, so the child starts its analysis about when `srcview` itself would.
import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "nl-kernwapens-gesprekken.txt"
SAMPLE_EN = ROOT / "samples" / "en-harbour-bridge-report.txt"
FIRST_PAINT_TARGET = 0.5
CLAIMS_TARGET = 2.0
KEY_TARGET_MS = 100.0
#: The keys the target applies to: search, filter, jump.
TARGET_KEYS = ("hide named claims (1)", "only anonymous claims (@)", "next anonymous/unverified (])",
               "type 'kabinet', per key", "next search match (n)")
SIZE = (160, 48)

# (label, keys) pressed in the child after the claims are shown, in this order.
KEYS = [
    ("no-op key (baseline)", ["f12"]),
    ("next claim (j)", ["j"]),
    ("focus the claims panel (c)", ["c"]),
    ("last claim (end: article jumps)", ["end"]),
    ("first claim (home)", ["home"]),
    ("focus the article (a)", ["a"]),
    ("page down in the article", ["pagedown"]),
    ("hide named claims (1)", ["1"]),
    ("show them again (1)", ["1"]),
    ("only anonymous claims (@)", ["at"]),
    ("every label again (@)", ["at"]),
    ("next anonymous/unverified (])", ["right_square_bracket"]),
    ("sort by score (o)", ["o"]),
    ("open the search box (/)", ["slash"]),
    ("type 'kabinet', per key", [*"kabinet"]),
    ("keep the search (enter)", ["enter"]),
    ("next search match (n)", ["n"]),
    ("clear filters (x)", ["x"]),
]


def child(path: str, spawned: float) -> None:
    """Run the app on ``path``; print the marks (seconds since ``spawned``) and key costs as JSON."""
    started = time.time()
    offset = time.time() - time.perf_counter()  # perf_counter → wall clock
    sys.path.insert(0, str(ROOT / "tui"))
    # As `srcview ARTICLE` does: read the article and start its analysis in a child process,
    # then import Textual and open the app while the child works.
    from srcview.app.launch import start_analysis

    text, job = start_analysis(path)
    job_started = time.perf_counter()
    from srcview.app.app import SrcviewApp

    app = SrcviewApp(path, text=text, job=job, theme="textual-dark", animations=False)
    import asyncio  # Textual has imported it already
    import json
    keys: dict[str, float] = {}
    lines: list[int] = []

    async def pilot_run(pilot) -> None:
        # Poll with asyncio.sleep: pilot.pause() messages every widget and would slow the worker down.
        for _ in range(6000):
            if app.state.settled or "claims_shown" in app.marks:
                break
            await asyncio.sleep(0.01)
        await pilot.pause()
        for label, presses in KEYS:
            cpu = time.process_time()
            await pilot.press(*presses)
            await pilot.pause()
            keys[label] = (time.process_time() - cpu) / (len(presses) if "per key" in label else 1)
        lines.append(app.article.line_count)
        app.exit(0)

    app.run(headless=True, size=SIZE, auto_pilot=pilot_run)
    marks = {name: round(at + offset - spawned, 4) for name, at in app.marks.items() if name != "start"}
    marks["python_started"] = round(started - spawned, 4)
    marks["job_started"] = round(job_started + offset - spawned, 4)
    base = keys.pop("no-op key (baseline)", 0.0)
    print(json.dumps({
        "state": app.state.value,
        "claims": len(app.analysis.claims) if app.analysis else 0,
        "lines": lines[0] if lines else 0,
        "marks": marks,
        "key_cpu_ms": {k: round(max(v - base, 0.0) * 1000, 1) for k, v in keys.items()},
        "baseline_key_cpu_ms": round(base * 1000, 1),
    }))


FLOOR_TEXTUAL = """
import sys, time
from textual.app import App
from textual.widgets import Static
painted = []
class Text(Static):
    def render_line(self, y):
        if not painted:
            painted.append(time.time())
        return super().render_line(y)
class Bare(App):
    def compose(self):
        yield Text(open(sys.argv[1], encoding="utf-8").read(), markup=False)
    def on_mount(self):
        self.set_timer(0.2, self.exit)
Bare().run(headless=True, size=(160, 48))
print(painted[0])
"""

FLOOR_SPACY = """
import sys, time
import spacy
spacy.blank("nl")(open(sys.argv[1], encoding="utf-8").read())
print(time.time())
"""


def floor(code: str, path: Path) -> float:
    """Seconds from spawning ``python -c code path`` to the time it prints."""
    import subprocess

    spawned = time.time()
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                         env=_env(), timeout=600)
    if out.returncode != 0:
        raise SystemExit(f"bench_app: a floor measurement failed:\n{out.stderr[-3000:]}")
    return round(float(out.stdout.strip().splitlines()[-1]) - spawned, 4)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.pop("TEXTUAL_THEME", None)
    return env


def measure(path: Path) -> dict:
    import json
    import subprocess

    spawned = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--spawned", repr(spawned)],
        capture_output=True, text=True, env=_env(), timeout=600,
    )
    if out.returncode != 0:
        raise SystemExit(f"bench_app: the app failed on {path}:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def best(runs: list[dict]) -> dict:
    """The run with the quickest claims, plus the fastest of each figure over the runs."""
    first = min(runs, key=lambda r: r["marks"].get("claims_shown", 1e9))
    out = dict(first)
    out["marks"] = {k: min(r["marks"].get(k, 1e9) for r in runs) for k in first["marks"]}
    out["key_cpu_ms"] = {k: min(r["key_cpu_ms"][k] for r in runs) for k in first["key_cpu_ms"]}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=450_000,
                        help="bytes of the big article (default 450,000: about 5,000 claims)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per article; the fastest figures count")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--spawned", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.spawned)
        return 0

    import json
    import platform
    import tempfile

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_engine import build_text

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big-nl.txt"
        big.write_text(build_text("nl", args.size, seed=1), encoding="utf-8")
        cases = [("Dutch sample", SAMPLE), ("English sample", SAMPLE_EN), (f"~{args.size / 1e3:.0f} KB Dutch", big)]
        results = []
        floor_runs: dict[str, list[float]] = {"textual_first_paint": [], "spacy_blank_tokenized": []}
        for name, path in cases:
            runs = []
            for _ in range(max(args.repeat, 1)):
                if path == SAMPLE:  # the floors interleaved with the sample's runs: the same machine weather
                    floor_runs["textual_first_paint"].append(floor(FLOOR_TEXTUAL, SAMPLE))
                runs.append(measure(path))
                if path == SAMPLE:
                    floor_runs["spacy_blank_tokenized"].append(floor(FLOOR_SPACY, SAMPLE))
            result = best(runs)
            result["article"] = name
            result["bytes"] = path.stat().st_size
            results.append(result)

        floors = {name: min(values) for name, values in floor_runs.items()}

    sample = results[0]["marks"]
    report = {
        "python": platform.python_version(),
        "floors": floors,
        "ratios": {
            "first_paint_vs_bare_textual": round(sample.get("article_painted", 1e9) / floors["textual_first_paint"], 2),
            "claims_vs_bare_spacy": round(sample.get("claims_shown", 1e9) / floors["spacy_blank_tokenized"], 2),
        },
        "terminal": f"{SIZE[0]}x{SIZE[1]} headless",
        "results": results,
        "first_paint_target_s": FIRST_PAINT_TARGET,
        "claims_target_s": CLAIMS_TARGET,
        "first_paint_pass": sample.get("article_painted", 1e9) <= FIRST_PAINT_TARGET,
        "claims_pass": sample.get("claims_shown", 1e9) <= CLAIMS_TARGET,
    }
    slow = {f"{r['article']}: {k}": ms for r in results for k, ms in r["key_cpu_ms"].items()
            if k in TARGET_KEYS and ms > KEY_TARGET_MS}
    report["key_target_ms"] = KEY_TARGET_MS
    report["slow_keys"] = slow
    report["keys_pass"] = not slow
    report["pass"] = report["first_paint_pass"] and report["claims_pass"] and report["keys_pass"]
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
    return 0 if report["pass"] else 1


def print_report(report: dict) -> None:
    print(f"srcview app benchmark (Python {report['python']}, {report['terminal']})")
    for r in report["results"]:
        m = r["marks"]
        print(f"\n{r['article']}: {r['bytes']:,} bytes, {r['claims']:,} claims, {r['lines']:,} screen lines")
        nan = float("nan")
        print(f"  Python running                   {m['python_started']:7.3f} s")
        print(f"  analysis process started        {m.get('job_started', nan):7.3f} s")
        print(f"    it has imported spaCy          {m.get('child_imported', nan):7.3f} s")
        print(f"    it has loaded the rules        {m.get('child_rules', nan):7.3f} s")
        print(f"    it has analysed the article    {m.get('child_analysed', nan):7.3f} s")
        print(f"  first paint of the article       {m.get('article_painted', nan):7.3f} s")
        print(f"  analysis received (worker)       {m.get('analysed', nan):7.3f} s")
        print(f"  claims shown                     {m.get('claims_shown', nan):7.3f} s")
        print(f"  CPU per key, less a no-op key ({r['baseline_key_cpu_ms']:.0f} ms):")
        for label, ms in r["key_cpu_ms"].items():
            print(f"    {label:<32} {ms:7.1f} ms")
    f, r = report["floors"], report["ratios"]
    print("\nfloors on this machine, this run (the sample text):")
    print(f"  a bare Textual app paints it         {f['textual_first_paint']:7.3f} s")
    print(f"  import spacy + spacy.blank tokenize  {f['spacy_blank_tokenized']:7.3f} s")
    print(f"  first paint / bare Textual paint     {r['first_paint_vs_bare_textual']:7.2f}x")
    print(f"  claims shown / bare spaCy tokenize   {r['claims_vs_bare_spacy']:7.2f}x")
    sample = report["results"][0]["marks"]
    ok = {True: "PASS", False: "FAIL"}
    print(f"\nsample: first paint {sample.get('article_painted', float('nan')):.3f} s "
          f"(target <= {report['first_paint_target_s']} s) {ok[report['first_paint_pass']]}; "
          f"claims {sample.get('claims_shown', float('nan')):.3f} s "
          f"(target <= {report['claims_target_s']} s) {ok[report['claims_pass']]}")
    print(f"keys that search, filter or jump: at most {report['key_target_ms']:.0f} ms of CPU each "
          f"{ok[report['keys_pass']]}")
    for key, ms in report["slow_keys"].items():
        print(f"  too slow: {key} {ms:.0f} ms")
    print(f"RESULT: {ok[report['pass']]}")


if __name__ == "__main__":
    sys.exit(main())
