"""HTML items (files, WARC records): hand them to the HTML reader.

``depesche.ingest.html.read_html`` is the real extractor (its own module).
Until it is available this module falls back on a minimal reader built on
``trafilatura``: main text with subheadings, and the headline, date, authors
and publisher of JSON-LD ``NewsArticle`` metadata.
"""
from __future__ import annotations

import json
import re

from ..model import Article, SourceRef
from .blocks import assemble
from .common import ItemError
from .dates import parse_date
from .encoding import decode, declared_charset

_META_CHARSET_DECL = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*[A-Za-z0-9_.:-]+["']?[^>]*>""", re.I)
_XML_PROLOG = re.compile(rb"^\s*<\?xml[^>]*\?>")


def read_html_item(data: bytes, *, url: str | None = None, source_ref: SourceRef | None = None,
                   charset: str | None = None, item: str = "") -> tuple[Article, str | None]:
    """Article from one HTML page, plus an encoding warning if there was one.

    The bytes are decoded here (BOM, strict UTF-8, declaration, guess) and
    passed on as clean UTF-8 with the declaration rewritten, so that a wrong
    ``<meta charset>`` cannot garble the text in any extractor.
    """
    decoded = decode(data, declared_charset(data, charset), item=item)
    utf8 = decoded.text.encode("utf-8")
    utf8 = _XML_PROLOG.sub(b"", utf8)
    utf8 = _META_CHARSET_DECL.sub(b'<meta charset="utf-8">', utf8)
    try:
        from .html import read_html  # the full HTML reader, when installed
    except ImportError:
        read_html = fallback_read_html
    art = read_html(utf8, url=url, source_ref=source_ref)
    return art, decoded.warning


def fallback_read_html(data: bytes, *, url: str | None = None, source_ref: SourceRef | None = None) -> Article:
    import trafilatura

    html = data.decode("utf-8", errors="replace")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      favor_precision=True)
    if doc is None or not getattr(doc, "text", None):
        raise ItemError(str(source_ref or url or ""), "no article text found in the HTML page")
    blocks: list[tuple[str, str]] = []
    body_el = getattr(doc, "body", None)
    if body_el is not None:
        for el in body_el:
            text = re.sub(r"\s+", " ", "".join(el.itertext())).strip()
            if text:
                blocks.append(("h" if el.tag == "head" else "p", text))
    if not blocks:
        blocks = [("p", t.strip()) for t in doc.text.split("\n") if t.strip()]
    ld = _json_ld(html)
    headline = ld.get("headline") or doc.title
    if blocks and headline and blocks[0][1] == headline:
        blocks.pop(0)
    art = Article(format="html", url=url, source_ref=source_ref)
    art.body, art.paragraphs = assemble(blocks)
    art.headline = headline
    art.teaser = ld.get("description") or doc.description
    art.published = parse_date(ld.get("datePublished")) or parse_date(doc.date)
    art.modified = parse_date(ld.get("dateModified"))
    art.authors = _names(ld.get("author")) or ([a.strip() for a in doc.author.split(";")] if doc.author else [])
    publisher = _names(ld.get("publisher"))
    art.outlet = publisher[0] if publisher else doc.sitename
    art.section = ld.get("articleSection") if isinstance(ld.get("articleSection"), str) else None
    kw = ld.get("keywords")
    art.keywords = [k.strip() for k in kw.split(",")] if isinstance(kw, str) else list(kw or [])
    art.language = ld.get("inLanguage") or None
    image = ld.get("image")
    art.image = image.get("url") if isinstance(image, dict) else (image if isinstance(image, str) else doc.image)
    art.url = url or ld.get("url") or doc.url
    return art


def _json_ld(html: str) -> dict:
    """The first NewsArticle-like JSON-LD object of the page, or ``{}``."""
    for m in re.finditer(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", html, re.S | re.I):
        try:
            data = json.loads(m.group(1))
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            obj = stack.pop(0)
            if not isinstance(obj, dict):
                continue
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(k in ("NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle") for k in kinds):
                return obj
            stack.extend(obj.get("@graph") or [])
    return {}


def _names(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [value["name"]] if value.get("name") else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []
