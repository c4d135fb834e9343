"""WARC archives (plain or gzipped): HTTP responses holding HTML pages.

Each HTML response becomes an article through the HTML reader, with the
record's target URI as URL, its WARC-Date as fallback publication date and
the record's byte offset in the archive as ``source_ref.offset``.  Records
that are not successful HTML responses (requests, metadata, images,
redirects) are skipped.  A truncated or corrupt archive yields one error
after the records that could be read.
"""
from __future__ import annotations

from typing import BinaryIO, Iterator

from ..model import Article, SourceRef
from .common import IngestError, ItemError, sha256
from .dates import parse_date
from .htmlpage import read_html_item
from .limits import MAX_ITEM_BYTES, too_large


def iter_warc(stream: BinaryIO, location: str) -> Iterator[Article | IngestError]:
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream, arc2warc=True)
    read = 0  # HTML records read so far
    offset = 0
    try:
        for record in records:
            offset = records.offset  # start of this record (get_record_offset() would consume it)
            item = f"{location}#{offset}"
            data = _html_payload(record)
            records.read_to_end()
            if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside this record
                raise EOFError(f"record at byte {offset} is cut off")
            if data is None:
                continue
            read += 1
            try:
                if len(data) > MAX_ITEM_BYTES:
                    raise ItemError(item, too_large(len(data)))
                if not data.strip():
                    raise ItemError(item, "empty HTTP response body")
                url = record.rec_headers.get_header("WARC-Target-URI")
                ref = SourceRef(location, offset, sha256(data))
                art, warning = read_html_item(data, url=url, source_ref=ref, charset=_content_type(record), item=item)
                art.format = "warc"
                art.source_ref = ref
                art.url = art.url or url
                if art.published is None:
                    art.published = parse_date(record.rec_headers.get_header("WARC-Date"))
                    art.extra["published_from"] = "WARC-Date"
                if warning:
                    art.extra.setdefault("warnings", []).append(warning)
                yield art
            except ItemError as e:
                yield IngestError(item, e.reason)
            except Exception as e:  # noqa: BLE001 - one bad record never stops the archive
                yield IngestError(item, f"unreadable record ({type(e).__name__}: {e})")
    except Exception as e:  # noqa: BLE001 - truncation surfaces as EOF/zlib/parse errors
        yield IngestError(
            f"{location}#{offset}",
            f"truncated or corrupt WARC after {read} readable record(s) ({type(e).__name__}: {e})".strip(),
        )


def _read_upto(stream, limit: int) -> bytes:
    """Read until EOF or ``limit`` bytes (warcio's readers return short chunks)."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = stream.read(min(65536, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _html_payload(record) -> bytes | None:
    """The body of a successful HTML response (or resource), else ``None``."""
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not (http.get_statuscode() or "").startswith("2"):
            return None  # redirects, errors, and records without HTTP headers
    ctype = _content_type(record)
    if ctype and "html" not in ctype.lower():
        return None
    return _read_upto(record.content_stream(), MAX_ITEM_BYTES + 1)


def _content_type(record) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""
