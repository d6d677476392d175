"""Re-scoring after a weight change, without tokenising again: on the Dutch sample and on ~1 MB.

    python benchmarks/bench_rescore.py

Targets (issue 4): at most 30 ms on the sample and 300 ms on a 1 MB article.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_engine import build_text  # noqa: E402
from srcview.engine import Engine  # noqa: E402
from srcview.scoring import rescore  # noqa: E402

TARGETS = {"sample": 0.030, "1 MB": 0.300}


def best_of(func, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    engine = Engine()
    texts = {"sample": (ROOT / "samples" / "nl-kernwapens-gesprekken.txt").read_text(encoding="utf-8"),
             "1 MB": build_text("nl", 1_000_000, seed=1)}
    ok = True
    for name, text in texts.items():
        analysis = engine.analyze(text, lang="nl")
        weights = {**engine.rules.weights, "base_anonymous": 20, "hedge": -12}
        seconds = best_of(lambda a=analysis, w=weights: rescore(a, w))
        passed = seconds <= TARGETS[name]
        ok &= passed
        print(f"{name}: {len(analysis.claims):,} claims re-scored in {seconds * 1000:.1f} ms "
              f"(target <= {TARGETS[name] * 1000:.0f} ms) {'PASS' if passed else 'FAIL'}")
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
