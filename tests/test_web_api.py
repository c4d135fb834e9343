"""JSON API and server-rendered pages of ``depesche serve`` (FastAPI TestClient).

The corpus is our own hand-written German text (tests/fixtures/web), stored
with the Store API, so these tests do not depend on other stages' quality.
"""
from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from depesche.web import render
from depesche.web.app import create_app

_spec = importlib.util.spec_from_file_location(
    "depesche_web_corpus", Path(__file__).parent / "fixtures" / "web" / "web_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


@pytest.fixture(scope="module")
def store_file(tmp_path_factory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("web") / "corpus.duckdb"
    ids = corpus.build(path)
    return path, ids


@pytest.fixture(scope="module")
def ids(store_file):
    return store_file[1]


@pytest.fixture(scope="module")
def client(store_file):
    app = create_app(store_file[0], watch=False)
    with TestClient(app) as c:
        yield c


# -- search --------------------------------------------------------------------

def test_search_uses_german_stemming_and_highlights_escaped(client, ids):
    r = client.get("/api/search", params={"q": "Preis"})
    assert r.status_code == 200
    data = r.json()
    # "Preise" in the Fernwärme article and the Stadtwerke-Chef article, not the ferry one
    assert {it["id"] for it in data["items"]} == {ids[0], ids[1]}
    assert data["total"] == 2
    html = " ".join(it["snippet_html"] + it["headline_html"] for it in data["items"])
    assert "<mark>Preise</mark>" in html


def test_search_requires_every_word(client, ids):
    assert client.get("/api/search", params={"q": "Fernwärme Elbe"}).json()["total"] == 0
    hits = client.get("/api/search", params={"q": "Fernwärme Sozialtarif"}).json()["items"]
    assert [h["id"] for h in hits] == [ids[1]]


def test_search_finds_headline_words(client, ids):
    hits = client.get("/api/search", params={"q": "manipuliert"}).json()["items"]
    assert [h["id"] for h in hits] == [ids[3]]
    # the planted markup is escaped inside the highlighted headline
    assert "&lt;script&gt;" in hits[0]["headline_html"] and "<script>" not in hits[0]["headline_html"]


@pytest.mark.parametrize("params, expected", [
    ({"outlet": "Tageskurier"}, [1]),
    ({"section": "Lokales"}, [0]),
    ({"date_from": "2024-01-10"}, [1]),
    ({"date_to": "2024-01-09"}, [0]),
    ({"entity": "kb:krause"}, [0, 1]),
    ({"entity": "krause"}, [0, 1]),
    ({"speaker": "Jonas"}, [1]),
    ({"speaker": "kb:berg"}, [0]),
])
def test_search_filters(client, ids, params, expected):
    hits = client.get("/api/search", params={"q": "Stadtwerke", **params}).json()["items"]
    assert sorted(h["id"] for h in hits) == sorted(ids[i] for i in expected)


def test_article_list_filters_and_paginates(client, ids):
    everything = client.get("/api/articles").json()
    assert everything["total"] == 4
    # newest first
    assert [a["id"] for a in everything["items"]] == [ids[3], ids[2], ids[1], ids[0]]
    page2 = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert page2["total"] == 4 and [a["id"] for a in page2["items"]] == [ids[1], ids[0]]
    lokal = client.get("/api/articles", params={"outlet": "Lindenauer Bote", "date_from": "2024-02-01"}).json()
    assert [a["id"] for a in lokal["items"]] == [ids[2]]


# -- one article, one entity -----------------------------------------------------

def test_article_carries_facts_whose_offsets_point_into_the_body(client, ids):
    art = client.get(f"/api/articles/{ids[0]}").json()
    body = art["body"]
    assert art["outlet"] == "Lindenauer Bote" and art["authors"] == ["Petra Quast"] and art["agency"] == "dpa"
    assert [body[m["start"]:m["end"]] for m in art["mentions"]][:2] == ["Stadtwerke Lindenau", "Anna Berg"]
    (quote,) = art["quotes"]
    assert body[quote["quote_start"]:quote["quote_end"]] == "Das ist für viele Familien nicht mehr bezahlbar"
    assert quote["speaker_entity_id"] == "kb:berg"
    (event,) = art["events"]
    assert event["type"] == "CONSULT" and event["target_entity_id"] == "kb:krause"
    assert body[event["cue_start"]:event["cue_end"]] == "traf sich"


def test_entity_page_data(client, ids):
    ent = client.get("/api/entities/kb:berg").json()
    assert ent["name"] == "Anna Berg" and ent["articles"] == 3
    assert sorted(q["article_id"] for q in ent["quotes"]) == sorted([ids[0], ids[3]])
    assert {e["type"] for e in ent["events"]} == {"CONSULT", "DEMAND"}
    assert {c["id"] for c in ent["co_mentioned"]} >= {"kb:krause", "new:stadtwerke", "new:lindenau"}
    days = {t["day"]: (t["mentions"], t["quotes"]) for t in ent["timeline"]}
    assert days["2024-01-09"] == (3, 1)  # three mentions and one quote that day (Berlin time)


def test_quotes_and_events_lists(client, ids):
    quotes = client.get("/api/quotes", params={"speaker": "Anna Berg"}).json()
    assert quotes["total"] == 2
    assert client.get("/api/quotes", params={"type": "Indirect"}).json()["items"][0]["speaker_name"] == "Jonas Krause"
    assert client.get("/api/quotes", params={"q": "schiffe"}).json()["total"] == 1
    ev = client.get("/api/events", params={"type": "DEMAND"}).json()
    assert ev["total"] == 1 and ev["items"][0]["target_canonical"] == "Stadtwerke Lindenau"
    assert client.get("/api/events", params={"source": "berg", "target": "krause"}).json()["total"] == 1
    assert client.get("/api/events", params={"entity": "kb:krause"}).json()["total"] == 1


def test_network_links_actors_by_events_and_shared_articles(client):
    g = client.get("/api/network", params={"mode": "events"}).json()
    pairs = {tuple(sorted((l["source"], l["target"]))) for l in g["links"]}
    assert pairs == {("kb:berg", "kb:krause"), ("kb:berg", "new:stadtwerke")}
    g = client.get("/api/network", params={"mode": "cooccurrence"}).json()
    berg_krause = [l for l in g["links"] if {l["source"], l["target"]} == {"kb:berg", "kb:krause"}]
    assert berg_krause[0]["articles"] == 2
    g = client.get("/api/network", params={"mode": "both", "date_from": "2024-02-01"}).json()
    assert {n["id"] for n in g["nodes"]} == {"kb:berg", "new:lindenau"}


# -- downloads -------------------------------------------------------------------

def test_csv_and_parquet_downloads(client):
    r = client.get("/api/quotes", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 4 and {"quote_text", "speaker_name", "outlet"} <= set(rows[0])
    r = client.get("/api/search", params={"q": "Stadtwerke", "format": "parquet"})
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == 2 and "snippet" in table.column_names
    r = client.get("/api/articles", params={"format": "csv", "limit": 5000})
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 4


# -- validation and errors ---------------------------------------------------------

@pytest.mark.parametrize("url, status, needle", [
    ("/api/search", 422, "q"),
    ("/api/search?q=", 422, "q"),
    ("/api/search?q=%21%21%21", 400, "word"),
    ("/api/search?q=" + "x" * 400, 422, "q"),
    ("/api/articles?date_from=2024-13-01", 422, "date_from"),
    ("/api/articles?date_from=2024-02-01&date_to=2024-01-01", 400, "date_from"),
    ("/api/articles?limit=0", 422, "limit"),
    ("/api/articles?limit=201", 400, "limit"),
    ("/api/articles?offset=-1", 422, "offset"),
    ("/api/articles?format=xml", 422, "format"),
    ("/api/events?type=drop%20table", 422, "type"),
    ("/api/quotes?type=Shouted", 422, "type"),
    ("/api/network?nodes=100000", 422, "nodes"),
    ("/api/articles/nope", 404, "nope"),
    ("/api/entities/kb:niemand", 404, "niemand"),
])
def test_bad_parameters_get_clear_4xx(client, url, status, needle):
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert body["error"] and needle in body["message"]


def test_no_endpoint_writes(client):
    for route in client.app.routes:
        methods = getattr(route, "methods", None) or set()
        assert methods <= {"GET", "HEAD"}, route.path
    assert client.post("/api/articles", json={}).status_code == 405
    assert client.delete(f"/api/articles/x").status_code == 405


def test_openapi_and_docs_work_offline(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/articles/{article_id}", "/api/search", "/api/entities/{entity_id}",
            "/api/quotes", "/api/events"} <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


# -- pages -------------------------------------------------------------------------

def test_pages_render(client, ids):
    page = client.get("/", params={"q": "Fernwärme", "outlet": "Lindenauer Bote"})
    assert page.status_code == 200 and f'href="/articles/{ids[0]}"' in page.text
    assert "<mark>Fernwärme</mark>" in page.text
    csv_link = page.text.split('class="download" href="')[1].split('"')[0].replace("&amp;", "&")
    assert csv_link.startswith("/api/search?") and "format=csv" in csv_link
    assert len(list(csv.DictReader(io.StringIO(client.get(csv_link).text)))) == 1
    art = client.get(f"/articles/{ids[0]}").text
    assert 'class="q-Direct q-quote"' in art and 'href="/entities/kb%3Aberg"' in art and 'id="e0"' in art
    ent = client.get("/entities/kb:berg").text
    assert "<svg" in ent and "Das ist für viele Familien nicht mehr bezahlbar" in ent
    net = client.get("/network").text
    assert net.count("<circle") >= 4
    assert client.get("/entities/kb:niemand").status_code == 404
    bad = client.get("/", params={"date_from": "morgen"})
    assert bad.status_code == 422 and "date_from" in bad.text


def test_hostile_article_is_shown_as_text(client, ids):
    r = client.get(f"/articles/{ids[3]}")
    assert r.status_code == 200
    html = r.text
    assert "<script>window" not in html and "<b>fett</b>" not in html
    assert html.count("&lt;script&gt;window.__xss = 1&lt;/script&gt;") >= 4  # title, h1, author, body, panel
    assert 'href="javascript:' not in html
    assert "script-src 'self'" in r.headers["content-security-policy"]
    for url in ("/", "/?q=Webseite", "/entities/kb:berg"):
        page = client.get(url).text
        assert "<script>window" not in page and "&lt;script&gt;window" in page, url


def test_stories_page_when_table_is_missing(tmp_path):
    path = tmp_path / "nostories.duckdb"
    corpus.build(path)
    con = duckdb.connect(str(path))
    for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%stor%' "
                               "OR table_name LIKE '%duplicate%' OR table_name LIKE '%sighting%' "
                               "OR table_name LIKE '%_facts'").fetchall():
        con.execute(f'DROP TABLE "{name}" CASCADE')
    con.close()
    with TestClient(create_app(path, watch=False)) as c:
        page = c.get("/stories")
        assert page.status_code == 200 and "Noch keine Geschichten" in page.text
        assert c.get("/api/stories").json() == {"available": False, "total": 0, "limit": 50, "offset": 0, "items": []}


def test_stories_page_lists_any_stories_table(tmp_path):
    path = tmp_path / "stories.duckdb"
    ids = corpus.build(path)
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE IF EXISTS stories CASCADE")
    con.execute("CREATE TABLE stories (id VARCHAR, label VARCHAR, n_articles INTEGER, central_article_id VARCHAR)")
    con.execute("INSERT INTO stories VALUES ('s1', 'Streit um <i>Fernwärme</i>', 2, ?)", [ids[0]])
    con.close()
    with TestClient(create_app(path, watch=False)) as c:
        page = c.get("/stories").text
        assert "Streit um &lt;i&gt;Fernwärme&lt;/i&gt;" in page and f'href="/articles/{ids[0]}"' in page
        assert c.get("/api/stories").json()["items"][0]["n_articles"] == 2


# -- rendering helpers ---------------------------------------------------------------

def test_render_body_handles_overlaps_and_bad_offsets():
    body = "Anna sagte: Wir <bauen> neu."
    marks = [render.Mark(0, 4, "ent ent-PER", "PER", "/entities/a"),
             render.Mark(12, 27, "q-quote", "quote", None, "q0"),
             render.Mark(16, 23, "ev-cue", "evt"),
             render.Mark(5, 500, "broken"), render.Mark(9, 3, "reversed"), render.Mark(None, 3, "none")]
    html = str(render.render_body(body, [{"start": 0, "end": len(body), "kind": "p"}], marks))
    assert "broken" not in html and "reversed" not in html
    assert '<span class="ev-cue q-quote" title="quote | evt">&lt;bauen&gt;</span>' in html
    assert html.startswith('<p><a href="/entities/a"><span class="ent ent-PER"')
    assert '<a class="anchor" id="q0"></a>' in html
    # text outside the stored paragraphs is still shown
    assert "neu." in str(render.render_body(body, [{"start": 0, "end": 4, "kind": "h"}], []))


def test_timeline_svg_buckets_long_spans():
    from datetime import date

    rows = [{"day": date(2023, 1, 1), "mentions": 2, "quotes": 0}, {"day": date(2024, 6, 1), "mentions": 1, "quotes": 1}]
    svg = str(render.timeline_svg(rows))
    assert "per week" in svg and svg.count("<rect") == 3
