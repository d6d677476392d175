"""Aligning the claims of two 1 MB articles: time, candidate pairs scored, and groups found.

Run from a checkout with the project installed:

    python benchmarks/bench_compare.py [--size 1000000] [--lang nl]

The two articles are built like bench_engine's (the bundled samples and
generated paragraphs with varied words), from different seeds, so they share
many facts but not their wording.  Alignment blocks on shared rare words, so
the number of pairs it scores stays a small multiple of the number of claims,
far from the all-pairs product.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_engine import build_text  # noqa: E402
from srcview import compare as compare_mod  # noqa: E402
from srcview.engine import Engine  # noqa: E402

TARGET_SECONDS = 10.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    args = parser.parse_args(argv)

    engine = Engine()
    a = engine.analyze(build_text(args.lang, args.size, seed=11), lang=args.lang, file="a.txt")
    b = engine.analyze(build_text(args.lang, args.size, seed=12), lang=args.lang, file="b.txt")

    scored = 0
    original = compare_mod.fuzz.token_set_ratio

    def counting(x: str, y: str) -> float:
        nonlocal scored
        scored += 1
        return original(x, y)

    compare_mod.fuzz.token_set_ratio = counting
    try:
        start = time.perf_counter()
        result = compare_mod.compare([a, b], stopwords=engine.rules.lang(args.lang).get("detect", []))
        seconds = time.perf_counter() - start
    finally:
        compare_mod.fuzz.token_set_ratio = original

    all_pairs = len(a.claims) * len(b.claims)
    print(f"claims: {len(a.claims):,} and {len(b.claims):,} ({all_pairs:,} pairs all-against-all)")
    print(f"pairs scored: {scored:,} ({scored / max(1, all_pairs):.2%} of all pairs)")
    print(f"aligned groups: {len(result.groups):,}")
    print(f"alignment time: {seconds:.2f} s (target <= {TARGET_SECONDS:.0f} s) "
          f"{'PASS' if seconds <= TARGET_SECONDS else 'FAIL'}")
    return 0 if seconds <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
