#!/usr/bin/env python3
"""Generate a German news-like variant corpus with known duplicates and stories.

All text is produced here from phrase templates written for depesche (no
third-party sentences).  Every *event* gets one or more independently written
*texts* (same story, different words); every text is printed by several
outlets as *copies*: reworded headline, added or removed paragraphs, the
outlet's own boilerplate, light edits.  Unrelated events share the topic
vocabulary and each outlet's boilerplate, so that precision is tested too.

Each record carries the truth: ``dup_key`` (same text) and ``story_key``
(same event).  Use as a module (``generate``) or as a script::

    python scripts/make_variants.py --events 60 --seed 1 > variants.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import datetime, timedelta, timezone

FIRST = ("Anna Bernd Clara Dieter Elif Frank Greta Hakan Ines Jonas Katrin Lars Miriam Nils Olga Paul Rita Sven "
         "Tanja Ulf Vera Wolfgang Yasemin Zoran Birgit Carsten Doris Emil Fatma Gregor Hanna Ilja Jana Konrad "
         "Lena Malte Nora Oskar Petra Ralf Sabine Timo Ute Volker Wiebke").split()
LAST = ("Albrecht Brandt Conrad Dorn Eckert Falk Gerlach Hoffmann Imhof Jäger Kessler Lorenz Maurer Neumann "
        "Otte Pohl Quast Reuter Schubert Thiele Ullrich Vogt Winkler Zeller Arndt Busch Claasen Diehl Ebert "
        "Fuchs Graf Hartwig Iske Jansen Kraus Lindner Möller Nowak Oertel Petersen Riedel Sauer Tietz Urban "
        "Wendt Yilmaz Ziegler").split()
ROLES = ["Bürgermeisterin", "Innenminister", "Landrätin", "Finanzsenator", "Gewerkschaftschefin", "Vorstandschef",
         "Fraktionsvorsitzender", "Umweltministerin", "Polizeipräsident", "Bundesrichterin", "Verbandspräsident",
         "Oppositionsführerin", "Staatssekretär", "Klinikdirektorin", "Bahnchef", "Außenministerin"]
CITIES = ["Hamburg", "Leipzig", "Kassel", "Rostock", "Freiburg", "Dortmund", "Erfurt", "Kiel", "Magdeburg",
          "Regensburg", "Bremen", "Mainz", "Potsdam", "Saarbrücken", "Augsburg", "Görlitz", "Oldenburg", "Trier",
          "Würzburg", "Cottbus", "Bielefeld", "Ulm", "Schwerin", "Passau", "Wien", "Graz", "Zürich", "Basel"]
COUNTRIES = ["Polen", "Frankreich", "Dänemark", "Tschechien", "Italien", "Spanien", "Schweden", "Ungarn",
             "Portugal", "Litauen", "Kanada", "Japan", "Brasilien", "Kenia", "Indien", "Norwegen"]
ORG_A = ["Nord", "Süd", "Rhein", "Elb", "Alpen", "Hanse", "Ost", "Weser", "Main", "Spree", "Donau", "Havel"]
ORG_B = ["Energie", "Logistik", "Chemie", "Bau", "Stahl", "Pharma", "Software", "Verkehrsbetriebe",
         "Stadtwerke", "Versicherung", "Bank", "Werft"]
OUTLETS = ["Tagesblatt", "Morgenpost Nord", "Rheinische Rundschau", "Kurier am Main", "Elbe-Anzeiger",
           "Südwest Nachrichten", "Abendzeitung Ost", "Alpenbote", "Hafenecho", "Landeszeitung"]
BOILERPLATE = {
    "Tagesblatt": ["Mehr zum Thema lesen Sie in unserem Dossier.", "Quelle: Tagesblatt, mit Agenturmaterial"],
    "Morgenpost Nord": ["Sie wollen keine Nachricht aus dem Norden verpassen? Abonnieren Sie unseren Newsletter."],
    "Rheinische Rundschau": ["Dieser Artikel wurde automatisch aus Agenturmeldungen übernommen.",
                             "Alle Rechte vorbehalten."],
    "Kurier am Main": ["Folgen Sie uns auch in den sozialen Netzwerken und diskutieren Sie mit."],
    "Elbe-Anzeiger": ["Lesen Sie auch: Was die Region in dieser Woche bewegt hat.", "Quelle: eig. Ber."],
    "Südwest Nachrichten": ["Haben Sie Hinweise für unsere Redaktion? Schreiben Sie uns eine Nachricht."],
    "Abendzeitung Ost": ["Mit Material der Nachrichtenagenturen.",
                         "Unterstützen Sie unabhängigen Journalismus mit einem Digitalabo."],
    "Alpenbote": ["Kommentare sind zu diesem Artikel geschlossen."],
    "Hafenecho": ["Weitere Meldungen aus Stadt und Umland finden Sie auf unserer Startseite."],
    "Landeszeitung": ["Die wichtigsten Nachrichten des Tages bekommen Sie jeden Morgen per E-Mail.",
                      "Quelle: Landeszeitung"],
}

# Phrase templates.  {a|b|c} picks one alternative; [SLOT] fills an event slot.
TOPICS = {
    "streik": {
        "head": ["{Streik|Arbeitsniederlegung|Warnstreik} bei [ORG] in [CITY]",
                 "[ORG]: {Beschäftigte|Mitarbeiter} legen {die Arbeit|ihre Arbeit} nieder",
                 "Tarifstreit bei [ORG] {eskaliert|spitzt sich zu}"],
        "body": [
            "{Bei|Im Betrieb von} [ORG] in [CITY] haben am [WD] {rund|etwa|mehr als} [N] Beschäftigte die Arbeit niedergelegt.",
            "Die Gewerkschaft fordert {eine Lohnerhöhung|mehr Geld|höhere Löhne} von [PCT] Prozent {und kürzere Arbeitszeiten|sowie einen Inflationsausgleich}.",
            "[R1] [P1] {nannte|bezeichnete} das Angebot der Arbeitgeber {eine Provokation|völlig unzureichend|eine Zumutung}.",
            "{Die Geschäftsführung|Der Vorstand} von [ORG] {verwies|wies} auf die {schwierige|angespannte} wirtschaftliche Lage {der Branche|des Unternehmens}.",
            "Nach Angaben {der Gewerkschaft|von Betriebsräten} {fielen|entfielen} in [CITY] {zahlreiche|viele} Schichten aus.",
            "Die nächste Verhandlungsrunde ist für den [DAY]. [MONTH] {angesetzt|geplant|vorgesehen}.",
            "[P2], [R2], {rief beide Seiten zur Mäßigung auf|mahnte eine schnelle Einigung an}.",
            "{Kunden|Fahrgäste|Lieferanten} müssen sich {nach Einschätzung|nach Angaben} von [ORG] auf Verzögerungen {einstellen|gefasst machen}.",
        ],
    },
    "gipfel": {
        "head": ["[P1L] und [P2L] {beraten|verhandeln} in [CITY]",
                 "Treffen in [CITY]: [COUNTRY] {sucht|will} {engere|stärkere} Zusammenarbeit",
                 "{Gipfel|Spitzentreffen} in [CITY] {endet mit|bringt} {Absichtserklärung|Kompromiss}"],
        "body": [
            "[R1] [P1] und [R2] [P2] sind am [WD] in [CITY] zu {Gesprächen|Beratungen|einem Treffen} zusammengekommen.",
            "Im Mittelpunkt {standen|stand} {die Energieversorgung|der Ausbau der Bahnverbindungen|die Zusammenarbeit mit} [COUNTRY].",
            "{Nach|Am Ende} {dem|des} [N]-minütigen {Treffen|Gespräch|Austauschs} {unterzeichneten|vereinbarten} beide eine gemeinsame Erklärung.",
            "[P1L] sagte, man habe {offen|sehr offen|konstruktiv} über {Streitpunkte|alle strittigen Fragen} gesprochen.",
            "[P2L] {kündigte|stellte} für den [DAY]. [MONTH] ein {weiteres|nächstes} Treffen in [COUNTRY] {an|in Aussicht}.",
            "{Kritiker|Beobachter} {bemängelten|bemerkten}, die Erklärung bleibe {vage|unverbindlich|ohne Zahlen}.",
            "Vor dem Tagungsort {demonstrierten|protestierten} {rund|etwa} [N2] Menschen {für mehr Klimaschutz|gegen Waffenexporte}.",
            "Die Delegation aus [COUNTRY] {reiste|flog} {noch am Abend|am späten Nachmittag} weiter {nach|in Richtung} [CITY2].",
        ],
    },
    "unwetter": {
        "head": ["Unwetter {trifft|verwüstet} [CITY]", "{Sturm|Starkregen} in [CITY]: [N2] Einsätze",
                 "[CITY] {räumt auf|zählt die Schäden} nach {dem Unwetter|dem Sturm}"],
        "body": [
            "Ein {schweres|heftiges} Unwetter hat am [WD] in [CITY] {erhebliche|große} Schäden angerichtet.",
            "Die Feuerwehr {rückte|musste} nach eigenen Angaben zu [N2] Einsätzen {aus|ausrücken}.",
            "{Umgestürzte Bäume|Überflutete Straßen|Abgedeckte Dächer} {blockierten|behinderten} den Verkehr {stundenlang|bis in die Nacht}.",
            "[R1] [P1] {sprach|sagte} von {einem der schwersten Unwetter|dem stärksten Sturm} seit [N] Jahren.",
            "Verletzt wurde nach {bisherigen|ersten} Erkenntnissen {niemand|kaum jemand|eine Person leicht}.",
            "Der Wetterdienst {warnt|rechnet} {auch|ebenso} für den [DAY]. [MONTH] mit {weiteren Gewittern|Starkregen|Sturmböen}.",
            "[P2], [R2], {kündigte|versprach} {schnelle Hilfen|Soforthilfen} für betroffene {Haushalte|Betriebe} an.",
            "In {mehreren|einigen} Stadtteilen {fiel|war} {der Strom|die Stromversorgung} {zeitweise|stundenlang} {aus|unterbrochen}.",
        ],
    },
    "urteil": {
        "head": ["Gericht in [CITY] {kippt|bestätigt} {Entscheidung|Regelung}",
                 "Urteil: [ORG] {muss|soll} {Schadenersatz|Entschädigung} zahlen",
                 "{Niederlage|Erfolg} für [ORG] vor Gericht"],
        "body": [
            "Das Landgericht [CITY] hat [ORG] am [WD] zur Zahlung von [N] Euro verurteilt.",
            "{Geklagt|Die Klage eingereicht} hatte {eine Gruppe von|mehrere} {Anwohnern|Kunden|ehemaligen Beschäftigten}.",
            "Die Richter {sahen|erkannten} {eine Pflichtverletzung|einen Verstoß gegen Auflagen} {als erwiesen an|als belegt an}.",
            "[R1] [P1] {kündigte|erklärte}, man werde {Berufung einlegen|das Urteil prüfen}.",
            "[P2], {Anwalt|Anwältin} der Kläger, sprach von einem {wichtigen Signal|Meilenstein} für {Verbraucher|Betroffene}.",
            "Das Verfahren hatte sich {über|fast} [SMALL] Jahre {hingezogen|erstreckt}.",
            "{Bis zu einer Entscheidung|Bis zum Urteil} der nächsten Instanz {bleibt|ist} das Urteil nicht rechtskräftig.",
            "Ähnliche Verfahren {laufen|sind anhängig} {derzeit|auch} in [CITY2] und [COUNTRY].",
        ],
    },
    "uebernahme": {
        "head": ["[ORG] {übernimmt|kauft} [ORG2]", "Milliardendeal: [ORG] {greift nach|will} [ORG2]",
                 "[ORG2] {geht an|wechselt zu} [ORG]"],
        "body": [
            "[ORG] {übernimmt|kauft} den {Konkurrenten|Wettbewerber} [ORG2] für {rund|etwa} [N] Millionen Euro.",
            "Das {teilten|gaben} beide Unternehmen am [WD] in [CITY] {mit|bekannt}.",
            "[R1] [P1] {sprach|sagte} von einem {strategisch wichtigen|großen} Schritt für {das Unternehmen|den Standort}.",
            "Die Kartellbehörden {müssen|sollen} dem {Kauf|Geschäft} noch zustimmen.",
            "{Betriebsräte|Gewerkschafter} {befürchten|fürchten} den Abbau von {bis zu|rund} [N2] Stellen.",
            "[P2], [R2], {forderte|verlangte} {Garantien|Zusagen} für die Beschäftigten in [CITY2].",
            "Die Aktie von [ORG2] {legte|stieg} {nach der Ankündigung|im frühen Handel} um [PCT] Prozent {zu|an}.",
            "{Der Abschluss|Der Vollzug} {ist|wird} für {das kommende Frühjahr|den [DAY]. [MONTH]} {geplant|erwartet}.",
        ],
    },
    "haushalt": {
        "head": ["Streit um den Haushalt in [CITY]", "[CITY] {muss|will} [N] Millionen {sparen|kürzen}",
                 "{Haushaltsloch|Finanzlücke}: [P1L] {legt|stellt} Sparliste vor"],
        "body": [
            "[R1] [P1] hat am [WD] {einen Entwurf|Pläne} für den Haushalt von [CITY] vorgelegt.",
            "Demnach {fehlen|klafft eine Lücke von} {rund|etwa} [N] Millionen Euro.",
            "{Gekürzt|Gespart} werden soll {vor allem|unter anderem} bei {Schwimmbädern|Bibliotheken|der Kulturförderung}.",
            "[P2], [R2], {nannte|bezeichnete} die Pläne {unsozial|kurzsichtig|ein Armutszeugnis}.",
            "Der Stadtrat {soll|wird} {am|bis zum} [DAY]. [MONTH] über den Entwurf {abstimmen|entscheiden}.",
            "{Vereine|Initiativen} {kündigten|planen} {Proteste|eine Kundgebung} vor dem Rathaus {an|}.",
            "Die Gewerbesteuer {brach|sank} {im laufenden Jahr|zuletzt} um [PCT] Prozent ein.",
            "{Zugleich|Gleichzeitig} {steigen|wachsen} die Ausgaben für {Personal|Energie|Sozialleistungen} {deutlich|stark}.",
        ],
    },
    "forschung": {
        "head": ["Forscher in [CITY] {entwickeln|testen} neues Verfahren",
                 "{Durchbruch|Fortschritt} an der Universität [CITY]?",
                 "[ORG] {fördert|finanziert} Forschung in [CITY]"],
        "body": [
            "{Ein Team|Eine Arbeitsgruppe} der Universität [CITY] hat ein {neues|neuartiges} Verfahren {zur Speicherung von Wasserstoff|für das Recycling von Batterien|zur Reinigung von Abwasser} vorgestellt.",
            "{Leiterin|Leiter} {des Projekts|der Gruppe} ist [P1], die {seit|schon seit} [SMALL] Jahren {daran arbeitet|auf dem Gebiet forscht}.",
            "{In Versuchen|Im Labor} {sei|habe sich} der Energiebedarf um [PCT] Prozent {gesunken|verringert}.",
            "[ORG] {unterstützt|fördert} das Vorhaben mit [N] {Tausend|Millionen} Euro.",
            "[P2], [R2], {sprach|sagte} von einem {vielversprechenden|wichtigen} Ansatz.",
            "Bis zu einer {Anwendung|Serienreife} {dürften|könnten} {aber|jedoch} {noch|einige} Jahre vergehen.",
            "Die Ergebnisse {erschienen|wurden} {am [WD]|in dieser Woche} in einer Fachzeitschrift {veröffentlicht|}.",
            "{Partner|Kooperationspartner} {aus|in} [COUNTRY] {wollen|sollen} das Verfahren {im Großversuch|in einer Pilotanlage} {erproben|testen}.",
        ],
    },
    "verkehr": {
        "head": ["{Chaos|Stillstand} auf der Bahnstrecke nach [CITY]", "[ORG] {sperrt|schließt} Strecke bei [CITY]",
                 "Pendler in [CITY] {brauchen Geduld|müssen umplanen}"],
        "body": [
            "Wegen {einer Baustelle|eines Oberleitungsschadens|eines Stellwerksausfalls} ist die Strecke zwischen [CITY] und [CITY2] {gesperrt|unterbrochen}.",
            "Betroffen sind {nach Angaben|laut} von [ORG] {täglich|jeden Tag} {rund|etwa} [N2] {Fahrgäste|Pendler}.",
            "{Ersatzbusse|Busse} {fahren|verkehren} {im Halbstundentakt|stündlich}, die Fahrzeit verlängert sich um [SMALL]0 Minuten.",
            "[R1] [P1] {entschuldigte sich|bat} bei den {Reisenden|Kunden} {für die Unannehmlichkeiten|um Verständnis}.",
            "Die Sperrung {soll|wird} {voraussichtlich|nach bisheriger Planung} bis zum [DAY]. [MONTH] {dauern|andauern}.",
            "[P2], [R2], {forderte|verlangte} {mehr Geld für die Schiene|eine bessere Information der Fahrgäste}.",
            "{Fahrgastverbände|Pendlerinitiativen} {kritisieren|bemängeln} die {Planung|Kommunikation} {seit Wochen|schon lange}.",
            "Auch der Güterverkehr {nach|in Richtung} [COUNTRY] {ist|wird} {umgeleitet|betroffen}.",
        ],
    },
}
TOPIC_NAMES = sorted(TOPICS)
GENERIC = [
    "{Wie|Ob} es {weitergeht|nun weitergeht}, {ist|bleibt} {offen|unklar}.",
    "{Zuvor|Bereits zuvor} hatte [P2L] {gewarnt|darauf hingewiesen}, dass die Lage {ernst|schwierig} sei.",
    "[P1L] {betonte|unterstrich}, {man|sie} werde {alles tun|sich bemühen}, um {Schaden|weiteren Schaden} abzuwenden.",
    "Eine {Sprecherin|Sprecher} von [ORG] wollte sich {auf Anfrage|zunächst} nicht {äußern|dazu äußern}.",
    "{In|Auch in} [CITY2] {verfolgt man|beobachtet man} die Entwicklung {aufmerksam|mit Sorge|genau}.",
    "{Schon|Bereits} im {vergangenen|letzten} {Herbst|Frühjahr} war {es|die Frage} {Thema im Landtag|Gegenstand einer Anhörung} gewesen.",
    "{Der|Ein} Bericht {mit|über} [N2] Seiten {liegt|lag} {der Redaktion|unserer Zeitung} vor.",
    "[P2L] {verlangte|forderte} {Aufklärung|eine lückenlose Aufklärung} {bis Ende|noch vor Ende} [MONTH].",
    "{Die Opposition|Mehrere Abgeordnete} {sprach|sprachen} von einem {Versäumnis|Versagen} {der Behörden|der Verantwortlichen}.",
    "{Für|Am} [WD]abend {ist|wurde} eine {Sondersitzung|Krisensitzung} {einberufen|angesetzt} worden.",
    "{Fachleute|Experten} {halten|schätzen} die {Folgekosten|Kosten} auf {mindestens|bis zu} [N] {Tausend|Millionen} Euro.",
    "[P1L] {selbst|persönlich} {war|zeigte sich} {am Abend|später} {zuversichtlich|gelassen|betroffen}.",
]
# Rewording for independently written articles about the same event: other
# words for the template vocabulary and inserted adverbs, so that two texts
# share facts and names but few word sequences.
SYNONYMS = {
    "hat": "habe", "haben": "hätten", "am": "an diesem", "rund": "knapp", "etwa": "ungefähr", "die": "jene",
    "Die": "Diese", "Der": "Dieser", "Das": "Dieses", "sagte": "meinte", "sprach": "redete", "von": "seitens",
    "nach": "gemäß", "Angaben": "Auskunft", "werde": "wolle", "ist": "sei", "sind": "seien", "wurde": "worden sei",
    "mit": "samt", "für": "zugunsten", "einem": "solch einem", "einen": "so einen", "ein": "so ein",
    "Prozent": "Prozentpunkte", "Euro": "Euro", "bei": "im Fall von", "auf": "hinsichtlich", "den": "jenen",
    "und": "sowie", "sich": "selbst sich", "auch": "ebenso", "noch": "weiterhin", "in": "innerhalb von",
}
ADVERBS = ["offenbar", "demnach", "zudem", "inzwischen", "nun", "allerdings", "jedenfalls", "wohl", "bislang",
           "ohnehin", "indes", "mittlerweile"]
EDITS = {"sagte": "erklärte", "rund": "etwa", "am": "an diesem", "Angaben": "Informationen", "zunächst": "vorerst",
         "kündigte": "gab", "forderte": "verlangte", "Die": "Die", "Euro": "Euro", "Menschen": "Personen"}
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
_ALT = re.compile(r"\{([^{}]*)\}")
_SLOT = re.compile(r"\[([A-Z0-9]+)\]")
START = datetime(2026, 3, 1, 6, 0, tzinfo=timezone.utc)


def _person(rng: random.Random) -> tuple[str, str, str]:
    last = rng.choice(LAST)
    return f"{rng.choice(FIRST)} {last}", last, rng.choice(ROLES)


def make_event(rng: random.Random, key: str, days: int = 60) -> dict:
    """The facts of one invented event: topic, actors, places, numbers, date."""
    p1, p1l, r1 = _person(rng)
    p2, p2l, r2 = _person(rng)
    when = START + timedelta(days=rng.randrange(days), hours=rng.randrange(14))
    city, city2 = rng.sample(CITIES, 2)
    org, org2 = (f"{rng.choice(ORG_A)}{rng.choice(ORG_B).lower()} {rng.choice(['AG', 'GmbH', 'SE', 'Gruppe'])}"
                 for _ in range(2))
    return {
        "key": key, "topic": rng.choice(TOPIC_NAMES), "when": when,
        "slots": {"P1": p1, "P1L": p1l, "R1": r1, "P2": p2, "P2L": p2l, "R2": r2, "CITY": city, "CITY2": city2,
                  "ORG": org, "ORG2": org2, "COUNTRY": rng.choice(COUNTRIES), "WD": WEEKDAYS[when.weekday()],
                  "N": str(rng.randrange(120, 9800)), "N2": str(rng.randrange(12, 900)),
                  "PCT": str(rng.randrange(2, 19)), "SMALL": str(rng.randrange(2, 9)),
                  "DAY": str(rng.randrange(1, 29)), "MONTH": rng.choice(MONTHS)},
    }


def _fill(template: str, slots: dict, rng: random.Random) -> str:
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = _SLOT.sub(lambda m: slots[m.group(1)], text)
    return re.sub(r"\s+([.,])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


def _reword(sentence: str, rng: random.Random) -> str:
    toks = sentence.split(" ")
    out = []
    for k, t in enumerate(toks):
        out.append(SYNONYMS.get(t, t) if rng.random() < 0.8 else t)
        if k % 3 == 1 and rng.random() < 0.7:
            out.append(rng.choice(ADVERBS))
    return " ".join(out)


def write_text(event: dict, rng: random.Random, reword: bool = False) -> dict:
    """One article about ``event``: headline + paragraphs.  ``reword`` writes
    it in other words (an independent text on the same story)."""
    topic = TOPICS[event["topic"]]
    slots = event["slots"]
    picks = rng.sample(topic["body"], rng.randrange(6, len(topic["body"]) + 1))
    picks = [topic["body"][0]] + [p for p in picks if p != topic["body"][0]]  # the lead sentence first
    picks += rng.sample(GENERIC, rng.randrange(3, 7))
    sentences = [_fill(t, slots, rng) for t in picks]
    if reword:
        rng.shuffle(sentences)
        sentences = [_reword(s, rng) for s in sentences]
    paragraphs, i = [], 0
    while i < len(sentences):
        n = rng.choice((1, 2, 2))
        paragraphs.append(" ".join(sentences[i:i + n]))
        i += n
    return {"headline": _fill(rng.choice(topic["head"]), slots, rng), "paragraphs": paragraphs}


def _light_edits(paragraphs: list[str], rng: random.Random) -> list[str]:
    out = []
    for p in paragraphs:
        toks = p.split(" ")
        for k, t in enumerate(toks):
            if t in EDITS and rng.random() < 0.5:
                toks[k] = EDITS[t]
        p = " ".join(toks)
        if rng.random() < 0.3:
            p = p.replace(" - ", " – ").replace('"', "„", 1)
        out.append(p)
    return out


def copy_of(text: dict, event: dict, rng: random.Random, kind: str) -> dict:
    """A reprint of ``text`` with the changes of ``kind``: ``headline``,
    ``added`` (1–2 new paragraphs), ``removed`` (one paragraph fewer),
    ``edits`` (light word-level edits) or ``mixed``."""
    paragraphs = list(text["paragraphs"])
    headline = text["headline"]
    if kind in ("headline", "mixed", "added", "edits"):
        topic = TOPICS[event["topic"]]
        headline = _fill(rng.choice(topic["head"]), event["slots"], rng)
    if kind in ("added", "mixed"):
        extra = write_text(event, rng, reword=True)["paragraphs"][-(1 if kind == "mixed" else rng.randrange(1, 3)):]
        for p in extra:
            paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), p)
    if kind == "removed" and len(paragraphs) >= 4:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    if kind in ("edits", "mixed"):
        paragraphs = _light_edits(paragraphs, rng)
    return {"headline": headline, "paragraphs": paragraphs}


ENTITY_SLOTS = {"P1": "PER", "P2": "PER", "ORG": "ORG", "ORG2": "ORG", "CITY": "LOC", "CITY2": "LOC",
                "COUNTRY": "LOC"}


def _entities(event: dict, body: str) -> list[list]:
    """What an entity stage would find: ``[name, type, start, end]`` of the
    first mention of each named slot value in ``body``."""
    out = []
    for slot, label in ENTITY_SLOTS.items():
        name = event["slots"][slot]
        pos = body.find(name)
        if pos < 0 and label == "PER":
            name_last = event["slots"][slot + "L"]
            pos = body.find(name_last)
            if pos >= 0:
                out.append([name, label, pos, pos + len(name_last)])
            continue
        if pos >= 0:
            out.append([name, label, pos, pos + len(name)])
    return out


def generate(n_events: int = 60, seed: int = 1, days: int = 60, copies: tuple[int, int] = (0, 4),
             rewrites: tuple[int, int] = (0, 2)):
    """Yield article records (dicts) for ``n_events`` invented events.

    Per event: one original text plus ``rewrites`` independently worded texts
    (same story, different text); each text appears in 1 + ``copies`` outlets.
    """
    rng = random.Random(seed)
    kinds = ("headline", "added", "removed", "edits", "mixed")
    n = 0
    for e in range(n_events):
        event = make_event(rng, f"e{e}", days)
        for t in range(1 + rng.randint(*rewrites)):
            text = write_text(event, rng, reword=t > 0)
            outlets = rng.sample(OUTLETS, 1 + rng.randint(*copies))
            published = event["when"] + timedelta(hours=rng.randrange(0, 60 if t else 6))
            for c, outlet in enumerate(outlets):
                version = text if c == 0 else copy_of(text, event, rng, rng.choice(kinds))
                body = "\n\n".join(version["paragraphs"] + BOILERPLATE[outlet])
                n += 1
                yield {
                    "id": f"v{seed}-{n:06d}", "outlet": outlet, "headline": version["headline"], "body": body,
                    "published": (published + timedelta(minutes=rng.randrange(0, 1800) if c else 0)).isoformat(),
                    "entities": _entities(event, body),
                    "dup_key": f"{event['key']}.t{t}", "story_key": event["key"], "kind": "original" if c == 0 else "copy",
                }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--days", type=int, default=60)
    args = ap.parse_args()
    for rec in generate(args.events, args.seed, args.days):
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
