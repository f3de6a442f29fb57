"""`diff` and `matrix layers` through the binary, against numpy on the same files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from e2e_support import make_bundle, parse_csv


def cka(x: np.ndarray, y: np.ndarray) -> float:
    """Linear CKA by its definition, in float64 with centred columns."""
    x = x.astype(np.float64) - x.astype(np.float64).mean(axis=0)
    y = y.astype(np.float64) - y.astype(np.float64).mean(axis=0)
    return float(np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y)))


def ids(bundle: Path) -> list[int]:
    return [int(row["id"]) for row in csv.DictReader(open(bundle / "instances.csv", encoding="utf-8"))]


def test_diff_gives_numpys_cka_over_the_shared_ids_and_writes_nothing(activis, tmp_path):
    make_bundle(tmp_path / "a", instances=500, layers=["concat:40:float32", "fc:6:float64"], seed=3)
    make_bundle(tmp_path / "b", instances=300, layers=["concat:24:float16", "fc:6:float32", "extra:5:float32"],
                seed=4)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "b").rglob("*")}
    done = activis.run("--format", "csv", "-c", f'diff "{tmp_path / "b"}"', str(tmp_path / "a"))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["layer"] for r in rows] == ["concat", "fc"]
    here, there = ids(tmp_path / "a"), ids(tmp_path / "b")
    shared = [i for i in here if i in set(there)]
    assert len(shared) == 300
    for row in rows:
        x = np.load(tmp_path / "a" / "activations" / f"{row['layer']}.npy")
        y = np.load(tmp_path / "b" / "activations" / f"{row['layer']}.npy")
        x = x[[here.index(i) for i in shared]]
        y = y[[there.index(i) for i in shared]]
        assert (int(row["neurons"]), int(row["other_neurons"])) == (x.shape[1], y.shape[1])
        assert abs(float(row["cka"]) - cka(x, y)) < 1e-6, row
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "b").rglob("*")} == before


def test_matrix_layers_csv_is_each_layers_matrix_side_by_side(activis, tmp_path):
    make_bundle(tmp_path / "a", instances=300, layers=["concat:12:float32", "fc:6:float32"], seed=5)
    commands = 'subset w = where text starts "What is"'
    run = lambda c: parse_csv(activis.run("--format", "csv", "-c", f"{commands}; {c}", str(tmp_path / "a")).stdout)  # noqa: E731
    together = run("matrix layers fc concat")
    fc, concat = run("select layer fc; matrix"), run("select layer concat; matrix")
    assert together[0] == ["row", "size"] + [f"fc:{n}" for n in fc[0][2:]] + [f"concat:{n}" for n in concat[0][2:]]
    for joined, a, b in zip(together[1:], fc[1:], concat[1:]):
        assert joined == a + b[2:]
