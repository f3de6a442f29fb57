"""BundleWriter: round trips read back with numpy, csv and json."""

from __future__ import annotations

import os

import numpy as np
import pytest
from conftest import layer_files, read_layer, read_manifest, read_rows

from activis import BundleError, BundleWriter, merge_shards
from activis.npy import NpyAppender

CLASSES = ["ABBR", "DESC", "NUM"]


def test_round_trip_values_dtypes_and_columns(bundle_dir):
    rng = np.random.default_rng(0)
    a1, a2 = rng.normal(size=(3, 4)), rng.normal(size=(2, 4))
    conv = rng.normal(size=(5, 2, 3))
    scores = rng.random(size=(5, 3))
    with BundleWriter(bundle_dir, name="t", classes=CLASSES, description="d") as w:
        w.add_instances(texts=["What is \"x\", y?", "two\nlines", "é ü"], labels=[0, "DESC", 2],
                        predictions=["NUM", "DESC", "NUM"], scores=scores[:3], attributes={"length": [3, 2, 2]})
        w.add_activations("hidden", a1)
        w.add_instances(texts=["a", "b"], labels=["NUM", "NUM"], predictions=[1, 1], scores=scores[3:],
                        attributes={"length": [1, None], "source": ["x", "y"]})
        w.add_activations("hidden", a2)
        w.add_activations("conv", conv, neurons=[f"c{i}" for i in range(6)])
    manifest = read_manifest(bundle_dir)
    assert manifest["format"] == "activis-bundle" and manifest["version"] == 1
    assert manifest["classes"] == CLASSES and manifest["name"] == "t" and manifest["description"] == "d"
    assert manifest["instances"] == "instances.csv" and "graph" not in manifest
    assert [layer["name"] for layer in manifest["layers"]] == ["hidden", "conv"]
    assert manifest["layers"][1]["neurons"] == [f"c{i}" for i in range(6)]
    hidden = read_layer(bundle_dir, "hidden")
    assert hidden.dtype == np.dtype("<f4") and hidden.shape == (5, 4)
    np.testing.assert_array_equal(hidden, np.concatenate([a1, a2]).astype(np.float32))
    conv_back = read_layer(bundle_dir, "conv")
    assert conv_back.shape == (5, 2, 3)
    np.testing.assert_array_equal(conv_back, conv.astype(np.float32))
    rows = read_rows(bundle_dir)
    assert list(rows[0]) == ["id", "text", "label", "predicted", "score:ABBR", "score:DESC", "score:NUM",
                             "length", "source"]
    assert [r["id"] for r in rows] == ["0", "1", "2", "3", "4"]
    assert rows[0]["text"] == "What is \"x\", y?" and rows[1]["text"] == "two\nlines" and rows[2]["text"] == "é ü"
    assert [r["label"] for r in rows] == ["ABBR", "DESC", "NUM", "NUM", "NUM"]
    assert [r["predicted"] for r in rows] == ["NUM", "DESC", "NUM", "DESC", "DESC"]
    assert float(rows[4]["score:DESC"]) == scores[4, 1]
    assert [r["length"] for r in rows] == ["3", "2", "2", "1", ""]
    assert [r["source"] for r in rows] == ["", "", "", "x", "y"]
    with open(os.path.join(bundle_dir, "instances.csv"), "rb") as f:
        assert f.readline().endswith(b"\r\n")  # RFC 4180 line ends
    assert not os.path.exists(os.path.join(bundle_dir, ".parts"))


def test_float16_layers(bundle_dir):
    values = np.linspace(-2, 2, 12).reshape(3, 4)
    with BundleWriter(bundle_dir, dtype="float16") as w:
        w.add_instances(3)
        w.add_activations("x", values)
    back = np.load(os.path.join(bundle_dir, "activations", "x.npy"))
    assert back.dtype == np.dtype("<f2")
    np.testing.assert_array_equal(back, values.astype(np.float16))


def test_npy_header_patched_and_aligned(tmp_path):
    path = str(tmp_path / "a.npy")
    appender = NpyAppender(path, "float32", (2, 3))
    appender.append(np.ones((4, 2, 3)))
    appender.append(np.zeros((1, 2, 3)))
    appender.close()
    with open(path, "rb") as f:
        data = f.read()
    header_len = int.from_bytes(data[8:10], "little")
    assert (10 + header_len) % 64 == 0 and data[:8] == b"\x93NUMPY\x01\x00"
    back = np.load(path, mmap_mode="r")
    assert back.shape == (5, 2, 3) and back[:4].sum() == 24 and back[4].sum() == 0


def test_unclosed_npy_is_not_a_whole_array(tmp_path):
    path = str(tmp_path / "b.npy")
    appender = NpyAppender(path, "float32", (3,))
    appender.append(np.ones((7, 3)))
    appender.abort()
    assert np.load(path).shape == (0, 3)  # header still says 0 rows: never mistaken for the data


def test_sharding_by_rows(bundle_dir):
    values = np.arange(20, dtype=np.float32).reshape(10, 2)
    with BundleWriter(bundle_dir, shard_rows=4) as w:
        for start in range(0, 10, 3):
            w.add_instances(len(values[start:start + 3]))
            w.add_activations("x", values[start:start + 3])
    files = layer_files(bundle_dir, "x")
    assert files == ["activations/x.000.npy", "activations/x.001.npy"]
    assert [np.load(os.path.join(bundle_dir, f)).shape[0] for f in files] == [6, 4]
    np.testing.assert_array_equal(read_layer(bundle_dir, "x"), values)


def test_several_writers_and_merge(bundle_dir):
    rng = np.random.default_rng(1)
    parts = [rng.normal(size=(n, 3)) for n in (4, 2, 5)]
    first = 0
    for rank in (2, 0, 1):  # ranks may finish in any order
        start = sum(len(p) for p in parts[:rank])
        w = BundleWriter(bundle_dir, rank=rank, first_id=start, classes=CLASSES)
        w.add_instances(len(parts[rank]), labels=["NUM"] * len(parts[rank]), attributes={"rank": [rank] * len(parts[rank])})
        w.add_activations("h", parts[rank])
        w.close()
        assert not os.path.exists(os.path.join(bundle_dir, "activis.json"))
        first += len(parts[rank])
    manifest = merge_shards(bundle_dir, name="merged", classes=CLASSES)
    assert read_manifest(bundle_dir) == manifest
    assert layer_files(bundle_dir, "h") == [f"activations/h.r{r:03d}.000.npy" for r in range(3)]
    np.testing.assert_array_equal(read_layer(bundle_dir, "h"), np.concatenate(parts).astype(np.float32))
    rows = read_rows(bundle_dir)
    assert [int(r["id"]) for r in rows] == list(range(11))
    assert [r["rank"] for r in rows] == ["0"] * 4 + ["1"] * 2 + ["2"] * 5


def test_merge_refuses_duplicate_ids(bundle_dir):
    for rank in (0, 1):
        with BundleWriter(bundle_dir, rank=rank) as w:
            w.add_instances(2)
            w.add_activations("h", np.zeros((2, 1)))
    with pytest.raises(BundleError, match="duplicate instance id 0"):
        merge_shards(bundle_dir)
    assert not os.path.exists(os.path.join(bundle_dir, "activis.json"))


def test_refuses_mismatched_row_counts_and_writes_no_manifest(bundle_dir):
    w = BundleWriter(bundle_dir)
    w.add_instances(3)
    w.add_activations("a", np.zeros((3, 2)))
    w.add_activations("b", np.zeros((2, 2)))
    with pytest.raises(BundleError, match="'b' has 2 rows but there are 3 instances"):
        w.close()
    assert not os.path.exists(os.path.join(bundle_dir, "activis.json"))


def test_manifest_written_last(bundle_dir, monkeypatch):
    import activis.writer as writer_module

    order = []
    real = writer_module.atomic_write_json
    monkeypatch.setattr(writer_module, "atomic_write_json",
                        lambda path, value: (order.append(os.path.basename(path)), real(path, value)))
    real_csv = writer_module.write_csv
    monkeypatch.setattr(writer_module, "write_csv",
                        lambda *a: (order.append("instances.csv"), real_csv(*a))[1])
    with BundleWriter(bundle_dir) as w:
        w.add_instances(1)
        w.add_activations("a", np.zeros((1, 1)))
        w.set_graph({"nodes": [{"id": "x", "kind": "data"}]})
    assert order[-1] == "activis.json"
    assert order.index("instances.csv") < order.index("activis.json")
    assert order.index("graph.json") < order.index("activis.json")
    assert not [f for f in os.listdir(bundle_dir) if f.endswith(".tmp")]


def test_exception_in_with_block_leaves_no_manifest(bundle_dir):
    with pytest.raises(RuntimeError):
        with BundleWriter(bundle_dir) as w:
            w.add_instances(1)
            w.add_activations("a", np.zeros((1, 1)))
            raise RuntimeError("job failed")
    assert not os.path.exists(os.path.join(bundle_dir, "activis.json"))


def test_clear_errors(bundle_dir):
    with BundleWriter(bundle_dir, classes=CLASSES) as w:
        with pytest.raises(BundleError, match="'LOC' is not one of the classes"):
            w.add_instances(labels=["LOC"])
        with pytest.raises(BundleError, match="index 7 out of range"):
            w.add_instances(predictions=[7])
        with pytest.raises(BundleError, match="scores have shape"):
            w.add_instances(2, scores=np.zeros((2, 2)))
        with pytest.raises(BundleError, match="reserved"):
            w.add_instances(1, attributes={"label": ["x"]})
        w.add_instances(2)
        w.add_activations("a", np.zeros((2, 3)))
        with pytest.raises(BundleError, match="per-instance shape"):
            w.add_activations("a", np.zeros((1, 4)))
        w.add_activations("a", np.zeros((0, 3)))
    with pytest.raises(FileExistsError):
        BundleWriter(bundle_dir)
    with pytest.raises(ValueError, match="unsupported dtype"):
        BundleWriter(bundle_dir, dtype="int8", overwrite=True)


def test_overwrite_replaces_old_bundle(bundle_dir):
    with BundleWriter(bundle_dir) as w:
        w.add_instances(2)
        w.add_activations("old", np.zeros((2, 1)))
    with BundleWriter(bundle_dir, overwrite=True) as w:
        w.add_instance(text="only")
        w.add_activations("new", np.ones((1, 2)))
    assert [layer["name"] for layer in read_manifest(bundle_dir)["layers"]] == ["new"]
    assert os.listdir(os.path.join(bundle_dir, "activations")) == ["new.npy"]


def test_graph_is_validated(bundle_dir):
    from activis import GraphError

    with BundleWriter(bundle_dir) as w:
        with pytest.raises(GraphError, match="unknown node"):
            w.set_graph({"nodes": [{"id": "op", "kind": "operator", "op": "f", "inputs": ["nowhere"], "outputs": []}]})
        with pytest.raises(GraphError, match="cycle"):
            w.set_graph({"nodes": [{"id": "a", "kind": "data"},
                                   {"id": "f", "kind": "operator", "op": "f", "inputs": ["a"], "outputs": ["b"]},
                                   {"id": "b", "kind": "data"},
                                   {"id": "g", "kind": "operator", "op": "g", "inputs": ["b"], "outputs": ["a"]}]})
        w.add_instances(1)
        w.add_activations("a", np.zeros((1, 1)), node="missing")
        w.set_graph({"nodes": [{"id": "x", "kind": "data"}]})
        with pytest.raises(BundleError, match="graph node 'missing'"):
            w.close()
    assert not os.path.exists(os.path.join(bundle_dir, "activis.json"))
    with open(os.path.join(bundle_dir, "activations", "a.npy"), "rb") as f:
        assert f.read(6) == b"\x93NUMPY"
