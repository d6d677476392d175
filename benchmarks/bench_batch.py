#!/usr/bin/env python3
"""Articles per second on one core and on all of them, and whether memory stays flat.

Writes a folder of short articles (1,000 by default, 1–4 KB each, Dutch and
English) into a temporary directory, built from the bundled ``samples/*.txt``
paragraphs and generated sentences (``build_text`` from ``bench_engine.py``, each
article with its own seed so no two are alike), then runs
``srcview.batch.analyze_many`` over the folder:

  (a) ``jobs=1``: one Engine in this process;
  (b) ``jobs=N`` (all cores by default): a process pool, one Engine per process.

Both times include building the engines, as a user running the command pays it,
and both report the CPU time per article (workers included).  To tell what the
machine can give, it also times a pure-Python loop on N processes against one.
The results are consumed as they come (only their claims counted), the way a
streaming writer does.  The peak RSS is read after 250, 500 and 1,000 articles:
for (a) this process's peak; for (b) the peak of each worker process (Linux
``/proc``; elsewhere only this process), so a leak or a result backlog shows
as growth.

    python benchmarks/bench_batch.py [--articles 1000] [--jobs N] [--renew N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_engine import build_text  # noqa: E402
from srcview import __version__  # noqa: E402
from srcview.batch import RENEW_EVERY, BatchError, analyze_many, default_jobs  # noqa: E402

CHECKPOINTS = (250, 500, 1000)
MAX_GROWTH_MB = 25.0  # peak RSS may grow at most this much from the first checkpoint to the last


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[str]:
    """``count`` short articles (1–4 KB, Dutch and English alternating) in ``folder``."""
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        lang = "nl" if i % 2 == 0 else "en"
        text = build_text(lang, rng.randint(1_000, 4_000), seed=seed * 100_003 + i)
        path = folder / f"{i:04d}-{lang}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _kib_to_mb(value: int) -> float:
    return value / 1024


def self_peak_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else _kib_to_mb(rss)


def children_peaks_mb() -> list[float]:
    """Peak RSS (VmHWM) of each live child process of this one; empty where /proc is missing."""
    me = os.getpid()
    peaks = []
    proc = Path("/proc")
    if not proc.is_dir():
        return peaks
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid != me:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(_kib_to_mb(int(line.split()[1])))
        except (OSError, ValueError, IndexError):
            continue
    return sorted(peaks)


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_capacity(jobs: int, n: int = 4_000_000) -> float:
    """How many times faster ``jobs`` processes burn pure-Python CPU than one: what the machine can give."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_burn, [1000] * jobs))  # start the workers before timing
        start = time.perf_counter()
        list(pool.map(_burn, [n] * jobs))
        parallel = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(jobs):
        _burn(n)
    serial = time.perf_counter() - start
    return serial / parallel


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (user + system)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run(paths: list[str], jobs: int, renew_every: int | None) -> dict:
    checkpoints = [n for n in CHECKPOINTS if n <= len(paths)] or [len(paths)]
    if len(paths) not in checkpoints:
        checkpoints.append(len(paths))
    memory = []
    claims = errors = done = 0
    cpu = cpu_seconds()
    start = time.perf_counter()
    for result in analyze_many(paths, jobs=jobs, renew_every=renew_every):
        done += 1
        if isinstance(result, BatchError):
            errors += 1
        else:
            claims += len(result.claims)
        del result
        if done in checkpoints:
            workers = children_peaks_mb() if jobs > 1 else []
            memory.append({
                "articles": done,
                "seconds": round(time.perf_counter() - start, 2),
                "main_peak_rss_mb": round(self_peak_mb(), 1),
                "worker_peak_rss_mb": [round(w, 1) for w in workers],
            })
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu  # the pool has shut down: its workers' time is counted
    return {
        "jobs": jobs,
        "renew_every": renew_every,
        "articles": done,
        "claims": claims,
        "errors": errors,
        "seconds": round(seconds, 2),
        "articles_per_s": round(done / seconds, 1),
        "cpu_s": round(cpu, 2),
        "cpu_ms_per_article": round(1000 * cpu / max(done, 1), 2),
        "memory": memory,
    }


def growth_mb(result: dict) -> float:
    """How much the relevant peak RSS grew from the first checkpoint to the last."""
    def peak(point: dict) -> float:
        workers = point["worker_peak_rss_mb"]
        return max(workers) if workers else point["main_peak_rss_mb"]

    points = result["memory"]
    return round(peak(points[-1]) - peak(points[0]), 1) if points else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=0, help="processes for run (b); default all cores")
    parser.add_argument("--renew", type=int, default=RENEW_EVERY,
                        help=f"articles per Engine before a fresh one (default {RENEW_EVERY}; 0: never)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    jobs = args.jobs or default_jobs()
    renew = args.renew or None

    with tempfile.TemporaryDirectory(prefix="srcview-batch-") as tmp:
        folder = Path(tmp)
        paths = write_corpus(folder, args.articles)
        size = sum(os.path.getsize(p) for p in paths)
        # (b) first: forked workers then start from a parent that has not built an engine yet.
        many = run(paths, jobs, renew) if jobs > 1 else None
        one = run(paths, 1, renew)
    capacity = parallel_capacity(jobs) if jobs > 1 else 1.0

    report = {
        "srcview": __version__,
        "python": platform.python_version(),
        "cores": default_jobs(),
        "articles": args.articles,
        "bytes": size,
        "one": one,
        "many": many,
        "speedup": round(many["articles_per_s"] / one["articles_per_s"], 2) if many else None,
        "cpu_capacity": round(capacity, 2),
        "growth_mb": {"one": growth_mb(one), "many": growth_mb(many) if many else None},
        "growth_target_mb": MAX_GROWTH_MB,
    }
    report["flat"] = all(g is None or g <= MAX_GROWTH_MB for g in report["growth_mb"].values())
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
    return 0 if report["flat"] else 1


def print_report(report: dict) -> None:
    print(f"srcview {report['srcview']} batch benchmark (Python {report['python']}, {report['cores']} cores)")
    print(f"{report['articles']:,} articles, {report['bytes']:,} bytes, "
          f"a fresh Engine every {report['one']['renew_every'] or 'never'} articles\n")
    for key in ("one", "many"):
        r = report[key]
        if r is None:
            continue
        print(f"jobs={r['jobs']}: {r['articles_per_s']:.1f} articles/s ({r['seconds']:.1f} s, "
              f"{r['claims']:,} claims, {r['errors']} errors; CPU {r['cpu_ms_per_article']:.1f} ms an article)")
        for point in r["memory"]:
            workers = point["worker_peak_rss_mb"]
            extra = f", workers {', '.join(f'{w:.0f}' for w in workers)} MB" if workers else ""
            print(f"  after {point['articles']:>5,} articles ({point['seconds']:6.1f} s): "
                  f"main {point['main_peak_rss_mb']:.0f} MB{extra}")
    if report["speedup"] is not None:
        print(f"\nspeed-up jobs={report['many']['jobs']} over jobs=1: {report['speedup']:.2f}× "
              f"(this machine runs pure-Python CPU work {report['cpu_capacity']:.2f}× faster "
              f"on {report['many']['jobs']} processes than on one)")
    growth = ", ".join(f"{k} {v:+.1f} MB" for k, v in report["growth_mb"].items() if v is not None)
    verdict = "PASS" if report["flat"] else "FAIL"
    print(f"peak RSS growth from the first checkpoint to the last: {growth} "
          f"(target <= {report['growth_target_mb']:.0f} MB) {verdict}")


if __name__ == "__main__":
    sys.exit(main())
