"""HTML page → Article: main text with structure, plus publisher metadata.

``read_html`` is the reader for single web pages (saved files, WARC
records).  Decoding lives in ``html_decode``, metadata in ``html_meta``
(JSON-LD, OpenGraph, ``<meta>``), the main text in ``html_text``
(trafilatura plus teaser recovery, headline removal and boilerplate trimming).
"""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from ..model import Article, Paragraph, SourceRef
from .common import ItemError, finish, sha256
from .html_decode import BinaryContent, decode_html
from .html_htmldate import htmldate_day
from .html_meta import page_meta
from .html_text import main_text

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def parse_tree(text: str):
    """An lxml tree of the page, tolerant of broken markup; ``None`` if hopeless."""
    text = _XML_DECLARATION.sub("", text)  # lxml refuses str input that declares an encoding
    try:
        return lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _item_name(url: str | None, source_ref: SourceRef | None) -> str:
    if source_ref is not None:
        return str(source_ref)
    return url or "<html>"


def read_html(data: bytes | str, *, url: str | None = None, source_ref: SourceRef | None = None) -> Article:
    """Read one HTML page into an Article (``format="html"``).

    Raises ``ItemError`` (and nothing else) when the input is unusable:
    empty, binary, or without any extractable text.
    """
    item = _item_name(url, source_ref)
    if data is None or not (data.strip() if isinstance(data, (bytes, str)) else False):
        raise ItemError(item, "empty input")
    try:
        text = decode_html(data)
    except BinaryContent as exc:
        raise ItemError(item, str(exc)) from None
    if source_ref is not None and not source_ref.sha256:
        source_ref.sha256 = sha256(data)
    try:
        tree = parse_tree(text)
        if tree is None:
            raise ItemError(item, "not parseable as HTML")
        meta = page_meta(tree)
        if meta.published is None:
            meta.published = htmldate_day(tree)
            meta.published_from = "htmldate" if meta.published else None
        content = main_text(text, tree, meta, url=url)
    except ItemError:
        raise
    except Exception as exc:  # noqa: BLE001 - a page must never end the run with a traceback
        raise ItemError(item, f"HTML could not be read: {type(exc).__name__}: {exc}") from None

    if not content.blocks and not content.teaser:
        raise ItemError(item, "no text found in the page")

    body, paragraphs = _join_blocks(content.blocks)
    article = Article(
        url=url,
        canonical_url=meta.canonical_url,
        outlet=meta.outlet,
        section=meta.section,
        kicker=meta.kicker,
        headline=meta.headline,
        teaser=content.teaser,
        body=body,
        paragraphs=paragraphs,
        published=meta.published,
        modified=meta.modified,
        authors=meta.authors,
        image=meta.image,
        caption=meta.caption,
        credit=meta.credit,
        keywords=meta.keywords,
        language=_language(meta.language),
        format="html",
        source_ref=source_ref,
        extra={"text_source": content.source}
        | ({"page_type": meta.page_type} if meta.page_type else {})
        | ({"published_from": meta.published_from} if meta.published_from else {}),
    )
    return finish(article)


def _join_blocks(blocks: list[tuple[str, str]]) -> tuple[str, list[Paragraph]]:
    """Body text with blocks separated by blank lines, and their offsets."""
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for kind, text in blocks:
        if parts:
            pos += 2
        paragraphs.append(Paragraph(pos, pos + len(text), kind))
        parts.append(text)
        pos += len(text)
    return "\n\n".join(parts), paragraphs


def _language(value: str | None) -> str | None:
    """'de_DE' / 'de-AT' → 'de'."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def main_text_of(article: Article) -> str:
    """Teaser and body, without the headline: what ``depesche extract`` writes."""
    teaser = (article.teaser or "").strip()
    body = article.body or ""
    if teaser and " ".join(teaser.split()) not in " ".join(body.split()):
        return f"{teaser}\n\n{body}" if body else teaser
    return body
