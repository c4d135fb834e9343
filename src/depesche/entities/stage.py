"""Entities stage: mentions from the language core's NER, clustered within the
article and linked to the knowledge base.  (Placeholder until the entities
work lands: one entity per distinct NER string.)"""
from __future__ import annotations

import hashlib

from ..model import Analysis, Entity, Mention
from ..pipeline import stage


@stage("entities", order=20)
def entities_stage(analysis: Analysis) -> None:
    doc = analysis.doc
    if doc is None:
        return
    seen: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        key = (ent.label_, ent.text)
        if key not in seen:
            eid = "new:" + hashlib.sha1(f"{ent.label_}|{ent.text}".encode()).hexdigest()[:12]
            seen[key] = Entity(id=eid, type=ent.label_, name=ent.text, aliases=[ent.text])
        analysis.mentions.append(Mention(ent.start_char, ent.end_char, ent.text, ent.label_, seen[key].id))
    analysis.entities.extend(seen.values())
