"""Render the demo corpus (``articles.py``) into the five input formats.

    python demo/tools/build_demo.py

The output in ``demo/`` is committed, so ``make demo`` needs no script run;
run this only after editing ``articles.py``.  Output is deterministic.
"""
from __future__ import annotations

import html
import io
import json
import uuid
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from articles import ARTICLES

DEMO = Path(__file__).resolve().parent.parent
AGENCY_CODES = {"dpa": "dpa", "AFP": "AFP", "Reuters": "rtr", "epd": "epd", "AP": "AP"}


def blocks_html(paragraphs: list[str]) -> str:
    out = []
    for p in paragraphs:
        if p.startswith("## "):
            out.append(f"      <h2>{html.escape(p[3:])}</h2>")
        else:
            out.append(f"      <p>{html.escape(p, quote=False)}</p>")
    return "\n".join(out)


def url_of(a: dict) -> str:
    section = (a.get("section") or "news").lower()
    return f"https://{a['domain']}/{section}/{a['slug']}.html"


def render_html(a: dict) -> str:
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": a["headline"],
        "description": a.get("teaser"), "articleSection": a.get("section"), "inLanguage": "de",
        "mainEntityOfPage": url_of(a), "url": url_of(a),
        "publisher": {"@type": "NewsMediaOrganization", "name": a["outlet"]},
    }
    if a.get("authors"):
        ld["author"] = [{"@type": "Person", "name": n} for n in a["authors"]]
    if a.get("published"):
        ld["datePublished"] = a["published"]
        ld["dateModified"] = a["published"]
    if a.get("image"):
        ld["image"] = f"https://{a['domain']}/bilder/{a['image']}"
    byline = ", ".join(a.get("authors") or [])
    agency = f" ({a['agency']})" if a.get("agency") else ""
    figure = ""
    if a.get("image"):
        figure = (f'    <figure><img src="/bilder/{a["image"]}" alt="">\n'
                  f'      <figcaption>{html.escape(a["caption"])} <span class="credit">Foto: {html.escape(a["credit"])}'
                  f"</span></figcaption></figure>\n")
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>{html.escape(a["headline"])} | {html.escape(a["outlet"])}</title>
  <meta name="description" content="{html.escape(a.get("teaser") or "")}">
  <link rel="canonical" href="{url_of(a)}">
  <script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head>
<body>
  <nav class="site-nav"><a href="/">{html.escape(a["outlet"])}</a> <a href="/politik">Politik</a>
    <a href="/wirtschaft">Wirtschaft</a> <a href="/ausland">Ausland</a> <a href="/abo">Abo</a></nav>
  <main>
  <article>
    <header>
      <p class="kicker">{html.escape(a.get("kicker") or "")}</p>
      <h1>{html.escape(a["headline"])}</h1>
      <p class="teaser">{html.escape(a.get("teaser") or "")}</p>
      <p class="byline">{html.escape(byline)}{html.escape(agency)}</p>
    </header>
{figure}    <div class="article-body">
{blocks_html(a["paragraphs"])}
    </div>
  </article>
  <aside class="teaser-list"><h3>Meistgelesen</h3><ul><li><a href="/x">Wetter: Sturm über Norddeutschland</a></li>
    <li><a href="/y">Bundesliga: Spitzenspiel endet torlos</a></li></ul></aside>
  </main>
  <footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a>
    <p>© 2024 {html.escape(a["outlet"])}. Alle Rechte vorbehalten.</p></footer>
</body>
</html>
"""


def write_html(items: list[dict]) -> None:
    folder = DEMO / "html"
    folder.mkdir(exist_ok=True)
    for a in items:
        (folder / f"{a['slug']}.html").write_text(render_html(a), encoding="utf-8")


def write_warc(items: list[dict]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder = DEMO / "warc"
    folder.mkdir(exist_ok=True)
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)

    def record(url, payload, ctype, date, status="200 OK", extra=None):
        headers = StatusAndHeaders(status, [("Content-Type", ctype), *(extra or [])], protocol="HTTP/1.1")
        rid = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url + status)}>"
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": rid}))

    site = f"https://{items[0]['domain']}"
    record(f"{site}/robots.txt", b"User-agent: *\nAllow: /\n", "text/plain", "2024-02-15T17:59:00Z")
    for n, a in enumerate(items):
        date = a.get("warc_date") or "2024-02-15T18:%02d:00Z" % n
        record(url_of(a), render_html(a).encode("utf-8"), "text/html; charset=utf-8", date)
        if n == 0:  # crawls also hold redirects and images; the reader skips them
            record(f"{site}/a/{a['slug']}", b"", "text/html", date, status="301 Moved Permanently",
                   extra=[("Location", url_of(a))])
            record(f"{site}/bilder/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png", date)
    (folder / "alpenblick-crawl.warc.gz").write_bytes(buf.getvalue())


def write_feed(items: list[dict]) -> None:
    folder = DEMO / "feeds"
    folder.mkdir(exist_ok=True)
    first = items[0]
    entries = []
    for a in items:
        pub = format_datetime(datetime.fromisoformat(a["published"]))
        creator = "".join(f"\n      <dc:creator>{html.escape(n)}</dc:creator>" for n in a.get("authors") or [])
        body = "".join(f"<h2>{p[3:]}</h2>" if p.startswith("## ") else f"<p>{p}</p>" for p in a["paragraphs"])
        entries.append(f"""    <item>
      <title>{html.escape(a["headline"])}</title>
      <link>{url_of(a)}</link>
      <guid isPermaLink="true">{url_of(a)}</guid>
      <pubDate>{pub}</pubDate>{creator}
      <category>{html.escape(a["section"])}</category>
      <description>{html.escape(a["teaser"])}</description>
      <content:encoded><![CDATA[{body}]]></content:encoded>
    </item>""")
    rss = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>{html.escape(first["outlet"])} – Nachrichten</title>
    <link>https://{first["domain"]}/</link>
    <description>Die wichtigsten Nachrichten aus Politik und Ausland</description>
    <language>de-de</language>
{chr(10).join(entries)}
  </channel>
</rss>
"""
    (folder / "md-rundschau.rss").write_text(rss, encoding="utf-8")


def write_jsonl(items: list[dict]) -> None:
    folder = DEMO / "jsonl"
    folder.mkdir(exist_ok=True)
    lines = []
    for a in items:
        text = "\n".join(p[3:] if p.startswith("## ") else p for p in a["paragraphs"])
        rec = {  # news-please field names
            "url": url_of(a), "title": a["headline"], "description": a.get("teaser"), "maintext": text,
            "date_publish": a["published"], "date_modify": None, "date_download": "2024-03-16 08:00:00",
            "authors": a.get("authors") or [], "language": "de", "source_domain": a["domain"].removeprefix("www."),
            "image_url": None, "filename": f"{a['slug']}.json",
        }
        lines.append(json.dumps(rec, ensure_ascii=False))
    (folder / "newsdump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def render_text(a: dict) -> str:
    parts = [a["section"], f"{a['kicker']} {a['headline']}", a["published"]]
    if a.get("image"):
        parts += [a["image"], a["caption"], f"(Foto: {a['credit']})"]
    parts.append(a["teaser"])
    paras = [p[3:] if p.startswith("## ") else p for p in a["paragraphs"]]
    cut = 3 if len(paras) > 3 else len(paras)
    parts += paras[:cut]
    if a.get("related"):
        parts.append("Mehr zum Thema")
        parts.append("\n".join(a["related"]))
    parts += paras[cut:]
    codes = "/".join(AGENCY_CODES.get(x.strip(), x.strip()) for x in (a.get("agency") or "").split(",") if x.strip())
    parts.append(f"Quelle: {a['outlet']}, {a['initials']}/{codes}")
    parts.append("nachrichten24 Dienste\nApps\nNewsletter\nIch möchte gerne Nachrichten und redaktionelle Artikel "
                 "von nachrichten24 per E-Mail erhalten.")
    return "\n\n".join(parts) + "\n"


def write_text(items: list[dict]) -> None:
    folder = DEMO / "text"
    folder.mkdir(exist_ok=True)
    for a in items:
        (folder / f"{a['slug']}.txt").write_text(render_text(a), encoding="utf-8")


def main() -> None:
    by_format: dict[str, list[dict]] = {}
    for a in ARTICLES:
        by_format.setdefault(a["format"], []).append(a)
    write_html(by_format["html"])
    write_warc(by_format["warc"])
    write_feed(by_format["feed"])
    write_jsonl(by_format["jsonl"])
    write_text(by_format["text"])


if __name__ == "__main__":
    main()
