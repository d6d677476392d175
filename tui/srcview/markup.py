"""Articles that arrive as markup: saved web pages and Markdown, turned into plain text.

HTML goes through trafilatura, a maintained article-extraction library: it parses
the page (nothing is executed, nothing is fetched), keeps the article body and
its title and drops navigation, adverts and other boilerplate.  Markdown goes
through markdown-it-py's parser; the text keeps its structure (a heading, each
paragraph and each list item on a paragraph of its own) without the markup.
"""

from __future__ import annotations

from .errors import InputError

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def html_to_text(html: str, name: str = "<html>") -> str:
    """The title and article body of a saved web page, paragraphs separated by blank lines."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a dependency, but say so clearly if it is missing
        raise InputError(f"reading HTML needs trafilatura, which does not load: {exc}", path=name) from None
    body = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=False,
                               favor_precision=True, with_metadata=False)
    if not body or not body.strip():
        raise InputError("no article text found in this web page", path=name)
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "").strip() if meta is not None else ""
    paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n"


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
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _inline_text(tok) -> str:
    if tok.type in ("text", "code_inline"):
        return tok.content
    if tok.type in ("softbreak", "hardbreak"):
        return " "
    if tok.type == "image":
        return ""
    return ""
