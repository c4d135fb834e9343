"""RSS and Atom feeds: one article per entry (content, else summary)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterator
from urllib.parse import urlsplit

from ..model import Article, SourceRef
from .blocks import assemble, html_to_blocks
from .common import IngestError, ItemError, sha256
from .dates import parse_date


def _entry_date(entry, key: str) -> datetime | None:
    # dict.get, not entry.get: feedparser would silently map "updated" to "published"
    if not dict.__contains__(entry, key):
        return None
    dt = parse_date(dict.get(entry, key))  # raw string keeps the zone the feed wrote
    parsed = dict.get(entry, f"{key}_parsed")
    if dt is None and parsed:
        try:
            dt = datetime(*parsed[:6], tzinfo=timezone.utc)  # feedparser normalises to UTC
        except (OverflowError, ValueError, TypeError):
            dt = None
    return dt


def _outlet(feed) -> str | None:
    link = feed.get("link")
    if link:
        host = urlsplit(link).hostname or ""
        return host[4:] if host.startswith("www.") else (host or None)
    return feed.get("title") or None


def iter_feed(data: bytes, location: str) -> Iterator[Article | IngestError]:
    import feedparser

    # bytes, never a str: feedparser would treat a str that looks like a URL as one to fetch
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        why = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        yield IngestError(location, f"not a readable RSS/Atom feed or no entries{why}")
        return
    outlet = _outlet(parsed.get("feed", {}))
    for n, entry in enumerate(entries, start=1):
        item = f"{location}#entry-{n}"
        try:
            yield _entry_article(entry, outlet, location, n, item)
        except ItemError as e:
            yield IngestError(e.item, e.reason)
        except Exception as e:  # noqa: BLE001 - one bad entry never stops the feed
            yield IngestError(item, f"unreadable entry ({type(e).__name__}: {e})")


def _entry_article(entry, outlet: str | None, location: str, n: int, item: str) -> Article:
    content = ""
    for c in entry.get("content") or []:
        if c.get("value") and len(c["value"]) > len(content):
            content = c["value"]
    summary = entry.get("summary") or ""
    blocks = html_to_blocks(content or summary)
    if not blocks:
        raise ItemError(item, "entry has neither content nor summary")
    art = Article(format="feed")
    art.body, art.paragraphs = assemble(blocks)
    if content and summary:
        teaser = " ".join(t for _, t in html_to_blocks(summary))
        if teaser and not art.body.startswith(teaser[:80]):
            art.teaser = teaser
    art.headline = (entry.get("title") or "").strip() or None
    art.url = entry.get("link") or None
    art.published = _entry_date(entry, "published") or _entry_date(entry, "updated")
    art.modified = _entry_date(entry, "updated")
    authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
    if not authors and entry.get("author"):
        authors = [entry["author"]]
    art.authors = authors
    art.keywords = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    art.outlet = outlet
    for media in entry.get("media_content") or entry.get("enclosures") or []:
        if (media.get("type") or "image").startswith("image") and (media.get("url") or media.get("href")):
            art.image = media.get("url") or media.get("href")
            break
    if entry.get("id"):
        art.extra["feed_entry_id"] = entry["id"]
    art.source_ref = SourceRef(location, None, sha256((entry.get("id") or "") + content + summary))
    art.extra["feed_entry"] = n
    return art
