"""`separability` and `suggest` against numpy (and scikit-learn where installed)."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from e2e_support import make_bundle, quoted


def table(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette coefficient, Euclidean, by its definition in numpy."""
    squares = (x * x).sum(axis=1)
    distances = np.sqrt(np.maximum(squares[:, None] + squares[None, :] - 2 * x @ x.T, 0))
    np.fill_diagonal(distances, 0)
    classes = np.unique(labels)
    sums = np.stack([distances[:, labels == c].sum(axis=1) for c in classes], axis=1)
    sizes = np.array([(labels == c).sum() for c in classes])
    own = np.searchsorted(classes, labels)
    a = sums[np.arange(len(x)), own] / (sizes[own] - 1)
    means = sums / sizes
    means[np.arange(len(x)), own] = np.inf
    b = means.min(axis=1)
    return float(np.mean((b - a) / np.maximum(a, b)))


def test_separability_is_silhouette_and_probe_per_layer(activis, bundle, ref):
    rows = table(activis.ok("--format", "csv", "-c", "separability", str(bundle)))
    manifest = json.loads((bundle / "activis.json").read_text())
    assert [r["layer"] for r in rows] == [layer["name"] for layer in manifest["layers"]]
    assert list(rows[0]) == ["layer", "neurons", "probe_accuracy", "silhouette"]
    labels = np.array([ref.classes.index(v) for v in ref.label])
    for row in rows:
        x = ref.layer(row["layer"])
        assert int(row["neurons"]) == x.shape[1]
        assert float(row["silhouette"]) == pytest.approx(silhouette(x, labels), abs=1e-5)
        # The planted class neurons make every hidden layer easy to probe.
        assert 0 <= float(row["probe_accuracy"]) <= 1


def test_probe_agrees_with_scikit_learn_on_the_same_folds(activis, bundle, ref):
    sklearn = pytest.importorskip("sklearn.linear_model")
    preprocessing = pytest.importorskip("sklearn.preprocessing")
    rows = table(activis.ok("--format", "csv", "-c", "separability", str(bundle)))
    labels = np.array([ref.classes.index(v) for v in ref.label])
    folds = np.zeros(len(labels), dtype=int)
    for c in np.unique(labels):
        folds[labels == c] = np.arange((labels == c).sum()) % 5
    for row in rows:
        x = ref.layer(row["layer"])
        correct = 0
        for fold in range(5):
            train, test = folds != fold, folds == fold
            scaler = preprocessing.StandardScaler().fit(x[train])
            model = sklearn.LogisticRegression(C=1.0, max_iter=1000).fit(scaler.transform(x[train]), labels[train])
            correct += int((model.predict(scaler.transform(x[test])) == labels[test]).sum())
        assert float(row["probe_accuracy"]) == pytest.approx(correct / len(labels), abs=0.02), row["layer"]


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    path = tmp_path_factory.mktemp("planted") / "trec"
    make_bundle(path, instances=2000, layers=["concat:300", "fc:6"], seed=0)
    return path


def test_planted_what_is_comes_first_among_phrases(activis, planted):
    rows = table(activis.ok("--format", "csv", "-c", "select layer concat; suggest top 40", str(planted)))
    phrases = [r["definition"] for r in rows if r["definition"].startswith("text starts ")]
    assert phrases[0] == 'text starts "What is"'
    rows = table(activis.ok("--format", "csv", "-c", "select layer concat; suggest for NUM top 3", str(planted)))
    assert rows[0]["definition"].startswith('label = NUM and text starts "What is')


@pytest.mark.parametrize("command", ["suggest top 30", "suggest for NUM top 30"])
def test_every_definition_selects_its_size_and_accuracy(activis, planted, command):
    from e2e_support import Reference
    ref = Reference(planted)
    rows = table(activis.ok("--format", "csv", "-c", f"select layer concat; {command}", str(planted)))
    script = "; ".join(f"subset s{k} = where {r['definition']}" for k, r in enumerate(rows)) + "; subsets"
    listed = table(activis.ok("--format", "csv", "-c", script, str(planted)))
    for row, subset in zip(rows, listed):
        assert subset["size"] == row["size"], row["definition"]
        assert float(subset["accuracy"]) == pytest.approx(float(row["accuracy"]), abs=1e-12)
    # The phrase rows against a plain reading of the texts.
    for row in rows:
        definition = row["definition"]
        if definition.startswith("text starts "):
            phrase = definition[len('text starts "'):-1]
            members = ref.starts(phrase)
            assert members.sum() == int(row["size"])
            known = members & (ref.label != "") & (ref.predicted != "")
            assert float(row["accuracy"]) == pytest.approx((ref.label[known] == ref.predicted[known]).mean())


def test_refusals_are_one_message(activis, bundle):
    done = activis.run("-c", "separability of NUM", str(bundle))
    assert done.returncode == 1
    assert "'separability' needs labelled instances of at least two classes; 'NUM' has only NUM" in done.stderr
    done = activis.run("-c", "suggest", str(bundle))
    assert done.returncode == 1 and "no layer is selected; use 'select layer <name>'" in done.stderr


def test_exports_and_never_writes_into_the_bundle(activis, bundle, tmp_path):
    before = sorted((p.name, p.stat().st_mtime_ns) for p in bundle.rglob("*"))
    out = tmp_path / "sep.json"
    activis.ok("-c", f"separability sample 100; export json {quoted(out)}", str(bundle))
    assert out.read_text().lstrip().startswith("[")
    assert sorted((p.name, p.stat().st_mtime_ns) for p in bundle.rglob("*")) == before
