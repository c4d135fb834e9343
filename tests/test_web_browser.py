"""The web app in a real headless Chromium (Debian's), against a real
``depesche serve`` process on a free local port.

Set DEPESCHE_SCREENSHOT=docs/img/article.png to also write the README's
screenshot of the article page.
"""
from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing (scripts/install-browser.sh)"),
]

_spec = importlib.util.spec_from_file_location(
    "depesche_web_corpus", Path(__file__).parent / "fixtures" / "web" / "web_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "corpus.duckdb"
    ids = corpus.build(path)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from depesche.cli import main; main()", "serve", "--db", str(path), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/status", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            pytest.fail(f"depesche serve did not start:\n{proc.stdout.read()}")
        time.sleep(0.3)
    yield base, ids
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.external = []
    # nothing may load from anywhere but our server (no CDN)
    pg.on("request", lambda req: pg.external.append(req.url) if not req.url.startswith(("http://127.0.0.1", "data:")) else None)
    yield pg
    context.close()


def test_search_open_article_follow_speaker(server, page):
    base, ids = server
    page.goto(base + "/")
    page.fill("input[name=q]", "Fernwärme")
    page.click("form.search button[type=submit]")
    page.wait_for_selector("li.result")
    results = page.locator("li.result a.headline")
    assert results.count() == 2
    assert page.locator("li.result mark").first.inner_text() == "Fernwärme"
    page.click(f"li.result a.headline[href='/articles/{ids[0]}']")
    page.wait_for_selector("article.article h1")
    assert page.locator("article.article h1").inner_text() == "Fernwärme in Lindenau wird deutlich teurer"
    # quote, speaker and cue are marked up distinctly in the text
    assert page.locator(".body .q-quote").first.inner_text() == "Das ist für viele Familien nicht mehr bezahlbar"
    assert page.locator(".body .q-cue").first.inner_text() == "sagte"
    assert page.locator(".body .ev-cue").first.inner_text() == "traf sich"
    if os.environ.get("DEPESCHE_SCREENSHOT"):
        page.screenshot(path=os.environ["DEPESCHE_SCREENSHOT"], full_page=True)
    page.click("aside.panel a.speaker-link")
    page.wait_for_selector("h1.entity-name")
    assert page.locator("h1.entity-name").inner_text().startswith("Anna Berg")
    assert page.locator("svg.timeline rect").count() >= 2
    assert page.locator(".said q").count() == 2
    assert page.external == []


def test_planted_script_is_text_and_never_runs(server, page):
    base, ids = server
    page.goto(f"{base}/articles/{ids[3]}")
    page.wait_for_selector("article.article h1")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert "<script>window.__xss = 1</script>" in page.locator("article.article h1").inner_text()
    assert "<script>window.__xss = 1</script>" in page.locator(".body").inner_text()
    assert page.locator("article.article script").count() == 0
    # the javascript: "URL" of the article is not a link
    assert page.locator("a[href^='javascript']").count() == 0
    # search results and the entity page show it as text too
    page.goto(f"{base}/?q=manipuliert")
    assert "<script>" in page.locator("li.result a.headline").inner_text()
    page.goto(f"{base}/entities/kb:berg")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []


def test_network_page_draws_and_highlights(server, page):
    base, _ = server
    page.goto(base + "/network")
    page.wait_for_selector("svg#network")
    assert page.locator("svg#network circle").count() >= 4
    page.hover("svg#network .node[data-id='kb:berg'] circle")
    assert "focused" in page.locator("svg#network").get_attribute("class")
    assert page.locator("svg#network line.hot").count() >= 2
    assert page.external == []


def test_stories_and_docs_pages_load_offline(server, page):
    base, _ = server
    page.goto(base + "/stories")
    assert page.locator("h1").inner_text() == "Geschichten"
    page.goto(base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert page.locator(".swagger-ui .opblock").count() >= 6
    assert page.external == []
