"""Reading inputs of every format: ``read`` (one article) and ``iter_items``
(every article of files and folders, errors in their place).

Formats: ``html``, ``warc``, ``feed``, ``jsonl``, ``text``.  The format comes
from the file name and is checked by sniffing the first bytes, so a feed
saved as ``.txt`` or a page without extension is still read right.
"""
from __future__ import annotations

import gzip
import io
import os
import zlib
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..model import Article, SourceRef
from .common import IngestError, ItemError, finish, sha256
from .dates import parse_date
from .encoding import binary_kind, decode, declared_charset
from .feed import iter_feed
from .htmlpage import read_html_item
from .jsonl import iter_jsonl
from .language import detect_language
from .limits import MAX_FILE_BYTES, too_large
from .textdump import read_text_dump
from .warc import iter_warc

FORMATS = ("html", "warc", "feed", "jsonl", "text")
EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl", ".json": "jsonl",
    ".txt": "text", ".text": "text",
}


def format_from_name(name: str) -> str | None:
    low = name.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if low.endswith(ext):
            return EXTENSIONS[ext]
    return None


def sniff(head: bytes) -> str | None:
    """Format of the first bytes of an item, ``None`` when they do not tell."""
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 2048)
        except zlib.error:
            return None
        return "warc" if inner.startswith(b"WARC/") else ("jsonl" if inner.lstrip()[:1] == b"{" else None)
    if head.startswith(b"WARC/"):
        return "warc"
    text = head[:2048]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if text.startswith(bom):
            text = text[len(bom):]
    if text.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in text[:200]:
        try:
            text = head.decode("utf-16").encode("utf-8")[:2048]
        except UnicodeDecodeError:
            return None
    low = text.lstrip().lower()
    if b"<rss" in low or b"<feed" in low or b"<rdf:rdf" in low:
        return "feed"
    if low.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<div", b"<p",
                       b"<article")) or b"<html" in low:
        return "html"
    if low.startswith(b"{"):
        return "jsonl"
    return None


def _open(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except PermissionError:
        raise ItemError(str(path), "cannot read: permission denied") from None
    except IsADirectoryError:
        raise ItemError(str(path), "is a directory") from None
    except OSError as e:
        raise ItemError(str(path), f"cannot read: {e.strerror or e}") from None


def _detect(name: str, head: bytes, fmt: str | None) -> str:
    if fmt:
        return fmt
    by_name = format_from_name(name)
    by_bytes = sniff(head)
    if by_name in ("warc", "jsonl") and by_bytes in (None, by_name):
        return by_name
    if by_bytes:
        return by_bytes
    if by_name:
        return by_name
    return "text"


def _complete(art: Article, *, fmt: str, ref: SourceRef | None, url: str | None,
              published: datetime | None, item: str) -> Article:
    """What every reader's output needs before it is stored."""
    art.format = art.format or fmt
    if art.source_ref is None:
        art.source_ref = ref
    if url and not art.url:
        art.url = url
    if art.published is None and published is not None:
        art.published = published
        art.extra["published_from"] = "--published"
    if not art.body or not art.body.strip():
        raise ItemError(item, "no article text found")
    declared = art.language
    detected = detect_language(" ".join(x for x in (art.headline, art.body) if x))
    if detected:
        art.language = detected
        if declared and declared.lower()[:2] != detected:
            art.extra["declared_language"] = declared
    elif declared:
        art.language = declared.lower()[:2]
    if art.language and art.language != "de":
        art.extra.setdefault("warnings", []).append(
            f"not German (detected {art.language!r}): stored and flagged, not analysed")
    return finish(art)


def iter_source(data: bytes | BinaryIO, *, location: str, fmt: str | None = None, url: str | None = None,
                published: datetime | None = None) -> Iterator[Article | IngestError]:
    """Every article in one input (a file's bytes or stream); errors in their place."""
    try:
        stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
        head = stream.read(4096)
        stream.seek(0)
        if not head.strip():
            yield IngestError(location, "empty file")
            return
        fmt = _detect(location, head, fmt)
        if fmt not in ("warc",) and head.startswith(b"\x1f\x8b"):
            if fmt != "jsonl":
                yield IngestError(location, f"gzip-compressed data is not a WARC file (read as {fmt})")
                return
            stream = gzip.GzipFile(fileobj=stream)
        if fmt in ("warc", "jsonl"):
            inner = iter_warc(stream, location) if fmt == "warc" else iter_jsonl(stream, location)
            for x in inner:
                if isinstance(x, IngestError):
                    yield x
                    continue
                ref = x.source_ref
                item = item_name(x)
                try:
                    yield _complete(x, fmt=fmt, ref=ref, url=None, published=published, item=item)
                except ItemError as e:
                    yield IngestError(item, e.reason)
            return
        raw = stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            yield IngestError(location, too_large(_size(stream, len(raw))))
            return
        kind = binary_kind(raw)
        if kind:
            yield IngestError(location, f"binary file ({kind}), not a news item")
            return
        ref = SourceRef(location, None, sha256(raw))
        if fmt == "feed":
            for x in iter_feed(raw, location):
                if isinstance(x, IngestError):
                    yield x
                    continue
                item = item_name(x)
                try:
                    yield _complete(x, fmt=fmt, ref=ref, url=None, published=published, item=item)
                except ItemError as e:
                    yield IngestError(item, e.reason)
            return
        if fmt == "html":
            art, warning = read_html_item(raw, url=url, source_ref=ref, item=location)
            art.format, art.source_ref = "html", ref
        else:
            decoded = decode(raw, declared_charset(raw), item=location)
            art, warning = read_text_dump(decoded.text), decoded.warning
        if warning:
            art.extra.setdefault("warnings", []).append(warning)
        yield _complete(art, fmt=fmt, ref=ref, url=url, published=published, item=location)
    except ItemError as e:
        yield IngestError(e.item or location, e.reason)
    except MemoryError:
        yield IngestError(location, "out of memory while reading")
    except Exception as e:  # noqa: BLE001 - bad input never crashes a run
        yield IngestError(location, f"unreadable ({type(e).__name__}: {e})")


def item_name(article: Article) -> str:
    """How errors and warnings name an article's input item: ``path``,
    ``path#OFFSET`` (WARC record), ``path:LINE`` (JSONL), ``path#entry-N`` (feed)."""
    ref = article.source_ref
    loc = ref.location if ref else (article.url or article.id)
    if "line" in article.extra:
        return f"{loc}:{article.extra['line']}"
    if "record" in article.extra:
        return f"{loc}#record-{article.extra['record']}"
    if "feed_entry" in article.extra:
        return f"{loc}#entry-{article.extra['feed_entry']}"
    return str(ref) if ref else loc


def _size(stream, read: int) -> int:
    try:
        return os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError, io.UnsupportedOperation):
        return read


def walk(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Files named, and input files inside folders (sorted; hidden files and
    files of other types, such as README.md, skipped)."""
    for p in paths:
        path = Path(p)
        try:
            if path.is_dir():
                for f in sorted(path.rglob("*")):
                    rel = f.relative_to(path).parts
                    if any(part.startswith(".") for part in rel) or not f.is_file():
                        continue
                    if format_from_name(f.name):
                        yield f
            elif path.exists() or path.is_symlink():
                yield path
            else:
                yield IngestError(str(path), "no such file or directory")
        except OSError as e:
            yield IngestError(str(path), f"cannot read: {e.strerror or e}")


def iter_items(paths: Iterable[str | Path] | str | Path, published=None, *, format: str | None = None
               ) -> Iterator[Article | IngestError]:
    """Every article of the given files and folders, in order; an
    :class:`IngestError` in place of each item that could not be read.
    ``published`` (date or string) is the date for inputs that carry none."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    pub = parse_date(published) if published is not None else None
    for entry in walk(paths):
        if isinstance(entry, IngestError):
            yield entry
            continue
        try:
            stream = _open(entry)
        except ItemError as e:
            yield IngestError(e.item, e.reason)
            continue
        with stream:
            yield from iter_source(stream, location=str(entry), fmt=format, published=pub)


def read(source, *, format: str | None = None, url: str | None = None, published=None) -> Article:
    """One article from a path, bytes, or str (page text or markup).

    Containers holding several articles (WARC, feeds, JSONL) give their
    first article; use :func:`iter_items` for all.  Raises :class:`ItemError`
    if no article can be read.
    """
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; one of {', '.join(FORMATS)}")
    pub = parse_date(published) if published is not None else None
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and len(source) < 4096
                                    and not source.lstrip().startswith("<") and os.path.isfile(source)):
        path = Path(source)
        stream = _open(path)
        with stream:
            results = iter_source(stream, location=str(path), fmt=format, url=url, published=pub)
            return _first(results)
    if isinstance(source, str):
        if _looks_like_path(source):  # a mistyped path must not be read as a one-line article
            raise ItemError(source, "no such file or directory")
        source = source.encode("utf-8")
    if not isinstance(source, (bytes, bytearray)):
        raise TypeError(f"read() takes a path, bytes or str, not {type(source).__name__}")
    return _first(iter_source(bytes(source), location=url or "<input>", fmt=format, url=url, published=pub))


def _looks_like_path(text: str) -> bool:
    t = text.strip()
    return ("\n" not in t and " " not in t and len(t) < 1024
            and (os.sep in t or format_from_name(t) is not None or t.endswith(".gz")))


def _first(results: Iterator[Article | IngestError]) -> Article:
    first_error = None
    for x in results:
        if isinstance(x, Article):
            return x
        first_error = first_error or x
    if first_error is not None:
        raise ItemError(first_error.item, first_error.reason)
    raise ItemError("<input>", "no article found")
