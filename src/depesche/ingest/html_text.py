"""The main text of a page: teaser, subheadings and body paragraphs.

trafilatura finds the main content block and strips navigation; this module
adds what a news reader needs on top of it:

* the result is kept as blocks (``"p"`` paragraphs, ``"h"`` subheadings)
  instead of one string, so paragraph structure survives;
* the headline is removed from the body (it is metadata, not text);
* the teaser (lead paragraph) that generic extractors often drop, because it
  sits in the page header next to the headline, is recovered from the
  publisher's own description, in the wording shown on the page;
* when the generic extraction comes out empty or much shorter than the
  publisher's JSON-LD ``articleBody``, that body is used instead;
* trailing boilerplate blocks ("Mehr zum Thema", "Auch interessant", …)
  are cut.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import trafilatura
from lxml import etree
from trafilatura.xml import xmltotxt

from .html_meta import PageMeta, clean, headline_element

_SPACE = re.compile(r"\s+")
# soft hyphens and zero-width characters: trafilatura drops them from the body, so must the teaser
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


SHORT_TEXT = 250  # characters; below this the first extraction is probably incomplete
# UTF-8 read as Latin-1 ("Ã¼" for "ü"): some CMS double-encode the JSON-LD copy of the body
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|â\u20ac")


@dataclass
class MainText:
    """The extracted text as blocks; ``teaser`` is kept apart from the body."""

    blocks: list[tuple[str, str]] = field(default_factory=list)  # (kind, text), kind "p" | "h"
    teaser: str | None = None
    source: str = "trafilatura"  # which candidate won: trafilatura | json-ld | …


def norm(text: str | None) -> str:
    """Comparison key: NFC, whitespace folded, case folded, outer punctuation stripped."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return _SPACE.sub(" ", text).strip(" \t\n.:…-–|").casefold()


# --- candidates ------------------------------------------------------------------

def trafilatura_blocks(html: str, url: str | None = None, **options) -> list[tuple[str, str]]:
    """trafilatura's main content as (kind, text) blocks, one per output line."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=True, with_metadata=False, **options
        )
    except Exception:  # noqa: BLE001 - the extractor's bugs must not end a run
        return []
    if doc is None or getattr(doc, "body", None) is None:
        return []
    blocks: list[tuple[str, str]] = []
    for child in doc.body:
        kind = "h" if child.tag == "head" else "p"
        text = xmltotxt(child, False)
        for line in text.split("\n"):
            line = line.strip()
            if line:
                blocks.append((kind, line))
    return blocks


def json_ld_blocks(body: str | None) -> list[tuple[str, str]]:
    """JSON-LD ``articleBody`` split into paragraphs (some publishers use blank lines, some none)."""
    if not body:
        return []
    body = re.sub(r"<[^>]{1,200}>", " ", body)  # a few publishers leave markup in
    return [("p", clean(part)) for part in re.split(r"\n\s*\n|\n", body) if clean(part)]


def _length(blocks: list[tuple[str, str]]) -> int:
    return sum(len(text) for _, text in blocks)


# --- cleanup -----------------------------------------------------------------------

def drop_headline(blocks: list[tuple[str, str]], headlines: list[str]) -> list[tuple[str, str]]:
    """Remove the headline where it opens the body (within the first blocks)."""
    keys = {norm(h) for h in headlines if h}
    keys.discard("")
    out = list(blocks)
    for i, (_, text) in enumerate(out[:3]):
        if norm(text) in keys:
            del out[i]
            break
    return out


# check marks, stars and arrows: search-engine advertising copy, not a teaser
_SEO_MARKS = re.compile("[\u2713\u2714\u2605\u2606\u27a4\u25ba\u25b6\u2192\u279c|]")
# classes of the lead paragraph in common CMS templates
_LEAD_CLASS = re.compile(r"(^|[\s_-])(lead|teaser|intro|excerpt|abstract|standfirst|summary|subline|subtitle|vorspann|einleitung|article-?intro)", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;\"“”»«)]\s*$")


def looks_like_prose(text: str | None) -> bool:
    """A lead is a sentence or more; a bare subtitle is a second headline."""
    return bool(text) and (len(text) >= 100 or (len(text) >= 40 and bool(_SENTENCE_END.search(text))))


def visible_teaser(tree, description: str | None) -> str | None:
    """The teaser as displayed: the smallest element whose text starts like the description."""
    if not description or tree is None:
        return None
    probe = _SPACE.sub(" ", description).strip().rstrip(".…")[:60].strip()
    if len(probe) < 20:
        return None
    body = tree.find(".//body")
    if body is None:
        return None
    best = None
    try:
        hits = list(_containing(body, probe))
    except Exception:  # noqa: BLE001 - xpath on odd input
        return None
    # An element's text contains the text of each element inside it, so once an element is
    # too long for a teaser, so are all its ancestors: going from the innermost hits
    # outwards spares reading the long texts of the page's outer containers.
    texts: dict[int, str | None] = {}
    too_long: set = set()
    for i in range(len(hits) - 1, -1, -1):
        el = hits[i]
        if el in too_long:
            continue
        text = texts[i] = clean(" ".join(el.itertext()))
        if text and len(text) >= 1500:
            for anc in el.iterancestors():
                if anc in too_long:
                    break
                too_long.add(anc)
    key = norm(probe)[:40]
    for i in sorted(texts):
        text = texts[i]
        if text and norm(text).startswith(key) and len(text) < 1500:
            if best is None or len(text) < len(best):
                best = text
    return best


_STRING_VALUE = etree.XPath("normalize-space(.)")
_UNSHOWN = ("script", "style", "noscript", "template", "textarea")


def _containing(root, probe: str):
    """Elements below ``root`` whose whitespace-normalised text contains ``probe``, in
    document order, without script/style-like elements themselves (the XPath
    ``.//*[not(self::script or …)][contains(normalize-space(.), $p)]``).

    An element contains the probe only if its parent does, so only the children of
    hits are tested: testing every element of the page re-read the text of each
    subtree once per ancestor, the most expensive step of reading a page."""
    stack = [child for child in reversed(root) if isinstance(child.tag, str)]
    while stack:
        el = stack.pop()
        if probe not in _STRING_VALUE(el):
            continue
        if el.tag not in _UNSHOWN:
            yield el
        stack.extend(child for child in reversed(el) if isinstance(child.tag, str))


def marked_up_lead(tree, headline: str | None = None) -> str | None:
    """The lead paragraph as the template marks it: a lead/teaser/intro class
    shortly after the ``<h1>`` (related-article "teasers" elsewhere don't qualify)."""
    if tree is None:
        return None
    h1 = headline_element(tree, headline)
    if h1 is None:
        return None
    seen = 0
    for el in _following(h1):
        seen += 1
        if seen > 60:
            break
        if el.tag in ("h1", "h2") and el is not h1 and clean(" ".join(el.itertext())):
            if el.tag == "h1":
                break
        if el.tag in ("script", "style", "nav", "aside", "footer", "form"):
            continue
        if _LEAD_CLASS.search(el.get("class") or ""):
            text = clean(" ".join(el.itertext()))
            if looks_like_prose(text) and len(text) < 1500 and _link_density(el) < 0.3:
                return text
    return None


def _following(el):
    """Elements after ``el`` in document order (not its descendants)."""
    for following in el.itersiblings():
        yield following
        yield from following.iterdescendants()
    parent = el.getparent()
    if parent is not None:
        yield from _following(parent)


def _link_density(el) -> float:
    total = len(clean(" ".join(el.itertext())) or "")
    linked = sum(len(clean(" ".join(a.itertext())) or "") for a in el.iter("a"))
    return linked / total if total else 1.0


# --- boilerplate -------------------------------------------------------------------

# headers of "more on this" boxes, source lists and contact boxes that end the article text
_TAIL_MARKER = re.compile(
    r"^(mehr (zum thema|themen|dazu|aus diesem ressort|zu diesem thema)|weitere (themen|artikel|beiträge|nachrichten|informationen)"
    r"|auch interessant|das könnte (sie|dich) (auch|ebenfalls) interessieren|(diese|weitere) artikel könnten (sie|dich) (auch|ebenfalls) interessieren"
    r"|empfohlene (beiträge|artikel)|ähnliche (beiträge|artikel|themen)|verwandte (beiträge|artikel|themen)|beliebte (beiträge|artikel)"
    r"|neueste (beiträge|artikel)|lesen sie (auch|mehr)|auch lesen|lies auch|weiterlesen|vorschau auf den nächsten artikel"
    r"|teilnehmende blogs|quellenangaben|quellen|literatur|kontakt|pressekontakt|ansprechpartner(in)?( zum thema)?"
    r"|über (den autor|die autorin|diese reihe|uns)|related (posts|articles)|you (may|might) also like|if you enjoyed"
    r"|newsletter|kommentare|\d+ kommentare?|schlagworte|tags|themen)\b",
    re.I,
)
# a line that is only a credit, caption label or gallery control
_NOISE_LINE = re.compile(
    r"^(\(?(©|\(c\)|copyright\b|(foto|fotos|bild|bilder|bildquelle|bildnachweis|titelbild|beitragsbild|quelle|credit)s?\s*[:|/])"
    r"|\(?alle angaben ohne gewähr\)?$|bild (anzeigen|schließen|vergrößern)$|\d+ von \d+$|anzeige$|werbung$|\{\{.*\}\}$)",
    re.I,
)
_INLINE_LINK = re.compile(r"^(auch lesen|lesen sie auch|lies auch|mehr zum thema|siehe auch|weiterlesen)\s*:", re.I)
_DATE_ONLY = re.compile(
    r"^[\s|,–-]*(\d{1,2}\.\s?(\d{1,2}\.|[a-zäöü]+\.?)\s?\d{2,4}|\d{4}-\d{2}-\d{2})([\s,|–-]*(um\s)?\d{1,2}[:.]\d{2}(\s?uhr)?)?[\s|,–-]*",
    re.I,
)


def is_noise(text: str) -> bool:
    """Credit lines, gallery controls, "see also" links and bare datelines."""
    if len(text) <= 120 and _NOISE_LINE.match(text):
        return True
    if len(text) <= 200 and _INLINE_LINK.match(text):
        return True
    match = _DATE_ONLY.match(text)
    return bool(match) and len(text) - match.end() <= 25 and len(text) <= 60


def is_tail_marker(text: str) -> bool:
    return len(text) <= 60 and bool(_TAIL_MARKER.match(text)) and not _SENTENCE_END.search(text.rstrip(":"))


def drop_boilerplate(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Cut the tail at a "more on this"/sources/contact header in the last part
    of the text, and drop credit lines and other noise anywhere."""
    total = _length(blocks) or 1
    out: list[tuple[str, str]] = []
    seen = 0
    for kind, text in blocks:
        if is_tail_marker(text) and seen >= 0.5 * total:
            break
        seen += len(text)
        if is_tail_marker(text) or is_noise(text):
            continue
        out.append((kind, text))
    return out


def main_text(html: str, tree, meta: PageMeta, url: str | None = None) -> MainText:
    """Choose and clean the main text of a page."""
    result = MainText(blocks=trafilatura_blocks(html, url))
    if _length(result.blocks) < SHORT_TEXT:
        # little or nothing found: the recall-oriented settings keep more of doubtful blocks
        recall = trafilatura_blocks(html, url, favor_recall=True)
        if _length(recall) > _length(result.blocks):
            result = MainText(blocks=recall, source="trafilatura-recall")
    jsonld = json_ld_blocks(meta.article_body)
    if jsonld and _length(jsonld) > 1.5 * _length(result.blocks) + 200 and not _MOJIBAKE.search(meta.article_body):
        # the publisher's own copy of the body, when the page layout defeated the extractor
        result = MainText(blocks=jsonld, source="json-ld")

    headlines = [meta.headline]
    h1 = headline_element(tree, meta.headline)
    if h1 is not None:
        headlines.append(clean(" ".join(h1.itertext())))
    result.blocks = drop_boilerplate(drop_headline(result.blocks, headlines))

    # the lead as the template marks it beats the description, which is often
    # just the first body paragraph or a shortened version of the lead
    teaser = marked_up_lead(tree, meta.headline)
    if not teaser:
        teaser = visible_teaser(tree, meta.description)
        teaser = teaser if looks_like_prose(teaser) else None
    if not teaser and looks_like_prose(meta.description) and not _SEO_MARKS.search(meta.description):
        teaser = meta.description  # not shown as such, but the publisher's own summary
    if teaser:
        key = norm(teaser)
        # the extractor kept the lead: move it from the body into the teaser
        for i, (_, text) in enumerate(result.blocks[:3]):
            if norm(text) == key:
                del result.blocks[i]
                break
        else:
            if key in norm("\n".join(t for _, t in result.blocks)):
                teaser = None  # part of a body paragraph: leave it there
        result.teaser = _INVISIBLE.sub("", teaser) if teaser else None
    return result
