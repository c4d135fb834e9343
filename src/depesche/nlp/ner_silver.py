"""Silver NER training data: licence-clean German sentences tagged by the ``accurate`` NER.

Why: GermEval gives only ~3,800 training sentences; the small CNN of the
``default`` config learns more from them plus a few thousand sentences that the
much better (and ~50x slower) e5 + CRF tagger labelled (distillation).

Sources (all allowed for shipped weights; no text ships, only the weights
learnt from it): UD German GSD dev/test and PUD (CC BY-SA 4.0, their own
tokens), and a deterministic sample of ``data/text/`` (Bundestag protocols,
political speeches, court decisions; regex-tokenized like the vector corpus).
Never 10kGNAD or Wikinews (non-commercial licences).
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Callable, Iterator

from .ner_data import Sentence, read_germeval, write_germeval
from .ner_vectors import tokenize_plain

UD_FILES = ("data/ud/de_gsd-ud-dev.conllu", "data/ud/de_gsd-ud-test.conllu", "data/ud/de_pud-ud-test.conllu")
# (file, share of the text-token budget): news-like speeches first
TEXT_SHARES = (
    ("data/text/german-political-speeches/german-political-speeches.txt.gz", 0.4),
    ("data/text/bundestag-plenary/bundestag-wp20-speeches.txt.gz", 0.25),
    ("data/text/bundestag-plenary/bundestag-wp19-speeches.txt.gz", 0.25),
    ("data/text/ler-court-decisions/ler-court-decisions.txt.gz", 0.1),
)
# a sentence ends at . ! ? followed by space and a capital letter or quote
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[\"„A-ZÄÖÜ])")
MIN_WORDS, MAX_WORDS = 5, 60


def ud_sentences(path: Path) -> Iterator[list[str]]:
    """Surface tokens of a CoNLL-U file (a contraction like "zum" stays one token)."""
    words: list[str] = []
    skip_until = 0
    with open(path, encoding="utf8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield words
                words, skip_until = [], 0
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0]:
                words.append(cols[1])
                skip_until = int(cols[0].split("-")[1])
            elif "." not in cols[0] and int(cols[0]) > skip_until:
                words.append(cols[1])
    if words:
        yield words


def text_sentences(path: Path, max_tokens: int, every: int = 37) -> Iterator[list[str]]:
    """Every ``every``-th paragraph of a text file, split into sentences, until the budget."""
    n = 0
    with gzip.open(path, "rt", encoding="utf8") as f:
        for i, line in enumerate(f):
            if i % every:
                continue
            for sent in _SENT_END.split(line.strip()):
                words = tokenize_plain(sent)
                if MIN_WORDS <= len(words) <= MAX_WORDS:
                    yield words
                    n += len(words)
                    if n >= max_tokens:
                        return


def silver_word_lists(shared: Path, text_tokens: int) -> list[list[str]]:
    out = [w for rel in UD_FILES if (shared / rel).is_file() for w in ud_sentences(shared / rel)
           if MIN_WORDS <= len(w) <= MAX_WORDS * 2]
    for rel, share in TEXT_SHARES:
        if (shared / rel).is_file():
            out.extend(text_sentences(shared / rel, int(text_tokens * share)))
    return out


def make_silver(shared: Path, out: Path, *, text_tokens: int = 150_000, batch: int = 64,
                log: Callable[[str], None] = print) -> Path:
    """Tag the silver sentences with the ``accurate`` NER; write them as a GermEval file."""
    from .ner import _repair, load_model

    tagger = load_model("accurate")
    sentences = silver_word_lists(Path(shared), text_tokens)
    log(f"silver: {len(sentences)} sentences, {sum(map(len, sentences))} tokens")
    tagged = []
    for i in range(0, len(sentences), batch):
        chunk = sentences[i:i + batch]
        for words, tags in zip(chunk, tagger.tag(chunk)):
            rows = [[str(k + 1), w, t, "O"] for k, (w, t) in enumerate(zip(words, _repair(tags)))]
            tagged.append(Sentence(rows=rows))
        if i // batch % 20 == 0:
            log(f"silver: {i + len(chunk)} / {len(sentences)}")
    write_germeval(tagged, out)
    return out


def read_silver(path: Path) -> list[Sentence]:
    return read_germeval(path)
