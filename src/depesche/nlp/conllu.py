"""Read Universal Dependencies CoNLL-U files into spaCy ``Doc`` objects.

Only what the tagger, morphologizer and lemmatizer learn from is kept:
surface tokens, lemmas, UPOS, XPOS (STTS in UD German GSD) and features.
Multi-word tokens such as "zum" (= "zu" + "dem") are kept as *one* surface
token, because that is what our tokenizer produces at run time: it gets the
POS, tag and lemma of its first word (the preposition) and the features of
its last word (the article).  XPOS from treebanks that do not use STTS (UD
German PUD uses an English-style tag set) is dropped, so the tagger treats it
as missing instead of learning two tag sets at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

UD_FILES = ("de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu", "de_pud-ud-test.conllu")
#: Treebanks whose XPOS column is STTS.
STTS_FILES = ("de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu")


@dataclass
class Sentence:
    """One CoNLL-U sentence, reduced to surface tokens."""

    sent_id: str
    text: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    morphs: list[str] = field(default_factory=list)

    def to_doc(self, vocab: Vocab) -> Doc:
        return Doc(
            vocab,
            words=self.words,
            spaces=self.spaces,
            lemmas=self.lemmas,
            pos=self.pos,
            tags=self.tags,
            morphs=self.morphs,
        )


def _field(value: str) -> str:
    return "" if value == "_" else value


def read_conllu(path: Path, *, keep_xpos: bool = True) -> Iterator[Sentence]:
    """Yield the sentences of one CoNLL-U file."""
    sent: Sentence | None = None
    pending_mwt: tuple[int, str, bool] | None = None  # (last word id, surface, space after)
    mwt_parts: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line:
                if sent is not None and sent.words:
                    yield sent
                sent, pending_mwt, mwt_parts = None, None, []
                continue
            if sent is None:
                sent = Sentence(sent_id="", text="")
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                if key.strip() == "sent_id":
                    sent.sent_id = value.strip()
                elif key.strip() == "text":
                    sent.text = value.strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                continue
            tid = cols[0]
            if "." in tid:  # empty nodes (enhanced UD) carry no surface token
                continue
            space_after = "SpaceAfter=No" not in cols[9]
            if "-" in tid:
                _, last = tid.split("-")
                pending_mwt = (int(last), cols[1], space_after)
                mwt_parts = []
                continue
            if pending_mwt is not None:
                mwt_parts.append(cols)
                if int(tid) == pending_mwt[0]:
                    first, last_cols = mwt_parts[0], mwt_parts[-1]
                    sent.words.append(pending_mwt[1])
                    sent.spaces.append(pending_mwt[2])
                    sent.lemmas.append(_field(first[2]))
                    sent.pos.append(_field(first[3]))
                    sent.tags.append(_field(first[4]) if keep_xpos else "")
                    sent.morphs.append(_field(last_cols[5]))
                    pending_mwt = None
                continue
            sent.words.append(cols[1])
            sent.spaces.append(space_after)
            sent.lemmas.append(_field(cols[2]))
            sent.pos.append(_field(cols[3]))
            sent.tags.append(_field(cols[4]) if keep_xpos else "")
            sent.morphs.append(_field(cols[5]))
    if sent is not None and sent.words:
        yield sent


def load_ud(ud_dir: Path) -> list[Sentence]:
    """All sentences of the shipped-model treebanks, in a fixed order."""
    out: list[Sentence] = []
    for name in UD_FILES:
        out.extend(read_conllu(Path(ud_dir) / name, keep_xpos=name in STTS_FILES))
    return out


def split_holdout(sentences: list[Sentence], every: int = 10) -> tuple[list[Sentence], list[Sentence]]:
    """Fixed split: every ``every``-th sentence (1-based) is held out (~10%).

    The holdout is what the CI quality floors score; it never changes, so the
    floors stay comparable across retrainings.
    """
    train, holdout = [], []
    for i, s in enumerate(sentences, start=1):
        (holdout if i % every == 0 else train).append(s)
    return train, holdout
