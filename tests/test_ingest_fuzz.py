"""Fuzzing every reader: whatever the bytes, no exception escapes iter_items,
and every article that comes out is well-formed."""
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from depesche.ingest import IngestError, iter_items
from depesche.model import Article

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces of every format's syntax, mixed with arbitrary text
PIECES = [
    "<html>", "</html>", "<head>", "<body>", "<p>", "</p>", "<h2>", "</h2>", "<br>", "<article>", "<script>",
    '<meta charset="iso-8859-1">', '<meta charset="bogus">', "<title>", "</title>", "<!--", "-->", "<![CDATA[",
    '<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0">', "<channel>", "<item>", "</item>",
    "<description>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry>", "<content>", "&amp;", "&#0;",
    '{"url": "https://x.de/a", "maintext": "', '"}', '{"title": ', "null", "[", "]", ",", "\n",
    "Politik\n\n", "Mehr zum Thema\n\n", "Quelle: ntv.de, abc/dpa\n", "(Foto: dpa)\n", "bild.jpg\n",
    "ntv.de Dienste\n", "08.12.2021, 06:42 Uhr\n", "Von Anna Test\n", "\n\n", "\r\n", "\x00", "\ufeff",
    "Die Ministerin sagte am Dienstag, die Regierung werde handeln. ", "Ä Ö Ü ß „“ – € ",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=40).map("".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
extensions = st.sampled_from([".html", ".txt", ".rss", ".xml", ".jsonl", ".warc", ".warc.gz", ".bin", ""])


def check(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"item{ext}"
        path.write_bytes(data)
        results = list(iter_items([path]))
    for x in results:
        assert isinstance(x, (Article, IngestError))
        if isinstance(x, IngestError):
            assert x.item and x.reason and "Traceback" not in x.reason
            continue
        assert x.body.strip() and x.id and x.content_hash
        for p in x.paragraphs:
            assert 0 <= p.start <= p.end <= len(x.body)


@FUZZ
@given(st.binary(max_size=3000), extensions)
def test_random_bytes(data, ext):
    check(data, ext)


@FUZZ
@given(texts, encodings, extensions)
def test_format_like_text(text, encoding, ext):
    check(text.encode(encoding, errors="replace"), ext)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=60),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
KEYS = ["url", "title", "maintext", "text", "description", "date_publish", "date", "authors", "language",
        "source_domain", "image_url", "date_modify", "keywords"]


@FUZZ
@given(st.lists(st.one_of(st.dictionaries(st.sampled_from(KEYS), json_values, max_size=8).map(json.dumps),
                          st.text(max_size=50)), max_size=6))
def test_jsonl_records(lines):
    check("\n".join(lines).encode("utf-8", errors="replace"), ".jsonl")


@FUZZ
@given(st.lists(st.tuples(texts, st.sampled_from(["text/html", "text/html; charset=latin-1", "image/png", ""]),
                          st.sampled_from(["200 OK", "404 Not Found", "301 Moved"])), min_size=1, max_size=3),
       st.floats(min_value=0.0, max_value=1.0), st.booleans())
def test_warc_records_whole_or_cut(pages, cut, gz):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for n, (body, ctype, status) in enumerate(pages):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/{n}", "response", payload=io.BytesIO(body.encode("utf-8", errors="replace")),
            http_headers=headers))
    data = buf.getvalue()
    check(data[: max(1, int(len(data) * cut))] if cut < 0.99 else data, ".warc.gz" if gz else ".warc")
