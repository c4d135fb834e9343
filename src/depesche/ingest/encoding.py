"""Bytes → text for inputs whose encoding may be missing or declared wrongly.

Order of evidence: a byte-order mark, then strict UTF-8 (which almost never
decodes text that is not UTF-8), then the declared charset (HTTP header,
``<meta charset>``, XML prolog), then charset-normalizer's guess.  Western
single-byte guesses become cp1252, the superset browsers use for "latin-1".
A declaration that contradicts the bytes is reported as a warning.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .common import ItemError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# single-byte encodings charset-normalizer may pick for German text; cp1252 covers them
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "cp1250", "iso8859_2", "mac_roman", "cp850",
            "cp437", "iso8859_9", "cp1254", "iso8859_16", "mac_latin2", "cp858", "iso8859_3", "iso8859_4"}

# magic numbers of binary formats people drop into input folders by mistake
_MAGIC = [
    (b"%PDF", "PDF document"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"), (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x7fELF", "executable"), (b"RIFF", "RIFF media file"), (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"), (b"\xfd7zXZ", "xz data"), (b"SQLite format 3", "SQLite database"),
]


_USUAL_WESTERN = set("„“”‚‘’–—…«»·°§€£©®½¼¾×÷¡¿")


@dataclass
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def canonical(name: str | bytes | None) -> str | None:
    """Python codec name for a declared charset, ``None`` if unknown."""
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # what the web calls latin-1/ascii is really cp1252 (WHATWG encoding standard)
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii", "latin_1") else codec


def declared_charset(data: bytes, header: str | None = None) -> str | None:
    """The charset the item claims: HTTP header, XML prolog or ``<meta>``."""
    if header:
        m = _HEADER_CHARSET.search(header)
        if m:
            return m.group(1)
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


# every byte except the control characters that do not occur in text (tab, newlines, form feed, escape do)
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


def binary_kind(data: bytes) -> str | None:
    """Name of the binary format of ``data``, or ``None`` if it looks like text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    head = data[:8192]
    if b"\x00" in head:
        return "binary data"
    controls = len(head.translate(None, _NOT_CONTROL))  # counted in C: this runs on every item
    if head and controls / len(head) > 0.05:
        return "binary data"
    return None


def decode(data: bytes, declared: str | None = None, *, item: str = "") -> Decoded:
    """Decode ``data``; ``declared`` is the charset the container or markup claims.

    Raises :class:`ItemError` for binary data that is not text in any encoding.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.replace("-sig", ""))
            except UnicodeDecodeError:
                break
    kind = binary_kind(data)
    if kind:
        raise ItemError(item, f"binary file ({kind}), not text")
    declared_codec = canonical(declared)
    if declared and declared_codec is None:
        declared_codec = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        warning = None
        if declared_codec and declared_codec not in ("utf-8",) and not data.isascii():
            warning = f"declared charset {declared!r} is wrong: the bytes are UTF-8"
        return Decoded(text, "utf-8", warning)
    if declared_codec and declared_codec not in ("utf-8", "utf-16", "utf-32"):
        try:
            return Decoded(data.decode(declared_codec), declared_codec)
        except UnicodeDecodeError:
            pass
    guess = _guess(data)
    warning = None
    if declared:
        warning = f"declared charset {declared!r} does not fit the bytes; decoded as {guess}"
    return Decoded(data.decode(guess, errors="replace"), guess, warning)


def _guess(data: bytes) -> str:
    # German text that is not UTF-8 is nearly always cp1252/latin-1: take it when
    # its non-ASCII characters are the usual umlauts, ß, quotes and dashes.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        odd = [c for c in western if ord(c) > 127]
        usual = sum(1 for c in odd if c in _USUAL_WESTERN or c.isalpha() and ord(c) < 0x250)
        if not odd or usual / len(odd) >= 0.9:
            return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    codec = canonical(best.encoding) if best is not None else None
    if codec is None or codec.replace("-", "_") in _WESTERN or codec in _WESTERN:
        return "cp1252"
    return codec
