"""Articles that arrive as markup: saved web pages and Markdown, turned into plain text.

HTML goes through trafilatura, a maintained article-extraction library: it parses
the page (nothing is executed, nothing is fetched), keeps the article body and
its title and drops navigation, adverts and other boilerplate.  When it finds
nothing (a page nested deeper than lxml's parser goes, 255 levels), the page's
visible text is taken instead with the standard library's tokenizer
(:func:`visible_text`), which has no depth limit.  Markdown goes through
markdown-it-py's parser; the text keeps its structure (a heading, each
paragraph and each list item on a paragraph of its own) without the markup,
and raw HTML blocks in it keep their text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .errors import InputError

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def html_to_text(html: str, name: str = "<html>") -> str:
    """The title and article body of a saved web page, paragraphs separated by blank lines."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a dependency, but say so clearly if it is missing
        raise InputError(f"reading HTML needs trafilatura, which does not load: {exc}", path=name) from None
    page = _read_visible(html)
    if _parser_loses_text(html, page):  # too deep for lxml: what trafilatura would see is a fragment
        body, title = "\n\n".join(page.paragraphs), page.title()
    else:
        body = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=False,
                                   favor_precision=True, with_metadata=False)
        meta = trafilatura.extract_metadata(html)
        title = (meta.title or "").strip() if meta is not None else ""
    if not body or not body.strip():
        raise InputError("no article text found in this web page", path=name)
    paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n"


def _parser_loses_text(html: str, page: _VisibleText) -> bool:
    """Whether lxml's tree of ``html`` holds less than 90% of the page's text (libxml2 stops at 255 levels)."""
    if page.depth <= 200:
        return False
    try:
        from trafilatura.utils import load_html

        tree = load_html(html)
    except Exception:  # noqa: BLE001 - a tree we cannot build holds nothing
        return True
    if tree is None:
        return True
    kept = len(_SPACES.sub("", tree.text_content()))
    return kept < 0.9 * page.chars


def markdown_to_text(markdown: str) -> str:
    """Markdown without its markup: one paragraph per block, inline formatting dropped."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown)
    blocks: list[str] = []
    for tok in tokens:
        if tok.type == "inline":
            text = "".join(_inline_text(child) for child in tok.children or [])
            if text.strip():
                blocks.append(" ".join(text.split()))
        elif tok.type in ("fence", "code_block") and tok.content.strip():
            blocks.append(tok.content.strip())
        elif tok.type == "html_block":
            blocks += [p for p in visible_text(tok.content).split("\n\n") if p.strip()]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _inline_text(tok) -> str:
    if tok.type in ("text", "code_inline"):
        return tok.content
    if tok.type in ("softbreak", "hardbreak"):
        return " "
    if tok.type == "image":
        return ""
    return ""


# --- visible text of HTML, without lxml ----------------------------------------

#: Elements whose content is never article text.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "nav", "header", "footer",
                     "aside", "form", "button", "select", "svg", "math", "iframe", "object"})
#: Elements that end a paragraph.
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
                     "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "figure",
                     "figcaption", "hr", "br", "body", "html", "address", "details", "summary"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})
_SPACES = re.compile(r"[ \t\r\f\v\n]+")


class _VisibleText(HTMLParser):
    """Collects the text a reader would see, a paragraph per block element; no depth limit, nothing run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden: list[str] = []  # open hidden elements, innermost last
        self.in_title = False
        self.paragraphs: list[str] = []
        self.words: list[str] = []
        self.titles: list[str] = []
        self.chars = 0  # every character of text but white space, shown or not
        self.open = 0  # elements open now
        self.depth = 0  # the deepest nesting seen

    def title(self) -> str:
        return _SPACES.sub(" ", "".join(self.titles)).strip()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in _VOID:
            self.open += 1
            self.depth = max(self.depth, self.open)
        if tag == "title":
            self.in_title = True
        if tag in _HIDDEN and tag not in _VOID:
            self.hidden.append(tag)
        elif tag in _BLOCKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        self.open = max(0, self.open - 1)
        if tag == "title":
            self.in_title = False
        if tag in self.hidden:
            while self.hidden and self.hidden.pop() != tag:
                pass
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        self.chars += len(data) - data.count(" ") - data.count("\n") - data.count("\t")
        if self.in_title:
            self.titles.append(data)
        elif not self.hidden:
            self.words.append(data)

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.words)).strip()
        if text:
            self.paragraphs.append(text)
        self.words = []


def _read_visible(html: str) -> _VisibleText:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser


def visible_text(html: str) -> str:
    """The text of ``html`` a reader sees, one paragraph per block, blank lines between.

    Scripts, styles, the title, navigation, headers, footers and forms are left
    out; entities are decoded; tags nest as deep as they like.
    """
    return "\n\n".join(_read_visible(html).paragraphs)


# --- what a saved page says about itself ------------------------------------------

#: ``<meta>`` properties and names that say where a page was published, and the key each is kept under.
_IDENTITY_META = {"og:url": "og:url", "og:site_name": "og:site_name", "application-name": "application-name",
                  "twitter:site": "twitter:site", "dc.publisher": "publisher", "article:publisher": "publisher"}


class _Identity(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "link" and "canonical" in values.get("rel", "").lower().split() and values.get("href"):
            self.found.setdefault("canonical", values["href"])
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key in _IDENTITY_META and values.get("content"):
                self.found.setdefault(_IDENTITY_META[key], values["content"])

    handle_startendtag = handle_starttag


def page_identity(html: str) -> dict[str, str]:
    """Where a saved page says it was published: ``canonical`` (link), ``og:url``, ``og:site_name``, …

    Read from the page's ``<link rel="canonical">`` and ``<meta>`` tags (the
    head, or the whole page when it has no ``</head>``); values as written,
    entities decoded.  Empty when the page says nothing.
    """
    end = html.lower().find("</head>")
    parser = _Identity()
    parser.feed(html if end < 0 else html[:end])
    parser.close()
    return {key: value[:500] for key, value in parser.found.items()}
