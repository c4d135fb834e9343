"""Plain-text page dumps: a news page as a scraper saved its visible text.

The shape (one unit per line, blank lines between)::

    Politik                                   section (optional)
    Putin gegen NATO-… Biden will …           kicker + headline, one or two lines
    08.12.2021, 06:42 Uhr                     date line (optional)
    Von Anna Beispiel                         author line (optional)
    d5fb7c27ec7a.jpg                          image file (optional)
    Die Staatschefs …                         caption
    (Foto: REUTERS)                           photo credit
    Lang ist ihr Gespräch nicht, …            teaser
    …                                         body paragraphs and subheadings
    Mehr zum Thema                            related links follow (prose after them is body)
    Quelle: ntv.de, fzö/dpa                   outlet, author initials, agency
    ntv.de Dienste / Newsletter / …           service boilerplate (dropped)

Every part is optional; the reader recognises units by their form (short
line without final punctuation, file name, parenthesised credit …), not by
their position alone, so dumps of other outlets come out right too.
"""
from __future__ import annotations

import re

from ..model import Article, Paragraph
from .dates import parse_date

# agency spellings in source lines → canonical name
AGENCIES = {
    "dpa": "dpa", "afp": "AFP", "reuters": "Reuters", "rtr": "Reuters", "rts": "Reuters", "ap": "AP", "epd": "epd",
    "kna": "KNA", "dts": "dts", "sid": "SID", "apa": "APA", "sda": "SDA", "ddp": "ddp", "dapd": "dapd",
    "bloomberg": "Bloomberg", "dpa-afx": "dpa-AFX", "afx": "dpa-AFX", "ots": "ots", "kap": "Kathpress",
    "idea": "idea", "efe": "EFE", "ansa": "ANSA", "tass": "TASS", "xinhua": "Xinhua",
}

_IMAGE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|avif|svg)(?:\?\S*)?$", re.I)
_CREDIT = re.compile(r"^\(?\s*(?:Foto|Fotos|Bild|Bilder|Grafik|Illustration|Video)\s*:\s*(.+?)\s*\)?$", re.I)
_INLINE_CREDIT = re.compile(r"^(.*\S)\s*\(\s*(?:Foto|Fotos|Bild|Bilder|Grafik)\s*:\s*([^()]+?)\s*\)$", re.I)
_SOURCE = re.compile(r"^Quelle\s*:\s*(.+)$", re.I)
# a bare credit line like "fzö/dpa" or "mli/dpa/AFP" closing an article without "Quelle:"
_BARE_SOURCE = re.compile(r"^\(?([a-zäöü]{2,4}(?:/[a-zäöü]{2,4})*)/([A-Za-z-]+(?:/[A-Za-z-]+)*)\)?$")
_AUTHOR = re.compile(r"^(?:Von|Ein (?:Kommentar|Gastbeitrag|Interview) von|Eine Analyse von)\s+(.{3,80})$")
_RELATED = re.compile(
    r"^(?:Mehr zum Thema|Zum Thema|Lesen Sie auch|Lesen Sie mehr|Auch interessant|Mehr dazu|Weitere Artikel"
    r"|Das könnte Sie auch interessieren|Verwandte Artikel|Weiterlesen)\s*:?$", re.I)
# lines of site furniture, removed wherever they occur
_BOILERPLATE = re.compile(
    r"^(?:.{0,40}\bDienste|Newsletter|Software|Apps?|Impressum|Datenschutz(?:erklärung)?|Kontakt|AGB"
    r"|Anzeige|Werbung|Cookie-?Einstellungen|Nutzungsbedingungen|Barrierefreiheit|Mediadaten|Karriere"
    r"|Abo|Abonnieren|Artikel teilen|Teilen|Kommentare?|Zur Startseite|Nach oben|Drucken|Versenden"
    r"|Feedback|RSS|Podcasts?|Startseite|Sitemap|Über uns|Jetzt abonnieren|Folgen Sie uns.*"
    r"|Ich möchte .*(?:erhalten|abonnieren|erhalten\.)|(?:©|Copyright).*|.*Alle Rechte vorbehalten.*)\s*$",
    re.I,
)
# a line that starts the site footer: everything from here on is furniture
_FOOTER_START = re.compile(r"^.{0,40}\bDienste\s*$", re.I)
_TERMINAL = re.compile(r"[.!?…:;\"“”»«'‘’)]$")
_TITLE_SUFFIXES = (
    "kanzler", "kanzlerin", "präsident", "präsidentin", "minister", "ministerin", "chef", "chefin",
    "sprecher", "sprecherin", "premier", "vorsitzender", "vorsitzende", "politiker", "politikerin",
    "abgeordneter", "abgeordnete", "könig", "königin", "papst", "generalsekretär", "generalsekretärin",
    "botschafter", "botschafterin", "senator", "senatorin", "bürgermeister", "bürgermeisterin",
)
# lower-case words that are not finite verbs (articles, prepositions, particles, common adjectives)
_FUNCTION_WORDS = set(
    "der die das den dem des ein eine einen einem einer eines und oder aber doch in im ins an am ans auf aus bei"
    " beim mit nach von vom vor zu zum zur für gegen um über unter durch ohne bis seit wegen trotz als wie nicht"
    " auch noch schon nur so sich mehr kein keine keinen neue neuen neuer neues erste ersten zweite weitere"
    " weiteren alle allen viele vielen hohe hohen harte harten".split()
)
# verb particles that can end a clause-like kicker
_PARTICLES = {"zu", "an", "ab", "auf", "aus", "ein", "mit", "vor", "zurück", "fest", "bei", "nach", "um", "los",
              "weiter", "durch"}
_KNOWN_SECTIONS = {
    "politik", "wirtschaft", "panorama", "sport", "kultur", "wissen", "technik", "auto", "ausland",
    "inland", "deutschland", "welt", "meinung", "regional", "unterhaltung", "gesundheit", "reise",
    "leben", "netzwelt", "digital", "feuilleton", "finanzen", "börse", "karriere", "wissenschaft",
}


def _is_prose(line: str) -> bool:
    return bool(_TERMINAL.search(line)) or len(line) > 120 or len(line.split()) > 16


def _is_heading(line: str) -> bool:
    return not _is_prose(line) and 1 <= len(line.split()) <= 12 and not _IMAGE.match(line)


def _is_section(line: str) -> bool:
    words = line.split()
    if line.lower() in _KNOWN_SECTIONS:
        return True
    return 1 <= len(words) <= 3 and not _is_prose(line) and all(w[0].isupper() or w in ("&", "und") for w in words)


def _is_date_line(line: str) -> bool:
    """A line that is only a date ("08.12.2021, 06:42 Uhr", "Stand: 8. Dezember 2021")."""
    if len(line) > 60 or parse_date(line) is None:
        return False
    rest = re.sub(
        r"(?i)(stand|aktualisiert|veröffentlicht|uhr|am|um|montag|dienstag|mittwoch|donnerstag|freitag|samstag"
        r"|sonntag|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)", "", line)
    return not re.search(r"[a-zäöü]{4,}", rest)


def _is_title(token: str) -> bool:
    t = token.lower().strip(",")
    return any(t == s or t.endswith("-" + s) or t.endswith(s) for s in _TITLE_SUFFIXES)


def _upper(token: str) -> bool:
    return bool(token) and (token[0].isupper() or token[0].isdigit())


def split_kicker(line: str) -> tuple[str | None, str]:
    """Split a line holding kicker and headline: ``(kicker, headline)``.

    A kicker is a short noun phrase ("Putin gegen NATO-Osterweiterung",
    "Streit um den Haushalt"); the headline after it is a sentence in
    verb-second order ("Biden will …").  The split point is where a
    capitalised word (the kicker's final noun) meets another capitalised word
    (the headline's subject) that is followed at once by a lower-case finite
    verb.  Splits that would cut a title from a name ("Kanzler | Scholz") are
    refused; when no split fits, the whole line is the headline.
    """
    tokens = line.split()
    for i in range(1, min(len(tokens) - 2, 8)):
        kicker, head = tokens[:i], tokens[i:]
        if not _upper(head[0]):
            continue
        if not _upper(kicker[-1]) and not (kicker[-1] in _PARTICLES and len(kicker) >= 3):
            continue  # a kicker ends in a noun, or is a short clause ending in a particle ("Ungarn stimmt zu")
        if len(kicker) == 1 and "-" not in kicker[0] and len(kicker[0]) < 10:
            continue  # one-word kickers are compounds ("Zinsentscheid"); a short word may be a first name
        if _is_title(kicker[-1]) or (len(kicker) >= 2 and _is_title(kicker[-2])):
            continue
        if len(kicker) >= 2 and not any(t.islower() for t in kicker):
            # all capitalised: only "adjective + noun" ("Historische Wahl")
            if not (len(kicker) == 2 and re.search(r"(e|er|es|en|em)$", kicker[0]) and not _is_title(kicker[0])):
                continue
        verb = head[1]
        if not (verb.isalpha() and verb.islower() and verb not in _FUNCTION_WORDS):
            continue
        return " ".join(kicker).rstrip(":"), " ".join(head)  # "Kicker: Headline" style too
    return None, line


def parse_source_line(text: str) -> dict:
    """``"ntv.de, fzö/dpa"`` → ``{"outlet": "ntv.de", "initials": "fzö", "agencies": ["dpa"]}``."""
    out: dict = {"outlet": None, "initials": [], "agencies": [], "authors": []}
    parts = [p.strip() for p in re.split(r"[,;]\s*", text.strip()) if p.strip()]
    for n, part in enumerate(parts):
        for token in [t.strip() for t in part.split("/") if t.strip()]:
            key = token.lower()
            if key in AGENCIES:
                if AGENCIES[key] not in out["agencies"]:
                    out["agencies"].append(AGENCIES[key])
            elif n == 0 and out["outlet"] is None and "/" not in part:
                out["outlet"] = token
            elif re.fullmatch(r"[a-zäöüß]{2,4}", token):
                out["initials"].append(token)
            elif re.fullmatch(r"[A-ZÄÖÜ][\w.-]+(?: [A-ZÄÖÜ][\w.-]+)+", token):
                out["authors"].append(token)
            elif out["outlet"] is None:
                out["outlet"] = token
    return out


def _units(text: str) -> list[str]:
    """Non-empty lines, with hard-wrapped prose lines joined again."""
    units: list[str] = []
    prev_blank = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            prev_blank = True
            continue
        if (units and not prev_blank and not _TERMINAL.search(units[-1]) and line[0].islower()
                and len(units[-1]) >= 50 and " " in line and not _IMAGE.match(line)):
            units[-1] += " " + line  # a wrapped line continues in lower case
        else:
            units.append(line)
        prev_blank = False
    return units


def read_text_dump(text: str) -> Article:
    """Parse a page dump into an :class:`Article` (id and hash not yet set)."""
    units = _units(text)
    art = Article(format="text")
    extra: dict = {}

    # -- footer: source line and site furniture ---------------------------
    cut = len(units)
    for i, u in enumerate(units):
        if _FOOTER_START.match(u):
            cut = min(cut, i)
            break
    source = None
    for i in range(cut - 1, -1, -1):
        m = _SOURCE.match(units[i])
        bare = _BARE_SOURCE.match(units[i]) if i >= cut - 2 else None
        if m or (bare and any(t.lower() in AGENCIES for t in bare.group(2).split("/"))):
            source = parse_source_line(m.group(1) if m else units[i].strip("()"))
            cut = i  # the source line closes the article
            break
    units = [u for u in units[:cut] if not _BOILERPLATE.match(u)]
    if source:
        art.outlet = source["outlet"]
        art.agency = ", ".join(source["agencies"]) or None
        art.author_initials = "/".join(source["initials"]) or None
        art.authors = source["authors"]
        if len(source["agencies"]) > 1:
            extra["agencies"] = source["agencies"]

    # -- header -------------------------------------------------------------
    pos = 0

    def take_meta() -> None:
        """Date and author lines may sit anywhere in the header."""
        nonlocal pos
        while pos < len(units):
            u = units[pos]
            m = _AUTHOR.match(u)
            if m and not _is_prose(u.rstrip(".")):
                art.authors = art.authors or [a.strip() for a in re.split(r",| und ", m.group(1)) if a.strip()]
                pos += 1
                continue
            if art.published is None and _is_date_line(u):
                art.published = parse_date(u)
                pos += 1
                continue
            break

    take_meta()
    if len(units) - pos >= 3 and _is_section(units[pos]):
        art.section = units[pos]
        pos += 1
    take_meta()
    if pos < len(units) and not _is_prose(units[pos]):
        first = units[pos]
        nxt = units[pos + 1] if pos + 1 < len(units) else ""
        if (nxt and _is_heading(nxt) and not _CREDIT.match(nxt) and not _AUTHOR.match(nxt) and not _is_date_line(nxt)
                and len(first.split()) <= 8 and pos + 2 < len(units)):
            art.kicker, art.headline = first, nxt  # kicker and headline on two lines
            pos += 2
        else:
            art.kicker, art.headline = split_kicker(first)
            pos += 1
    take_meta()
    if pos < len(units) and _IMAGE.match(units[pos]):
        art.image = units[pos]
        pos += 1
    # caption and credit: "caption" + "(Foto: X)", or "caption (Foto: X)", or credit alone
    if pos < len(units):
        u = units[pos]
        nxt = units[pos + 1] if pos + 1 < len(units) else ""
        inline = _INLINE_CREDIT.match(u)
        if _CREDIT.match(u) and u.startswith("("):
            art.credit = _CREDIT.match(u).group(1)
            pos += 1
        elif inline and len(u) < 400:
            art.caption, art.credit = inline.group(1), inline.group(2)
            pos += 1
        elif nxt and _CREDIT.match(nxt) and (nxt.startswith("(") or art.image):
            art.caption, art.credit = u, _CREDIT.match(nxt).group(1)
            pos += 2
        elif art.image and not _is_heading(u) and len(u) < 300 and pos + 2 < len(units):
            art.caption = u  # caption without credit right after the image
            pos += 1
    take_meta()

    # -- body -----------------------------------------------------------------
    blocks: list[tuple[str, str]] = []
    related: list[str] = []
    in_related = False
    for u in units[pos:]:
        if _RELATED.match(u):
            in_related = True
            continue
        if in_related:
            if len(u.split()) <= 14 and not u.endswith("."):
                related.append(u)
                continue
            in_related = False
        blocks.append(("h" if _is_heading(u) else "p", u))
    while blocks and blocks[-1][0] == "h":
        blocks.pop()  # a dangling short line at the end is furniture, not a subheading
    prose = [b for b in blocks if b[0] == "p"]
    if len(prose) >= 2 and blocks and blocks[0][0] == "p":
        art.teaser = blocks.pop(0)[1]
    body_parts: list[str] = []
    offset = 0
    for kind, text_ in blocks:
        if body_parts:
            offset += 2
        art.paragraphs.append(Paragraph(offset, offset + len(text_), kind))
        body_parts.append(text_)
        offset += len(text_)
    art.body = "\n\n".join(body_parts)
    if related:
        extra["related"] = related
    art.extra.update(extra)
    return art
