#!/usr/bin/env python3
"""Time and memory against the size of one article: is srcview linear in what it reads?

Writes, into a temporary folder, ordinary Dutch news text of 1, 5 and 20 MB
(``build_text`` from ``bench_engine.py``: sample paragraphs and generated
sentences with a news-like vocabulary) and 100 KB of punctuation runs (issue
12 item 7: runs of up to 7,200 quote marks, dashes, dots and brackets without
spaces between a few ordinary sentences), then runs each case in a fresh child
process the way ``srcview --format json --output FILE ARTICLE`` does:
read the file (``textio.load_article``), analyse it (``Engine.analyze``), and
write the JSON document (``formats.open_writer``; into a sink that only counts
characters, so the disk is not timed).

Every child reports its start-up RSS (Python, spaCy, the rules, an Engine and
its pipeline, warmed up on a short article: what any run pays before the
article), its peak RSS once the article is analysed and its peak at the end
(what writing the JSON adds), and the seconds of each step.  The report gives
seconds per MB and peak MB per MB of text beyond start-up, and checks:

- memory: at most 100 MB of peak RSS per MB of text beyond start-up (every case);
- linear time: the largest ordinary case takes at most 1.5x the seconds per MB
  of the smallest;
- punctuation: 100 KB of punctuation runs finish within the time limit
  (``--timeout``, 120 s by default) and cost at most 10x the seconds per MB of
  ordinary text;
- long sentences: 400 KB of English sentences of some 20 KB each, every clause
  with a cue of its own ("…, by saying so, who said so, …"), the same.

``--trace MB`` adds a tracemalloc pass on an ordinary text of that size and
lists where the memory alive at the peak was allocated, by module, to tell the
engine's share from the rest.

    python benchmarks/bench_scale.py                 # 1, 5, 20 MB and 100 KB of punctuation
    python benchmarks/bench_scale.py --sizes 1 5 --trace 1 --json

It exits 1 when a check fails.  It takes a few minutes (the 20 MB case most of
them); it is not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "benchmarks"))

MB = 1_000_000
MAX_MB_PER_MB = 100.0
MAX_LINEAR_RATIO = 1.5
MAX_PUNCTUATION_RATIO = 10.0
PUNCTUATION = ['"', "'", "“", "”", "„", "«", "»", "-", "—", ".", "…", "!", "?", "(", ")", "*", ",", ":"]


def punctuation_text(size: int, seed: int = 7) -> str:
    """About ``size`` bytes: runs of one punctuation mark (up to 7,200 long) between short sentences."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        mark = rng.choice(PUNCTUATION)
        run = mark * rng.choice((1_000, 3_000, 7_200))
        para = f"De minister zegt dat het klopt {run} volgens ingewijden niet."
        parts.append(para)
        total += len(para.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


CLAUSES = ["by saying so, ", "who said so, ", "and he said so, ", "while saying so and ", "adding that it was, "]


def clauses_text(size: int, seed: int = 11) -> str:
    """About ``size`` bytes of English paragraphs, each one sentence of some 20 KB of clauses with a cue each.

    A sentence's cues are weighed against each other (clause cuts, subjects, antecedents),
    so this is where work could grow with the square of a sentence's length.
    """
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        body = "".join(rng.choice(CLAUSES) for _ in range(1_200))
        para = f"The mayor spoke {body}and left."
        parts.append(para)
        total += len(para.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


# --- the child: one case in a fresh process -------------------------------------------------------------
def rss_mb() -> float:
    """This process's resident set now (Linux /proc), or its peak where /proc is missing."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_mb()


def peak_mb() -> float:
    """This process's peak resident set: ``VmHWM`` (Linux /proc), else ``ru_maxrss``.

    Not ``ru_maxrss`` on Linux: a child started by fork and exec inherits its
    parent's peak there, and the parent has just built the largest text.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB elsewhere


def reset_peak() -> None:
    """Start the peak (``VmHWM``) again from the resident set now, where Linux allows it."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        pass


class CountingSink:
    """A text stream that keeps nothing: the writer's output is counted, not stored."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.chars += len(line)

    def flush(self) -> None:
        pass


def child(path: str, trace: bool, lang: str = "nl") -> dict:
    from srcview.engine import Engine
    from srcview.formats import open_writer
    from srcview.textio import load_article

    engine = Engine()
    engine.analyze((ROOT / "samples" / "nl-kernwapens-gesprekken.txt").read_text(encoding="utf-8"), lang="nl")
    start_rss, start_peak = rss_mb(), peak_mb()
    reset_peak()  # what start-up held for a moment and let go is not the article's
    size = os.path.getsize(path)
    if trace:
        import tracemalloc

        tracemalloc.start(1)
    t0 = time.perf_counter()
    article = load_article(path, max_bytes=size + 1)
    t1 = time.perf_counter()
    analysis = engine.analyze(article.text, lang=lang, file=path)
    t2 = time.perf_counter()
    analysed_peak = peak_mb()
    sink = CountingSink()
    with open_writer("json", sink) as writer:
        writer.write(analysis)
    t3 = time.perf_counter()
    report = {
        "bytes": size, "claims": len(analysis.claims), "json_chars": sink.chars,
        "read_s": round(t1 - t0, 3), "analyze_s": round(t2 - t1, 3), "write_s": round(t3 - t2, 3),
        "total_s": round(t3 - t0, 3), "startup_rss_mb": round(start_rss, 1), "startup_peak_mb": round(start_peak, 1),
        "peak_after_analyse_mb": round(analysed_peak, 1), "peak_rss_mb": round(peak_mb(), 1),
    }
    if trace:
        report["trace"] = traced_by_module(tracemalloc)
    return report


def traced_by_module(tracemalloc) -> dict:
    """Memory alive now, and the traced peak, by the file that allocated it (the top ten)."""
    _, peak = tracemalloc.get_traced_memory()
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    by_file: dict[str, int] = {}
    for stat in snapshot.statistics("filename"):
        name = stat.traceback[0].filename
        for marker in ("site-packages/", "tui/", "lib/python"):
            if marker in name:
                name = name.split(marker, 1)[1]
                break
        by_file[name] = by_file.get(name, 0) + stat.size
    top = sorted(by_file.items(), key=lambda kv: -kv[1])[:10]
    return {"traced_peak_mb": round(peak / 2**20, 1),
            "alive_mb_by_file": {name: round(size / 2**20, 1) for name, size in top}}


# --- the parent ----------------------------------------------------------------------------------------
def run_case(name: str, path: Path, timeout: float, trace: bool = False, lang: str = "nl") -> dict:
    argv = [sys.executable, __file__, "--child", str(path), "--child-lang", lang] + (["--child-trace"] if trace else [])
    start = time.perf_counter()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"case": name, "bytes": path.stat().st_size, "finished": False, "timeout_s": timeout}
    if done.returncode != 0:
        return {"case": name, "bytes": path.stat().st_size, "finished": False, "error": done.stderr.strip()[-500:]}
    report = json.loads(done.stdout)
    report.update(case=name, finished=True, process_s=round(time.perf_counter() - start, 1))
    text_mb = report["bytes"] / MB
    report["s_per_mb"] = round(report["total_s"] / text_mb, 2)
    report["mb_per_mb"] = round((report["peak_rss_mb"] - report["startup_rss_mb"]) / text_mb, 1)
    report["write_mb_per_mb"] = round((report["peak_rss_mb"] - report["peak_after_analyse_mb"]) / text_mb, 1)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20], help="MB of ordinary text per case")
    parser.add_argument("--punctuation", type=int, default=100_000, help="bytes of punctuation runs (0: none)")
    parser.add_argument("--clauses", type=int, default=400_000,
                        help="bytes of sentences of many clauses (0: none)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds allowed for the punctuation and clauses cases")
    parser.add_argument("--trace", type=float, metavar="MB", help="add a tracemalloc pass on this many MB")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-lang", default="nl", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.child_trace, args.child_lang)))
        return 0

    from bench_engine import build_text

    cases: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="srcview-scale-") as tmp:
        folder = Path(tmp)
        for size in sorted(args.sizes):
            path = folder / f"ordinary-{size:g}mb.txt"
            path.write_text(build_text("nl", int(size * MB), seed=int(size * 10)), encoding="utf-8")
            cases.append(run_case(f"{size:g} MB ordinary", path, timeout=max(600.0, 120 * size)))
            print(f"  {cases[-1]['case']}: done", file=sys.stderr)
        if args.punctuation:
            path = folder / "punctuation.txt"
            path.write_text(punctuation_text(args.punctuation), encoding="utf-8")
            cases.append(run_case(f"{args.punctuation / 1000:g} KB punctuation runs", path, args.timeout))
            print(f"  {cases[-1]['case']}: done", file=sys.stderr)
        if args.clauses:
            path = folder / "clauses.txt"
            path.write_text(clauses_text(args.clauses), encoding="utf-8")
            cases.append(run_case(f"{args.clauses / 1000:g} KB long sentences", path, args.timeout, lang="en"))
            print(f"  {cases[-1]['case']}: done", file=sys.stderr)
        traced = None
        if args.trace:
            path = folder / "traced.txt"
            path.write_text(build_text("nl", int(args.trace * MB), seed=99), encoding="utf-8")
            traced = run_case(f"{args.trace:g} MB ordinary, traced", path, timeout=3600, trace=True)

    report = {"machine": f"{platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}",
              "cases": cases, "traced": traced, "checks": checks(cases)}
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
    return 0 if all(c["pass"] for c in report["checks"]) else 1


def checks(cases: list[dict]) -> list[dict]:
    ordinary = [c for c in cases if "ordinary" in c["case"]]
    punct = [c for c in cases if "punctuation" in c["case"] or "long sentences" in c["case"]]
    out = []
    for case in cases:
        ok = case["finished"] and case["mb_per_mb"] <= MAX_MB_PER_MB
        out.append({"check": f"{case['case']}: peak MB per MB beyond start-up <= {MAX_MB_PER_MB:g}",
                    "value": case.get("mb_per_mb"), "pass": bool(ok)})
    done = [c for c in ordinary if c["finished"]]
    if len(done) >= 2:
        ratio = done[-1]["s_per_mb"] / done[0]["s_per_mb"]
        out.append({"check": f"linear: s/MB of {done[-1]['case']} <= {MAX_LINEAR_RATIO:g}x that of {done[0]['case']}",
                    "value": round(ratio, 2), "pass": ratio <= MAX_LINEAR_RATIO})
    for case in punct:
        if not case["finished"]:
            out.append({"check": f"{case['case']}: finishes", "value": None, "pass": False})
        elif done:
            ratio = case["s_per_mb"] / done[0]["s_per_mb"]
            out.append({"check": f"{case['case']}: s/MB <= {MAX_PUNCTUATION_RATIO:g}x ordinary text",
                        "value": round(ratio, 2), "pass": ratio <= MAX_PUNCTUATION_RATIO})
    return out


def print_report(report: dict) -> None:
    print(f"srcview scale benchmark · {report['machine']}")
    print(f"{'case':<28} {'MB':>6} {'claims':>8} {'read':>6} {'analyse':>8} {'write':>6} {'s/MB':>6} "
          f"{'start MB':>9} {'peak MB':>8} {'MB/MB':>6} {'write MB/MB':>11}")
    for c in report["cases"]:
        if not c["finished"]:
            why = f"did not finish in {c['timeout_s']:g} s" if "timeout_s" in c else f"failed: {c.get('error')}"
            print(f"{c['case']:<28} {c['bytes'] / MB:>6.2f}  {why}")
            continue
        print(f"{c['case']:<28} {c['bytes'] / MB:>6.2f} {c['claims']:>8} {c['read_s']:>6.2f} {c['analyze_s']:>8.2f} "
              f"{c['write_s']:>6.2f} {c['s_per_mb']:>6.2f} {c['startup_rss_mb']:>9.0f} {c['peak_rss_mb']:>8.0f} "
              f"{c['mb_per_mb']:>6.1f} {c['write_mb_per_mb']:>11.1f}")
    traced = report.get("traced")
    if traced and traced.get("finished"):
        print(f"\ntracemalloc on {traced['bytes'] / MB:.1f} MB: traced peak {traced['trace']['traced_peak_mb']} MB; "
              "alive at the end of the run, by file:")
        for name, size in traced["trace"]["alive_mb_by_file"].items():
            print(f"  {size:>8.1f} MB  {name}")
    print()
    for check in report["checks"]:
        print(f"{'PASS' if check['pass'] else 'FAIL'}  {check['check']}: {check['value']}")


if __name__ == "__main__":
    sys.exit(main())
