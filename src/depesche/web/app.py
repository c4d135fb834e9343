"""The FastAPI application: JSON API under ``/api`` and server-rendered pages.

Read-only by construction: every request reads a snapshot file opened with
``read_only=True`` (see :mod:`depesche.web.snapshot`), and there is no
endpoint but GET.  Every value from the store reaches HTML through Jinja's
autoescape or :func:`markupsafe.escape`, and a Content-Security-Policy
forbids inline scripts as a second line of defence.
"""
from __future__ import annotations

import csv
import io
import json
import logging
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import queries, render, search as search_mod
from .snapshot import NoStore, SnapshotManager

log = logging.getLogger("depesche.web")
HERE = Path(__file__).parent
MAX_PAGE = 200          # rows per JSON page
MAX_DOWNLOAD = 100_000  # rows per CSV/Parquet download
MAX_OFFSET = 100_000
MAX_QUERY_CHARS = 300

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

Format = Literal["json", "csv", "parquet"]


class BadRequest(HTTPException):
    def __init__(self, detail: str):
        super().__init__(status_code=400, detail=detail)


def create_app(db_path: str | Path, *, poll_seconds: float = 2.0, watch: bool = True,
               manager: SnapshotManager | None = None) -> FastAPI:
    """The app serving the store at ``db_path`` (through snapshots)."""
    manager = manager or SnapshotManager(db_path, poll_seconds=poll_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if manager._current is None:
            manager.start()
        if watch:
            manager.watch()
        yield
        manager.stop()

    app = FastAPI(
        title="depesche",
        version=__version__,
        description="German news as a structured, searchable record: articles, entities, quotes, events.",
        docs_url=None, redoc_url=None, lifespan=lifespan,
    )
    app.state.manager = manager
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(entity_href=render.entity_href, article_href=render.article_href,
                                 version=__version__, fmt_dt=_fmt_dt)
    templates.env.filters["fmt_dt"] = _fmt_dt
    templates.env.filters["is_web_url"] = _is_web_url
    try:  # mounted before /static, which would otherwise swallow its paths
        import swagger_ui_bundle

        app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
        has_swagger = True
    except ImportError:
        has_swagger = False
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    # -- plumbing ----------------------------------------------------------------
    def cursor():
        try:
            snap = manager.current()
        except NoStore:
            raise HTTPException(503, "the database is not ready yet")
        cur = snap.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def page_html(request: Request, name: str, status_code: int = 200, **ctx) -> HTMLResponse:
        return templates.TemplateResponse(request, name, ctx, status_code=status_code)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP if not request.url.path.startswith("/docs")
                                    else CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api") or request.url.path == "/openapi.json"

    @app.exception_handler(RequestValidationError)
    async def invalid_params(request: Request, exc: RequestValidationError):
        problems = [{"param": ".".join(str(x) for x in e.get("loc", ())[1:]) or str(e.get("loc")),
                     "in": (e.get("loc") or ["?"])[0], "msg": e.get("msg"), "input": _short(e.get("input"))}
                    for e in exc.errors()]
        message = "; ".join(f"{p['param']}: {p['msg']}" for p in problems)
        if wants_json(request):
            return JSONResponse({"error": "invalid parameter", "message": message, "detail": problems},
                                status_code=422)
        return page_html(request, "error.html", 422, status=422, message=f"Invalid parameter — {message}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if wants_json(request):
            return JSONResponse({"error": _reason(exc.status_code), "message": exc.detail},
                                status_code=exc.status_code, headers=getattr(exc, "headers", None))
        return page_html(request, "error.html", exc.status_code, status=exc.status_code, message=exc.detail)

    @app.exception_handler(queries.QueryTimeout)
    async def timeout(request: Request, exc: queries.QueryTimeout):
        msg = f"{exc}; narrow the query (date range, filters)"
        if wants_json(request):
            return JSONResponse({"error": "query timeout", "message": msg}, status_code=503)
        return page_html(request, "error.html", 503, status=503, message=msg)

    def list_response(request: Request, fmt: str, name: str, total: int, items: list[dict], limit: int,
                      offset: int):
        if fmt == "json":
            return {"total": total, "limit": limit, "offset": offset, "items": [_jsonable(r) for r in items]}
        return download(items, fmt, name)

    def page_limit(fmt: str, limit: int | None) -> int:
        if limit is None:
            return 50 if fmt == "json" else 10_000
        cap = MAX_PAGE if fmt == "json" else MAX_DOWNLOAD
        if limit > cap:
            raise BadRequest(f"limit must be at most {cap} for format={fmt}")
        return limit

    def date_range(date_from: date | None, date_to: date | None) -> None:
        if date_from and date_to and date_from > date_to:
            raise BadRequest("date_from must not be after date_to")

    # shared parameter declarations (OpenAPI documents each one)
    Q_OUTLET = Query(None, max_length=200, description="Outlet name, exact.")
    Q_SECTION = Query(None, max_length=200, description="Section, exact.")
    Q_FROM = Query(None, description="First day (YYYY-MM-DD, Berlin time), inclusive.")
    Q_TO = Query(None, description="Last day (YYYY-MM-DD, Berlin time), inclusive.")
    Q_ENTITY = Query(None, max_length=200, description="Entity id, or part of its name.")
    Q_SPEAKER = Query(None, max_length=200, description="Speaker entity id, or part of the speaker's name.")
    Q_LIMIT = Query(None, ge=1, description=f"Rows per page (JSON ≤ {MAX_PAGE}, downloads ≤ {MAX_DOWNLOAD}).")
    Q_OFFSET = Query(0, ge=0, le=MAX_OFFSET)
    Q_FORMAT = Query("json", description="json, or csv / parquet to download the list.")

    # -- API ---------------------------------------------------------------------
    @app.get("/api/status", tags=["api"], summary="Which snapshot is served and what it holds")
    def api_status(cur=Depends(cursor)):
        snap = manager.current()
        return _jsonable({"snapshot": snap.path.name, "fingerprint": snap.fingerprint,
                          "store_busy": manager.busy_since is not None, "last_error": manager.last_error,
                          **queries.corpus_stats(cur)})

    @app.get("/api/articles", tags=["api"], summary="Articles, newest first, with filters")
    def api_articles(request: Request, outlet: str | None = Q_OUTLET, section: str | None = Q_SECTION,
                     date_from: date | None = Q_FROM, date_to: date | None = Q_TO,
                     entity: str | None = Q_ENTITY, speaker: str | None = Q_SPEAKER,
                     limit: int | None = Q_LIMIT, offset: int = Q_OFFSET, format: Format = Q_FORMAT,
                     cur=Depends(cursor)):
        date_range(date_from, date_to)
        limit = page_limit(format, limit)
        flt = queries.ArticleFilter(outlet, section, date_from, date_to, entity, speaker)
        total, items = queries.list_articles(cur, flt, limit, offset)
        return list_response(request, format, "articles", total, items, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["api"],
             summary="One article with its mentions, quotes and events")
    def api_article(article_id: str = PathParam(..., max_length=300), cur=Depends(cursor)):
        art = queries.get_article(cur, article_id)
        if art is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return _jsonable(art)

    @app.get("/api/search", tags=["api"], summary="Full-text search (BM25, German stemming)")
    def api_search(request: Request,
                   q: str = Query(..., min_length=1, max_length=MAX_QUERY_CHARS, description="Search words; all must occur."),
                   outlet: str | None = Q_OUTLET, section: str | None = Q_SECTION,
                   date_from: date | None = Q_FROM, date_to: date | None = Q_TO,
                   entity: str | None = Q_ENTITY, speaker: str | None = Q_SPEAKER,
                   limit: int | None = Q_LIMIT, offset: int = Q_OFFSET, format: Format = Q_FORMAT,
                   cur=Depends(cursor)):
        date_range(date_from, date_to)
        limit = page_limit(format, limit)
        if not search_mod.query_words(q):
            raise BadRequest("q must contain at least one word")
        flt = queries.ArticleFilter(outlet, section, date_from, date_to, entity, speaker)
        total, items = search_mod.search(cur, q, flt, limit, offset)
        for r in items:
            r["snippet_html"] = str(r["snippet_html"])
            r["headline_html"] = str(r["headline_html"])
        return list_response(request, format, "search", total, items, limit, offset)

    @app.get("/api/entities", tags=["api"], summary="Entities, most mentioned first")
    def api_entities(request: Request, q: str | None = Query(None, max_length=200, description="Id or part of the name."),
                     type: Literal["PER", "ORG", "LOC", "OTH"] | None = Query(None),
                     limit: int | None = Q_LIMIT, offset: int = Q_OFFSET, format: Format = Q_FORMAT,
                     cur=Depends(cursor)):
        limit = page_limit(format, limit)
        total, items = queries.list_entities(cur, q, type, limit, offset)
        return list_response(request, format, "entities", total, items, limit, offset)

    @app.get("/api/entities/{entity_id:path}", tags=["api"],
             summary="One entity: its quotes, events, co-mentioned entities and timeline")
    def api_entity(entity_id: str = PathParam(..., max_length=300), cur=Depends(cursor)):
        ent = entity_bundle(cur, entity_id)
        ent.pop("timeline_svg", None)
        return _jsonable(ent)

    @app.get("/api/quotes", tags=["api"], summary="Quotations with speaker, cue and article")
    def api_quotes(request: Request, speaker: str | None = Q_SPEAKER,
                   article: str | None = Query(None, max_length=300, description="Article id."),
                   q: str | None = Query(None, max_length=MAX_QUERY_CHARS, description="Text the quote contains."),
                   type: Literal["Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"] | None = Query(None),
                   outlet: str | None = Q_OUTLET, date_from: date | None = Q_FROM, date_to: date | None = Q_TO,
                   limit: int | None = Q_LIMIT, offset: int = Q_OFFSET, format: Format = Q_FORMAT,
                   cur=Depends(cursor)):
        date_range(date_from, date_to)
        limit = page_limit(format, limit)
        flt = queries.ArticleFilter(outlet=outlet, date_from=date_from, date_to=date_to)
        total, items = queries.list_quotes(cur, speaker=speaker, article=article, q=q, type_=type, flt=flt,
                                           limit=limit, offset=offset)
        return list_response(request, format, "quotes", total, items, limit, offset)

    @app.get("/api/events", tags=["api"], summary="PLOVER events: who did what to whom")
    def api_events(request: Request,
                   type: str | None = Query(None, pattern=r"^[A-Z_]{2,30}$", description="PLOVER type, e.g. CONSULT."),
                   entity: str | None = Query(None, max_length=300, description="Entity id as source or target."),
                   source: str | None = Query(None, max_length=200, description="Source entity id or name part."),
                   target: str | None = Query(None, max_length=200, description="Target entity id or name part."),
                   article: str | None = Query(None, max_length=300, description="Article id."),
                   date_from: date | None = Q_FROM, date_to: date | None = Q_TO,
                   limit: int | None = Q_LIMIT, offset: int = Q_OFFSET, format: Format = Q_FORMAT,
                   cur=Depends(cursor)):
        date_range(date_from, date_to)
        limit = page_limit(format, limit)
        total, items = queries.list_events(cur, entity=entity, type_=type, source=source, target=target,
                                           article=article, date_from=date_from, date_to=date_to,
                                           limit=limit, offset=offset)
        return list_response(request, format, "events", total, items, limit, offset)

    @app.get("/api/network", tags=["api"], summary="Actors linked by events and/or shared articles")
    def api_network(mode: Literal["events", "cooccurrence", "both"] = Query("both"),
                    date_from: date | None = Q_FROM, date_to: date | None = Q_TO,
                    nodes: int = Query(100, ge=2, le=300, description="Keep the busiest N actors."),
                    min_weight: int = Query(1, ge=1, le=1000, description="Minimum shared articles per link."),
                    cur=Depends(cursor)):
        date_range(date_from, date_to)
        return _jsonable(queries.network(cur, mode=mode, date_from=date_from, date_to=date_to,
                                         max_nodes=nodes, min_weight=min_weight))

    @app.get("/api/stories", tags=["api"], summary="Story clusters (if the stories stage has run)")
    def api_stories(request: Request, limit: int | None = Q_LIMIT, offset: int = Q_OFFSET,
                    format: Format = Q_FORMAT, cur=Depends(cursor)):
        limit = page_limit(format, limit)
        data = queries.stories(cur, limit, offset)
        if format != "json":
            return download(data["items"], format, "stories")
        return _jsonable({"available": data["available"], "total": data["total"], "limit": limit,
                          "offset": offset, "items": data["items"]})

    def entity_bundle(cur, entity_id: str) -> dict:
        ent = queries.get_entity(cur, entity_id)
        if ent is None:
            raise HTTPException(404, f"no entity with id {entity_id!r}")
        ent["quotes"] = queries.entity_quotes(cur, entity_id)
        _, ent["events"] = queries.list_events(cur, entity=entity_id, limit=500)
        ent["co_mentioned"] = queries.co_mentioned(cur, entity_id)
        ent["timeline"] = queries.entity_timeline(cur, entity_id)
        return ent

    # -- docs (Swagger UI from the swagger-ui-bundle package, never a CDN) --------
    @app.get("/docs", include_in_schema=False)
    def docs():
        if not has_swagger:
            return HTMLResponse('<p>Swagger UI is not installed; the API is described at '
                                '<a href="/openapi.json">/openapi.json</a>.</p>')
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="depesche API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )

    # -- pages -------------------------------------------------------------------
    layouts: dict[tuple, dict] = {}  # small cache of network layouts

    # HTML forms send empty fields as "": pages take dates as text
    Q_FROM_FORM = Query(None, max_length=10)
    Q_TO_FORM = Query(None, max_length=10)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_search(request: Request, q: str | None = Query(None, max_length=MAX_QUERY_CHARS),
                    outlet: str | None = Q_OUTLET, section: str | None = Q_SECTION,
                    date_from: str | None = Q_FROM_FORM, date_to: str | None = Q_TO_FORM,
                    entity: str | None = Q_ENTITY, speaker: str | None = Q_SPEAKER,
                    page: int = Query(1, ge=1, le=1000), cur=Depends(cursor)):
        date_from, date_to = _form_date("date_from", date_from), _form_date("date_to", date_to)
        date_range(date_from, date_to)
        per_page = 20
        flt = queries.ArticleFilter(outlet or None, section or None, date_from, date_to, entity or None,
                                    speaker or None)
        offset = (page - 1) * per_page
        if q and search_mod.query_words(q):
            total, items = search_mod.search(cur, q, flt, per_page, offset)
        else:
            total, items = queries.list_articles(cur, flt, per_page, offset)
        params = {k: v for k, v in request.query_params.items() if k != "page" and v}

        def page_url(p: int) -> str:
            return "/?" + urlencode({**params, "page": p})

        def download_url(fmt: str) -> str:  # the same list from the API, as a file
            api = "/api/search" if q and search_mod.query_words(q) else "/api/articles"
            return api + "?" + urlencode({**params, "format": fmt})

        return page_html(request, "search.html", q=q or "", flt=flt, items=items, total=total, page=page,
                         pages=max(1, -(-total // per_page)), page_url=page_url, download_url=download_url,
                         facets=queries.facets(cur),
                         stats=queries.corpus_stats(cur))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_article(request: Request, article_id: str = PathParam(..., max_length=300), cur=Depends(cursor)):
        art = queries.get_article(cur, article_id)
        if art is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        body_html = render.render_body(art["body"] or "", art.get("paragraphs"), render.marks_for(art))
        return page_html(request, "article.html", art=art, body_html=body_html)

    @app.get("/entities/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def page_entity(request: Request, entity_id: str = PathParam(..., max_length=300), cur=Depends(cursor)):
        ent = entity_bundle(cur, entity_id)
        groups: dict[tuple, list] = {}
        for q in ent["quotes"]:
            groups.setdefault((q["day"], q["outlet"]), []).append(q)
        return page_html(request, "entity.html", ent=ent, quote_groups=list(groups.items()),
                         timeline_svg=render.timeline_svg(ent["timeline"]))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def page_network(request: Request, mode: Literal["events", "cooccurrence", "both"] = Query("both"),
                     date_from: str | None = Q_FROM_FORM, date_to: str | None = Q_TO_FORM,
                     nodes: int = Query(100, ge=2, le=300), cur=Depends(cursor)):
        date_from, date_to = _form_date("date_from", date_from), _form_date("date_to", date_to)
        date_range(date_from, date_to)
        key = (manager.current().fingerprint, mode, date_from, date_to, nodes)
        graph = layouts.get(key)
        if graph is None:  # layouts are deterministic: compute once per snapshot and view
            graph = queries.network(cur, mode=mode, date_from=date_from, date_to=date_to, max_nodes=nodes)
            render.layout(graph["nodes"], graph["links"])
            if len(layouts) >= 32:
                layouts.pop(next(iter(layouts)))
            layouts[key] = graph
        top = max((n["weight"] for n in graph["nodes"]), default=1)
        index = {n["id"]: n for n in graph["nodes"]}
        labelled = render.pick_labels(graph["nodes"])
        return page_html(request, "network.html", graph=graph, index=index, top=top, labelled=labelled,
                         mode=mode, date_from=date_from, date_to=date_to, nodes=nodes)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def page_stories(request: Request, page: int = Query(1, ge=1, le=1000), cur=Depends(cursor)):
        data = queries.stories(cur, 50, (page - 1) * 50)
        return page_html(request, "stories.html", data=data, page=page)

    return app


# -- helpers -------------------------------------------------------------------

def _fmt_dt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _form_date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _is_web_url(url) -> bool:
    """Only http(s) links are clickable: a stored ``javascript:`` URL stays text."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def _short(value):
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= 100 else text[:100] + "…"


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase.lower()
    except ValueError:
        return "error"


def _jsonable(value):
    """Store rows → JSON: dates as ISO strings, Markup as plain strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN is not JSON
        return None
    if isinstance(value, str):
        return str(value)  # Markup → plain str
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return str(value)


def download(items: list[dict], fmt: str, name: str) -> Response:
    """A list as a CSV or Parquet file."""
    rows = [_jsonable(r) for r in items]
    if fmt == "csv":
        buf = io.StringIO()
        cols = list(rows[0]) if rows else []
        writer = csv.DictWriter(buf, fieldnames=cols)
        writer.writeheader()
        for r in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                             for k, v in r.items()})
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return Response(sink.getvalue(), media_type="application/vnd.apache.parquet",
                    headers={"Content-Disposition": f'attachment; filename="{name}.parquet"'})
