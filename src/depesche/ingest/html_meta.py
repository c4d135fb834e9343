"""Publisher metadata of a news page: JSON-LD, OpenGraph, ``<meta>`` and markup.

Publishers describe their articles for search engines and social networks;
that description is more reliable than anything guessed from the layout.
Sources are read in order of trust, the first non-empty value wins:

1. JSON-LD objects of an article type (``NewsArticle``, ``Article``, …),
   also inside ``@graph`` and lists;
2. OpenGraph / ``article:*`` properties and ``<meta name>`` tags;
3. markup: ``<link rel=canonical>``, ``<time datetime>``, ``<h1>``,
   kicker classes, the first ``<figure>``.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml import etree

from .html_dates import parse_date, parse_german

ARTICLE_TYPES = {
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
    "backgroundnewsarticle", "askpublicnewsarticle", "article", "blogposting", "liveblogposting", "report",
    "scholarlyarticle", "techarticle", "socialmediaposting",
}
# marked-up kickers ("Dachzeile", "Spitzmarke", "topline") in German CMS templates
_KICKER_WORDS = ("kicker", "dachzeile", "spitzmarke", "topline", "overline", "roofline", "overhead", "supertitle",
                 "headline-intro")
_KICKER_CLASS = re.compile("|".join(_KICKER_WORDS), re.I)
_CREDIT_CLASS = re.compile(r"credit|copyright|source|quelle|urheber|photographer|fotograf", re.I)
_CREDIT_IN_CAPTION = re.compile(r"\s*[(\[]?\s*((?:Foto|Bild|Fotos|Bilder|Quelle|Copyright|Credit)\s*:|©)\s*(.+?)[)\]]?\s*$", re.I)
_AUTHOR_PREFIX = re.compile(r"^\s*(von|by|autor(?:in)?:?|text:?)\s+", re.I)
_SPACE = re.compile(r"\s+")
# news agencies: "Reuters, Bloomberg" is a list of sources, not "Surname, First name"
_AGENCIES = {"dpa", "afp", "ap", "reuters", "kna", "epd", "apa", "sda", "sid", "bloomberg", "dts", "ddp", "idea", "dapd"}


@dataclass
class PageMeta:
    """What the page says about itself (all optional)."""

    headline: str | None = None
    description: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None
    image: str | None = None
    caption: str | None = None
    credit: str | None = None
    keywords: list[str] = field(default_factory=list)
    kicker: str | None = None
    language: str | None = None
    published_from: str | None = None  # json-ld | meta | time | dateline: how much to trust the date
    article_body: str | None = None  # JSON-LD articleBody, a candidate for the main text
    page_type: str | None = None  # @type of the JSON-LD object used


def clean(text: Any) -> str | None:
    """Whitespace-folded string, or ``None`` for empty/non-string values."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        return None
    if "&" in text:  # JSON-LD and some meta tags carry escaped entities (&#8211;, &amp;)
        text = html.unescape(text)
    text = _SPACE.sub(" ", text).strip()
    return text or None


def element_text(el) -> str | None:
    return clean(" ".join(el.itertext())) if el is not None else None


# --- JSON-LD -----------------------------------------------------------------

def _load_json(raw: str) -> Any:
    raw = raw.strip()
    raw = re.sub(r"^\s*(<!--|<!\[CDATA\[)|(-->|\]\]>)\s*$", "", raw).strip()
    for attempt in (raw, re.sub(r",\s*([}\]])", r"\1", raw)):  # trailing commas are common
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _walk_objects(data: Any, depth: int = 0):
    """Every dict in a JSON-LD document (lists, @graph, nesting), shallow first."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(data.get(key), (list, dict)):
                yield from _walk_objects(data[key], depth + 1)


def _types(obj: dict) -> list[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.split("/")[-1].lower() for v in values if isinstance(v, str)]


def json_ld_objects(tree) -> list[dict]:
    objects = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        objects.extend(_walk_objects(_load_json(script.text)))
    return objects


def _names(value: Any) -> list[str]:
    """Names from a JSON-LD person/organisation value (string, dict or list)."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        return _names(value.get("name"))
    text = clean(value)
    return [text] if text else []


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def split_list(value: Any) -> list[str]:
    """Keywords/tags from a comma-separated string or a list."""
    if isinstance(value, list):
        return [k for v in value for k in split_list(v)]
    text = clean(value)
    if not text:
        return []
    return [k.strip() for k in re.split(r"[,;]", text) if k.strip()]


def normalize_authors(names: list[str]) -> list[str]:
    """'Von A und B' / 'A, B' → ['A', 'B']; URLs and duplicates dropped."""
    out: list[str] = []
    for name in names:
        name = _AUTHOR_PREFIX.sub("", name)
        last_first = re.fullmatch(r"\s*([A-ZÄÖÜ][a-zäöüß'-]+),\s*([A-ZÄÖÜ][a-zäöüß'-]+)\s*", name)
        if last_first and not {g.lower() for g in last_first.groups()} & _AGENCIES:
            # "Muster, Max" is one person, written surname first
            name = f"{last_first.group(2)} {last_first.group(1)}"
        for part in re.split(r"\s+(?:und|and|&)\s+|\s*[,;|/]\s+", name):
            part = part.strip(" .")
            if not part or "://" in part or part.startswith("www.") or len(part) > 80:
                continue
            if part.lower() not in {o.lower() for o in out}:
                out.append(part)
    return out


def _apply_json_ld(meta: PageMeta, tree) -> None:
    objects = json_ld_objects(tree)
    articles = [o for o in objects if ARTICLE_TYPES & set(_types(o))]
    # the object that carries the body or a headline is the article itself, not a teaser list item
    articles.sort(key=lambda o: (not o.get("articleBody"), not o.get("headline")))
    if articles:
        art = articles[0]
        meta.page_type = next((t for t in _types(art) if t in ARTICLE_TYPES), None)
        meta.headline = clean(_first(art.get("headline"))) or clean(art.get("name"))
        meta.description = clean(art.get("description"))
        meta.published = parse_date(clean(art.get("datePublished")) or clean(art.get("dateCreated")))
        meta.modified = parse_date(clean(art.get("dateModified")))
        meta.authors = normalize_authors(_names(art.get("author")) or _names(art.get("creator")))
        meta.section = clean(_first(art.get("articleSection")))
        meta.outlet = next(iter(_names(art.get("publisher"))), None)
        meta.keywords = split_list(art.get("keywords"))
        meta.language = clean(art.get("inLanguage")) if isinstance(art.get("inLanguage"), str) else None
        body = art.get("articleBody") or art.get("text")
        meta.article_body = body if isinstance(body, str) and body.strip() else None
        url = art.get("url") or art.get("mainEntityOfPage")
        if isinstance(url, dict):
            url = url.get("@id") or url.get("url")
        if isinstance(url, str) and url.startswith("http"):
            meta.canonical_url = url
        image = _first(art.get("image"))
        if isinstance(image, dict):
            meta.image = clean(_first(image.get("url")) or image.get("contentUrl"))
            meta.caption = clean(image.get("caption")) or clean(image.get("description"))
            meta.credit = clean(image.get("creditText")) or next(
                iter(_names(image.get("copyrightHolder")) or _names(image.get("author"))), None
            )
        elif isinstance(image, str):
            meta.image = clean(image)
    if not meta.outlet:  # the site's own Organization/WebSite object
        for obj in objects:
            if {"newsmediaorganization", "organization", "website"} & set(_types(obj)) and clean(obj.get("name")):
                meta.outlet = clean(obj.get("name"))
                break


# --- OpenGraph and <meta> ------------------------------------------------------

def meta_tags(tree) -> dict[str, list[str]]:
    """``property``/``name``/``itemprop`` (lower-cased) → contents, in page order."""
    tags: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        value = clean(el.get("content"))
        if key and value:
            tags.setdefault(key.strip().lower(), []).append(value)
    return tags


def _pick(tags: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if tags.get(key):
            return tags[key][0]
    return None


def _apply_meta_tags(meta: PageMeta, tree) -> None:
    tags = meta_tags(tree)
    meta.headline = meta.headline or _pick(tags, "og:title", "twitter:title", "dc.title", "title")
    meta.description = meta.description or _pick(tags, "og:description", "description", "twitter:description", "dc.description")
    meta.published = meta.published or next(
        (d for d in map(parse_date, filter(None, [
            _pick(tags, "article:published_time"), _pick(tags, "og:article:published_time"),
            _pick(tags, "date"), _pick(tags, "publish-date"), _pick(tags, "pubdate"), _pick(tags, "datepublished"),
            _pick(tags, "dc.date.issued"), _pick(tags, "dcterms.created"), _pick(tags, "dc.date"),
            _pick(tags, "parsely-pub-date"), _pick(tags, "sailthru.date"),
        ])) if d), None)
    meta.modified = meta.modified or next(
        (d for d in map(parse_date, filter(None, [
            _pick(tags, "article:modified_time"), _pick(tags, "og:updated_time"), _pick(tags, "last-modified"),
            _pick(tags, "datemodified"), _pick(tags, "dcterms.modified"),
        ])) if d), None)
    if not meta.authors:
        names = [a for a in tags.get("author", []) + tags.get("article:author", []) + tags.get("dc.creator", [])]
        meta.authors = normalize_authors(names)
    meta.section = meta.section or _pick(tags, "article:section", "section", "parsely-section")
    meta.outlet = meta.outlet or _pick(tags, "og:site_name", "application-name", "publisher")
    meta.canonical_url = meta.canonical_url or _pick(tags, "og:url")
    meta.image = meta.image or _pick(tags, "og:image", "og:image:url", "twitter:image")
    meta.caption = meta.caption or _pick(tags, "og:image:alt", "twitter:image:alt")
    if not meta.keywords:
        meta.keywords = split_list(tags.get("article:tag")) or split_list(_pick(tags, "news_keywords", "keywords"))
    lang = _pick(tags, "og:locale", "language", "content-language")
    meta.language = meta.language or lang


# --- markup --------------------------------------------------------------------

def _class_matches(el, pattern: re.Pattern) -> bool:
    return bool(pattern.search(f"{el.get('class') or ''} {el.get('id') or ''}"))


def _with_class_or_id(tree) -> list:
    """The elements of ``tree`` (itself included, document order) that have a class or
    id, the only ones ``_class_matches`` can accept: selected in C, because walking
    ``tree.iter()`` makes a Python object for every element of the page."""
    return tree.xpath("descendant-or-self::*[@class or @id]")


_CLASSES_AND_IDS = etree.XPath("descendant-or-self::*/@class | descendant-or-self::*/@id", smart_strings=False)


def _classes_mention(tree, words: tuple[str, ...]) -> bool:
    """Does any class or id of ``tree`` contain one of ``words`` (lower case), in any
    case?  One XPath call that returns plain strings: most pages name no kicker
    class, and testing their elements one by one made a Python object for each
    (~1 % of an ingested page)."""
    classes = " ".join(_CLASSES_AND_IDS(tree)).lower()
    return any(w in classes for w in words)


def _apply_markup(meta: PageMeta, tree) -> None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").startswith("http"):
            meta.canonical_url = link.get("href").strip()  # the page's own statement beats og:url
            break
    if not meta.language:
        html_el = tree if tree.tag == "html" else tree.find(".//html")
        if html_el is not None:
            meta.language = clean(html_el.get("lang"))
    if not meta.published:
        for time_el in tree.iter("time"):
            value = parse_date(time_el.get("datetime")) or parse_german(element_text(time_el) or "")
            if value:
                meta.published, meta.published_from = value, "time"
                break
    if not meta.published:
        meta.published = _dateline(tree)
        meta.published_from = "dateline" if meta.published else None
    h1_text = element_text(headline_element(tree, meta.headline))
    if not meta.headline or (h1_text and len(h1_text) >= 15 and h1_text != meta.headline and h1_text in meta.headline):
        # og:title/<title> often carry the site name ("… | Outlet"); the <h1> is the headline itself
        meta.headline = h1_text or meta.headline
    if not meta.headline:
        title = next(iter(tree.iter("title")), None)
        meta.headline = element_text(title)
    if meta.headline:
        meta.headline = _strip_site_suffix(meta.headline, meta.outlet)
    if not meta.kicker and _classes_mention(tree, _KICKER_WORDS):
        for el in _with_class_or_id(tree):
            if not isinstance(el.tag, str) or el.tag in ("body", "html", "article", "main", "section"):
                continue
            if _class_matches(el, _KICKER_CLASS):
                text = (element_text(el) or "").strip(" ,:;|-–—")
                # a kicker is a few words above the headline, not a second headline or its wrapper
                if text and len(text) <= 80 and len(text.split()) <= 8 and not parse_german(text) and (
                    not meta.headline or (text != meta.headline and meta.headline not in text)
                ):
                    meta.kicker = text
                    break
    if not meta.caption or not meta.credit:
        _apply_figure(meta, tree)
    meta.caption = _clean_caption(meta.caption)
    meta.credit = _clean_credit(meta.credit)


_HIDDEN_CLASS = re.compile(r"hide|hidden|sr-only|visually-hidden|screen-reader|offscreen|invisible", re.I)


def headline_element(tree, headline: str | None = None):
    """The ``<h1>`` that carries the headline: the one matching the known
    headline, else the first visible one with some words (sites put
    "Navigation" or their logo into hidden ``<h1>`` elements)."""
    if tree is None:
        return None
    candidates = [h for h in tree.iter("h1") if not _class_matches(h, _HIDDEN_CLASS)]
    key = _fold(headline)
    if key:
        for h in candidates:
            text = _fold(element_text(h))
            if text and (text == key or (len(text) >= 15 and (text in key or key in text))):
                return h
    for h in candidates:
        text = element_text(h)
        if text and len(text.split()) >= 2:
            return h
    return candidates[0] if candidates else None


def _fold(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip().casefold()


def _clean_caption(caption: str | None) -> str | None:
    caption = (caption or "").strip(" |·–-")
    if not caption or (" " not in caption and re.search(r"[_.]", caption)):
        return None  # a file name ("Strassen_Madagaskar", "IMG_0042.jpg"), not a caption
    return caption


def _clean_credit(credit: str | None) -> str | None:
    credit = re.sub(r"^(Fotos?|Bild|Bilder|Quelle|Copyright|Credit)\s*:\s*|^©\s*", "", credit or "", flags=re.I)
    return credit.strip(" |·") or None


_DATE_CLASS = re.compile(r"date|datum|time|zeit|published|publish|posted|meta|byline|dateline", re.I)


def _dateline(tree) -> datetime | None:
    """A German date in a date/byline element (``08.12.2021, 06:42 Uhr``), the
    first one in the page: many small sites mark the date up in no other way."""
    for el in _with_class_or_id(tree):
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "body", "html"):
            continue
        if _class_matches(el, _DATE_CLASS):
            text = element_text(el)
            if text and len(text) <= 200:
                value = parse_german(text)
                if value:
                    return value
    return None


def _strip_site_suffix(headline: str, outlet: str | None) -> str:
    """'Titel | Outlet' / 'Titel - Outlet' → 'Titel'; a short last part after a
    bar is a site name even when the outlet is unknown ('Titel | MDR.DE')."""
    if outlet:
        for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
            if headline.lower().endswith((sep + outlet).lower()):
                return headline[: -len(sep + outlet)].strip() or headline
    for sep in (" | ", " │ "):
        head, _, tail = headline.rpartition(sep)
        if head and len(tail) <= 25 and len(head) >= 20:
            return head.strip()
    return headline


def _apply_figure(meta: PageMeta, tree) -> None:
    """Caption and credit of the lead image: the first figure of the article."""
    scope = next(iter(tree.iter("article")), None)
    figure = next(iter((scope if scope is not None else tree).iter("figure")), None)
    if figure is None:
        return
    caption_el = next(iter(figure.iter("figcaption")), None)
    credit = None
    for el in figure.iter():
        if isinstance(el.tag, str) and el is not figure and _class_matches(el, _CREDIT_CLASS):
            credit = element_text(el)
            if credit:
                break
    caption = element_text(caption_el)
    if caption and credit and caption.endswith(credit):
        caption = caption[: -len(credit)].strip() or None
    if caption and not credit:
        match = _CREDIT_IN_CAPTION.search(caption)
        if match and match.start() > 0:
            credit, caption = clean(match.group(2)), caption[: match.start()].strip()
    meta.caption = meta.caption or caption
    meta.credit = meta.credit or credit
    if not meta.image:
        img = next(iter(figure.iter("img")), None)
        if img is not None:
            meta.image = clean(img.get("src") or img.get("data-src"))


def page_meta(tree) -> PageMeta:
    """All metadata of a parsed page (an lxml HTML tree)."""
    meta = PageMeta()
    _apply_json_ld(meta, tree)
    if meta.published:
        meta.published_from = "json-ld"
    _apply_meta_tags(meta, tree)
    if meta.published and not meta.published_from:
        meta.published_from = "meta"
    _apply_markup(meta, tree)
    return meta
