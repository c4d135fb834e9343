"""The trained language core: loading, POS/lemmas, Konjunktiv I/II."""
from __future__ import annotations

import socket

import pytest

import depesche
from depesche.nlp import load, model_version
from depesche.nlp.morph import konjunktiv, mood_from_paradigm

SAMPLE = "samples/ntv-biden-putin-videogipfel.txt"


@pytest.fixture(scope="module")
def nlp():
    return load("no-ner")


def test_load_is_cached_and_callable_after_submodule_import():
    import depesche.nlp.morph  # noqa: F401  (binds depesche.nlp to the package)

    assert depesche.nlp("rules") is load("rules")
    assert load("no-ner") is load("no-ner")
    assert model_version()
    for name in ("fast", "accurate"):
        assert "depesche_mood" in load(name).pipe_names


def test_pipeline_loads_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    fresh = load.__wrapped__("default")  # bypass the per-process cache
    for name in ("tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "depesche_sentences", "depesche_mood"):
        assert name in fresh.pipe_names
    doc = fresh("Die Ministerin sagte, sie sei zufrieden.")
    assert doc[5].lemma_ == "sein"


def test_pos_lemma_and_sentences_on_own_text(nlp):
    doc = nlp("Die Bürgermeisterin eröffnete am 3. Mai die neue Brücke.\nFeierstunde am Fluss")
    by_text = {t.text: t for t in doc}
    assert by_text["eröffnete"].pos_ == "VERB"
    assert by_text["eröffnete"].lemma_ == "eröffnen"
    assert by_text["Brücke"].pos_ == "NOUN"
    assert by_text["Die"].lemma_ == "der"
    assert [s.text.strip() for s in doc.sents] == [
        "Die Bürgermeisterin eröffnete am 3. Mai die neue Brücke.", "Feierstunde am Fluss"]
    assert [t.pos_ for t in doc if t.is_space] == ["SPACE"]


@pytest.mark.parametrize(
    "sentence, word, expected",
    [
        ("Der Sprecher sagte, die Regierung wolle das Gesetz ändern.", "wolle", "I"),
        ("Sie erklärte, der Plan sei gescheitert.", "sei", "I"),
        ("Er betonte, man habe alles versucht.", "habe", "I"),
        ("Der Minister behauptete, es gebe keine Alternative.", "gebe", "I"),
        ("Es hieß, die Firma stationiere dort neue Mitarbeiter.", "stationiere", "I"),
        ("Wenn sie Zeit hätten, würden sie kommen.", "würden", "II"),
        ("Wenn sie Zeit hätten, würden sie kommen.", "hätten", "II"),
        ("Das wäre ein Fehler.", "wäre", "II"),
        ("Die Regierung will das Gesetz ändern.", "will", None),
        ("Der Sprecher sagte nichts dazu.", "sagte", None),
        ("Wir haben lange darüber gesprochen.", "haben", None),
    ],
)
def test_konjunktiv_on_own_sentences(nlp, sentence, word, expected):
    token = next(t for t in nlp(sentence) if t.text == word)
    assert konjunktiv(token) == expected, str(token.morph)
    assert token._.konjunktiv == expected
    if expected is None:
        assert "Ind" in token.morph.get("Mood")


def test_konjunktiv_on_the_sample_page(nlp, shared):
    text = (shared / SAMPLE).read_text(encoding="utf-8")
    doc = nlp(text)
    expected = {
        "wolle": "I", "sei": "I", "habe": "I", "ausweite": "I", "stationiere": "I", "darstelle": "I",
        "würden": "II", "hätten": "II",
    }
    seen = {w: [] for w in expected}
    for token in doc:
        if token.text in expected:
            seen[token.text].append(konjunktiv(token))
    for word, kind in expected.items():
        assert seen[word], f"{word!r} not found as a token of the sample page"
        assert all(k == kind for k in seen[word]), (word, seen[word])


@pytest.mark.parametrize(
    "form, lemma, person, number, expected",
    [
        ("stationiere", "stationieren", "3", "Sing", ("Sub", "Pres")),
        ("ausweite", "ausweiten", "3", "Sing", ("Sub", "Pres")),
        ("stationieren", "stationieren", "3", "Plur", ("Ind", "Pres")),  # Konj. I = indicative: UD marks Ind
        ("würden", "werden", "3", "Plur", ("Sub", "Past")),
        ("wurden", "werden", "3", "Plur", ("Ind", "Past")),
        ("hätten", "haben", None, None, ("Sub", "Past")),
        ("sagte", "sagen", "3", "Sing", ("Ind", "Past")),  # weak preterite: read as indicative
        ("sollte", "sollen", "3", "Sing", None),  # modal: context decides, the model keeps it
        ("wendete", "wenden", "3", "Sing", None),  # mixed verb: not evidence for Konjunktiv II
        ("Haus", "hausen", "3", "Sing", None),
    ],
)
def test_mood_from_conjugation_tables(form, lemma, person, number, expected):
    modal = lemma in {"sollen", "wollen", "können", "müssen", "dürfen", "mögen"}
    assert mood_from_paradigm(form, lemma, person, number, modal) == expected


def test_bad_input_does_not_crash(nlp):
    for text in ["", " ", "\n\n\n", "....", "„“»«", "a" * 5000, "\x00\x01 kaputt", "😀 Emoji-Text 😀."]:
        doc = nlp(text)
        assert doc.text == text
        list(doc.sents)


def test_train_tagger_command_smoke(shared, tmp_path):
    """`depesche train tagger` runs end to end on a few sentences and the result loads."""
    import spacy
    from typer.testing import CliRunner

    from depesche.cli import app

    out = tmp_path / "tagger"
    result = CliRunner().invoke(app, ["train", "tagger", "--shared", str(shared), "--out", str(out),
                                      "--epochs", "1", "--limit", "40", "--width", "32", "--depth", "1"])
    assert result.exit_code == 0, result.output
    assert "best dev score" in result.output
    trained = spacy.load(out, exclude=["tokenizer"])  # depesche sets its own tokenizer
    assert {"tagger", "morphologizer", "trainable_lemmatizer"} <= set(trained.pipe_names)


def test_non_verbs_lose_a_predicted_mood(nlp):
    from spacy.tokens import Doc

    from depesche.nlp.morph import depesche_mood

    doc = Doc(nlp.vocab, words=["die", "kostenlose", "Zeitung", "er"],
              pos=["DET", "ADJ", "NOUN", "PRON"], tags=["ART", "ADJA", "NN", "PPER"],
              morphs=["Case=Nom", "Case=Nom|Mood=Sub|Tense=Pres|VerbForm=Fin", "Case=Nom", "Mood=Ind|Person=3"])
    depesche_mood(doc)
    assert str(doc[1].morph) == "Case=Nom"
    assert konjunktiv(doc[1]) is None
    assert str(doc[3].morph) == "Person=3"  # pronouns keep their person


def test_cached_edit_tree_lemmatizer_gives_spacys_lemmas():
    from spacy.pipeline.edit_tree_lemmatizer import EditTreeLemmatizer

    from depesche.nlp import load
    from depesche.nlp.lemmas import CachedEditTreeLemmatizer

    nlp = load("no-ner")
    lem = nlp.get_pipe("trainable_lemmatizer")
    assert type(lem) is CachedEditTreeLemmatizer
    text = ("Die Abgeordneten stimmten am Donnerstag über die Gesetze ab, die Ministerin "
            "hatte zuvor gesagt, sie werde die Bürger:innen nicht enttäuschen.\n\nXyzzyqwert!")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "morphologizer"]):
        doc = nlp(text)
    lemmas = {}
    for cls in (EditTreeLemmatizer, CachedEditTreeLemmatizer, CachedEditTreeLemmatizer):
        lem.__class__ = cls
        d = doc.copy()
        lem(d)
        lemmas.setdefault(cls, []).append([t.lemma_ for t in d])
    lem.__class__ = CachedEditTreeLemmatizer
    want = lemmas[EditTreeLemmatizer][0]
    assert lemmas[CachedEditTreeLemmatizer] == [want, want]  # cold and warm cache


def test_every_network_multiplies_with_numpy_not_blis():
    """depesche.nlp.use_numpy_gemm reaches the NER's networks inside depesche_ner too;
    the annotations are those of thinc's default ops (checked on one text)."""
    from thinc.api import Model, NumpyOps

    from depesche.nlp import set_ops, use_numpy_gemm

    nlp = load("default")
    inner = nlp.get_pipe("ner").model
    nets = [c.model for p in (nlp, inner) for _, c in p.pipeline if isinstance(getattr(c, "model", None), Model)]
    assert len(nets) >= 5  # tok2vec, tagger, morphologizer, lemmatizer, NER
    assert all(not node.ops.use_blis for net in nets for node in net.walk())
    text = "Bundeskanzler Olaf Scholz sagte am Montag in Berlin, die Regierung werde die Hilfe fortsetzen."
    ours = [(t.tag_, str(t.morph), t.lemma_, t.ent_type_) for t in nlp(text)]
    assert set_ops(nlp, NumpyOps()) == len(nets)  # thinc's default: blis
    try:
        assert all(node.ops.use_blis for net in nets for node in net.walk())
        assert [(t.tag_, str(t.morph), t.lemma_, t.ent_type_) for t in nlp(text)] == ours
    finally:
        assert use_numpy_gemm(nlp) == len(nets)


def test_the_cli_runs_numpy_with_one_thread_unless_told_otherwise():
    import os
    import subprocess
    import sys

    code = "import depesche.cli, os; print(os.environ['OMP_NUM_THREADS'], os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1"]
    out = subprocess.run([sys.executable, "-c", code], env={**env, "OMP_NUM_THREADS": "4"},
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["4", "1"]
