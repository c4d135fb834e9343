"""The shipped NER model: quality floor on the GermEval holdout, the sample news
page, robustness to foreign tokenizers, and the annotate/eval round trip."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from depesche.cli import app
from depesche.nlp.ner import add_ner, evaluate_model, model_path
from depesche.nlp.ner_data import germeval_splits, read_germeval

FIXTURE = Path(__file__).parent / "fixtures" / "ner" / "handwritten.tsv"

# Strict span F1 of the shipped "default" model on the holdout is in
# docs/model-card-ner.md; the floor sits a little below it.
HOLDOUT_F1_FLOOR = 0.58  # shipped model: 0.596 (0.557 before 2026-12-06)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return add_ner(nlp)


def ents(doc):
    return {(e.text, e.label_) for e in doc.ents}


@pytest.mark.slow
def test_holdout_f1_floor(shared):
    holdout = germeval_splits(shared)["holdout"]
    assert len(holdout) == 475
    scores = evaluate_model("default", holdout)
    assert scores["ALL"].f1 >= HOLDOUT_F1_FLOOR, scores["ALL"]


def test_sample_page_entities(shared, nlp):
    text = (shared / "samples" / "ntv-biden-putin-videogipfel.txt").read_text(encoding="utf8")
    found = ents(nlp(text))
    for name in ("Joe Biden", "Wladimir Putin", "Jake Sullivan"):
        assert (name, "PER") in found
    for name in ("USA", "Russland", "Ukraine", "Georgien"):
        assert (name, "LOC") in found
    assert ("NATO", "ORG") in found
    # GermEval folds parts into their type: "US-Präsident" is a LOC part
    assert ("US-Präsident", "LOC") in found


def test_sample_page_kreml_is_org(shared, nlp):
    # the model alone says LOC (GermEval's convention); the component's
    # government-seat rule makes the news sense ORG
    text = (shared / "samples" / "ntv-biden-putin-videogipfel.txt").read_text(encoding="utf8")
    assert ("Kreml", "ORG") in ents(nlp(text))


def test_handwritten_news_sentence(nlp):
    doc = nlp("Bundeskanzler Olaf Scholz hat am Montag in Warschau mit dem polnischen "
              "Regierungschef Donald Tusk über die Hilfe für die Ukraine gesprochen.")
    found = ents(doc)
    assert ("Olaf Scholz", "PER") in found
    assert ("Donald Tusk", "PER") in found
    assert ("Warschau", "LOC") in found
    assert ("Ukraine", "LOC") in found
    assert not any(label not in {"PER", "ORG", "LOC", "OTH"} for _, label in found)


def test_works_on_any_tokens_and_in_pipe(nlp):
    # a host tokenizer may leave whitespace tokens and odd splits; the component
    # must keep the host's tokens and only fill doc.ents
    host = spacy.blank("de")
    add_ner(host)
    odd = spacy.tokens.Doc(host.vocab, words=["Angela", "Merkel", "\n\n", "besuchte", "Rom", "."],
                           spaces=[True, False, False, True, False, False])
    doc = host.get_pipe("ner")(odd)
    assert [t.text for t in doc] == ["Angela", "Merkel", "\n\n", "besuchte", "Rom", "."]
    assert all(e.label_ in {"PER", "ORG", "LOC", "OTH"} for e in doc.ents)
    assert len(host("")) == 0
    docs = list(nlp.pipe(["Olaf Scholz reiste nach Paris.", "", "Die NATO tagt in Brüssel."]))
    assert len(docs) == 3 and len(docs[1].ents) == 0


def test_annotate_eval_round_trip(tmp_path):
    runner = CliRunner()
    out = tmp_path / "pred.tsv"
    res = runner.invoke(app, ["annotate", "ner", str(FIXTURE), str(out)])
    assert res.exit_code == 0, res.output
    gold_lines = FIXTURE.read_text(encoding="utf8").splitlines()
    pred_lines = out.read_text(encoding="utf8").splitlines()
    assert len(gold_lines) == len(pred_lines)
    for g, p in zip(gold_lines, pred_lines):
        if not g or g.startswith("#"):
            assert p == g
            continue
        gc, pc = g.split("\t"), p.split("\t")
        assert pc[:2] == gc[:2] and pc[3] == "O" and len(pc) == 4
        assert pc[2] == "O" or pc[2][:2] in ("B-", "I-")
    pred = read_germeval(out)
    assert [s.words for s in pred] == [s.words for s in read_germeval(FIXTURE)]

    res = runner.invoke(app, ["eval", "ner", str(FIXTURE), str(FIXTURE)])
    assert res.exit_code == 0, res.output
    assert "ALL    1.0000 1.0000 1.0000" in res.output
    res = runner.invoke(app, ["eval", "ner", str(FIXTURE), str(out)])
    assert res.exit_code == 0 and "PER" in res.output
    res = runner.invoke(app, ["eval", "ner", str(FIXTURE)])  # shipped model predicts
    assert res.exit_code == 0 and "ALL" in res.output


def test_cli_reports_bad_input(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("1\tHallo\tO\tO\nkaputt\n", encoding="utf8")
    res = CliRunner().invoke(app, ["annotate", "ner", str(bad), str(tmp_path / "o.tsv")])
    assert res.exit_code == 1
    assert "bad.tsv:2" in res.output
    res = CliRunner().invoke(app, ["eval", "ner", str(tmp_path / "missing.tsv")])
    assert res.exit_code == 1 and "no such file" in res.output


def test_model_is_shipped_in_package():
    path = model_path("default")
    assert (path / "config.cfg").is_file()
    assert "shared" not in str(path.resolve().relative_to(path.resolve().parents[3]))


def test_government_seats_are_org_even_when_untagged(nlp):
    doc = nlp("Das Weiße Haus und der Élysée widersprachen, der Kreml schwieg.")
    found = ents(doc)
    assert ("Kreml", "ORG") in found and ("Élysée", "ORG") in found
    assert not any(label == "LOC" for text, label in found if text in {"Kreml", "Élysée"})


def test_silver_reads_ud_surface_tokens(tmp_path):
    # the silver corpus keeps a contraction ("zum") as one token, like GermEval
    from depesche.nlp.ner_silver import ud_sentences

    conllu = tmp_path / "mini.conllu"
    conllu.write_text(
        "# text = Sie fuhr zum Hafen.\n"
        "1\tSie\tsie\tPRON\t_\t_\t2\tnsubj\t_\t_\n"
        "2\tfuhr\tfahren\tVERB\t_\t_\t0\troot\t_\t_\n"
        "3-4\tzum\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "3\tzu\tzu\tADP\t_\t_\t5\tcase\t_\t_\n"
        "4\tdem\tder\tDET\t_\t_\t5\tdet\t_\t_\n"
        "5\tHafen\tHafen\tNOUN\t_\t_\t2\tobl\t_\t_\n"
        "6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n"
        "1\tJa\tja\tINTJ\t_\t_\t0\troot\t_\t_\n",
        encoding="utf8")
    assert list(ud_sentences(conllu)) == [["Sie", "fuhr", "zum", "Hafen", "."], ["Ja"]]


def test_silver_text_sample_splits_sentences(tmp_path):
    import gzip

    from depesche.nlp.ner_silver import text_sentences

    path = tmp_path / "t.txt.gz"
    with gzip.open(path, "wt", encoding="utf8") as f:
        f.write("Der Rat tagte am Montag in Bonn. Danach sprach die Ministerin lange mit Journalisten.\n")
        f.write("Diese Zeile wird übersprungen, weil nur jede zweite zählt.\n")
    sents = list(text_sentences(path, max_tokens=1000, every=2))
    assert sents == [["Der", "Rat", "tagte", "am", "Montag", "in", "Bonn", "."],
                     ["Danach", "sprach", "die", "Ministerin", "lange", "mit", "Journalisten", "."]]
    assert len(list(text_sentences(path, max_tokens=5, every=2))) == 1


def test_gazetteer_marks_longest_listed_name_and_clears_other_lemmas():
    # own toy lists; the component only reads its index
    import spacy
    from spacy.tokens import Doc

    from depesche.nlp.ner_gazetteer import GazetteerFeatures

    gaz = GazetteerFeatures()
    gaz.entries = {"LOC": ["Neu Ulm", "Ulm"], "PER": ["Ulm"], "ORG": ["Verein Neu Ulm e.V."]}
    gaz._build_index()
    vocab = spacy.blank("de").vocab
    doc = Doc(vocab, words=["In", "Neu", "Ulm", "und", "Ulm", "regnet", "es", "."])
    doc[0].lemma_ = "in"  # a lemma from elsewhere must not survive as a feature
    gaz(doc)
    # every start is tried: "Ulm" inside "Neu Ulm" adds its own kinds
    assert [t.lemma_ for t in doc] == ["", "gaz:LOC", "gaz:LOC|PER", "", "gaz:LOC|PER", "", "", ""]


def test_vector_cache_gives_floret_rows_exactly():
    # the cached static vectors must be bit-identical to spaCy's floret get_batch
    import numpy

    from depesche.nlp.ner import _VectorCache, load_model

    model = load_model("default")
    vectors = model.vocab.vectors
    words = ["Bundeswehrbeschaffungsamt", "Merkel", ",", "die", "Merkel", "x", "Kund:innen", "die"]
    keys = numpy.array([model.vocab.strings.add(w) for w in words], dtype="uint64")
    want = vectors.get_batch(words)
    for cache in (_VectorCache(vectors), _VectorCache(vectors, max_words=3)):
        for _ in range(2):  # misses, then hits (or a cleared cache)
            got = cache.get_batch(keys, model.vocab.strings)
            assert got.dtype == want.dtype and numpy.array_equal(got, want)
        assert numpy.array_equal(cache.get_batch(keys[2:5], model.vocab.strings), want[2:5])


def test_copy_in_host_vocab_gives_the_models_own_entities(shared):
    # a German host shares its vocabulary with the copy; the entities must be
    # those of the model run on a copy in its own vocabulary
    from depesche.nlp.ner import _inner_doc, load_model

    host = spacy.blank("de")
    add_ner(host)
    comp = host.get_pipe("ner")
    assert comp.copy_vocab is host.vocab
    model = load_model("default")
    text = (shared / "samples" / "ntv-biden-putin-videogipfel.txt").read_text(encoding="utf8")
    doc = host(text)
    own = model(_inner_doc(model, [t.text for t in doc], [bool(t.whitespace_) for t in doc]))
    own_ents = [(e.start, e.end, e.label_) for e in own.ents]
    inner = model(comp._copy(doc))
    assert inner.vocab is host.vocab
    assert [(e.start, e.end, e.label_) for e in inner.ents] == own_ents
    assert len(own_ents) > 10
