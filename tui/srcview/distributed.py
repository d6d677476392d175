"""Optional Dask support: analyse a large set of articles on a cluster.

The engine is a pure function of the text and the rules, so a corpus splits
freely.  ``analyze_bag`` returns a ``dask.bag.Bag`` of contract dicts (the JSON
document of CONTRACT.md, as :func:`srcview.export.to_dict` gives it), one per
path in the order given; a file that cannot be read or analysed gives
``{"file": path, "error": message}`` instead of stopping the job.  ``rows``
gathers the bag as CSV records or JSON Lines::

    from srcview.distributed import analyze_bag, rows

    bag = analyze_bag(paths, rules_paths=["house.toml"])
    with open("claims.csv", "w", encoding="utf-8") as out:
        out.writelines(rows(bag, "csv"))

Dask is optional: ``pip install 'srcview[dask]'``.  Without a client, a bag
runs on Dask's local scheduler (processes by default; pass
``scheduler="threads"`` or ``"synchronous"`` to ``rows`` or ``compute``).  To
run on a cluster, connect a client first; the rest is unchanged::

    from dask.distributed import Client   # pip install 'dask[distributed]'
    client = Client("tcp://scheduler:8786")
    bag = analyze_bag(paths, npartitions=4 * len(client.scheduler_info()["workers"]))
    lines = rows(bag, "jsonl")

The workers must see the article files under the same paths (a shared or
mounted filesystem; absolute paths are safest).  The rules are loaded and
checked once on the client and shipped to the workers, so the rules files need
not exist there.  Each partition uses one Engine; building one costs about a
second, so a worker thread keeps the last Engine it built and reuses it for the
next partition with the same rules (replacing it after 2,000 articles, as
:mod:`srcview.batch` does, since spaCy's vocabulary grows with every new word).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from typing import Any

from .batch import RENEW_EVERY
from .rules import Rules

_HINT = "srcview's Dask support needs Dask: pip install 'srcview[dask]'"


def _dask_bag():
    try:
        import dask
        import dask.bag
    except ImportError as exc:
        raise ImportError(f"{_HINT} ({exc})") from exc
    return dask, dask.bag


def fingerprint(rules: Rules) -> str:
    """A short digest of the effective rules, so workers can tell when a cached Engine still fits."""
    blob = json.dumps(rules.data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


_local = threading.local()


def _engines(rules: Rules, key: str):
    """The Engine for ``rules`` on this worker thread: the one it built last if the rules match."""
    from .batch import RenewingEngine

    cached = getattr(_local, "engines", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    _local.engines = None  # let the old one go before building the next
    engines = RenewingEngine(rules, RENEW_EVERY)
    engines.current()
    _local.engines = (key, engines)
    return engines


def analyze_partition(paths: Sequence[str], rules: Rules, key: str, lang: str = "auto") -> list[dict[str, Any]]:
    """Contract dicts (or error dicts) for one partition's paths, with one Engine."""
    from .batch import BatchError
    from .export import to_dict

    engines = _engines(rules, key)
    out = []
    for path in paths:
        result = engines.analyze(path, lang)
        if isinstance(result, BatchError):
            out.append({"file": result.file, "error": result.message})
        else:
            out.append(to_dict(result))
    return out


def analyze_bag(
    paths: Sequence[str | os.PathLike[str]],
    rules_paths: Sequence[str | os.PathLike[str]] = (),
    lang: str = "auto",
    npartitions: int | None = None,
    *,
    rules: Rules | None = None,
):
    """A ``dask.bag.Bag`` of contract dicts, one per path, in order.

    ``rules_paths`` are layered over the shipped rules; they are loaded here (a
    broken file raises RulesError at once) and sent to the workers once.
    ``npartitions`` defaults to Dask's choice (about 100 partitions).
    """
    dask, db = _dask_bag()
    from .batch import load

    if rules is None:
        rules = load(rules_paths)
    names = [str(p) for p in paths]
    if not names:
        return db.from_sequence([], npartitions=1)
    if npartitions is not None:
        npartitions = max(1, min(int(npartitions), len(names)))
    bag = db.from_sequence(names, npartitions=npartitions)
    shipped = dask.delayed(rules, pure=True)  # one copy in the graph, not one per partition
    return bag.map_partitions(analyze_partition, shipped, fingerprint(rules), lang)


def _format_partition(docs: Sequence[dict[str, Any]], fmt: str) -> list[str]:
    import io

    from .formats import csv_rows, csv_writer, jsonl_line

    if fmt == "jsonl":
        return [jsonl_line(doc) for doc in docs]
    out = []
    for doc in docs:
        for row in csv_rows(doc):
            buf = io.StringIO()
            csv_writer(buf).writerow(row)
            out.append(buf.getvalue())
    return out


def rows(bag, fmt: str = "jsonl", **compute: Any) -> list[str]:
    """The bag gathered as CSV records or JSON Lines, in order; ``"".join(...)`` is the file.

    ``csv``: the header, then one record per claim, and for an article that
    failed one record with only ``file`` and ``error``.  ``jsonl``: one line per
    article, error dicts included.  Each string ends with a newline.
    Keyword arguments go to ``compute`` (e.g. ``scheduler="synchronous"``).
    """
    if fmt not in ("csv", "jsonl"):
        raise ValueError(f"rows() writes csv or jsonl, not '{fmt}'")
    _dask_bag()
    records = bag.map_partitions(_format_partition, fmt).compute(**compute)
    if fmt == "csv":
        import io

        from .formats import CSV_COLUMNS, csv_writer

        buf = io.StringIO()
        csv_writer(buf).writerow(CSV_COLUMNS)
        return [buf.getvalue(), *records]
    return list(records)
