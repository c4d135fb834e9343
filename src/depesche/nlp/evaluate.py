"""Score the language core on the fixed UD holdout (gold tokenisation).

Metrics: UPOS accuracy, STTS tag accuracy (GSD sentences only: PUD has no
STTS), full-feature-set morph accuracy, precision/recall/F1 of ``Mood=Sub``
per token, Konjunktiv-I/II agreement on gold ``Mood=Sub`` tokens, and lemma
accuracy (exact string, case-sensitive as UD).

``depesche eval tagger --shared ../shared`` prints these numbers; the CI
quality floors in ``tests/test_nlp_quality.py`` call :func:`score`.
"""
from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from .conllu import Sentence, load_ud, split_holdout


def holdout(shared: Path) -> list[Sentence]:
    """The fixed ~10% the shipped weights never saw (CI floors)."""
    return split_holdout(load_ud(Path(shared) / "data" / "ud"))[1]


def dev_slice(shared: Path) -> list[Sentence]:
    """The slice of the training part that picked the best epoch (see training.py)."""
    return split_holdout(load_ud(Path(shared) / "data" / "ud"))[0][8::9]


def annotate(nlp, sent: Sentence, skip: tuple[str, ...] = ()) -> Doc:
    """Run every pipe of ``nlp`` except ``skip`` over the gold tokens of ``sent``."""
    doc = Doc(nlp.vocab, words=sent.words, spaces=sent.spaces)
    for name, proc in nlp.pipeline:
        if name not in skip:
            doc = proc(doc)
    return doc


def _mood(morph: str) -> str:
    for feat in morph.split("|"):
        if feat.startswith("Mood="):
            return feat[5:]
    return ""


def _feats(morph: str) -> set[str]:
    return {f for f in morph.split("|") if f}


def score(nlp, sentences: list[Sentence], skip: tuple[str, ...] = ("ner",), lemmatize=None) -> dict:
    """Scores of ``nlp`` on ``sentences``; ``lemmatize(token) -> str`` overrides lemmas."""
    n = pos_ok = morph_ok = lemma_ok = 0
    tag_n = tag_ok = 0
    tp = fp = fn = 0
    kind_n = kind_ok = 0
    skip = tuple(s for s in nlp.pipe_names if s in skip or s.startswith("ner"))
    for sent in sentences:
        doc = annotate(nlp, sent, skip=skip)
        for tok, gpos, gtag, gmorph, glemma in zip(doc, sent.pos, sent.tags, sent.morphs, sent.lemmas):
            n += 1
            pos_ok += tok.pos_ == gpos
            if gtag:
                tag_n += 1
                tag_ok += tok.tag_ == gtag
            pmorph = str(tok.morph)
            morph_ok += _feats(pmorph) == _feats(gmorph)
            lemma = lemmatize(tok) if lemmatize else tok.lemma_
            lemma_ok += lemma == glemma
            gsub, psub = _mood(gmorph) == "Sub", _mood(pmorph) == "Sub"
            tp += gsub and psub
            fp += psub and not gsub
            fn += gsub and not psub
            if gsub and psub:
                gtense = "Past" if "Tense=Past" in gmorph else "Pres"
                kind_n += 1
                kind_ok += ("Tense=Past" in pmorph) == (gtense == "Past")
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {
        "tokens": n,
        "pos_acc": pos_ok / n,
        "tag_acc": tag_ok / tag_n if tag_n else 0.0,
        "morph_acc": morph_ok / n,
        "lemma_acc": lemma_ok / n,
        "sub_p": prec,
        "sub_r": rec,
        "sub_f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "sub_gold": tp + fn,
        "sub_tense_acc": kind_ok / kind_n if kind_n else 0.0,
    }


def _simplemma(token) -> str:
    import simplemma

    return simplemma.lemmatize(token.text, lang="de")


_HANTA = None


def _hanta(token) -> str:
    global _HANTA
    if _HANTA is None:
        from HanTa import HanoverTagger as ht

        _HANTA = ht.HanoverTagger("morphmodel_ger.pgz")
    if not token.is_alpha:
        return token.text
    return _HANTA.analyze(token.text)[0]


def ablations(nlp, sentences: list[Sentence]) -> dict[str, dict]:
    """Each piece on and off, to keep only what helps (see the model card)."""
    rows = {"shipped pipeline": score(nlp, sentences)}
    if "depesche_mood" in nlp.pipe_names:
        rows["without ablaut Mood rules"] = score(nlp, sentences, skip=("ner", "depesche_mood"))
    if "depesche_lemmas" in nlp.pipe_names:
        rows["edit-tree lemmas only"] = score(nlp, sentences, skip=("ner", "depesche_lemmas"))
    rows["lemmas: simplemma only"] = score(nlp, sentences, lemmatize=_simplemma)
    rows["lemmas: HanTa only"] = score(nlp, sentences, lemmatize=_hanta)
    return rows


def _spans(words: list[str], spaces: list[bool]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for w, sp in zip(words, spaces):
        out.add((pos, pos + len(w)))
        pos += len(w) + (1 if sp else 0)
    return out


def segmentation(nlp, sentences: list[Sentence]) -> dict:
    """Tokenizer F1 against the treebank's surface tokens, and the share of
    treebank sentences that the sentence splitter keeps in one piece.

    Each sentence is rebuilt from its tokens and their SpaceAfter flags, so
    the character offsets match the gold tokens.
    """
    tp = n_pred = n_gold = whole = 0
    for sent in sentences:
        text = "".join(w + (" " if sp else "") for w, sp in zip(sent.words, sent.spaces)).rstrip()
        doc = nlp(text)
        gold = _spans(sent.words, sent.spaces)
        pred = {(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space}
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
        whole += sum(1 for s in doc.sents if s.text.strip()) == 1
    p, r = tp / n_pred, tp / n_gold
    return {"token_p": p, "token_r": r, "token_f1": 2 * p * r / (p + r), "sentences_whole": whole / len(sentences)}
