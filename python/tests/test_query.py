"""activis.query: the shell's results as DataFrames, checked against numpy on a bundle
written here; and its errors as ActivisError."""

from __future__ import annotations

import os

import numpy as np
import pytest

pd = pytest.importorskip("pandas")

import activis  # noqa: E402
from activis.query import find_binary  # noqa: E402

CLASSES = ["ABBR", "DESC", "NUM"]


@pytest.fixture(scope="module")
def binary():
    try:
        return find_binary()
    except activis.ActivisError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    rng = np.random.default_rng(3)
    n = 60
    labels = rng.integers(0, 3, size=n)
    predicted = np.where(rng.random(n) < 0.25, (labels + 1) % 3, labels)
    texts = [("What is " if i % 3 == 0 else "Who was ") + f"item {i}?" for i in range(n)]
    hidden = rng.normal(size=(n, 5)).astype(np.float32)
    hidden[np.arange(n), labels] += 2
    path = tmp_path_factory.mktemp("q") / "bundle"
    with activis.BundleWriter(path, name="q", classes=CLASSES) as writer:
        writer.add_instances(ids=list(range(100, 100 + n)), texts=texts, labels=labels.tolist(),
                             predictions=predicted.tolist())
        writer.add_activations("hidden", hidden)
    return path, labels, predicted, texts, hidden


def test_matrix_is_a_frame_of_class_means(binary, bundle):
    path, labels, _, texts, hidden = bundle
    frame = activis.query(path, 'select layer hidden; subset w = where text starts "What is"; matrix', binary=binary)
    assert list(frame.index) == CLASSES + ["w"]
    assert list(frame["kind"]) == ["class"] * 3 + ["subset"]
    for k, name in enumerate(CLASSES):
        rows = hidden[labels == k]
        assert frame.loc[name, "size"] == len(rows)
        np.testing.assert_allclose(frame.loc[name, [f"n{j}" for j in range(5)]].to_numpy(dtype=float),
                                   rows.mean(axis=0), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(frame.attrs["std"].loc[name].to_numpy(dtype=float), rows.std(axis=0),
                                   rtol=1e-5, atol=1e-6)
    what = np.array([t.startswith("What is") for t in texts])
    np.testing.assert_allclose(frame.attrs["max"].loc["w"].to_numpy(dtype=float), hidden[what].max(axis=0))


def test_matrix_layers_is_one_frame_per_layer(binary, bundle):
    path, labels, _, _, hidden = bundle
    frames = activis.query(path, "matrix layers hidden", binary=binary)
    assert list(frames) == ["hidden"]
    np.testing.assert_allclose(frames["hidden"].loc["NUM", [f"n{j}" for j in range(5)]].to_numpy(dtype=float),
                               hidden[labels == 2].mean(axis=0), rtol=1e-5, atol=1e-6)


def test_tables_and_projections_are_frames(binary, bundle):
    path, labels, predicted, _, hidden = bundle
    top = activis.query(path, "select layer hidden; top 4 for neuron 2", binary=binary)
    order = sorted(range(len(hidden)), key=lambda r: (-hidden[r, 2], r))[:4]
    assert list(top["id"]) == [100 + r for r in order]
    np.testing.assert_array_equal(top["activation"].to_numpy(dtype=np.float32), hidden[order, 2])
    confusion = activis.query(path, "confusion", binary=binary)
    counts = np.zeros((3, 3), dtype=int)
    np.add.at(counts, (labels, predicted), 1)
    assert confusion[CLASSES].to_numpy().tolist() == counts.tolist()
    points = activis.query(path, "select layer hidden; project pca", binary=binary)
    assert list(points.columns) == ["id", "x", "y", "label", "predicted"] and len(points) == len(hidden)
    assert activis.query(path, "select layer hidden", binary=binary) is None


def test_errors_carry_message_and_position(binary, bundle):
    path = bundle[0]
    with pytest.raises(activis.ActivisError) as raised:
        activis.query(path, "select layer hidden; top 2 for neuron 9", binary=binary)
    error = raised.value
    assert error.message == "layer 'hidden' has neurons 0 to 4; there is no neuron 9"
    assert (error.file, error.line, error.column, error.status) == ("-c", 1, 39, 1)
    missing = os.fspath(path) + "-missing"
    with pytest.raises(activis.ActivisError) as raised:
        activis.query(missing, "info", binary=binary)
    error = raised.value
    assert error.message == f"{missing}: no such bundle directory or manifest"
    assert (error.file, error.line, error.column) == ("<command line>", 1, 6)


def test_a_session_keeps_its_subsets_and_goes_on_after_an_error(binary, bundle):
    path, labels, predicted, texts, hidden = bundle
    with activis.Session(path, binary=binary) as shell:
        assert shell.run("select layer hidden") is None
        shell.run('subset w = where text starts "What is"')
        with pytest.raises(activis.ActivisError) as raised:
            shell.run("top 2 for neuron 9")
        assert raised.value.message == "layer 'hidden' has neurons 0 to 4; there is no neuron 9"
        assert (raised.value.line, raised.value.column) == (3, 18)
        members = shell.run("members w")
        assert list(members["id"]) == [100 + i for i, t in enumerate(texts) if t.startswith("What is")]
        frame = shell.run("matrix")
        what = np.array([t.startswith("What is") for t in texts])
        np.testing.assert_allclose(frame.loc["w", [f"n{j}" for j in range(5)]].to_numpy(dtype=float),
                                   hidden[what].mean(axis=0), rtol=1e-5, atol=1e-6)
        picture = shell.picture()
        assert picture._repr_svg_().lstrip().startswith(("<?xml", "<svg"))
        assert "<svg" in picture._repr_svg_()
