#!/usr/bin/env python3
"""How much the srcview engine costs on top of spaCy's own tokenizer.

Builds about 1 MB of news-like text per language from the bundled samples
(``samples/*.txt``) mixed with sentences generated here, then times in one run:

  (a) ``spacy.blank(lang)(text)``: tokenizing only, the floor any spaCy tool pays;
  (b) ``Engine().analyze(text)`` on the same text, after a warm-up on a small
      article so that building the pipeline is timed on its own;
  (c) a second, different article through the same engine.

It reports the engine/tokenize ratio, the tracemalloc peak of one analysis
(measured in a separate pass, as tracing slows Python down) and the process's
peak RSS, and checks them against the targets below.  Exit status 1 on FAIL.

    python benchmarks/bench_engine.py [--lang nl|en|all] [--size BYTES] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))  # run from a checkout without installing

import spacy  # noqa: E402

from srcview import __version__  # noqa: E402
from srcview.engine import Engine  # noqa: E402

MAX_RATIO = 2.5  # issue 11: the engine on 1 MB within 2.5× of spaCy's blank tokenizer
MAX_RSS_MB = 400.0

FIRST = ["Anna", "Pieter", "Fatima", "Jan", "Sophie", "Mohammed", "Eva", "Thomas", "Noor"]
LAST = ["de Vries", "Jansen", "El Amrani", "Visser", "Okafor", "van Dijk", "Yilmaz", "Bos"]
TOPICS = {
    "nl": [
        "de begroting",
        "het stikstofplan",
        "de gaswinning",
        "de woningbouw",
        "de zorgkosten",
        "de onderhandelingen",
        "het asielbeleid",
        "de defensie-uitgaven",
    ],
    "en": [
        "the budget",
        "the trade talks",
        "the energy plan",
        "the housing bill",
        "the health reforms",
        "the ceasefire",
        "the asylum policy",
        "the defence budget",
    ],
}
TEMPLATES = {
    "nl": [
        "{name} zegt dat {topic} volgend jaar {n} miljoen euro kost.",
        "“We gaan door met {topic},” zei minister {name} {day}.",
        "Volgens ingewijden is het kabinet verdeeld over {topic}.",
        "De regering zou {topic} willen uitstellen tot na de zomer.",
        "Naar verluidt zijn er {n} ambtenaren bij {topic} betrokken.",
        "Het parlement debatteert {day} over {topic}.",
        "Dat meldt de NOS op basis van bronnen rond het kabinet.",
        "Woordvoerder {name} van het ministerie wilde niet reageren.",
        "Experts waarschuwen dat {topic} te weinig oplevert.",
        "Er is geen bewijs geleverd voor die bewering.",
    ],
    "en": [
        "{name} said {topic} would cost {n} million dollars next year.",
        "“We will press ahead with {topic},” minister {name} told reporters {day}.",
        "Sources familiar with the matter said the cabinet was split over {topic}.",
        "The government reportedly wants to delay {topic} until after the summer.",
        "Officials allegedly approved {n} contracts linked to {topic}.",
        "Parliament will debate {topic} {day}.",
        "That is according to Reuters, which cited two people briefed on the talks.",
        "A spokesperson, {name}, declined to comment.",
        "Experts warn that {topic} does too little.",
        "No evidence was provided for the claim.",
    ],
}
DAYS = {
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"],
    "en": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday"],
}
HEADINGS = {
    "nl": ["Reactie", "Kritiek uit de Kamer", "Achtergrond", "Hoe nu verder"],
    "en": ["Reaction", "Criticism", "Background", "What happens next"],
}


def sample_paragraphs(lang: str) -> list[str]:
    paras: list[str] = []
    for path in sorted((ROOT / "samples").glob(f"{lang}-*.txt")):
        text = path.read_text(encoding="utf-8")
        paras += [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return paras


def generated_paragraph(lang: str, rng: random.Random) -> str:
    def fill(template: str) -> str:
        return template.format(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            topic=rng.choice(TOPICS[lang]),
            n=rng.randint(2, 900),
            day=rng.choice(DAYS[lang]),
        )

    sentence = fill(rng.choice(TEMPLATES[lang]))
    return " ".join(
        [sentence[0].upper() + sentence[1:]] + [fill(t) for t in rng.sample(TEMPLATES[lang], rng.randint(1, 4))]
    )


SYLLABLES = ["ka", "ve", "ro", "mi", "sta", "lun", "der", "bo", "gri", "tel", "an", "wes", "por", "li",
             "ne", "tur", "ha", "zo", "pel", "gen", "ma", "sor", "ki", "vel", "dam", "bre"]
_WORD = re.compile(r"\b[a-zà-ÿ]{5,}\b")
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ]{3,}\b")


def _pseudo(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def vary(paragraph: str, rng: random.Random, diverse: bool = True) -> str:
    """The paragraph with its numbers changed, so no two copies are the same.

    With ``diverse``, a quarter of the longer words get another stem and some names
    another spelling, so the text has the vocabulary of real news (tens of thousands
    of distinct words per megabyte) rather than a few hundred repeated ones: spaCy's
    tokenizer caches every word it has seen, and a text of a few hundred distinct words
    would make the tokenizer baseline unrealistically fast.
    """
    out = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group()))), paragraph)
    if not diverse:
        return out
    out = _WORD.sub(lambda m: _pseudo(rng, 2) + m.group()[-3:] if rng.random() < 0.25 else m.group(), out)
    return _NAME.sub(lambda m: m.group()[0] + _pseudo(rng, 2) if rng.random() < 0.15 else m.group(), out)


def build_text(lang: str, size: int, seed: int, diverse: bool = True) -> str:
    """About ``size`` bytes (UTF-8) of article text: sample and generated paragraphs mixed."""
    rng = random.Random(seed)
    samples = sample_paragraphs(lang)
    parts: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.08:
            para = rng.choice(HEADINGS[lang])
        elif samples and rng.random() < 0.5:
            para = vary(rng.choice(samples), rng, diverse)
        else:
            para = vary(generated_paragraph(lang, rng), rng, diverse)
        parts.append(para)
        total += len(para.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def timed(func, *args, **kwargs):
    gc.collect()
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def bench_language(lang: str, size: int, repeat: int, trace: bool) -> dict:
    text = build_text(lang, size, seed=1)
    second = build_text(lang, size, seed=2)
    small = build_text(lang, 3_000, seed=3)

    # Each timed run starts cold: a new tokenizer, and a new engine, so that neither
    # profits from spaCy's tokenizer cache of an earlier run on the same text.
    def tokenize_once() -> tuple[float, int]:
        nlp = spacy.blank(lang)
        nlp.max_length = max(len(text), len(second)) + 1
        nlp(small)
        seconds, doc = timed(nlp, text)
        return seconds, len(doc)

    # (a) and (b) take turns, so that a slow spell of a shared machine slows both.
    tok_runs = []
    analyze = float("inf")
    for _ in range(repeat):
        tok_runs.append(tokenize_once())
        gc.collect()
        init, engine = timed(Engine)  # loads and validates the rules, indexes the registry
        build, _ = timed(engine.pipeline, lang)  # spaCy pipeline and matchers for this language
        warm_up, _ = timed(engine.analyze, small, lang=lang, file="warm-up.txt")
        seconds, analysis = timed(engine.analyze, text, lang=lang, file="bench.txt")
        analyze = min(analyze, seconds)
    tokenize = min(seconds for seconds, _ in tok_runs)
    tokens = tok_runs[0][1]
    second_s, _ = timed(engine.analyze, second, lang=lang, file="bench-2.txt")

    traced_mb = None
    if trace:
        gc.collect()
        tracemalloc.start()
        engine.analyze(text, lang=lang, file="bench.txt")
        traced_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()

    ratio = analyze / tokenize
    return {
        "language": lang,
        "bytes": len(text.encode("utf-8")),
        "chars": len(text),
        "tokens": tokens,
        "distinct_words": len(set(text.split())),
        "claims": len(analysis.claims),
        "engine_init_s": round(init, 3),
        "pipeline_build_s": round(build, 3),
        "warm_up_s": round(warm_up, 3),
        "tokenize_s": round(tokenize, 3),
        "analyze_s": round(analyze, 3),
        "second_article_s": round(second_s, 3),
        "ratio": round(ratio, 2),
        "ratio_target": MAX_RATIO,
        "ratio_pass": ratio <= MAX_RATIO,
        "tracemalloc_peak_mb": None if traced_mb is None else round(traced_mb, 1),
    }


def max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB else


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=("nl", "en", "all"), default="all")
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of text per language (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs of (a) and (b); the fastest counts")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    langs = ["nl", "en"] if args.lang == "all" else [args.lang]
    results = [bench_language(lang, args.size, max(args.repeat, 1), not args.no_trace) for lang in langs]
    rss = max_rss_mb()
    report = {
        "srcview": __version__,
        "spacy": spacy.__version__,
        "python": platform.python_version(),
        "languages": results,
        "peak_rss_mb": round(rss, 1),
        "rss_target_mb": MAX_RSS_MB,
        "rss_pass": rss < MAX_RSS_MB,
    }
    report["pass"] = report["rss_pass"] and all(r["ratio_pass"] for r in results)

    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
    return 0 if report["pass"] else 1


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_report(report: dict) -> None:
    print(f"srcview {report['srcview']} engine benchmark (spaCy {report['spacy']}, Python {report['python']})")
    for r in report["languages"]:
        print(
            f"\n{r['language']}: {r['bytes']:,} bytes, {r['chars']:,} characters, "
            f"{r['tokens']:,} tokens, {r['claims']:,} claims"
        )
        print(f"  Engine() (rules, registry)        {r['engine_init_s']:8.2f} s")
        print(f"  pipeline build                    {r['pipeline_build_s']:8.2f} s")
        print(f"  warm-up on a 3 KB article         {r['warm_up_s']:8.2f} s")
        print(f"  (a) spacy.blank tokenize          {r['tokenize_s']:8.2f} s")
        print(f"  (b) Engine.analyze                {r['analyze_s']:8.2f} s")
        print(f"  (c) second article, same engine   {r['second_article_s']:8.2f} s")
        print(
            f"  ratio (b)/(a)                     {r['ratio']:8.2f}    "
            f"target <= {r['ratio_target']}  {verdict(r['ratio_pass'])}"
        )
        if r["tracemalloc_peak_mb"] is not None:
            print(f"  tracemalloc peak of (b)           {r['tracemalloc_peak_mb']:8.1f} MB")
    print(
        f"\npeak RSS of the whole run          {report['peak_rss_mb']:8.1f} MB  "
        f"target < {report['rss_target_mb']:.0f} MB  {verdict(report['rss_pass'])}"
    )
    print(f"RESULT: {verdict(report['pass'])}")


if __name__ == "__main__":
    sys.exit(main())
