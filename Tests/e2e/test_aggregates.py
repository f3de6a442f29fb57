"""A bundle with aggregates (format 1.1), written here with numpy alone: the shell's class and
exported subset rows must be numpy's statistics over ALL rows, and a subset defined in the shell
numpy's over the sample."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

CLASSES = ["a", "b", "c"]
ROWS, WIDTH, SAMPLE = 5000, 8, 300


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    rng = np.random.default_rng(5)
    labels = rng.choice(3, ROWS, p=[0.1, 0.5, 0.4])
    values = rng.standard_normal((ROWS, WIDTH)).astype(np.float32) + labels[:, None].astype(np.float32)
    values[17, 3] = np.nan
    flag = values[:, 0] > 1.0  # the exported subset "high"
    ids = np.arange(ROWS) * 7 + 3
    taken = np.sort(rng.choice(ROWS, SAMPLE, replace=False))
    path = tmp_path_factory.mktemp("aggregates") / "big"
    (path / "activations").mkdir(parents=True)
    (path / "aggregates").mkdir()
    np.save(path / "activations" / "fc.npy", values[taken])
    groups = [labels == i for i in range(3)] + [flag, np.ones(ROWS, dtype=bool)]
    planes = np.zeros((len(groups), 5, WIDTH))
    for g, mask in enumerate(groups):
        x = values[mask].astype(np.float64)
        planes[g] = [np.nanmean(x, 0), np.nanstd(x, 0), np.nanmin(x, 0), np.nanmax(x, 0), np.isnan(x).sum(0)]
    np.save(path / "aggregates" / "fc.npy", planes)
    with open(path / "instances.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "label", "predicted", "text"])
        for row in taken:
            writer.writerow([ids[row], CLASSES[labels[row]], CLASSES[labels[row]], f"item {row % 4}"])
    manifest = {
        "format": "activis-bundle", "version": "1.1", "classes": CLASSES,
        "layers": [{"name": "fc", "file": "activations/fc.npy"}],
        "aggregates": {"rows": ROWS, "planes": ["mean", "std", "min", "max", "nonfinite"], "layers": [
            {"name": "fc", "file": "aggregates/fc.npy"}], "groups": [
            *({"name": c, "kind": "class", "count": int((labels == i).sum())} for i, c in enumerate(CLASSES)),
            {"name": "high", "kind": "subset", "condition": "fc[0] > 1", "count": int(flag.sum()),
             "sample": [int(ids[r]) for r in taken if flag[r]]},
            {"name": "all", "kind": "all", "count": ROWS}]}}
    (path / "activis.json").write_text(json.dumps(manifest), encoding="utf-8")
    return {"path": path, "values": values, "labels": labels, "flag": flag, "taken": taken}


def test_exact_rows_are_numpy_over_all_rows_and_shell_subsets_over_the_sample(activis, data):
    out = activis.ok("--format", "json", "-c", 'subset item0 = where text starts "item 0"; matrix', str(data["path"]))
    rows = {row["row"]: row for row in json.loads(out.strip().splitlines()[-1])["rows"]}
    values = data["values"].astype(np.float64)
    masks = {c: data["labels"] == i for i, c in enumerate(CLASSES)} | {"high": data["flag"]}
    for name, mask in masks.items():
        row = rows[name]
        assert row["size"] == int(mask.sum()) and row["basis"] == {"exact": ROWS}
        np.testing.assert_allclose(row["mean"], np.nanmean(values[mask], 0), rtol=1e-6)
        np.testing.assert_allclose(row["std"], np.nanstd(values[mask], 0), rtol=1e-6)
        np.testing.assert_array_equal(np.asarray(row["min"], dtype=np.float32),
                                      np.nanmin(values[mask], 0).astype(np.float32))
    assert rows["b"]["nonfinite"] == [0, 0, 0, int(masks["b"][17]), 0, 0, 0, 0]
    sample = values[data["taken"]]
    item0 = (data["taken"] % 4) == 0
    assert rows["item0"]["size"] == int(item0.sum()) and rows["item0"]["basis"] == {"sample": SAMPLE}
    np.testing.assert_allclose(rows["item0"]["mean"], sample[item0].mean(0), rtol=1e-5)


def test_the_table_says_what_is_exact_and_what_is_sampled(activis, data):
    out = activis.ok("-c", 'subset item0 = where text starts "item 0"; matrix; info', str(data["path"]))
    assert f"exact over {ROWS:,} rows (the bundle's aggregates): a, b, c, high" in out
    assert f"on the sample of {SAMPLE} instances: item0" in out
    assert f"instances ({SAMPLE} of {ROWS:,}, stratified)" in out
