"""Small HTML fragments (feed entries) → paragraphs and subheadings, and
assembling an Article body from such blocks."""
from __future__ import annotations

import re

from ..model import Paragraph

_BLOCK_TAGS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
               "tr", "dd", "dt", "figcaption", "pre"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "form", "button", "nav", "aside"}


def html_to_blocks(fragment: str) -> list[tuple[str, str]]:
    """``[(kind, text)]`` with kind ``"p"`` or ``"h"``; ``<br><br>`` also splits."""
    if not fragment or not fragment.strip():
        return []
    if "<" not in fragment:
        return [("p", p) for p in _clean_lines(fragment.split("\n\n"))]
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return [("p", p) for p in _clean_lines(re.sub(r"<[^>]*>", " ", fragment).split("\n\n"))]
    blocks: list[tuple[str, str]] = []
    buf: list[str] = []

    def flush(kind: str = "p") -> None:
        text = re.sub(r"\s+", " ", "".join(buf)).strip()
        buf.clear()
        if text:
            blocks.append((kind, text))

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP_TAGS:
            if el.tail:
                buf.append(el.tail)
            return
        if tag in _BLOCK_TAGS:
            flush()
        if tag == "br":
            buf.append("\n")
        if el.text and tag not in ("br",):
            buf.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK_TAGS:
            flush("h" if tag in _HEADING_TAGS else "p")
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    out: list[tuple[str, str]] = []
    for kind, text in blocks:
        # a paragraph built from <br><br> runs holds blank-line breaks: split there
        for part in re.split(r"\s*\n\s*\n\s*", text) if "\n" in text else [text]:
            part = re.sub(r"\s+", " ", part).strip()
            if part:
                out.append((kind, part))
    return out


def _clean_lines(parts) -> list[str]:
    return [re.sub(r"\s+", " ", p).strip() for p in parts if p and p.strip()]


def assemble(blocks: list[tuple[str, str]]) -> tuple[str, list[Paragraph]]:
    """Body text (blocks joined by blank lines) and its paragraph offsets."""
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for kind, text in blocks:
        if parts:
            offset += 2
        paragraphs.append(Paragraph(offset, offset + len(text), kind))
        parts.append(text)
        offset += len(text)
    return "\n\n".join(parts), paragraphs
