"""depesche.stories: the same story in many outlets.

* near-duplicates: copies of one text (:mod:`.dedup`, table ``duplicate_groups``)
* stories: articles about one event across outlets and days (:mod:`.cluster`,
  tables ``stories`` and ``story_members``)
* facts counted once: one quotation or event with many sightings
  (:mod:`.facts`, tables ``quote_facts``/``quote_sightings`` and
  ``event_facts``/``event_sightings``)

:func:`update` brings all three up to date incrementally; ingest calls it at
the end of a run.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store


def update(store: "Store", *, stories: bool = True, facts: bool = True) -> dict:
    """Group every article not yet grouped, cluster it into a story and
    rebuild the de-duplicated fact tables.  Returns counts of what was done."""
    from .dedup import update_duplicates

    con = store.con
    with store.transaction():
        run = update_duplicates(con)
    summary = {"sketched": run.sketched, "removed": run.removed, "candidate_pairs": run.candidate_pairs,
               "accepted_pairs": run.accepted_pairs, "groups_written": run.groups_written}
    if stories:
        from .cluster import update_stories

        with store.transaction():
            summary.update(update_stories(con))
    if facts:
        from .facts import update_facts

        with store.transaction():
            summary.update(update_facts(con))
    return summary
