"""Bytes → text for HTML pages that arrive without HTTP headers.

Pages saved to disk (or cut out of WARC files) have lost their
``Content-Type`` header, so the encoding has to be inferred from the bytes.
The order of evidence follows what browsers do, tuned for German pages:

1. a byte-order mark wins;
2. valid UTF-8 with non-ASCII bytes is UTF-8 (accidental validity is
   practically impossible for Latin text), whatever the page declares;
3. the ``<meta charset>`` / ``http-equiv`` declaration, if Python knows it
   (``iso-8859-1`` is read as ``cp1252``, as browsers do);
4. ``cp1252``: the usual legacy encoding of German pages;
5. charset-normalizer's guess, else UTF-8 with replacement characters.
"""
from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
# magic numbers of files that are certainly not HTML
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\x7fELF", b"RIFF")
# browsers treat these labels as windows-1252 (WHATWG encoding standard)
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso-8859-15", "l1"}


class BinaryContent(ValueError):
    """The bytes are not text (an image, a PDF, an archive …)."""


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes, if Python knows it."""
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    """True for images/archives/executables and for byte soup full of NULs."""
    head = data[:1024]
    if head.startswith(_BINARY_MAGIC):
        return True
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False  # UTF-16/32 text has NULs by design
    return head.count(b"\x00") > len(head) // 20


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 pages with a few broken bytes (a pasted legacy snippet, a cut-off
    sequence) are still UTF-8: many valid multi-byte characters, few errors."""
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - errors
    return multibyte >= 10 * errors


def decode_html(data: bytes | str) -> str:
    """Decode the raw bytes of a page; raises ``BinaryContent`` for non-text."""
    if isinstance(data, str):
        return data
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    if looks_binary(data):
        raise BinaryContent("binary content, not HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    declared = declared_charset(data)
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    except Exception:  # noqa: BLE001 - a guesser's failure must not end the run
        pass
    return data.decode("utf-8", errors="replace")
