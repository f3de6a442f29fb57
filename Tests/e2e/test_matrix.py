"""`matrix`: class rows (count and mean per neuron) against numpy, in CSV and JSON."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from e2e_support import expect_close, parse_csv, parse_matrix_csv, quoted

LAYERS = ["f32", "f16", "f64", "sharded", "cube", "fc"]


def class_means(ref, layer):
    """Expected (class, size, mean) rows in class order."""
    values = ref.layer(layer)
    return [(c, int((ref.label == c).sum()), values[ref.label == c].mean(axis=0)) for c in ref.classes]


@pytest.mark.parametrize("layer", LAYERS)
def test_matrix_csv_class_rows(activis, bundle, ref, layer):
    out = activis.csv(f"load {quoted(bundle)}; select layer {layer}; matrix")
    header, rows, order = parse_matrix_csv(out)
    assert header == ["row", "size"] + ref.neurons(layer)
    assert order == ref.classes, f"rows {order}, expected one per class in manifest order"
    for name, size, mean in class_means(ref, layer):
        assert rows[name].size == size, f"class {name}: size {rows[name].size}, expected {size}"
        expect_close(rows[name].values, mean, f"layer {layer}, class {name}")


def test_planted_class_neurons_visible(activis, bundle, ref):
    """Sanity of the generator seen through activis: neuron k is strongest for class k."""
    _, rows, _ = parse_matrix_csv(activis.csv(f"load {quoted(bundle)}; select layer f32; matrix"))
    for k, name in enumerate(ref.classes):
        assert int(np.argmax(rows[name].values[:len(ref.classes)])) == k


def test_numbers_are_short_round_trip(activis, bundle):
    out = activis.csv(f"load {quoted(bundle)}; select layer f64; matrix")
    for record in parse_csv(out)[1:]:
        for field in record[2:]:
            digits = re.sub(r"[eE].*$", "", field).lstrip("-").replace(".", "").lstrip("0")
            assert len(digits) <= 9, f"{field!r} has more digits than a float32 needs"
            assert np.float32(float(field)) == np.float32(field)


def test_format_option_before_or_after_c(activis, bundle):
    script = f"load {quoted(bundle)}; select layer f32; matrix"
    before = activis.ok("--format", "csv", "-c", script)
    after = activis.ok("-c", script, "--format", "csv")
    assert before == after


def test_set_format_command(activis, bundle):
    script = f"load {quoted(bundle)}; select layer f32; matrix"
    assert activis.ok("-c", "set format csv; " + script) == activis.csv(script)


def test_bundle_argument(activis, bundle):
    loaded = activis.csv(f"load {quoted(bundle)}; select layer f16; matrix")
    assert activis.ok("--format", "csv", "-c", "select layer f16; matrix", str(bundle)) == loaded


def test_commands_on_stdin(activis, bundle):
    script = f"load {quoted(bundle)}\nselect layer sharded\nmatrix\n"
    assert activis.ok("--format", "csv", stdin=script) == activis.csv(script.replace("\n", "; ").rstrip("; "))


def test_comments_and_newlines_in_c(activis, bundle):
    plain = activis.csv(f"load {quoted(bundle)}; select layer f32; matrix")
    commented = activis.csv(f"-- a comment\nload {quoted(bundle)} -- trailing\nSELECT LAYER f32\nMatrix")
    assert commented == plain


def test_only_results_on_stdout_in_csv(activis, bundle):
    out = activis.csv(f"load {quoted(bundle)}; select layer f32; subset s = where correct; add s")
    assert out == "", f"csv format printed confirmations: {out[:200]!r}"


def test_path_with_spaces(activis, tmp_path):
    from e2e_support import Reference, make_bundle
    path = tmp_path / "my bundle"
    make_bundle(path, instances=60, layers=["a:5"])
    ref = Reference(path)
    _, rows, _ = parse_matrix_csv(activis.csv(f"load {quoted(path)}; select layer a; matrix"))
    present = [(name, mean) for name, size, mean in class_means(ref, "a") if size]
    assert present, "no class has instances"
    for name, mean in present:
        expect_close(rows[name].values, mean, f"class {name}")


def stds(values):
    """Population and sample standard deviations per neuron."""
    return values.std(axis=0), values.std(axis=0, ddof=1) if len(values) > 1 else None


def check_json_row(row, values, what):
    """One JSON matrix row against numpy: size, mean, std (ddof 0 or 1), min, max."""
    assert row["size"] == len(values), f"{what}: size {row['size']}, expected {len(values)}"
    expect_close(np.array(row["mean"], dtype=float), values.mean(axis=0), f"{what} mean")
    expect_close(np.array(row["min"], dtype=float), values.min(axis=0), f"{what} min", rtol=1e-6, atol=1e-7)
    expect_close(np.array(row["max"], dtype=float), values.max(axis=0), f"{what} max", rtol=1e-6, atol=1e-7)
    std = np.array(row["std"], dtype=float)
    population, sample = stds(values)
    if not np.allclose(std, population, rtol=1e-4, atol=1e-5):
        expect_close(std, sample, f"{what} std (neither population nor sample std)", rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("layer", ["f32", "f16", "f64", "sharded"])
def test_matrix_json(activis, bundle, ref, layer):
    out = activis.ok("--format", "json", "-c",
                     f'load {quoted(bundle)}; select layer {layer}; subset w = where text starts "What is"; '
                     "add w; matrix")
    result = json.loads(out)
    assert result["layer"] == layer
    assert result["neurons"] == ref.neurons(layer)
    rows = {row["row"]: row for row in result["rows"]}
    assert [row["row"] for row in result["rows"]][:len(ref.classes)] == ref.classes
    values = ref.layer(layer)
    for name in ref.classes:
        assert rows[name]["kind"] == "class"
        check_json_row(rows[name], values[ref.label == name], f"{layer} class {name}")
    assert rows["w"]["kind"] != "class"
    check_json_row(rows["w"], values[ref.starts("What is")], f"{layer} subset w")


@pytest.mark.parametrize("version", [2, 3])
def test_npy_format_versions(activis, tmp_path, version):
    from e2e_support import Reference, make_bundle
    path = tmp_path / f"v{version}"
    make_bundle(path, instances=80, layers=["a:7", "b:3x2:float16:2"], npy_version=version)
    ref = Reference(path)
    for layer in ("a", "b"):
        _, rows, _ = parse_matrix_csv(activis.csv(f"load {quoted(path)}; select layer {layer}; matrix"))
        for name, size, mean in class_means(ref, layer):
            assert rows[name].size == size
            expect_close(rows[name].values, mean, f"npy v{version} layer {layer} class {name}")


def test_classes_default_to_sorted_labels(activis, tmp_path):
    from e2e_support import Reference, make_bundle
    path = tmp_path / "noclasses"
    make_bundle(path, instances=80, layers=["a:7"], classes=["zeta", "alpha", "mid"])
    manifest = json.loads((path / "activis.json").read_text())
    del manifest["classes"]
    (path / "activis.json").write_text(json.dumps(manifest))
    ref = Reference(path)
    assert ref.classes == ["alpha", "mid", "zeta"]
    _, rows, order = parse_matrix_csv(activis.csv(f"load {quoted(path)}; select layer a; matrix"))
    assert order == ["alpha", "mid", "zeta"]
    for name, size, mean in class_means(ref, "a"):
        expect_close(rows[name].values, mean, f"class {name}")


def test_tsv_matrix_matches_csv(activis, bundle):
    script = f"load {quoted(bundle)}; select layer f32; matrix"
    tsv = activis.ok("--format", "tsv", "-c", script)
    csv_rows = [r for r in parse_csv(activis.csv(script)) if r]
    tsv_rows = [line.split("\t") for line in tsv.splitlines() if line]
    assert tsv_rows == csv_rows
