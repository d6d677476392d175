"""``srcview --eval GOLD_DIR``: the evaluation as a readable report or one JSON document.

:func:`run` is the command: load the gold, analyse every article with one
Engine and the user's rules, write :func:`to_text` or :func:`to_json`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .cleaning import clean
from .evaluate import LOST, NONE, ArticleResult, Evaluation, Judgement, Summary
from .model import LABELS
from .textio import MAX_BYTES

#: Characters of a sentence shown in the text report's list of errors.
SNIPPET = 160


def run(folders: Sequence[str], fmt: str, rules_paths: Sequence[Path], lang: str, out_path: str | None,
        show_errors: bool = False, max_bytes: int = MAX_BYTES, outlet: str | None = None) -> int:
    """Evaluate the gold in ``folders`` and write the report in ``fmt`` (text or json); 0 when done."""
    from .batch import load
    from .commands import output
    from .evaluate import evaluate
    from .gold import load_folders

    rules = load(rules_paths)  # broken rules stop here, before any gold is read
    articles = load_folders(list(folders))  # so does a broken gold file, before the engine is built
    from .engine import Engine

    evaluation = evaluate(articles, Engine(rules), lang=lang, max_bytes=max_bytes, outlet=outlet)
    for note in evaluation.notes:
        print(f"srcview: {clean(note)}", file=sys.stderr)
    with output(out_path) as out:
        if fmt == "json":
            out.write(to_json(evaluation, folders, show_errors) + "\n")
        else:
            out.write(to_text(evaluation, show_errors))
    return 0


# --- JSON ----------------------------------------------------------------------

def summary_to_dict(summary: Summary) -> dict[str, Any]:
    """The metrics under the reference scorer's names, then the per-label scores and the confusion matrix."""
    return {
        "claims": summary.claims,
        "headings": summary.headings,
        "label_acc": summary.label_acc,
        "f1": {lab: round(summary.labels[lab].f1, 3) for lab in summary.present},
        "macro_f1": summary.macro_f1,
        "source_acc": summary.source_acc,
        "source_n": summary.source_n,
        "resolve_acc": summary.resolve_acc,
        "resolve_n": summary.resolve_n,
        "heading_acc": summary.heading_acc,
        "lost": summary.lost,
        "labels": {lab: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "gold": s.gold,
                         "predicted": s.predicted, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                   for lab, s in summary.labels.items()},
        "confusion": summary.confusion,
    }


def article_to_dict(result: ArticleResult) -> dict[str, Any]:
    return {"file": result.file, "language": result.language, **summary_to_dict(result.summary),
            "seconds": round(result.seconds, 3)}


def judgement_to_dict(j: Judgement) -> dict[str, Any]:
    """One sentence as the error list gives it: the gold beside what srcview said."""
    g = j.gold
    return {
        "article": j.article, "i": g.i, "line": g.line, "text": g.text,
        "gold": g.label, "alt": list(g.alt), "gold_source": g.source, "gold_canonical": g.canonical,
        "pred": j.pred, "claim": j.claim, "pred_source": j.pred_source, "pred_canonical": j.pred_canonical,
        "lost": j.lost, "ok": j.ok, "source_ok": j.source_ok, "resolve_ok": j.resolve_ok,
    }


def to_dict(evaluation: Evaluation, folders: Sequence[str] = (), show_errors: bool = False) -> dict[str, Any]:
    """The whole evaluation: ``total`` (with ``articles`` and ``seconds``), ``languages``, ``articles``
    (by file name, as the reference scorer keys them) and, with ``show_errors``, ``errors``."""
    total = summary_to_dict(evaluation.total)
    total["articles"] = len(evaluation.articles)
    total["seconds"] = round(evaluation.seconds, 2)
    languages = {}
    for code, summary in evaluation.languages.items():
        languages[code] = {**summary_to_dict(summary),
                           "articles": sum(1 for a in evaluation.articles if a.language == code)}
    doc: dict[str, Any] = {
        "srcview": __version__,
        "gold": [str(f) for f in folders],
        "total": total,
        "languages": languages,
        "articles": {a.name: article_to_dict(a) for a in evaluation.articles},
    }
    if show_errors:
        doc["errors"] = [judgement_to_dict(j) for j in evaluation.judgements if j.wrong]
    return doc


def to_json(evaluation: Evaluation, folders: Sequence[str] = (), show_errors: bool = False) -> str:
    from .export import dumps

    return dumps(to_dict(evaluation, folders, show_errors), indent=1)


# --- text ----------------------------------------------------------------------

def to_text(evaluation: Evaluation, show_errors: bool = False) -> str:
    """The report a person reads: per article, the totals, per label, the confusion matrix, per language."""
    total = evaluation.total
    lines = [f"srcview --eval: {_count(len(evaluation.articles), 'article')}, {total.claims} claims, "
             f"{total.headings} headings, {total.lost} lost, {evaluation.seconds:.1f} s", ""]
    width = max([len("article"), *(len(clean(a.name)) for a in evaluation.articles)])
    width = min(width, 48)
    lines.append(f"{'article':{width}} lang claims label   mF1 source resolve  head lost")
    for a in evaluation.articles:
        s = a.summary
        lines.append(f"{_fit(clean(a.name), width)} {clean(a.language)[:4]:4} {s.claims:6} "
                     f"{_rate(s.label_acc, s.claims, 5)} {_rate(s.macro_f1, s.claims, 5)} "
                     f"{_rate(s.source_acc, s.source_n, 6)} {_rate(s.resolve_acc, s.resolve_n, 7)} "
                     f"{_rate(s.heading_acc, s.headings, 5)} {s.lost:4}")
    lines += ["", "TOTAL " + headline(total), ""]
    lines += label_table(total)
    lines += [""] + confusion_table(total)
    if len(evaluation.languages) > 1:
        for code, summary in evaluation.languages.items():
            n = sum(1 for a in evaluation.articles if a.language == code)
            lines += ["", f"{clean(code)} ({_count(n, 'article')}, {summary.claims} claims) {headline(summary)}", ""]
            lines += ["  " + line for line in label_table(summary)]
    if show_errors:
        wrong = [j for j in evaluation.judgements if j.wrong]
        lines += ["", f"errors: {len(wrong)} sentences"]
        for j in wrong:
            lines += error_lines(j)
    return "\n".join(lines) + "\n"


def headline(s: Summary) -> str:
    return (f"label_acc={s.label_acc:.3f} macro_f1={s.macro_f1:.3f} source_acc={s.source_acc:.3f} "
            f"(n={s.source_n}) resolve_acc={s.resolve_acc:.3f} (n={s.resolve_n}) "
            f"heading_acc={s.heading_acc:.3f} (n={s.headings}) lost={s.lost}")


def label_table(s: Summary) -> list[str]:
    lines = [f"{'label':12} {'precision':>9} {'recall':>6} {'F1':>5} {'gold':>5} {'pred':>5}"]
    for lab in LABELS:
        x = s.labels[lab]
        mark = "" if lab in s.present else "  (not in the gold: left out of macro_f1)"
        lines.append(f"{lab:12} {x.precision:9.3f} {x.recall:6.3f} {x.f1:5.3f} {x.gold:5} {x.predicted:5}{mark}")
    return lines


def confusion_table(s: Summary) -> list[str]:
    columns = list(next(iter(s.confusion.values())))
    widths = [max(5, len(c)) for c in columns]
    lines = ["confusion: gold (rows) × predicted (columns); a label that \"alt\" allows counts as the gold one;",
             f"{NONE}: no claim covers half the sentence; {LOST}: the sentence is not in the article",
             f"{'':12} " + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))]
    for lab, row in s.confusion.items():
        lines.append(f"{lab:12} " + " ".join(f"{row[c]:>{w}}" for c, w in zip(columns, widths, strict=True)))
    return lines


def error_lines(j: Judgement) -> list[str]:
    g = j.gold
    what = [w for w, bad in (("label", not j.ok), ("source", j.source_ok is False),
                             ("resolution", j.resolve_ok is False)) if bad]
    gold = "/".join(g.accepted)
    pred = "lost (not in the article)" if j.lost else (j.pred or "no claim")
    lines = [f"- {clean(j.article)}#{g.i} (line {g.line}) wrong {', '.join(what)}: gold {clean(gold)}, "
             f"predicted {clean(pred)}"]
    if g.source or g.canonical or j.pred_source or j.pred_canonical:
        lines.append(f"    gold source {_name(g.source)} ({_name(g.canonical)}), "
                     f"predicted {_name(j.pred_source)} ({_name(j.pred_canonical)})")
    text = clean(g.text)
    lines.append("    " + (text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"))
    return lines


def _fit(text: str, width: int) -> str:
    return f"{text:{width}}" if len(text) <= width else text[: width - 1] + "…"


def _rate(value: float, n: int, width: int) -> str:
    """A share to two places, or "-" where there was nothing to measure."""
    return f"{value:{width}.2f}" if n else f"{'-':>{width}}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _name(value: str | None) -> str:
    return "-" if not value else repr(clean(value))
