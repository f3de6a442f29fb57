"""The TREC loader copes with the published bytes."""

from __future__ import annotations

import os

import numpy as np

from activis.trec import Vocabulary, read_questions

SHARED = os.environ.get("ACTIVIS_TREC_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "trec"))


def test_non_utf8_byte_is_replaced(tmp_path):
    path = tmp_path / "x.label"
    path.write_bytes(b"LOC:city What is the sister\xf0city of Denver ?\nNUM:dist How far is it ?\n")
    questions = read_questions(path)
    assert [(q.coarse, q.fine) for q in questions] == [("LOC", "city"), ("NUM", "dist")]
    assert questions[0].text == "What is the sister\ufffdcity of Denver ?"
    assert questions[1].tokens == ["how", "far", "is", "it", "?"]


def test_vocabulary_pads_and_marks_unknown_words():
    vocabulary = Vocabulary([["a", "b"], ["b"]])
    encoded = vocabulary.encode([["b", "z", "a"], ["a"]], 4)
    assert encoded.tolist() == [[vocabulary.index["b"], 1, vocabulary.index["a"], 0], [vocabulary.index["a"], 0, 0, 0]]
    assert encoded.dtype == np.int64


def test_published_files_when_present():
    train = os.path.join(SHARED, "train_5500.label")
    if not os.path.exists(train):
        import pytest

        pytest.skip("TREC data not available")
    questions = read_questions(train)
    assert len(questions) == 5452
    counts = {c: sum(q.coarse == c for q in questions) for c in ("ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM")}
    assert counts == {"ABBR": 86, "DESC": 1162, "ENTY": 1250, "HUM": 1223, "LOC": 835, "NUM": 896}
    assert len(read_questions(os.path.join(SHARED, "TREC_10.label"))) == 500
