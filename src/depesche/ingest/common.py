"""Helpers shared by every reader: ids, hashes, URL normalisation, errors."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..model import Article, Paragraph

# query parameters that only track the click, not the content
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|wt_mc|wt_zmc|xtor|ns_\w+|cmp|ito)$", re.I)


class ItemError(Exception):
    """A reader's failure for one item; the run goes on."""

    def __init__(self, item: str, reason: str):
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


@dataclass
class IngestError:
    """Yielded by readers in place of an article that could not be read."""

    item: str
    reason: str


def normalize_url(url: str | None) -> str | None:
    """Lower-case scheme/host, drop fragments, tracking parameters, default
    ports and trailing slashes, so that one page has one id."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    host = parts.hostname or ""
    if parts.port and not ((parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https" and parts.port == 443)):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    scheme = parts.scheme.lower()
    if scheme == "http":  # one page, one id, whichever scheme it was fetched with
        scheme = "https"
    return urlunsplit((scheme, host.lower(), path, query, ""))


def sha256(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def content_hash(article: Article) -> str:
    """Hash of what the article says (headline, teaser, body), whitespace-folded."""
    text = "\n".join(x or "" for x in (article.headline, article.teaser, article.body))
    text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text)).strip()
    return sha256(text)


def finish(article: Article) -> Article:
    """Fill the derived fields every reader must set: hash, id, paragraphs."""
    if not article.paragraphs and article.body:
        pos = 0
        for block in article.body.split("\n\n"):
            if block.strip():
                article.paragraphs.append(Paragraph(pos, pos + len(block), "p"))
            pos += len(block) + 2
    article.content_hash = content_hash(article)
    if not article.id:
        url = normalize_url(article.canonical_url or article.url)
        article.id = sha256(url)[:16] if url else article.content_hash[:16]
    return article


def article_from_text(text: str, **fields) -> Article:
    """An article whose body is ``text`` (paragraphs split at blank lines)."""
    return finish(Article(body=text, format=fields.pop("format", "text"), **fields))
