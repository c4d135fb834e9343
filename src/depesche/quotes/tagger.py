"""CRF token taggers (python-crfsuite) for quotation spans and their roles.

Two linear-chain CRFs run over each sentence:

* the *quote tagger* labels quotation spans with their type
  (``B-Direct``, ``I-Indirect``, …, ``O``);
* the *role tagger* labels speaker, cue and addressee spans
  (``B-SPK``, ``I-CUE``, ``B-ADR``, …), seeing where the quotes are.

Gold labels come from corpus annotations; :func:`train` fits both and writes
them with a small JSON of medium statistics into a model folder.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from .corpus import TextDoc, add_tags, gold_quotes, is_tagged
from .features import quote_features, role_features, token_base
from .speaker import SpeakerSelector
from .verifier import SpeakerVerifier

ROLE_CODES = (("speaker", "SPK"), ("cue", "CUE"), ("addressee", "ADR"))


def _crfsuite():
    import pycrfsuite  # imported lazily: the rules model does not need it

    return pycrfsuite


def _bio(doc: TextDoc, spans_by_label: list[tuple[str, list]], n: int) -> list[str]:
    """Token labels from (label, spans) pairs; earlier pairs win on overlap."""
    tags = ["O"] * n
    for label, spans in spans_by_label:
        for sp in spans:
            ids = doc.tokens_in(sp.start, sp.end)
            if not ids or any(tags[i] != "O" for i in ids):
                continue
            tags[ids[0]] = "B-" + label
            for i in ids[1:]:
                tags[i] = "I-" + label
    return tags


def gold_tags(doc: TextDoc) -> tuple[list[list[str]], list[list[str]]]:
    """Per-sentence quote tags and role tags from the doc's annotations."""
    quotes = gold_quotes(doc)
    n = len(doc.tokens)
    outer = [q for q in quotes if q.nested_in is None]
    qtags = _bio(doc, [(q.type, q.quote) for q in outer], n)
    rtags = _bio(doc, [(code, getattr(q, role)) for role, code in ROLE_CODES for q in quotes], n)
    by_sent = lambda tags: [[tags[i] for i in sent] for sent in doc.sentences]  # noqa: E731
    return by_sent(qtags), by_sent(rtags)


def medium_table(docs: list[TextDoc]) -> dict:
    """Most frequent medium per lower-cased cue word, and overall."""
    per_word: dict[str, Counter] = defaultdict(Counter)
    overall: Counter = Counter()
    per_type: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        for q in gold_quotes(doc):
            overall[q.medium] += 1
            per_type[q.type][q.medium] += 1
            for sp in q.cue:
                for w in sp.text.lower().split():
                    per_word[w][q.medium] += 1
    return {
        "words": {w: c.most_common(1)[0][0] for w, c in per_word.items() if sum(c.values()) >= 3},
        "types": {t: c.most_common(1)[0][0] for t, c in per_type.items()},
        "default": overall.most_common(1)[0][0] if overall else "Speech",
    }


def train(docs: list[TextDoc], out_dir: Path, *, max_iterations: int = 350, c1: float = 0.05,
          c2: float = 0.05, role_c1: float = 0.02, role_c2: float = 0.05, jackknife: int = 0,
          reuse_quote: bool = False, selector: bool = True, verifier: int = 0, dense_layer: int = 0,
          dense_scale: float = 0.25, workers: int = 1, log=print) -> None:
    """Fit both taggers (and, with ``selector``, the speaker selector; with
    ``verifier`` = k > 1, the speaker verifier from k-fold out-of-fold
    predictions, which trains the taggers k more times).  The role tagger learns from gold quote positions; with
    ``jackknife`` > 1 it learns instead from quote tags *predicted* by quote
    taggers trained on the other folds (measured on dev: higher speaker
    precision, lower recall, slightly lower F1, so off by default).
    ``reuse_quote`` keeps a quote tagger already in ``out_dir``.  With
    ``dense_layer`` > 0 both taggers also see that e5 encoder layer's token
    vectors, scaled by ``dense_scale`` (:mod:`depesche.quotes.dense`, the
    ``wikinews-e5`` model).  ``workers`` > 1 trains the shipped taggers and the
    verifier's folds side by side in that many processes (same result)."""
    params = dict(max_iterations=max_iterations, c1=c1, c2=c2, role_c1=role_c1, role_c2=role_c2,
                  jackknife=jackknife, dense_layer=dense_layer, dense_scale=dense_scale)
    if verifier > 1 and workers > 1:
        _train_in_pool(docs, Path(out_dir), params, reuse_quote=reuse_quote, selector=selector,
                       folds=verifier, workers=workers, log=log)
        return
    _train_taggers(docs, out_dir, **params, reuse_quote=reuse_quote, selector=selector, log=log)
    if verifier > 1:
        train_verifier(docs, out_dir, folds=verifier, log=log, tagger_params=params)


def _train_taggers(docs: list[TextDoc], out_dir: Path, *, max_iterations: int, c1: float, c2: float,
                   role_c1: float, role_c2: float, jackknife: int, reuse_quote: bool, selector: bool,
                   dense_layer: int, dense_scale: float, log=print) -> None:
    """The taggers (and selector) of :func:`train`, without the verifier."""
    crf = _crfsuite()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dense = None
    if dense_layer:
        from .dense import DenseFeatures

        log(f"e5 vectors (layer {dense_layer}) of {len(docs)} documents")
        dense = DenseFeatures.fit(docs, dense_layer, dense_scale)
        dense.save(out_dir)

    def crf_items(doc, seqs):
        return dense.items(doc, seqs) if dense is not None else seqs

    params = {"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.possible_transitions": True,
              "feature.minfreq": 2}
    feats = []
    for doc in docs:
        if not is_tagged(doc):
            add_tags(doc)  # POS and case, as at prediction time
        base = token_base(doc)
        qf = quote_features(doc, base)
        qtags, rtags = gold_tags(doc)
        feats.append((doc, base, qf, qtags, rtags))

    def fit_quote(items, path: Path) -> None:
        qt = crf.Trainer(verbose=False)
        for doc, _, qf, qtags, _ in items:
            for x, y in zip(crf_items(doc, qf), qtags):
                qt.append(x, y)
        qt.set_params(params)
        qt.train(str(path))

    if reuse_quote and (out_dir / "quote.crfsuite").exists():
        log("keeping the existing quote tagger")
    else:
        log(f"training quote tagger on {len(docs)} documents")
        fit_quote(feats, out_dir / "quote.crfsuite")
    seen_tags = [f[3] for f in feats]  # gold quote tags unless jackknifed below
    if jackknife > 1:
        for k in range(jackknife):
            held = [i for i in range(len(feats)) if i % jackknife == k]
            rest = [feats[i] for i in range(len(feats)) if i % jackknife != k]
            log(f"jackknife fold {k + 1}/{jackknife}: quote tagger on {len(rest)} documents")
            path = out_dir / f".fold{k}.crfsuite"
            fit_quote(rest, path)
            tagger = crf.Tagger()
            tagger.open(str(path))
            for i in held:
                seen_tags[i] = [tagger.tag(x) if x else [] for x in crf_items(feats[i][0], feats[i][2])]
            tagger.close()
            path.unlink()
    rt = crf.Trainer(verbose=False)
    for (doc, base, qf, _, rtags), qtags in zip(feats, seen_tags):
        rf = role_features(doc, qtags, base, qf)
        for x, y in zip(crf_items(doc, rf), rtags):
            rt.append(x, y)
    rt.set_params({**params, "c1": role_c1, "c2": role_c2})  # tuned on dev separately
    log(f"training role tagger on {len(docs)} documents")
    rt.train(str(out_dir / "role.crfsuite"))
    (out_dir / "medium.json").write_text(json.dumps(medium_table(docs), ensure_ascii=False, indent=1))
    if selector:
        train_selector(docs, out_dir, log=log)


#: the training documents of :func:`_train_in_pool`, read by its forked workers
#: (inherited, not pickled: with e5 vectors they are hundreds of megabytes)
_POOL_DOCS: list[TextDoc] = []


def _pool_taggers(out_dir: str, params: dict, reuse_quote: bool, selector: bool) -> None:
    _train_taggers(_POOL_DOCS, Path(out_dir), **params, reuse_quote=reuse_quote, selector=selector,
                   log=lambda m: None)


def _pool_fold(k: int, folds: int, params: dict) -> tuple[list, int]:
    return _verifier_fold(_POOL_DOCS, k, folds, params)


def _train_in_pool(docs: list[TextDoc], out_dir: Path, params: dict, *, reuse_quote: bool, selector: bool,
                   folds: int, workers: int, taggers: bool = True, log=print) -> None:
    """:func:`train` (or, without ``taggers``, :func:`train_verifier`) with the
    shipped taggers and each verifier fold as tasks of a process pool (the
    longest task, the shipped taggers, first)."""
    import multiprocessing

    global _POOL_DOCS
    # work every task needs is done once, before the fork, so the workers inherit it
    for doc in docs:
        if not is_tagged(doc):
            add_tags(doc)
    if params.get("dense_layer"):
        from .dense import doc_vectors

        log(f"e5 vectors (layer {params['dense_layer']}) of {len(docs)} documents")
        for doc in docs:
            doc_vectors(doc, params["dense_layer"])
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    _POOL_DOCS = docs
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            log(f"training {'the taggers and ' if taggers else ''}{folds} verifier folds in {workers} processes")
            main = pool.apply_async(_pool_taggers, (str(out_dir), params, reuse_quote, selector)) if taggers else None
            parts = [pool.apply_async(_pool_fold, (k, folds, params)) for k in range(folds)]
            if main is not None:
                main.get()
                log("taggers and selector trained")
            results = []
            for k, part in enumerate(parts):
                results.append(part.get())
                log(f"speaker verifier: fold {k + 1}/{folds} done")
    finally:
        _POOL_DOCS = []
    _fit_verifier([r for rows, _ in results for r in rows], sum(n for _, n in results), len(docs), out_dir,
                  folds=folds, log=log)


#: score bonus of "no speaker" over the best phrase (chosen on train fold 0 with
#: taggers and selector trained on the other folds: -1.5 to -0.5 equally good,
#: 0 and above worse: the selector, trained on gold quotations, is too ready
#: to give a spurious quotation a speaker)
NONE_MARGIN = -1.0


def train_selector(docs: list[TextDoc], out_dir: Path, *, epochs: int = 20, log=print) -> None:
    """Fit the speaker selector (``speaker.json``) on the gold quotations of ``docs``.

    Also training it on the *predicted* quotations of held-out documents (taggers
    trained on the rest) was measured and was worse on train fold 0 (speaker
    F1 0.552 against 0.576), so the selector learns from gold quotations only."""
    from . import speaker

    items = []
    for doc in docs:
        if not is_tagged(doc):
            add_tags(doc)  # candidates use POS and case, as at prediction time
        items.extend(speaker.training_items(doc))
    log(f"speaker selector: {len(items)} training quotations")
    weights = speaker.fit(items, epochs=epochs, log=log)
    speaker.save(weights, out_dir / "speaker.json", none_margin=NONE_MARGIN,
                 note=f"conditional logit over speaker candidates; gold quotations of {len(docs)} training documents")


def train_verifier(docs: list[TextDoc], out_dir: Path, *, folds: int = 10, log=print,
                   tagger_params: dict | None = None, workers: int = 1) -> None:
    """Fit the speaker verifier (``verifier.json``, see :mod:`depesche.quotes.verifier`).

    It must learn from the speakers the pipeline chooses for quotations it
    *predicts* on unseen text, so the documents are split into ``folds``;
    for each fold, taggers and selector are trained on the others (with
    ``tagger_params``, as the shipped taggers) and run on it.  The threshold
    is chosen by cross-validation over the same folds; the weights are then
    fitted on all out-of-fold rows.  ``workers`` > 1 runs the folds side by side."""
    if workers > 1:
        _train_in_pool(docs, Path(out_dir), tagger_params or {}, reuse_quote=False, selector=True, folds=folds,
                       workers=workers, taggers=False, log=log)
        return
    rows, n_gold = [], 0
    for k in range(folds):
        log(f"speaker verifier: fold {k + 1}/{folds}")
        r, n = _verifier_fold(docs, k, folds, tagger_params or {})
        rows.extend(r)
        n_gold += n
    _fit_verifier(rows, n_gold, len(docs), out_dir, folds=folds, log=log)


def _verifier_fold(docs: list[TextDoc], k: int, folds: int, tagger_params: dict) -> tuple[list, int]:
    """Verifier rows of fold ``k``: taggers trained on the other folds, run on it."""
    import tempfile

    from . import verifier
    from .api import learned_quotes

    held = [d for i, d in enumerate(docs) if i % folds == k]
    rest = [d for i, d in enumerate(docs) if i % folds != k]
    rows, n_gold = [], 0
    with tempfile.TemporaryDirectory(prefix="depesche-verifier-") as tmp:
        train(rest, Path(tmp), **tagger_params, selector=True, verifier=0, log=lambda m: None)
        taggers = CRFTaggers(Path(tmp))
        for doc in held:
            quotes = learned_quotes(doc, taggers)
            choices = taggers.speaker.apply(doc, quotes)
            r, n = verifier.training_rows(doc, quotes, choices, group=k)
            rows.extend(r)
            n_gold += n
    return rows, n_gold


def _fit_verifier(rows: list, n_gold: int, n_docs: int, out_dir: Path, *, folds: int, log=print) -> None:
    from . import verifier

    threshold, scores = verifier.choose_threshold(rows, n_gold, folds=folds)
    log("speaker verifier: out-of-fold speaker F1 by threshold: "
        + ", ".join(f"{t}: {f:.4f}" for t, f in scores.items()))
    model = verifier.SpeakerVerifier(verifier.fit(rows), threshold)
    model.save(Path(out_dir) / "verifier.json",
               note=f"logistic regression of speaker token precision; {len(rows)} out-of-fold speakers of "
                    f"{n_docs} training documents ({folds} folds); threshold {threshold} "
                    f"(speaker F1 {scores[0.0]:.4f} -> {scores[threshold]:.4f} out of fold)")
    log(f"speaker verifier: {len(rows)} rows, threshold {threshold}")


class CRFTaggers:
    """The two trained taggers of one model folder."""

    def __init__(self, model_dir: Path):
        crf = _crfsuite()
        self.model_dir = Path(model_dir)
        self.quote = crf.Tagger()
        self.quote.open(str(self.model_dir / "quote.crfsuite"))
        self.role = crf.Tagger()
        self.role.open(str(self.model_dir / "role.crfsuite"))
        self.medium = json.loads((self.model_dir / "medium.json").read_text(encoding="utf-8"))
        self.speaker = SpeakerSelector.load(self.model_dir / "speaker.json")  # None: keep the tagger's speakers
        self.verifier = SpeakerVerifier.load(self.model_dir / "verifier.json")  # None: keep every chosen speaker
        from .dense import DenseFeatures

        self.dense = DenseFeatures.load(self.model_dir)  # None: sparse features only
        self.quote_labels = [lab for lab in self.quote.labels() if lab != "O"]
        # a token the Viterbi path leaves outside a quote still counts as quoted when
        # its marginal probability of being outside is below 1 - threshold.  Off by default:
        # on Wikinews dev (0.3-0.5) it traded more precision than it gained in recall.
        self.recall_threshold = float(self.medium.get("recall_threshold", 0.0)) or None
        # the attributes either tagger has weights for: features are built only for these
        self.known = frozenset(a.encode() for tagger in (self.quote, self.role) for a in tagger.info().attributes)
        if self.dense is not None:
            self.known = None  # dense items are built as dicts; nothing to gain from filtering

    def _tag_quote(self, x: list[dict], threshold: float | None) -> list[str]:
        tags = self.quote.tag(x)
        if not threshold:
            return tags
        out = list(tags)
        for i, t in enumerate(tags):
            if t != "O":
                continue
            p_in = 1.0 - self.quote.marginal("O", i)
            if p_in < threshold:
                continue
            best = max(self.quote_labels, key=lambda lab: self.quote.marginal(lab, i))
            ty = best[2:]
            prev = out[i - 1] if i else "O"
            out[i] = ("I-" if prev != "O" and prev[2:] == ty else "B-") + ty
        return out

    def tag(self, doc: TextDoc, recall_threshold: float | None = None,
            all_roles: bool = False) -> tuple[list[list[str]], list[list[str]]]:
        """Quote tags and role tags per sentence.  Role tags matter only in a
        sentence with a quotation or just before one (``extract.decode`` gives
        a role to a quotation of the same or the next sentence), so unless
        ``all_roles`` the other sentences are not role-tagged: all ``"O"``."""
        if not is_tagged(doc):
            add_tags(doc)  # a corpus file or a blank-pipeline doc: the taggers were trained with POS and case
        base = token_base(doc, self.known)
        qf = quote_features(doc, base, self.known)
        if recall_threshold is None:
            recall_threshold = self.recall_threshold
        items = self.dense.items if self.dense is not None else (lambda _doc, seqs: seqs)
        qtags = [self._tag_quote(x, recall_threshold) if x else [] for x in items(doc, qf)]
        quoted = [any(t != "O" for t in tags) for tags in qtags]
        wanted = [all_roles or q or nxt for q, nxt in zip(quoted, quoted[1:] + [False])]
        rf = role_features(doc, qtags, base, qf, wanted)
        # sentences left untagged need no items (with dense features, building them is not free)
        ri = items(doc, [x if want else [] for x, want in zip(rf, wanted)])
        rtags = [self.role.tag(xi) if x and want else ["O"] * len(x) for x, xi, want in zip(rf, ri, wanted)]
        return qtags, rtags
