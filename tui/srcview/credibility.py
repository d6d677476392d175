"""Where every credibility comes from, and the article's own outlet.

A registry entry's credibility is decided once, when the engine is built, in
this order (:func:`effective_registry`):

1. a ``credibility`` set for it in a rules file of the user's own —
   basis ``"your rules · my-rules.toml:12"``;
2. the published rating of its ``domain`` (:mod:`srcview.ratings`, Lin et al.
   2023) — basis ``"Lin et al. 2023 · wsj.com"``;
3. the editorial value in the shipped ``registry.toml`` — basis
   ``"srcview default for a government body"``.

The entries come out as plain dicts with ``domain`` normalised and
``credibility_basis`` filled in, ready for
:class:`srcview.engine.registry.Registry`.

:func:`identify_outlet` finds the outlet that published the article — from
``--outlet``, from the saved page (canonical link, ``og:url``,
``og:site_name``), or from a dateline or copyright line naming a registry
outlet — and rates it the same way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from .model import KIND_PHRASES, Analysis, Outlet
from .ratings import Ratings, looks_like_domain, normalise_domain
from .rules import Rules, default_rules_dir

USER_BASIS = "your rules · {where}"
DEFAULT_BASIS = "srcview default for {kind}"


def default_basis(kind: str) -> str:
    """The basis of an editorial value from the shipped registry."""
    return DEFAULT_BASIS.format(kind=KIND_PHRASES.get(kind, "this kind of source"))


def user_basis(path: Path, line: int | None) -> str:
    """The basis of a value from the user's rules file at ``path`` (and line)."""
    return USER_BASIS.format(where=f"{path}:{line}" if line else str(path))


def _is_shipped(path: Path, shipped: Path) -> bool:
    try:
        return path.resolve().parent == shipped
    except OSError:
        return False


_LINES: dict[tuple[str, int, int], dict[tuple, tuple[int, int]]] = {}


def _positions(path: Path) -> tuple[dict[tuple, tuple[int, int]], list[Any]]:
    """Line and column of every key in ``path`` (see :func:`srcview.validate.locate`), and its registry list."""
    from .rules import read_toml
    from .validate import locate

    try:
        info = path.stat()
        text = path.read_text(encoding="utf-8-sig")
        data = read_toml(path)
    except Exception:  # noqa: BLE001 - a line number is a courtesy; the file was checked when it loaded
        return {}, []
    key = (str(path), info.st_mtime_ns, info.st_size)
    if key not in _LINES:
        if len(_LINES) > 64:
            _LINES.clear()
        _LINES[key] = locate(text)
    registry = data.get("registry", [])
    return _LINES[key], registry if isinstance(registry, list) else []


def line_of(path: Path, ident: str, key: str = "credibility") -> int | None:
    """The line of ``key`` in the ``[[registry]]`` entry ``ident`` of the rules file at ``path``."""
    where, entries = _positions(path)
    for index, entry in enumerate(entries):
        if isinstance(entry, Mapping) and ident in (entry.get("id"), entry.get("name")):
            found = where.get(("registry", index, key)) or where.get(("registry", index))
            return found[0] if found else None
    return None


def effective_registry(rules: Rules, ratings: Ratings | None = None) -> list[dict[str, Any]]:
    """The registry entries of ``rules`` with ``domain``, ``credibility`` and ``credibility_basis`` decided."""
    if ratings is None:
        from .ratings import shipped

        ratings = shipped()
    shipped_dir = default_rules_dir().resolve()
    out = []
    for raw in rules.registry:
        entry = dict(raw)
        ident = raw.get("id") or raw.get("name")
        domain = normalise_domain(str(raw["domain"])) if raw.get("domain") else None
        given = raw.get("credibility")
        origin = rules.origins.get(("registry", ident, "credibility"))
        rating = ratings.rating(domain) if domain else None
        if given is not None and origin is not None and not _is_shipped(origin, shipped_dir):
            basis = user_basis(_shown(origin), line_of(origin, str(ident)))
        elif rating is not None:
            entry["credibility"] = round(rating.value, 3)
            basis = rating.basis
        elif given is not None:
            basis = default_basis(str(raw.get("kind", "organisation")))
        else:
            basis = None
        entry["domain"] = domain
        entry["credibility_basis"] = basis
        out.append(entry)
    return out


def _shown(path: Path) -> Path:
    """``path`` as a person would write it: relative to the current folder when it is inside it."""
    try:
        return Path(os.path.relpath(path)) if not path.is_absolute() or Path.cwd() in path.parents else path
    except ValueError:  # another drive on Windows
        return path


# --- the article's own outlet ----------------------------------------------------------------------------

class _Entry(Protocol):
    id: str
    name: str
    kind: str
    credibility: float | None
    domain: str | None
    basis: str | None


class _Registry(Protocol):
    def exact(self, name: str) -> Any: ...
    def by_domain(self, domain: str) -> Any: ...
    def lookup(self, name: str) -> Any: ...


#: "WASHINGTON (Reuters) -", "DEN HAAG (ANP) -": a dateline crediting an agency, at the start of a paragraph.
_DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ .,'/-]{1,40}\s*\((?P<name>[^()\n]{2,40})\)\s*[-–—:]", re.MULTILINE)
#: "© 2024 The New York Times", "Copyright 2023 Reuters", "(c) NRC": a copyright line.
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<name>[^\n.|,;]{2,60})", re.IGNORECASE)


def rate_outlet(name: str | None, domain: str | None, registry: _Registry, ratings: Ratings | None = None,
                found: str = "") -> Outlet | None:
    """An :class:`Outlet` for a name and/or domain: its registry entry's standing, else its domain's rating."""
    if ratings is None:
        from .ratings import shipped

        ratings = shipped()
    domain = normalise_domain(domain) if domain else None
    entry = registry.by_domain(domain) if domain else None
    if entry is None and name:
        hit = registry.lookup(name)
        entry = hit[0] if hit is not None and hit[0].kind == "outlet" else None
    if entry is not None and domain is None:
        domain = entry.domain
    shown = entry.name if entry is not None else (name or domain or "")  # the registry's name, as sources show it
    if entry is not None and entry.credibility is not None:
        return Outlet(shown, domain, entry.credibility, entry.basis, found)
    rating = ratings.rating(domain) if domain else None
    if rating is not None:
        return Outlet(shown, domain, round(rating.value, 3), rating.basis, found)
    return Outlet(shown, domain, None, None, found) if shown else None


def identify_outlet(text: str, registry: _Registry, page: Mapping[str, str] | None = None,
                    given: str | None = None, ratings: Ratings | None = None) -> Outlet | None:
    """The article's own outlet: ``given`` (``--outlet NAME|DOMAIN``), else its page, else a dateline; or None."""
    if given and given.strip():
        given = given.strip()
        if looks_like_domain(given):
            return rate_outlet(None, given, registry, ratings, "--outlet")
        return rate_outlet(given, None, registry, ratings, "--outlet")
    page = page or {}
    site = page.get("og:site_name") or page.get("application-name")
    for key, label in (("canonical", "canonical link"), ("og:url", "og:url")):
        domain = normalise_domain(page[key]) if page.get(key) else None
        if domain:
            return rate_outlet(site, domain, registry, ratings, label)
    if site:
        return rate_outlet(site, None, registry, ratings, "og:site_name")
    head = text[:3000]
    tail = text[-3000:]
    for pattern, where, label in ((_DATELINE, head, "dateline"), (_COPYRIGHT, tail, "copyright line")):
        for match in pattern.finditer(where):
            name = match.group("name").strip()
            hit = registry.lookup(name)
            if hit is not None and hit[0].kind == "outlet":
                return rate_outlet(hit[0].name, None, registry, ratings, label)
    return None


# --- saying it --------------------------------------------------------------------------------------------

def describe_outlet(outlet: Outlet | None) -> str:
    """One line: "The New York Times (nytimes.com) · rating 0.86 · Lin et al. 2023 · nytimes.com"; "unknown"."""
    if outlet is None:
        return "unknown"
    parts = [outlet.name + (f" ({outlet.domain})" if outlet.domain and outlet.domain != outlet.name else "")]
    if outlet.rating is not None:
        parts.append(f"rating {outlet.rating:.2f}")
        if outlet.basis:
            parts.append(outlet.basis)
    else:
        parts.append("no rating")
    return " · ".join(parts)


def describe_credibility(value: float | None, basis: str | None) -> str:
    """ "0.80 (Lin et al. 2023 · wsj.com)", "0.70 (srcview default for a government body)", or "–"."""
    if value is None:
        return "–"
    return f"{value:.2f} ({basis})" if basis else f"{value:.2f}"


def ratings_citation(analysis: Analysis) -> str | None:
    """The full citation of the published ratings when the analysis shows one of them, else None."""
    from .ratings import default_config

    config = default_config()
    if not config.cite:
        return None
    bases = [s.credibility_basis for s in analysis.sources]
    if analysis.outlet is not None:
        bases.append(analysis.outlet.basis)
    if any(b and b.startswith(config.cite) for b in bases):
        return config.citation
    return None
