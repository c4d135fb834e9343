"""Static subword word vectors for the NER model, trained by us on unlabeled German.

The vectors are floret vectors (fastText with hashed subwords folded into a
small hash table): every token, also an unseen compound like
"Bundeswehrbeschaffungsamt", gets a vector from its character n-grams, and the
whole table is a few MB.  They are trained on ``data/text/`` of the shared
folder (Bundestag speeches, court decisions, political speeches) and imported
into spaCy with ``spacy init vectors --mode floret``.
"""
from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

# Split off punctuation the way GermEval tokens look ("Berlin", ",", "U.S.",
# "z.B.", "1.000", "CDU-Chef"), so corpus tokens and NER tokens agree.
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # abbreviations with dots: U.S.A., z.B.
    r"|\d+(?:[.,:/]\d+)*\.?"  # numbers, dates, ordinals: 1.000 3,5 12.
    r"|\w+(?:[-'’]\w+)*"  # words, hyphenated compounds, apostrophes
    r"|[^\w\s]",  # any other single symbol
)

TEXT_FILES = [
    "data/text/bundestag-plenary/bundestag-wp19-speeches.txt.gz",
    "data/text/bundestag-plenary/bundestag-wp20-speeches.txt.gz",
    "data/text/ler-court-decisions/ler-court-decisions.txt.gz",
    "data/text/german-political-speeches/german-political-speeches.txt.gz",
]


def tokenize_plain(line: str) -> list[str]:
    """Regex tokenization of running text, close to the GermEval token style."""
    return _TOKEN.findall(line)


def write_corpus(shared: Path, out: Path, max_tokens: int | None = None) -> int:
    """Write ``data/text`` as one tokenized paragraph per line; return token count.

    With ``max_tokens`` the files are read round-robin-free in order until the
    budget is reached (each file gets an equal share, so all genres are in).
    """
    n_total = 0
    share = None if max_tokens is None else max_tokens // len(TEXT_FILES)
    with open(out, "w", encoding="utf8") as fout:
        for rel in TEXT_FILES:
            n_file = 0
            with gzip.open(shared / rel, "rt", encoding="utf8") as fin:
                for line in fin:
                    toks = tokenize_plain(line)
                    if not toks:
                        continue
                    fout.write(" ".join(toks) + "\n")
                    n_file += len(toks)
                    if share is not None and n_file >= share:
                        break
            n_total += n_file
    return n_total


def train_floret(corpus: Path, out_dir: Path, *, dim: int = 100, bucket: int = 50_000,
                 epoch: int = 5, model: str = "cbow", min_count: int = 5,
                 minn: int = 4, maxn: int = 5, threads: int = 1) -> Path:
    """Train floret vectors on ``corpus``; return the path of the ``.floret`` table."""
    import floret

    out_dir.mkdir(parents=True, exist_ok=True)
    ft = floret.train_unsupervised(
        str(corpus), model=model, mode="floret", hashCount=2, bucket=bucket,
        dim=dim, epoch=epoch, minCount=min_count, minn=minn, maxn=maxn,
        thread=threads, verbose=2,
    )
    table = out_dir / "vectors.floret"
    ft.save_floret_vectors(str(table))
    return table


def to_spacy_vectors(table: Path, out_dir: Path) -> Path:
    """Turn a ``.floret`` table into a spaCy model dir holding only the vectors."""
    subprocess.run(
        [sys.executable, "-m", "spacy", "init", "vectors", "de", str(table), str(out_dir),
         "--mode", "floret"],
        check=True,
    )
    return out_dir
