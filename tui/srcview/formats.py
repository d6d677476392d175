"""Writers for one analysis or a stream of many: json, jsonl, csv, md and text.

``open_writer(fmt, out)`` returns a :class:`Writer`; call ``write(analysis)`` for
each article as it is analysed and ``close()`` at the end (or use it as a
context manager).  Every writer writes as it goes and keeps nothing but running
totals, so a folder of thousands of articles is never held in memory.

- ``json``: the contract document (:func:`srcview.export.iter_json`) of exactly
  one analysis; a second ``write`` raises ``ValueError``.  JSON keeps control
  characters only as ``\\uXXXX`` escapes.
- ``jsonl``: one compact contract document per line; an article that could not
  be analysed as ``{"file": …, "error": …}``.
- ``csv``: a header, then one row per claim (:data:`CSV_COLUMNS`); an article
  that could not be analysed as one row with only ``file`` and ``error``.  Text
  from the article keeps its newlines (the csv module quotes them) but loses its
  control characters, and a cell that a spreadsheet would run as a formula
  (``=``, ``+``, ``-``, ``@`` …) starts with ``'`` (:func:`srcview.cleaning.csv_cell`).
- ``md``: a sourcing report per article for a newsroom review: summary, sources
  table, claims grouped by label.  Everything taken from the article is passed
  through :func:`srcview.report.clean` and Markdown-escaped.
- ``text``: :func:`srcview.report.text_report` per article, a blank line between.

:func:`summary` gives the figures per article (counts, shares, mean score, named
sources, anonymous share) and :func:`gate` the reasons an article fails the
``--fail-under`` / ``--max-anonymous`` gates.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

from .cleaning import clean, csv_cell
from .credibility import describe_outlet, ratings_citation
from .export import claim_to_dict, dumps, iter_json, outlet_to_dict
from .model import LABELS, UNNAMED_KINDS, Analysis
from .report import text_report

#: The output formats and what each gives, in the order ``--help`` lists them.
FORMAT_HELP: dict[str, str] = {
    "json": "the contract document (a comparison for several files)",
    "jsonl": "one document per line",
    "csv": "one row per claim",
    "md": "a sourcing report",
    "text": "a short report",
}
FORMATS: tuple[str, ...] = tuple(FORMAT_HELP)
#: Formats with a record per input, for programs: an input that could not be read is a record too.
RECORD_FORMATS: tuple[str, ...] = ("jsonl", "csv")

CSV_COLUMNS = (
    "file", "id", "start", "end", "paragraph", "label", "score", "quote",
    "source_text", "source_canonical", "source_kind", "credibility", "registry_entry", "similarity",
    "cue", "hedges", "via", "text", "source_domain", "credibility_basis",
    "outlet", "outlet_domain", "outlet_rating", "outlet_basis", "error",
)


# --- figures -----------------------------------------------------------------
def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def summary(analysis: Analysis) -> dict[str, Any]:
    """The article's figures.

    ``counts`` and ``shares`` (0–1) per label, ``mean_score`` (the mean of the
    claims' scores as the JSON document rounds them, to one decimal; None without
    claims), ``named_sources`` (distinct canonical names of the sources that are
    not anonymous or vague, in order of first mention), ``anonymous`` (claims
    labelled anonymous) and ``anonymous_share``.
    """
    n = len(analysis.claims)
    counts = analysis.counts()
    named: list[str] = []
    for src in analysis.sources:
        if src.kind not in UNNAMED_KINDS and src.canonical not in named:
            named.append(src.canonical)
    return {
        "file": analysis.file,
        "language": analysis.language,
        "claims": n,
        "headings": len(analysis.headings),
        "sources": len(analysis.sources),
        "counts": counts,
        "shares": {label: (counts[label] / n if n else 0.0) for label in LABELS},
        "mean_score": _mean([round(c.score, 1) for c in analysis.claims]),
        "named_sources": named,
        "anonymous": counts["anonymous"],
        "anonymous_share": counts["anonymous"] / n if n else 0.0,
    }


def _num(value: float) -> str:
    return f"{value:g}"


def gate(analysis: Analysis, fail_under: float | None = None, max_anonymous: int | None = None) -> list[str]:
    """Why the article fails the gates; an empty list when it passes.

    ``fail_under``: the mean claim score (as :func:`summary` rounds it) must be at
    least this; an article without claims has no mean and passes.
    ``max_anonymous``: at most this many claims may be labelled anonymous.
    """
    figures = summary(analysis)
    reasons = []
    mean = figures["mean_score"]
    if fail_under is not None and mean is not None and mean < fail_under:
        reasons.append(f"mean score {mean:.1f} is under {_num(fail_under)}")
    anonymous = figures["anonymous"]
    if max_anonymous is not None and anonymous > max_anonymous:
        noun = "claim" if anonymous == 1 else "claims"
        reasons.append(f"{anonymous} anonymous {noun}, more than {max_anonymous}")
    return reasons


# --- writers -----------------------------------------------------------------
class Writer:
    """Writes analyses to ``out`` one at a time; ``close()`` finishes the output.

    ``close()`` does not close ``out``; it flushes it.
    """

    fmt = ""
    #: Whether an article that could not be analysed gets a record of its own (text leaves that to stderr).
    records_errors = True

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0
        self.closed = False

    def write(self, analysis: Analysis) -> None:
        if self.closed:
            raise ValueError(f"{self.fmt} writer is closed")
        self._write(analysis)
        self.count += 1

    def write_error(self, file: str, message: str) -> None:
        """Record an article that could not be analysed (json holds one article and text is for reading: not there)."""

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._close()
            self.out.flush()

    def _write(self, analysis: Analysis) -> None:
        raise NotImplementedError

    def _close(self) -> None:
        pass

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class JsonWriter(Writer):
    """Exactly one analysis as the indented contract document."""

    fmt = "json"
    records_errors = False

    def _write(self, analysis: Analysis) -> None:
        if self.count:
            raise ValueError("the json format holds one article; use jsonl for several")
        self.out.writelines(iter_json(analysis))
        self.out.write("\n")


def jsonl_line(doc: dict[str, Any]) -> str:
    """One JSON Lines record (compact, UTF-8 kept, controls escaped, newline-terminated)."""
    return dumps(doc) + "\n"


class JsonlWriter(Writer):
    """One compact contract document per line; an error as ``{"file": …, "error": …}``."""

    fmt = "jsonl"

    def _write(self, analysis: Analysis) -> None:
        self.out.writelines(iter_json(analysis, indent=None))
        self.out.write("\n")

    def write_error(self, file: str, message: str) -> None:
        self.out.write(jsonl_line({"file": file, "error": message}))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return csv_cell(value)


def _claim_row(file: Any, claim: dict[str, Any], outlet: dict[str, Any] | None = None) -> list[Any]:
    src = claim.get("source") or {}
    outlet = outlet or {}
    match = src.get("match") or {}
    cue = claim.get("cue") or {}
    row = {
        "file": file, "id": claim["id"], "start": claim["start"], "end": claim["end"],
        "paragraph": claim["paragraph"], "label": claim["label"], "score": claim["score"],
        "quote": claim["quote"],
        "source_text": src.get("text"), "source_canonical": src.get("canonical"),
        "source_kind": src.get("kind"), "credibility": src.get("credibility"),
        "registry_entry": match.get("entry"), "similarity": match.get("similarity"),
        "cue": cue.get("text"), "hedges": "; ".join(h["text"] for h in claim.get("hedges", ())),
        "via": claim.get("via"), "text": claim["text"],
        "source_domain": src.get("domain"), "credibility_basis": src.get("credibility_basis"),
        "outlet": outlet.get("name"), "outlet_domain": outlet.get("domain"), "outlet_rating": outlet.get("rating"),
        "outlet_basis": outlet.get("basis"), "error": None,
    }
    return [_cell(row[col]) for col in CSV_COLUMNS]


def error_row(file: str, message: str) -> list[Any]:
    """The CSV row of an article that could not be analysed: its ``file`` and ``error``, nothing else."""
    return [_cell(file) if col == "file" else _cell(message) if col == "error" else "" for col in CSV_COLUMNS]


def csv_rows(doc: dict[str, Any]) -> list[list[Any]]:
    """The CSV rows (in :data:`CSV_COLUMNS` order) of a contract document, or of an ``{"file", "error"}`` record."""
    if "error" in doc and "claims" not in doc:
        return [error_row(str(doc.get("file")), str(doc["error"]))]
    return [_claim_row(doc.get("file"), claim, doc.get("outlet")) for claim in doc.get("claims", ())]


def analysis_rows(analysis: Analysis) -> Iterable[list[Any]]:
    """The CSV rows of one analysis, a claim at a time."""
    outlet = outlet_to_dict(analysis.outlet)
    for claim in analysis.claims:
        yield _claim_row(analysis.file, claim_to_dict(claim), outlet)


def csv_writer(out: TextIO) -> Any:
    """A ``csv.writer`` as the csv format uses it (``\\n`` line ends, so a text stream needs no ``newline=""``)."""
    return csv.writer(out, lineterminator="\n")


class CsvWriter(Writer):
    """A header, then one row per claim of every article."""

    fmt = "csv"

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self._csv = csv_writer(out)
        self._csv.writerow(CSV_COLUMNS)

    def _write(self, analysis: Analysis) -> None:
        self._csv.writerows(analysis_rows(analysis))

    def write_error(self, file: str, message: str) -> None:
        self._csv.writerow(error_row(file, message))


class TextWriter(Writer):
    """The plain-text report of each article, a blank line between them."""

    fmt = "text"
    records_errors = False

    def __init__(self, out: TextIO, width: int = 100) -> None:
        super().__init__(out)
        self.width = width

    def _write(self, analysis: Analysis) -> None:
        if self.count:
            self.out.write("\n")
        self.out.write(text_report(analysis, width=self.width))


# --- Markdown ----------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LEADING = re.compile(r"^([#+=>-]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """``text`` cleaned (one line, no escapes or controls) and safe inside Markdown and table cells.

    Backslash-escapes ``\\ ` * _ [ ] < > | ~`` everywhere and a leading ``# + - = >``
    or list number, so article text can neither end a table cell, open a code
    span or link, nor become a heading or list.
    """
    text = _MD_SPECIAL.sub(r"\\\1", clean(text)).strip()
    lead = _MD_LEADING.match(text)
    if lead is None:
        return text
    if lead.group().isdigit():  # "1." or "1)" would start an ordered list
        return text[: lead.end()] + "\\" + text[lead.end():]
    return "\\" + text


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _cred(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def md_report(analysis: Analysis) -> str:
    """The Markdown sourcing report of one article."""
    fig = summary(analysis)
    n = fig["claims"]
    counts = fig["counts"]
    lines = [f"# {md_escape(analysis.file) or 'article'}", ""]

    lines += ["## Summary", ""]
    lines.append(f"- Language: {md_escape(analysis.language)}")
    lines.append(f"- Outlet: {md_escape(describe_outlet(analysis.outlet))}")
    heads = len(analysis.headings)
    lines.append(f"- Claims: {n} ({heads} heading{'' if heads == 1 else 's'} set apart)")
    for label in LABELS:
        lines.append(f"  - {label}: {counts[label]} ({_pct(counts[label], n)})")
    lines.append(f"- Mean score: {_score(fig['mean_score'])}")
    named = fig["named_sources"]
    shown = ", ".join(md_escape(name) for name in named[:12]) + (f", … ({len(named) - 12} more)"
                                                                  if len(named) > 12 else "")
    lines.append(f"- Named sources: {len(named)}" + (f" ({shown})" if named else ""))
    lines.append(f"- Resting on anonymous sources: {counts['anonymous']} of {n} claims "
                 f"({_pct(counts['anonymous'], n)})")
    lines.append("")

    lines += ["## Sources", ""]
    if analysis.sources:
        scores = {c.id: c.score for c in analysis.claims}
        lines.append("| source | kind | credibility | basis | claims | mean score |")
        lines.append("| --- | --- | ---: | --- | ---: | ---: |")
        for src in analysis.sources:
            mean = _mean([round(scores[i], 1) for i in src.claims if i in scores])
            basis = md_escape(src.credibility_basis or "") or "–"
            lines.append(f"| {md_escape(src.canonical) or '–'} | {md_escape(src.kind)} | {_cred(src.credibility)} "
                         f"| {basis} | {len(src.claims)} | {_score(mean)} |")
    else:
        lines.append("No sources found.")
    lines.append("")

    for label in LABELS:
        claims = [c for c in analysis.claims if c.label == label]
        lines += [f"## {label.capitalize()} ({len(claims)})", ""]
        if not claims:
            lines += ["None.", ""]
            continue
        for c in claims:
            parts = [f"**#{c.id}**", f"score {c.score:.1f}"]
            if c.source is not None:
                src = md_escape(c.source.canonical)
                written = md_escape(c.source.text)
                if written and written != src:
                    src += f" (“{written}”)"
                parts.append(f"source: {src}, {md_escape(c.source.kind)}")
            if c.cue is not None:
                parts.append(f"cue: “{md_escape(c.cue.text)}”")
            if c.hedges:
                parts.append("hedges: " + ", ".join(f"“{md_escape(h.text)}”" for h in c.hedges))
            if c.quote:
                parts.append("quotation")
            lines.append("- " + " · ".join(parts))
            lines.append(f"  > {md_escape(c.text)}")
        lines.append("")
    citation = ratings_citation(analysis)
    if citation:
        lines += [f"Outlet ratings: {md_escape(citation)}", ""]
    return "\n".join(lines)


class MarkdownWriter(Writer):
    """One sourcing report per article; with several, an overall summary at the end."""

    fmt = "md"

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self._totals = {label: 0 for label in LABELS}
        self._score_sum = 0.0
        self._errors = 0

    def _write(self, analysis: Analysis) -> None:
        if self.count or self._errors:
            self.out.write("\n")
        self.out.write(md_report(analysis))
        for label, n in analysis.counts().items():
            self._totals[label] += n
        self._score_sum += sum(round(c.score, 1) for c in analysis.claims)

    def write_error(self, file: str, message: str) -> None:
        if self.count or self._errors:
            self.out.write("\n")
        self.out.write(f"# {md_escape(file) or 'article'}\n\nCould not analyse: {md_escape(message)}\n")
        self._errors += 1

    def _close(self) -> None:
        if self.count + self._errors < 2:
            return
        n = sum(self._totals.values())
        lines = ["", "# All articles", "", f"- Articles: {self.count}"]
        if self._errors:
            lines.append(f"- Not analysed: {self._errors}")
        lines.append(f"- Claims: {n}")
        for label in LABELS:
            lines.append(f"  - {label}: {self._totals[label]} ({_pct(self._totals[label], n)})")
        lines.append(f"- Mean score: {_score(round(self._score_sum / n, 1) if n else None)}")
        self.out.write("\n".join(lines) + "\n")


_WRITERS: dict[str, type[Writer]] = {
    "json": JsonWriter, "jsonl": JsonlWriter, "csv": CsvWriter, "md": MarkdownWriter, "text": TextWriter,
}


def open_writer(fmt: str, out: TextIO, width: int = 100) -> Writer:
    """A writer of ``fmt`` (one of :data:`FORMATS`) to ``out``; ``width`` is for the text format."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if fmt == "text":
        return TextWriter(out, width=width)
    return _WRITERS[fmt](out)
