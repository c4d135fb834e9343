"""Server-side rendering helpers: highlighted article text, search snippets,
the timeline chart and the network layout.

Everything that reaches the page from the store goes through
:func:`markupsafe.escape` here or through Jinja's autoescape; these helpers
build markup only from escaped text and fixed tag names.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote as urlquote

from markupsafe import Markup, escape

WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿß]+")


def entity_href(entity_id: str | None) -> str | None:
    return f"/entities/{urlquote(entity_id, safe='')}" if entity_id else None


def article_href(article_id: str) -> str:
    return f"/articles/{urlquote(article_id, safe='')}"


# -- article body --------------------------------------------------------------

@dataclass
class Mark:
    """One highlighted range of the body: CSS classes, tooltip, link, anchor."""

    start: int
    end: int
    cls: str
    title: str | None = None
    href: str | None = None
    anchor: str | None = None


def marks_for(article: dict) -> list[Mark]:
    """Marks for mentions, quotes (quote, speaker, cue) and events (cue, sentence)."""
    marks: list[Mark] = []
    for m in article.get("mentions", []):
        label = m.get("entity_type") or m.get("label") or "OTH"
        title = f"{label}: {m.get('entity_name') or m.get('text') or ''}"
        marks.append(Mark(m["start"], m["end"], f"ent ent-{_css(label)}", title, entity_href(m.get("entity_id"))))
    for q in article.get("quotes", []):
        who = q.get("speaker_name") or q.get("speaker_text") or "?"
        for i, sp in enumerate(q.get("quote_spans") or []):
            marks.append(Mark(sp.get("start"), sp.get("end"), f"q-quote q-{_css(q.get('type') or '')}",
                              f"{q.get('type')} quote, speaker: {who}", None,
                              f"q{q['n']}" if i == 0 else None))
        for sp in q.get("speaker_spans") or []:
            marks.append(Mark(sp.get("start"), sp.get("end"), "q-speaker", f"speaker: {who}",
                              entity_href(q.get("speaker_entity_id"))))
        for sp in q.get("cue_spans") or []:
            marks.append(Mark(sp.get("start"), sp.get("end"), "q-cue", "quote cue"))
    for ev in article.get("events", []):
        title = f"{ev.get('type')}: {ev.get('source_canonical') or ev.get('source_text') or '?'} → " \
                f"{ev.get('target_canonical') or ev.get('target_text') or '?'}"
        marks.append(Mark(ev.get("sentence_start"), ev.get("sentence_end"), "ev-sent", title, None, f"e{ev['n']}"))
        if ev.get("cue_start") is not None:
            marks.append(Mark(ev.get("cue_start"), ev.get("cue_end"), "ev-cue", title))
    return marks


def _css(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", name)


def render_body(body: str, paragraphs: list[dict] | None, marks: list[Mark]) -> Markup:
    """The body as ``<p>``/``<h3>`` blocks with every mark as a ``<span>``.

    Marks may overlap arbitrarily (a speaker inside a quote inside an event
    sentence), so the text is cut at every mark boundary and each piece gets
    the classes of all marks covering it.  Offsets outside the body or
    reversed are dropped, never trusted.
    """
    n = len(body)
    good = [m for m in marks if isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start < m.end <= n]
    out = []
    for start, end, kind in _blocks(body, paragraphs):
        local = [m for m in good if m.start < end and m.end > start or m.start == start]
        cuts = {start, end}
        for m in local:
            cuts.add(max(m.start, start))
            cuts.add(min(m.end, end))
        cuts = sorted(cuts)
        tag = "h3" if kind == "h" else "p"
        parts = [f"<{tag}>"]
        for a, b in zip(cuts, cuts[1:]):
            covering = [m for m in local if m.start <= a and m.end >= b]
            for m in local:
                if m.anchor and m.start == a:
                    parts.append(f'<a class="anchor" id="{escape(m.anchor)}"></a>')
            text = str(escape(body[a:b])).replace("\n", "<br>")
            if not covering:
                parts.append(text)
                continue
            classes = " ".join(sorted({c for m in covering for c in m.cls.split()}))
            titles = " | ".join(dict.fromkeys(m.title for m in covering if m.title))
            # the narrowest linked mark wins (speaker over quote, name over sentence)
            linked = sorted((m for m in covering if m.href), key=lambda m: m.end - m.start)
            inner = f'<span class="{escape(classes)}" title="{escape(titles)}">{text}</span>'
            if linked:
                inner = f'<a href="{escape(linked[0].href)}">{inner}</a>'
            parts.append(inner)
        parts.append(f"</{tag}>")
        out.append("".join(parts))
    return Markup("\n".join(out))


def _blocks(body: str, paragraphs: list[dict] | None) -> list[tuple[int, int, str]]:
    """Paragraph blocks covering the body; text the paragraphs miss is kept."""
    n = len(body)
    blocks = []
    for p in paragraphs or []:
        try:
            s, e, k = int(p["start"]), int(p["end"]), p.get("kind", "p")
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= s < e <= n:
            blocks.append((s, e, k))
    blocks.sort()
    clean, pos = [], 0
    for s, e, k in blocks:
        if s < pos:  # overlapping paragraphs: trust the first
            continue
        if body[pos:s].strip():
            clean.extend(_split_plain(body, pos, s))
        clean.append((s, e, k))
        pos = e
    if body[pos:n].strip():
        clean.extend(_split_plain(body, pos, n))
    return clean


def _split_plain(body: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", body[start:end]):
        if m.group().strip():
            out.append((start + m.start(), start + m.end(), "p"))
    return out


# -- search snippets -----------------------------------------------------------

def snippet(text: str, stem_of: dict[str, str], query_stems: set[str], width: int = 240) -> Markup:
    """A window of ``text`` around the first query match, matches in ``<mark>``.

    ``stem_of`` maps lower-cased words to their stems (computed by the
    database's stemmer, the one the index used).
    """
    words = list(WORD.finditer(text))
    first = next((w for w in words if stem_of.get(w.group().lower()) in query_stems), None)
    center = first.start() if first else 0
    start = max(0, center - width // 3)
    end = min(len(text), start + width)
    if start > 0:  # cut at word boundaries
        sp = text.rfind(" ", 0, start)
        start = sp + 1 if sp >= 0 and start - sp < 30 else start
    sp = text.find(" ", end)
    end = sp if 0 <= sp < end + 30 else end
    out = ["… " if start > 0 else ""]
    pos = start
    for w in words:
        if w.start() < start or w.end() > end:
            continue
        if stem_of.get(w.group().lower()) in query_stems:
            out.append(str(escape(text[pos:w.start()])))
            out.append(f"<mark>{escape(w.group())}</mark>")
            pos = w.end()
    out.append(str(escape(text[pos:end])))
    out.append(" …" if end < len(text) else "")
    return Markup("".join(out).replace("\n", " "))


def highlight_words(text: str | None, stem_of: dict[str, str], query_stems: set[str]) -> Markup:
    """``text`` escaped, with every word whose stem matches in ``<mark>``."""
    text = text or ""
    out, pos = [], 0
    for w in WORD.finditer(text):
        if stem_of.get(w.group().lower()) in query_stems:
            out.append(str(escape(text[pos:w.start()])))
            out.append(f"<mark>{escape(w.group())}</mark>")
            pos = w.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


# -- timeline chart (inline SVG) -----------------------------------------------

def timeline_svg(rows: list[dict], width: int = 720, height: int = 160) -> Markup:
    """Bars of mentions and quotes per day (per week or month on long spans)."""
    if not rows:
        return Markup('<p class="empty">No dated mentions or quotes.</p>')
    first, last = rows[0]["day"], rows[-1]["day"]
    span = (last - first).days + 1
    bucket = "day" if span <= 120 else "week" if span <= 730 else "month"

    def key(d: date) -> date:
        if bucket == "week":
            return d - timedelta(days=d.weekday())
        if bucket == "month":
            return d.replace(day=1)
        return d

    buckets: dict[date, list[int]] = {}
    d = key(first)
    while d <= last:  # empty buckets too, so time runs evenly
        buckets[d] = [0, 0]
        d = key(d + timedelta(days={"day": 1, "week": 7, "month": 32}[bucket]))
    for r in rows:
        b = buckets.setdefault(key(r["day"]), [0, 0])
        b[0] += int(r["mentions"])
        b[1] += int(r["quotes"])
    keys = sorted(buckets)
    top = max(max(v) for v in buckets.values()) or 1
    pad_l, pad_b, pad_t = 34, 22, 8
    plot_w, plot_h = width - pad_l - 4, height - pad_b - pad_t
    slot = plot_w / len(keys)
    bar = max(1.0, slot / 2 - 0.5)
    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="mentions and quotes per {bucket}">']
    parts.append(f'<text x="2" y="{pad_t + 8}" class="axis">{top}</text>')
    parts.append(f'<text x="2" y="{pad_t + plot_h}" class="axis">0</text>')
    parts.append(f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - 4}" y2="{pad_t + plot_h}" class="axis-line"/>')
    for i, k in enumerate(keys):
        mentions, quotes = buckets[k]
        x = pad_l + i * slot
        for j, (value, cls) in enumerate(((mentions, "bar-mentions"), (quotes, "bar-quotes"))):
            if value:
                h = plot_h * value / top
                parts.append(
                    f'<rect class="{cls}" x="{x + j * bar:.1f}" y="{pad_t + plot_h - h:.1f}" width="{bar:.1f}" '
                    f'height="{h:.1f}"><title>{escape(k.isoformat())}: {value} '
                    f'{"mentions" if j == 0 else "quotes"}</title></rect>'
                )
    step = max(1, math.ceil(len(keys) / 6))
    for i in range(0, len(keys), step):
        parts.append(f'<text x="{pad_l + i * slot:.1f}" y="{height - 6}" class="axis">{keys[i].isoformat()}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# -- network layout (server-side, deterministic) --------------------------------

def layout(nodes: list[dict], links: list[dict], width: float = 1000, height: float = 700,
           iterations: int = 120, seed: int = 7) -> None:
    """Fruchterman–Reingold force layout with numpy; sets ``x``/``y`` on nodes.

    Server-side, so the page is readable without running a simulation in the
    browser and the same data always gives the same picture.
    """
    import numpy as np

    n = len(nodes)
    if n == 0:
        return
    index = {nd["id"]: i for i, nd in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1, 1, size=(n, 2))
    src = np.array([index[l["source"]] for l in links], dtype=int)
    dst = np.array([index[l["target"]] for l in links], dtype=int)
    w = np.array([math.log1p(l["weight"]) for l in links], dtype=float)
    k = math.sqrt(4.0 / n)
    temp = 0.2
    cooling = (0.002 / temp) ** (1 / iterations)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist2 = (delta * delta).sum(axis=-1) + 1e-9
        disp = (delta * (k * k / dist2)[..., None]).sum(axis=1)  # repulsion k²/d along the unit vector
        if len(links):
            d = pos[src] - pos[dst]
            dl = np.linalg.norm(d, axis=-1) + 1e-6
            f = (d / dl[:, None]) * (dl * dl / k * w)[:, None]
            np.add.at(disp, src, -f)
            np.add.at(disp, dst, f)
        disp -= pos * 0.05 * n / 10  # gravity keeps loose parts on screen
        length = np.linalg.norm(disp, axis=-1) + 1e-9
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp *= cooling
    # scale by the 3rd-97th percentile box so a few far-flung nodes do not
    # squeeze the dense core into a corner; outliers sit on the border
    lo, hi = np.percentile(pos, 3, axis=0), np.percentile(pos, 97, axis=0)
    span = np.where(hi - lo < 1e-9, 1, hi - lo)
    pos = np.clip((pos - lo) / span, 0, 1)
    for i, nd in enumerate(nodes):
        nd["x"] = round(40 + pos[i, 0] * (width - 80), 1)
        nd["y"] = round(30 + pos[i, 1] * (height - 60), 1)


def pick_labels(nodes: list[dict], limit: int = 60, char_w: float = 6.2, line_h: float = 13) -> set[str]:
    """Ids of the nodes to label: heaviest first, skipping any whose label
    box would overlap one already placed (needs ``x``/``y`` from :func:`layout`)."""
    placed: list[tuple[float, float, float, float]] = []
    chosen: set[str] = set()
    for nd in nodes:  # labels stay inside the picture (width 1000)
        w = len(nd["name"]) * char_w
        nd["lx"] = round(min(max(nd["x"], w / 2 + 2), 1000 - w / 2 - 2), 1)
    for nd in sorted(nodes, key=lambda n: -n["weight"]):
        w = len(nd["name"]) * char_w
        box = (nd["lx"] - w / 2, nd["y"] - 14 - line_h, nd["lx"] + w / 2, nd["y"] - 14)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        chosen.add(nd["id"])
        if len(chosen) >= limit:
            break
    return chosen
