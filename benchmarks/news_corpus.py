"""The benchmark corpus shared by the per-stage scripts: 10kGNAD test articles
from ../shared (read-only, never shipped)."""
from __future__ import annotations

import csv
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEN_K_GNAD = SHARED / "data/news/10kgnad/test.csv"


def load_10kgnad(limit: int | None = None) -> list[str]:
    """Article texts of the 10kGNAD test file (``category;'text'`` rows)."""
    texts: list[str] = []
    with TEN_K_GNAD.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                texts.append(row[1])
            if limit is not None and len(texts) >= limit:
                break
    return texts
