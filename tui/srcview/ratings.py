"""Published ratings of news domains, and the domain names they are looked up by.

``rules/ratings/ratings.toml`` says which file holds the ratings (Lin et al.
2023, shipped beside it as ``domain-ratings-lin2023.csv``), how to cite them, and how a
host name is reduced to the domain they rate.  :func:`normalise_domain` turns a
URL, a host or a domain as people write it into that key; :class:`Ratings`
looks it up, falling back from a subdomain to its registered domain when only
that is rated (never onto a host of many publishers, such as blogspot.com).

Nothing here reads the article or knows the registry: :mod:`srcview.credibility`
puts the two together.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .errors import RulesError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILE = "ratings/ratings.toml"  # under the shipped rules folder; not a rules layer
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
#: A source name written as a domain: "NYTimes.com", "nos.nl", "https://www.wsj.com/articles/…".
_DOMAIN_LIKE = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,24}\.?(?:[/?#]\S*)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rating:
    """One domain's rating, and the words that cite it ("Lin et al. 2023 · wsj.com")."""

    domain: str  # the rated domain (the registered domain when a subdomain fell back to it)
    value: float  # 0–1
    cite: str  # "Lin et al. 2023"

    @property
    def basis(self) -> str:
        return f"{self.cite} · {self.domain}"


def looks_like_domain(text: str) -> bool:
    """Whether ``text`` is written as a web address or domain ("nytimes.com", "https://nos.nl/x")."""
    return " " not in text.strip() and _DOMAIN_LIKE.fullmatch(text.strip()) is not None


def host_of(text: str) -> str | None:
    """The host name in a URL, ``//host/…``, ``host/path`` or bare host; lower case, ASCII (IDNA); None if none."""
    text = text.strip()
    if not text:
        return None
    if "://" not in text:
        text = "//" + text.lstrip("/")
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        return None
    return host


def normalise_domain(text: str, same_site: frozenset[str] | None = None) -> str | None:
    """The domain ``text`` names: its host without ``www.``, ``m.``, ``amp.`` and the like in front.

    ``"https://www.NYTimes.com/2019/…"`` → ``"nytimes.com"``; ``"m.nos.nl"`` →
    ``"nos.nl"``; ``"news.bbc.co.uk"`` stays as it is (see :meth:`Ratings.rating`
    for the fall back to ``bbc.co.uk``).  None when ``text`` holds no host name.
    """
    host = host_of(text)
    if host is None:
        return None
    return _strip_same_site(host, default_config().same_site if same_site is None else same_site)


def _strip_same_site(domain: str, same_site: frozenset[str]) -> str:
    """``domain`` (already a lower-case host) without its same-site first labels: the fast part of normalising."""
    labels = domain.split(".")
    while len(labels) > 2 and labels[0] in same_site:
        labels = labels[1:]
    return ".".join(labels)


@dataclass(frozen=True)
class RatingsConfig:
    """What ``rules/ratings/ratings.toml`` says."""

    file: Path
    column: str
    cite: str
    citation: str
    same_site: frozenset[str]
    shared_hosts: frozenset[str]


@lru_cache(maxsize=4)
def load_config(folder: Path) -> RatingsConfig:
    path = folder / CONFIG_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"cannot read the shipped ratings settings: {exc}", path=path) from None
    ratings, domains = data.get("ratings", {}), data.get("domains", {})
    return RatingsConfig(
        file=path.parent / str(ratings.get("file", "domain-ratings-lin2023.csv")),
        column=str(ratings.get("column", "pc1")),
        cite=str(ratings.get("cite", "")),
        citation=str(ratings.get("citation", "")),
        same_site=frozenset(str(x).lower() for x in domains.get("same_site", ())),
        shared_hosts=frozenset(str(x).lower() for x in domains.get("shared_hosts", ())),
    )


def default_config() -> RatingsConfig:
    from .rules import default_rules_dir

    return load_config(default_rules_dir())


class Ratings:
    """Domain → rating, read once from the shipped CSV file."""

    def __init__(self, values: dict[str, float], config: RatingsConfig) -> None:
        self.config = config
        self.values: dict[str, float] = {}
        for domain, value in values.items():  # "www.xinhuanet.com" is rated as xinhuanet.com unless that is too
            key = _strip_same_site(domain, config.same_site)
            if key not in self.values or key == domain:
                self.values[key] = value

    def __len__(self) -> int:
        return len(self.values)

    @classmethod
    def from_file(cls, config: RatingsConfig) -> Ratings:
        values: dict[str, float] = {}
        try:
            with open(config.file, encoding="utf-8", newline="") as handle:
                rows = csv.reader(handle)
                header = next(rows, [])
                if "domain" not in header or config.column not in header:
                    raise RulesError(f"needs the columns domain and {config.column}", path=config.file, line=1)
                at_domain, at_value = header.index("domain"), header.index(config.column)
                for n, row in enumerate(rows, start=2):
                    try:
                        domain, value = row[at_domain].strip().lower(), float(row[at_value])
                    except (IndexError, ValueError):
                        raise RulesError(f"no number in column '{config.column}'", path=config.file, line=n) from None
                    if 0.0 <= value <= 1.0 and domain:
                        values[domain] = value
        except OSError as exc:
            raise RulesError(f"cannot read the shipped ratings: {exc.strerror or exc}", path=config.file) from None
        return cls(values, config)

    def rating(self, domain_or_url: str) -> Rating | None:
        """The rating of the domain ``domain_or_url`` names, or of its registered domain; None if unrated.

        A few ratings are for a section of a site ("newyorker.com/humor", a
        satire column): a URL under that section gets the section's rating.
        """
        domain = normalise_domain(domain_or_url, self.config.same_site)
        if domain is None:
            return None
        for section in _sections(domain, domain_or_url):
            if section in self.values:
                return Rating(section, self.values[section], self.config.cite)
        if domain in self.values:
            return Rating(domain, self.values[domain], self.config.cite)
        labels = domain.split(".")
        for i in range(1, len(labels) - 1):
            parent = ".".join(labels[i:])
            if parent in self.config.shared_hosts:
                return None  # every subdomain of a blog host is a publisher of its own
            if parent in self.values:
                return Rating(parent, self.values[parent], self.config.cite)
        return None


def _sections(domain: str, url: str) -> list[str]:
    """``domain/a/b``, ``domain/a`` for a URL with the path ``/a/b/…``, longest first (no more than three levels)."""
    if "/" not in url.split("://", 1)[-1]:
        return []
    try:
        path = urlsplit(url if "://" in url else "//" + url.lstrip("/")).path
    except ValueError:
        return []
    parts = [p for p in path.lower().split("/") if p][:3]
    return [domain + "/" + "/".join(parts[:n]) for n in range(len(parts), 0, -1)]


@lru_cache(maxsize=1)
def _shipped(folder: Path) -> Ratings:
    return Ratings.from_file(load_config(folder))


def shipped() -> Ratings:
    """The ratings that ship with srcview (read on first use, then kept)."""
    from .rules import default_rules_dir

    return _shipped(default_rules_dir())
