"""Near-duplicate detection: which articles are copies of one text.

Every body becomes a set of word 3-gram shingles, sketched by a MinHash
signature (``datasketch``).  Locality-sensitive hashing splits the signature
into bands; articles sharing a band bucket are *candidates*, and a candidate
pair is accepted when the estimated **containment** of the smaller shingle set
in the larger one is high.  Containment, not only Jaccard, lets an agency text
with two added paragraphs or a different service box still join its copies.

The state (signatures, set sizes, LSH buckets, group membership) lives in the
DuckDB store, so a run only sketches articles it has not seen and joins them to
existing groups: time and memory grow linearly with the new articles.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
from datasketch import MinHash

from .text import ValuesView, shingle_hashes, words

NUM_PERM = 192
BANDS, ROWS = 64, 3  # P(candidate) ≈ 0.98 at Jaccard 0.4, ≈ 6e-5 at Jaccard 0.01
SEED = 20261205
MIN_SHINGLES = 8  # bodies shorter than this are never called copies of anything
MIN_CONTAINMENT = 0.6  # of the smaller shingle set in the larger one
MIN_JACCARD = 0.25  # keeps a short item quoted inside a long article out of its group
MIN_SHARED = 20  # shingles two copies must share: stubs that share only a boilerplate notice are no copies
MAX_PER_BUCKET = 20  # link a new article to at most this many earlier members of one bucket
CHUNK = 2000
VERIFY_CHUNK = 20_000  # candidate pairs compared at once (2 x 15 MB of signatures)

_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")
_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


def _identity(x):
    return x


def signature(shingles: np.ndarray) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` uint32 values) of a shingle-hash set."""
    m = MinHash(num_perm=NUM_PERM, scheme="affine32", permutations=_TEMPLATE.permutations, hashfunc=_identity)
    m.update_batch(shingles.tolist())
    return m.hashvalues.astype(np.uint32, copy=False)


def sketch(body: str) -> tuple[int, np.ndarray | None]:
    """``(number of shingles, signature)``; the signature is ``None`` for bodies
    too short to compare."""
    sh = shingle_hashes(words(body))
    if len(sh) < MIN_SHINGLES:
        return len(sh), None
    return len(sh), signature(sh)


def band_buckets(sigs: np.ndarray) -> np.ndarray:
    """LSH bucket keys, shape ``(n, BANDS)``: one 64-bit key per band of
    ``ROWS`` signature values (the band number is mixed in)."""
    bands = sigs.reshape(len(sigs), BANDS, ROWS).astype(np.uint64)
    with np.errstate(over="ignore"):
        key = np.arange(BANDS, dtype=np.uint64)[None, :] * np.uint64(0xD6E8FEB86659FD93)
        for r in range(ROWS):
            key = (key ^ bands[:, :, r]) * _BAND_MIX[r]
            key ^= key >> np.uint64(31)
    return key


def estimate(sig_a: np.ndarray, sig_b: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, shared: bool = False):
    """Estimated Jaccard and containment (overlap coefficient) for rows of
    signatures ``sig_a``/``sig_b`` with shingle-set sizes ``n_a``/``n_b``.

    From J = |A∩B| / |A∪B| follows |A∩B| = J·(|A|+|B|)/(1+J); containment is
    that over the smaller set.  With ``shared`` the estimated size of the
    intersection is returned too.
    """
    j = (sig_a == sig_b).mean(axis=-1)
    inter = j * (n_a + n_b) / (1.0 + j)
    c = np.minimum(1.0, inter / np.maximum(1, np.minimum(n_a, n_b)))
    return (j, c, inter) if shared else (j, c)


def is_copy(j, c, inter):
    return (c >= MIN_CONTAINMENT) & (j >= MIN_JACCARD) & (inter >= MIN_SHARED)


@dataclass
class DedupRun:
    """What one incremental run did."""

    sketched: int = 0
    removed: int = 0
    candidate_pairs: int = 0
    accepted_pairs: int = 0
    groups_written: int = 0
    new_article_ids: list[str] = field(default_factory=list)


class _Sigs:
    """Signatures by ``doc_no``: the ones computed in this run plus any old
    ones fetched from the store on demand."""

    def __init__(self, con):
        self.con = con
        self.sig: dict[int, np.ndarray] = {}
        self.n: dict[int, int] = {}
        self.article: dict[int, str] = {}

    def add(self, doc_no: int, article_id: str, n: int, sig: np.ndarray | None) -> None:
        self.n[doc_no] = n
        self.article[doc_no] = article_id
        if sig is not None:
            self.sig[doc_no] = sig

    def ensure(self, doc_nos) -> None:
        missing = [int(d) for d in set(doc_nos) if d not in self.n]
        for i in range(0, len(missing), 50_000):
            with ValuesView(self.con, missing[i:i + 50_000], pa.int32()) as v:
                rows = self.con.execute(
                    f"SELECT doc_no, article_id, n_shingles, signature FROM dedup_docs WHERE doc_no IN {v}").fetchall()
            for d, aid, n, blob in rows:
                self.add(d, aid, n, np.frombuffer(blob, dtype=np.uint32) if blob is not None else None)

    def matrix(self, doc_nos) -> tuple[np.ndarray, np.ndarray]:
        empty = np.zeros(NUM_PERM, dtype=np.uint32)
        sig = np.stack([self.sig.get(int(d), empty) for d in doc_nos]) if len(doc_nos) else np.zeros((0, NUM_PERM), np.uint32)
        n = np.array([self.n[int(d)] for d in doc_nos], dtype=np.float64)
        return sig, n


def _remove_stale(con) -> int:
    """Forget sketches of articles that were deleted or got a new version,
    and repair the groups they leave behind.

    ``Store.delete_articles`` may already have removed rows naming a deleted
    article (``dedup_docs``, ``duplicate_groups``); orphaned buckets and
    groups are cleaned up here either way.
    """
    stale = con.execute(
        "SELECT d.doc_no FROM dedup_docs d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id "
        "AND a.is_current AND a.content_hash = d.content_hash)"
    ).fetchall()
    docs = [r[0] for r in stale]
    if docs:
        with ValuesView(con, docs, pa.int32()) as v:
            con.execute(f"DELETE FROM dedup_docs WHERE doc_no IN {v}")
            con.execute(f"DELETE FROM duplicate_groups WHERE doc_no IN {v}")
    con.execute("DELETE FROM dedup_bands WHERE doc_no NOT IN (SELECT doc_no FROM dedup_docs)")
    con.execute("DELETE FROM duplicate_groups WHERE doc_no NOT IN (SELECT doc_no FROM dedup_docs)")
    # a group left with one member is no group; one that lost its first
    # member keeps its id and promotes its earliest remaining member
    con.execute(
        "DELETE FROM duplicate_groups WHERE group_id IN "
        "(SELECT group_id FROM duplicate_groups GROUP BY group_id HAVING count(*) < 2)")
    con.execute(
        "UPDATE duplicate_groups SET is_first = true, similarity = 1.0, jaccard = 1.0 WHERE (group_id, doc_no) IN "
        "(SELECT (group_id, min(doc_no)) FROM duplicate_groups GROUP BY group_id HAVING NOT bool_or(is_first))")
    return len(docs)


def _sketch_pending(con, sigs: _Sigs, run: DedupRun) -> int | None:
    """Sketch every current article without a sketch; returns the first new doc_no."""
    pending = [r[0] for r in con.execute(
        "SELECT id FROM articles a WHERE is_current AND NOT EXISTS (SELECT 1 FROM dedup_docs d "
        "WHERE d.article_id = a.id AND d.content_hash = a.content_hash) "
        "ORDER BY coalesce(published, ingested_at), id"
    ).fetchall()]
    if not pending:
        return None
    first = con.execute("SELECT coalesce(max(doc_no), 0) + 1 FROM dedup_docs").fetchone()[0]
    next_no = first
    for i in range(0, len(pending), CHUNK):
        ids = pending[i:i + CHUNK]
        with ValuesView(con, ids, pa.string()) as v:
            fetched = con.execute(f"SELECT id, body, content_hash FROM articles WHERE is_current AND id IN {v}").fetchall()
        rows = {r[0]: r[1] for r in fetched}
        hashes = {r[0]: r[2] for r in fetched}
        doc_nos, aids, chs, ns, blobs, band_docs, band_sigs = [], [], [], [], [], [], []
        for aid in ids:
            n, sig = sketch(rows.get(aid) or "")
            doc_nos.append(next_no)
            aids.append(aid)
            chs.append(hashes[aid])
            ns.append(n)
            blobs.append(sig.tobytes() if sig is not None else None)
            sigs.add(next_no, aid, n, sig)
            if sig is not None:
                band_docs.append(next_no)
                band_sigs.append(sig)
            next_no += 1
        docs_tbl = pa.table({"doc_no": pa.array(doc_nos, pa.int32()), "article_id": aids, "content_hash": chs,
                             "n_shingles": pa.array(ns, pa.int32()), "signature": pa.array(blobs, pa.binary())})
        con.register("_new_docs", docs_tbl)
        con.execute("INSERT INTO dedup_docs (doc_no, article_id, content_hash, n_shingles, signature) "
                    "SELECT * FROM _new_docs")
        con.unregister("_new_docs")
        if band_docs:
            keys = band_buckets(np.stack(band_sigs))
            bands_tbl = pa.table({"bucket": pa.array(keys.ravel(), pa.uint64()),
                                  "doc_no": pa.array(np.repeat(np.array(band_docs, np.int32), BANDS))})
            con.register("_new_bands", bands_tbl)
            con.execute("INSERT INTO dedup_bands SELECT * FROM _new_bands")
            con.unregister("_new_bands")
        run.new_article_ids.extend(aids)
    run.sketched = len(pending)
    return first


def _candidates(con, first_new: int) -> np.ndarray:
    """Pairs ``(new doc, earlier doc)`` sharing at least one LSH bucket."""
    rows = con.execute(
        """
        WITH nb AS (SELECT bucket, doc_no FROM dedup_bands WHERE doc_no >= ?),
        cand AS (
            SELECT nb.doc_no AS a, b.doc_no AS b,
                   row_number() OVER (PARTITION BY nb.doc_no, nb.bucket ORDER BY b.doc_no) AS rn
            FROM nb JOIN dedup_bands b ON b.bucket = nb.bucket AND b.doc_no < nb.doc_no
        )
        SELECT DISTINCT a, b FROM cand WHERE rn <= ?
        """,
        [first_new, MAX_PER_BUCKET],
    ).fetchnumpy()
    return np.stack([rows["a"], rows["b"]], axis=1).astype(np.int64) if len(rows["a"]) else np.zeros((0, 2), np.int64)


class _UnionFind:
    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        p = self.parent.setdefault(x, x)
        while p != x:
            gp = self.parent[p]
            self.parent[x] = gp
            x, p = p, gp
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the earlier document becomes the root
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _group(con, sigs: _Sigs, pairs: np.ndarray, run: DedupRun) -> None:
    """Join accepted pairs into groups, merging with the stored groups."""
    if not len(pairs):
        return
    uf = _UnionFind()
    for a, b in pairs.tolist():
        uf.union(a, b)
    touched = list(uf.parent)
    # existing groups that the new links touch: all their members take part
    with ValuesView(con, touched, pa.int32()) as v:
        old = con.execute(
            "SELECT g.group_id, g.doc_no, g.is_first FROM duplicate_groups g WHERE g.group_id IN "
            f"(SELECT group_id FROM duplicate_groups WHERE doc_no IN {v})").fetchall()
    group_of: dict[int, str] = {}
    first_of_group: dict[str, int] = {}
    members_of_group: dict[str, list[int]] = {}
    for gid, d, is_first in old:
        group_of[d] = gid
        members_of_group.setdefault(gid, []).append(d)
        if is_first:
            first_of_group[gid] = d
    for gid, ds in members_of_group.items():
        first_of_group.setdefault(gid, min(ds))
        for d in ds:
            uf.union(ds[0], d)
    components: dict[int, list[int]] = {}
    for d in list(uf.parent):
        components.setdefault(uf.find(d), []).append(d)
    sigs.ensure(uf.parent)
    rows = []
    for members in components.values():
        old_groups = {group_of[d] for d in members if d in group_of}
        if old_groups and all(d in group_of for d in members) and len(old_groups) == 1:
            continue  # nothing changed for this group
        if old_groups:
            gid = min(old_groups, key=lambda g: first_of_group[g])
            first = first_of_group[gid]
        else:
            first = min(members)
            gid = "dup:" + sigs.article[first]
        members = sorted(members)
        sig_m, n_m = sigs.matrix(members)
        sig_f, n_f = sigs.matrix([first])
        j, c = estimate(sig_m, sig_f, n_m, n_f)
        for d, jj, cc in zip(members, j.tolist(), c.tolist()):
            is_first = d == first
            rows.append((gid, sigs.article[d], 1.0 if is_first else cc, 1.0 if is_first else jj, is_first, d))
        run.groups_written += 1
    if rows:
        tbl = pa.table({
            "group_id": [r[0] for r in rows], "article_id": [r[1] for r in rows],
            "similarity": pa.array([r[2] for r in rows], pa.float64()),
            "jaccard": pa.array([r[3] for r in rows], pa.float64()),
            "is_first": [r[4] for r in rows], "doc_no": pa.array([r[5] for r in rows], pa.int32()),
        })
        con.register("_groups", tbl)
        con.execute("DELETE FROM duplicate_groups WHERE article_id IN (SELECT article_id FROM _groups)")
        con.execute("INSERT INTO duplicate_groups SELECT * FROM _groups")
        con.unregister("_groups")


def update_duplicates(con) -> DedupRun:
    """Sketch new articles and join them to duplicate groups (incremental)."""
    run = DedupRun()
    run.removed = _remove_stale(con)
    sigs = _Sigs(con)
    first_new = _sketch_pending(con, sigs, run)
    if first_new is None:
        return run
    pairs = _candidates(con, first_new)
    run.candidate_pairs = len(pairs)
    accepted = []
    for i in range(0, len(pairs), VERIFY_CHUNK):
        chunk = pairs[i:i + VERIFY_CHUNK]
        sigs.ensure(chunk[:, 1])
        chunk = chunk[[int(b) in sigs.sig for b in chunk[:, 1]]]  # both sides must still exist
        sa, na = sigs.matrix(chunk[:, 0])
        sb, nb = sigs.matrix(chunk[:, 1])
        j, c, inter = estimate(sa, sb, na, nb, shared=True)
        accepted.append(chunk[is_copy(j, c, inter)])
    acc = np.concatenate(accepted) if accepted else np.zeros((0, 2), np.int64)
    run.accepted_pairs = len(acc)
    _group(con, sigs, acc, run)
    return run


def duplicates_of(con, article_id: str) -> list[dict]:
    """The members of the duplicate group of ``article_id`` (empty if none)."""
    rows = con.execute(
        """
        SELECT g.group_id, g.article_id, g.similarity, g.jaccard, g.is_first, a.headline, a.outlet, a.published
        FROM duplicate_groups g JOIN articles a ON a.id = g.article_id AND a.is_current
        WHERE g.group_id = (SELECT group_id FROM duplicate_groups WHERE article_id = ?)
        ORDER BY g.is_first DESC, g.similarity DESC, g.doc_no
        """,
        [article_id],
    ).fetchall()
    keys = ("group_id", "article_id", "similarity", "jaccard", "is_first", "headline", "outlet", "published")
    return [dict(zip(keys, r)) for r in rows]
