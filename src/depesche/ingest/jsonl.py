"""JSONL dumps of news crawlers: one article per line.

Field names of news-please and CC-NEWS are understood (``maintext``/``text``,
``date_publish``/``date``, ``source_domain``/``domain`` …).  A malformed line
is one error naming ``file.jsonl:LINE``; the other lines are read on.
"""
from __future__ import annotations

import json
import re
from typing import BinaryIO, Iterator

from ..model import Article, Paragraph, SourceRef
from .common import IngestError, ItemError, sha256
from .dates import parse_date
from .limits import MAX_ITEM_BYTES, too_large

# first field present wins
FIELDS = {
    "url": ("url", "link", "canonical_url"),
    "headline": ("title", "headline", "title_page", "title_rss"),
    "body": ("maintext", "text", "body", "content", "article"),
    "teaser": ("description", "summary", "teaser", "lead"),
    "published": ("date_publish", "date", "published", "datePublished", "pubdate"),
    "modified": ("date_modify", "modified", "dateModified", "date_modified"),
    "authors": ("authors", "author", "byline"),
    "language": ("language", "lang"),
    "outlet": ("source_domain", "domain", "outlet", "source", "sitename"),
    "image": ("image_url", "image", "top_image"),
    "section": ("section", "category"),
    "keywords": ("keywords", "tags"),
}


def _first(obj: dict, key: str):
    for name in FIELDS[key]:
        value = obj.get(name)
        if value not in (None, "", []):
            return value
    return None


def _strings(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [s.strip() for s in re.split(r"[,;]", value) if s.strip()]
    if isinstance(value, list):
        return [str(v.get("name", "") if isinstance(v, dict) else v).strip() for v in value if v]
    if isinstance(value, dict):
        return [str(value.get("name", "")).strip()] if value.get("name") else []
    return [str(value)]


def _text(value) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def article_from_record(obj: dict, item: str) -> Article:
    """One JSON object → Article; raises ItemError if it holds no article."""
    if not isinstance(obj, dict):
        raise ItemError(item, f"line is JSON {type(obj).__name__}, not an object")
    text = _text(_first(obj, "body"))
    if not text or not text.strip():
        raise ItemError(item, "no article text (maintext/text is empty or missing)")
    # news-please keeps paragraphs on single lines; blank lines may be doubled
    paras = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n+", text)]
    paras = [p for p in paras if p]
    art = Article(format="jsonl")
    offset = 0
    for p in paras:
        art.paragraphs.append(Paragraph(offset, offset + len(p), "p"))
        offset += len(p) + 2
    art.body = "\n\n".join(paras)
    art.url = _text(_first(obj, "url"))
    art.headline = _text(_first(obj, "headline"))
    teaser = _text(_first(obj, "teaser"))
    # news-please's description often repeats the first paragraph
    art.teaser = teaser if teaser and not art.body.startswith(teaser.strip()[:80]) else None
    art.published = parse_date(_first(obj, "published"))
    art.modified = parse_date(_first(obj, "modified"))
    art.authors = _strings(_first(obj, "authors"))
    lang = _first(obj, "language")
    art.language = str(lang).lower()[:2] if lang else None
    art.outlet = _text(_first(obj, "outlet"))
    art.image = _text(_first(obj, "image"))
    art.section = _text(_first(obj, "section"))
    art.keywords = _strings(_first(obj, "keywords"))
    return art


def iter_jsonl(stream: BinaryIO, location: str) -> Iterator[Article | IngestError]:
    """Articles of a JSONL stream, read line by line (files of any size).

    A file holding one JSON array of records (``[{…}, {…}]``) is read too;
    its items are named ``file.json#record-N``.
    """
    head = stream.read(64)
    stream.seek(0)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":
        yield from _iter_json_array(stream, location)
        return
    offset = 0
    for lineno, raw in enumerate(stream, start=1):
        start, offset = offset, offset + len(raw)
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        item = f"{location}:{lineno}"
        try:
            if len(raw) > MAX_ITEM_BYTES:
                raise ItemError(item, too_large(len(raw)))
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252", errors="replace")
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise ItemError(item, f"malformed JSON: {e.msg} at column {e.colno}") from None
            art = article_from_record(obj, item)
            art.source_ref = SourceRef(location, start, sha256(raw))
            art.extra["line"] = lineno
            yield art
        except ItemError as e:
            yield IngestError(e.item, e.reason)
        except Exception as e:  # noqa: BLE001 - one bad line never stops the file
            yield IngestError(item, f"unreadable record ({type(e).__name__}: {e})")


def _iter_json_array(stream: BinaryIO, location: str) -> Iterator[Article | IngestError]:
    limit = 10 * MAX_ITEM_BYTES
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        yield IngestError(location, too_large(len(raw), limit) + "; split it into JSONL")
        return
    try:
        records = json.loads(raw.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as e:
        yield IngestError(location, f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}")
        return
    for n, obj in enumerate(records, start=1):
        item = f"{location}#record-{n}"
        try:
            art = article_from_record(obj, item)
            art.source_ref = SourceRef(location, None, sha256(json.dumps(obj, sort_keys=True, default=str)))
            art.extra["record"] = n
            yield art
        except ItemError as e:
            yield IngestError(e.item, e.reason)
        except Exception as e:  # noqa: BLE001
            yield IngestError(item, f"unreadable record ({type(e).__name__}: {e})")
