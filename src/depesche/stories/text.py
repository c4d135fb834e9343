"""Text normalisation shared by near-duplicate detection and story clustering.

Both stages compare *what an article says*, so they see the body folded to
lower case, with typographic variants (quotes, dashes, ligatures) unified and
punctuation dropped.  Hashes are stable across processes (CRC32, not Python's
salted ``hash``) because signatures persist in the database between runs.
"""
from __future__ import annotations

import re
import unicodedata
import zlib

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)

# Words too common to say anything about a story (and never worth a term slot).
STOPWORDS = frozenset("""
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern
anders auch auf aus bei beim bereits bin bis bisher bist da dabei dadurch dafür dagegen daher dahin damals damit
danach dann daran darauf darf darum darunter das dass davon dazu dein dem demnach den denen denn dennoch der
deren derzeit des deshalb dessen die dies diese diesem diesen dieser dieses doch dort du durch eben ebenfalls
ein eine einem einen einer eines einige einmal er erst erste ersten es etwa etwas euch euer für gab gegen
geht gewesen gibt ging habe haben hat hatte hatten heute hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren
ihrer ihres im immer in ins ist ja jahr jahre jahren je jedoch jetzt kam kann kein keine keinen können könne
könnte mal man mehr mein mit muss müsse müssen nach nachdem nicht nichts noch nun nur ob oder ohne rund schon
sehr sei seien sein seine seinem seinen seiner seit selbst sich sie sind so soll solle sollen sollte sondern
sowie später statt über um und uns unser unter viel viele vom von vor während war waren wegen weil weiter weitere
wenn wer werde werden wie wieder will wir wird wo wollen worden wurde wurden zu zum zur zwar zwei zwischen
sagte sagten sagt erklärte teilte mit laut dpa afp reuters neue neuen neuer neues bereits rund prozent
montag dienstag mittwoch donnerstag freitag samstag sonntag uhr woche wochen tag tage tagen
""".split())

_TYPO = str.maketrans({
    "„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'", "»": '"', "«": '"',
    "–": "-", "—": "-", "\u00ad": "", "\u00a0": " ",
})

_MASK32 = np.uint64(0xFFFFFFFF)
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)


def normalize(text: str) -> str:
    """Case-folded NFKC text with unified typography (soft hyphens removed)."""
    return unicodedata.normalize("NFKC", text or "").translate(_TYPO).casefold()


def words(text: str) -> list[str]:
    """The word tokens of ``text`` after :func:`normalize` (quotes and dashes
    separate words anyway, so only soft hyphens need handling here, which is
    much faster than a full ``translate``)."""
    return _WORD.findall(unicodedata.normalize("NFKC", (text or "").replace("\u00ad", "")).casefold())


def shingle_hashes(tokens: list[str], k: int = 3) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word ``k``-grams of ``tokens``.

    Texts shorter than ``k`` words give their single whole-text shingle.
    """
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    wh = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=len(tokens))
    if len(tokens) < k:
        k = len(tokens)
    h = np.zeros(len(tokens) - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):  # order-sensitive mix of k word hashes, wrapping uint64 arithmetic
            h = (h ^ wh[i:len(tokens) - k + 1 + i]) * _M1
            h ^= h >> np.uint64(29)
        h = (h * _M2) ^ (h >> np.uint64(32))
    return np.unique((h & _MASK32).astype(np.uint32))


class ValuesView:
    """A Python list as a one-column view ``(SELECT v FROM <name>)`` for
    ``IN`` filters.

    Passing a list as a query parameter makes DuckDB's Python binding try to
    import pandas once per element (slow when pandas is not installed, which
    it is not here); an Arrow table is handed over as a whole.
    """

    _n = 0

    def __init__(self, con, values, type=None):
        import pyarrow as pa

        ValuesView._n += 1
        self.con = con
        self.name = f"_values_{ValuesView._n}"
        self.table = pa.table({"v": pa.array(list(values), type)})

    def __enter__(self) -> str:
        self.con.register(self.name, self.table)
        return f"(SELECT v FROM {self.name})"

    def __exit__(self, *exc) -> None:
        self.con.unregister(self.name)
