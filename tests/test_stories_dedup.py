"""Near-duplicate groups: copies of one text join, different texts do not,
runs are incremental and the state survives closing the store."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from depesche.ingest.common import article_from_text
from depesche.store import Store
from depesche.stories import update
from depesche.stories.dedup import duplicates_of, estimate, sketch

T0 = datetime(2026, 5, 4, 8, 0, tzinfo=timezone.utc)

# An invented agency report, written for these tests.
CORE = [
    "Die Stadtwerke von Neubrandenburg haben am Montag angekündigt, die Fernwärmepreise zum ersten Juli um elf Prozent anzuheben.",
    "Als Grund nannte Geschäftsführerin Marlene Okonkwo die gestiegenen Kosten für Gas und für den Umbau des Heizkraftwerks am Stadtrand.",
    "Betroffen sind nach Angaben des Unternehmens rund 14.000 Haushalte, vor allem in den Plattenbausiedlungen im Osten der Stadt.",
    "Der Mieterbund reagierte empört und sprach von einer Belastung, die viele Familien mit kleinem Einkommen nicht mehr tragen könnten.",
    "Oberbürgermeister Till Hasenkamp kündigte an, im Aufsichtsrat eine Härtefallregelung für Bezieher von Wohngeld zu beantragen.",
    "Die Stadtwerke verweisen darauf, dass die Preise in den vergangenen drei Jahren trotz steigender Beschaffungskosten stabil geblieben seien.",
    "Eine Entscheidung über mögliche Entlastungen soll in der nächsten Sitzung des Aufsichtsrats Ende Mai fallen.",
]
ADDED = [
    "In einer ersten Reaktion in den sozialen Netzwerken kündigten mehrere Anwohner an, sich gegen die Erhöhung zu wehren.",
    "Schon im Winter hatte es in der Stadt Proteste gegen die hohen Nebenkosten gegeben, an denen sich mehrere hundert Menschen beteiligten.",
]
OTHER_TEXT = [  # the same story, written independently
    "Fernwärme wird in Neubrandenburg deutlich teurer: Ab Juli zahlen Kunden der Stadtwerke elf Prozent mehr.",
    "Marlene Okonkwo, die Chefin des kommunalen Versorgers, begründete den Schritt mit Gaspreisen und Investitionen in das Kraftwerk.",
    "Kritik kam prompt vom Mieterbund, der vor einer Überforderung ärmerer Haushalte warnte.",
    "Rathauschef Hasenkamp will sich für Ausnahmen zugunsten von Wohngeldempfängern starksetzen.",
]
UNRELATED = [
    "Im Hafen von Wismar ist am Sonntag ein Frachter mit Holzpellets auf Grund gelaufen.",
    "Verletzt wurde nach Auskunft der Wasserschutzpolizei niemand, ausgetretene Betriebsstoffe wurden nicht festgestellt.",
    "Zwei Schlepper versuchten am Abend vergeblich, das Schiff bei Hochwasser wieder frei zu ziehen.",
    "Die Reederei prüft nun, ob ein Teil der Ladung auf ein kleineres Schiff umgeladen werden muss.",
]


def art(paragraphs, n, outlet, headline, hours=0, boilerplate=()):
    body = "\n\n".join(list(paragraphs) + list(boilerplate))
    return article_from_text(body, url=f"https://{outlet.lower()}.example/{n}", outlet=outlet, headline=headline,
                             published=T0 + timedelta(hours=hours))


def copies():
    original = art(CORE, 1, "Nordkurier", "Fernwärme wird teurer", 0, ["Quelle: dpa"])
    reworded = art(CORE, 2, "Ostseebote", "Stadtwerke erhöhen Preise um elf Prozent", 3,
                   ["Abonnieren Sie unseren Newsletter für die Region."])
    extended = art(CORE[:4] + ADDED + CORE[4:], 3, "Havelblatt", "Ärger um Fernwärmepreise", 5)
    return original, reworded, extended


def group_of(st, article_id):
    row = st.con.execute("SELECT group_id FROM duplicate_groups WHERE article_id = ?", [article_id]).fetchone()
    return row[0] if row else None


def test_copies_join_and_different_texts_do_not(db_path):
    original, reworded, extended = copies()
    other = art(OTHER_TEXT, 4, "Landblatt", "Fernwärme: elf Prozent mehr", 8)
    unrelated = art(UNRELATED, 5, "Nordkurier", "Frachter in Wismar auf Grund gelaufen", 1, ["Quelle: dpa"])
    with Store(db_path) as st:
        for a in (original, reworded, extended, other, unrelated):
            st.put_article(a)
        summary = update(st, stories=False, facts=False)
        assert summary["sketched"] == 5
        gid = group_of(st, original.id)
        assert gid == "dup:" + original.id
        assert group_of(st, reworded.id) == gid
        assert group_of(st, extended.id) == gid  # two added paragraphs: containment still high
        assert group_of(st, other.id) is None
        assert group_of(st, unrelated.id) is None
        members = {m["article_id"]: m for m in duplicates_of(st.con, extended.id)}
        assert set(members) == {original.id, reworded.id, extended.id}
        assert members[original.id]["is_first"] and members[original.id]["similarity"] == 1.0
        assert 0.6 < members[extended.id]["similarity"] <= 1.0
        assert members[extended.id]["jaccard"] < members[extended.id]["similarity"]


def test_incremental_run_joins_existing_group_and_state_persists(db_path):
    original, reworded, extended = copies()
    with Store(db_path) as st:
        st.put_article(original)
        st.put_article(reworded)
        update(st, stories=False, facts=False)
        gid = group_of(st, reworded.id)
        assert gid is not None
        assert update(st, stories=False, facts=False)["sketched"] == 0  # nothing new, nothing redone
    with Store(db_path) as st:  # signatures and buckets were stored
        st.put_article(extended)
        summary = update(st, stories=False, facts=False)
        assert summary["sketched"] == 1
        assert group_of(st, extended.id) == gid
        assert st.con.execute("SELECT count(*) FROM duplicate_groups WHERE group_id = ?", [gid]).fetchone()[0] == 3


def test_new_version_leaves_its_group(db_path):
    original, reworded, _ = copies()
    with Store(db_path) as st:
        st.put_article(original)
        st.put_article(reworded)
        update(st, stories=False, facts=False)
        assert group_of(st, reworded.id) is not None
        changed = art(UNRELATED, 2, "Ostseebote", "Frachter auf Grund", 4)  # same URL, new content
        assert changed.id == reworded.id
        assert st.put_article(changed) == "version"
        summary = update(st, stories=False, facts=False)
        assert summary["removed"] == 1 and summary["sketched"] == 1
        assert group_of(st, original.id) is None  # a group of one is no group
        assert group_of(st, reworded.id) is None


def test_short_and_empty_bodies_are_not_grouped(db_path):
    with Store(db_path) as st:
        for n, body in enumerate(["Kurz.", "Kurz.", "", "Eilmeldung: Zug entgleist"]):
            st.put_article(article_from_text(body, url=f"https://x.example/{n}"))
        summary = update(st, stories=False, facts=False)
        assert summary["sketched"] == 4
        assert st.con.execute("SELECT count(*) FROM duplicate_groups").fetchone()[0] == 0


def test_containment_estimate_tracks_exact_value():
    n_a, sig_a = sketch("\n\n".join(CORE))
    n_b, sig_b = sketch("\n\n".join(CORE[:4] + ADDED + CORE[4:]))
    j, c = estimate(sig_a, sig_b, n_a, n_b)
    assert n_b > n_a
    assert c > 0.85  # every shingle of the original is in the extended copy, except at the seams
    assert j < c


def test_deleted_articles_leave_consistent_groups_and_stories(db_path):
    original, reworded, extended = copies()
    with Store(db_path) as st:
        for a in (original, reworded, extended):
            st.put_article(a)
        update(st, facts=False)
        gid = group_of(st, original.id)
        st.delete_articles([original.id])
        update(st, facts=False)
        assert group_of(st, reworded.id) == gid  # the group keeps its id ...
        first = st.con.execute("SELECT article_id FROM duplicate_groups WHERE is_first").fetchall()
        assert first == [(reworded.id,)]  # ... and its earliest remaining member leads it
        assert st.con.execute("SELECT n_articles FROM stories").fetchall() == [(2,)]
        st.delete_articles([reworded.id])
        update(st, facts=False)
        assert st.con.execute("SELECT count(*) FROM duplicate_groups").fetchone()[0] == 0
        assert st.con.execute("SELECT count(*) FROM dedup_bands b WHERE doc_no NOT IN "
                              "(SELECT doc_no FROM dedup_docs)").fetchone()[0] == 0
        # the survivor still finds new copies
        again = art(CORE, 7, "Neuer Bote", "Fernwärme: Preise steigen", 9)
        st.put_article(again)
        update(st, facts=False)
        assert group_of(st, again.id) is not None and group_of(st, again.id) == group_of(st, extended.id)


def test_update_on_empty_store_does_nothing(db_path):
    with Store(db_path) as st:
        summary = update(st)
        assert summary["sketched"] == 0 and summary["clustered"] == 0
        assert summary["quote_facts"] == 0 and summary["event_facts"] == 0


def test_stubs_sharing_only_a_boilerplate_notice_are_not_copies(db_path):
    notice = ("Dieser Beitrag ist aus lizenzrechtlichen Gründen nur noch als Kurzfassung in unserem Archiv "
              "abrufbar, wir bitten um Verständnis.")
    teasers = ["Neue Brücke über die Peene nach drei Jahren Bauzeit freigegeben.",
               "Landesregierung verschiebt die Reform der Kita-Gebühren auf den Herbst.",
               "Zoo in Stralsund meldet Nachwuchs bei den Seehunden."]
    with Store(db_path) as st:
        for n, t in enumerate(teasers):
            st.put_article(article_from_text(f"{t} {notice}", url=f"https://archiv.example/{n}"))
        update(st, stories=False, facts=False)
        assert st.con.execute("SELECT count(*) FROM duplicate_groups").fetchone()[0] == 0
