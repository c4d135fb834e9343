"""Story clusters: one event across outlets and days, with label, dates,
outlets and key entities; other events and old events stay apart."""
from __future__ import annotations

from datetime import timedelta

from depesche.model import Analysis, Entity, Mention
from depesche.store import Store
from depesche.stories import update
from depesche.stories.cluster import list_stories
from test_stories_dedup import CORE, OTHER_TEXT, UNRELATED, art, copies

LATER_SAME_TOPIC = [  # another price rise at the same utility, weeks later: a new story
    "Die Stadtwerke von Neubrandenburg erhöhen erneut ihre Preise, diesmal für Trinkwasser und Abwasser.",
    "Nach Angaben des Versorgers steigen die Gebühren zum ersten Oktober um sechs Prozent.",
    "Geschäftsführerin Marlene Okonkwo verwies auf Investitionen in das marode Leitungsnetz.",
]


NAMES = {  # what the entity stage links in these texts
    "Neubrandenburg": ("kb:nb", "LOC"), "Marlene Okonkwo": ("kb:okonkwo", "PER"), "Okonkwo": ("kb:okonkwo", "PER"),
    "Hasenkamp": ("kb:hasenkamp", "PER"), "Mieterbund": ("kb:mieterbund", "ORG"), "Wismar": ("kb:wismar", "LOC"),
}


def put_with_entities(st, article):
    """Store ``article`` with the mentions an entity stage would add."""
    st.put_article(article)
    an = Analysis(article=article, pipeline_version="t")
    for name, (eid, label) in NAMES.items():
        start = article.body.find(name)
        if start >= 0:
            an.mentions.append(Mention(start, start + len(name), name, label, eid))
            if an.entity(eid) is None:
                an.entities.append(Entity(eid, label, "Marlene Okonkwo" if eid == "kb:okonkwo" else name))
    st.put_analysis(an)


def story_of(st, article_id):
    row = st.con.execute("SELECT story_id FROM story_members WHERE article_id = ?", [article_id]).fetchone()
    return row[0] if row else None


def test_one_event_many_outlets_is_one_story(db_path):
    original, reworded, extended = copies()
    other = art(OTHER_TEXT, 4, "Landblatt", "Fernwärme in Neubrandenburg: elf Prozent mehr", 30)
    unrelated = art(UNRELATED, 5, "Nordkurier", "Frachter in Wismar auf Grund gelaufen", 1)
    later = art(LATER_SAME_TOPIC, 6, "Nordkurier", "Wasser wird teurer", 24 * 40)
    with Store(db_path) as st:
        for a in (original, reworded, extended, other, unrelated, later):
            put_with_entities(st, a)
        update(st, facts=False)
        sid = story_of(st, original.id)
        assert sid is not None
        assert {story_of(st, a.id) for a in (reworded, extended, other)} == {sid}
        assert story_of(st, unrelated.id) not in (None, sid)
        assert story_of(st, later.id) not in (None, sid)  # outside the time window
        (s,) = [s for s in list_stories(st.con) if s["story_id"] == sid]
        assert s["n_articles"] == 4 and s["n_outlets"] == 4
        assert s["outlets"] == sorted(["Nordkurier", "Ostseebote", "Havelblatt", "Landblatt"])
        assert s["label"] in {a.headline for a in (original, reworded, extended, other)}
        assert s["first_date"] == original.published and s["last_date"] == other.published
        assert "fernwärme" in s["key_terms"]
        assert set(s["key_entities"]) >= {"Marlene Okonkwo", "Neubrandenburg"}


def test_incremental_article_joins_stored_story_and_entities_show(db_path):
    original, reworded, _ = copies()
    other = art(OTHER_TEXT, 4, "Landblatt", "Fernwärme in Neubrandenburg: elf Prozent mehr", 20)
    with Store(db_path) as st:
        put_with_entities(st, original)
        update(st, facts=False)
        sid = story_of(st, original.id)
    with Store(db_path) as st:  # a later run, after the store was closed
        put_with_entities(st, other)
        summary = update(st, facts=False)
        assert summary["clustered"] == 1 and summary["new_stories"] == 0
        assert story_of(st, other.id) == sid
        (s,) = list_stories(st.con)
        assert s["n_articles"] == 2
        assert s["key_entities"][:2] == ["Hasenkamp", "Marlene Okonkwo"]  # named in both articles
        assert list_stories(st.con, since=other.published + timedelta(days=1)) == []


def test_copies_share_the_story_of_their_group(db_path):
    original, reworded, extended = copies()
    with Store(db_path) as st:
        for a in (original, reworded, extended):
            st.put_article(a)
        update(st, facts=False)
        assert len({story_of(st, a.id) for a in (original, reworded, extended)}) == 1
        groups = st.con.execute("SELECT count(DISTINCT group_id) FROM duplicate_groups").fetchone()[0]
        assert groups == 1


def test_unrelated_articles_make_separate_stories(db_path):
    with Store(db_path) as st:
        st.put_article(art(CORE, 1, "A", "Fernwärme", 0))
        st.put_article(art(UNRELATED, 2, "B", "Frachter", 0))
        summary = update(st, facts=False)
        assert summary["new_stories"] == 2
