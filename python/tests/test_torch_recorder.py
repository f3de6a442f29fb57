"""Recorder: the .npy files equal activations computed by calling the submodules directly."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from conftest import assert_valid_graph, read_manifest, read_rows, read_layer

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

import activis.torch  # noqa: E402

CLASSES = ["a", "b", "c"]


class Mixed(nn.Module):
    """Embedding → Conv1d (channels first), LSTM, TransformerEncoderLayer (sequence first), attention → Linear."""

    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(30, 8)
        self.conv = nn.Conv1d(8, 6, 3, padding=1)
        self.lstm = nn.LSTM(8, 5, batch_first=True)
        self.encoder = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0)
        self.attention = nn.MultiheadAttention(8, 2, batch_first=True)
        self.fc = nn.Linear(6 + 5 + 8 + 8, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        e = self.embed(tokens)
        c = torch.relu(self.conv(e.transpose(1, 2))).amax(dim=2)
        h = self.lstm(e)[0][:, -1]
        t = self.encoder(e.transpose(0, 1)).mean(dim=0)
        a = self.attention(e, e, e)[0].mean(dim=1)
        return self.fc(torch.cat([c, h, t, a], dim=1))


def batches(n_batches: int = 3, size: int = 5, length: int = 7, seed: int = 0):
    generator = torch.Generator().manual_seed(seed)
    return [torch.randint(0, 30, (size, length), generator=generator) for _ in range(n_batches)]


def record(model, path, data, **options):
    labels = [np.arange(len(x)) % 3 for x in data]
    with activis.torch.Recorder(model, path, classes=CLASSES, **options) as rec:
        for x, y in zip(data, labels):
            rec.add_batch(labels=y, logits=model(x), texts=[f"t{i}" for i in range(len(x))])
    return np.concatenate(labels)


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    return Mixed().eval()


def direct(model: Mixed, x: torch.Tensor) -> dict[str, np.ndarray]:
    """Each recorded layer computed by calling the submodule itself."""
    with torch.no_grad():
        e = model.embed(x)
        return {
            "embed": e.numpy(),
            "conv": model.conv(e.transpose(1, 2)).numpy(),
            "lstm": model.lstm(e)[0].numpy(),
            "encoder": model.encoder(e.transpose(0, 1)).transpose(0, 1).numpy(),
            "attention": model.attention(e, e, e)[0].numpy(),
            "fc": model(x).numpy(),
        }


def test_activations_equal_direct_calls(model, bundle_dir):
    data = batches()
    labels = record(model, bundle_dir, data, layers=["embed", "conv", "lstm", "encoder", "attention", "fc"])
    expected = [direct(model, x) for x in data]
    for layer in ("embed", "conv", "lstm", "encoder", "attention", "fc"):
        got = read_layer(bundle_dir, layer)
        want = np.concatenate([e[layer] for e in expected])
        assert got.dtype == np.float32 and got.shape == want.shape, layer
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6, err_msg=layer)
    assert read_layer(bundle_dir, "conv").shape == (15, 6, 7)  # unpooled conv keeps (C, L)
    rows = read_rows(bundle_dir)
    logits = np.concatenate([e["fc"] for e in expected])
    probabilities = np.exp(logits - logits.max(1, keepdims=True))
    probabilities /= probabilities.sum(1, keepdims=True)
    assert [r["id"] for r in rows] == [str(i) for i in range(15)]
    assert [r["label"] for r in rows] == [CLASSES[i] for i in labels]
    assert [r["predicted"] for r in rows] == [CLASSES[i] for i in logits.argmax(1)]
    for j, cls in enumerate(CLASSES):
        np.testing.assert_allclose([float(r[f"score:{cls}"]) for r in rows], probabilities[:, j], rtol=1e-5)
    assert not model.training and torch.is_grad_enabled()  # restored after the with block


@pytest.mark.parametrize("mode", ["max", "mean", None])
def test_conv_pooling_modes(model, bundle_dir, mode):
    data = batches(2)
    record(model, bundle_dir, data, layers=["conv", "lstm"], pool=mode)
    conv = np.concatenate([direct(model, x)["conv"] for x in data])
    expected = {"max": conv.max(axis=2), "mean": conv.mean(axis=2), None: conv}[mode]
    np.testing.assert_allclose(read_layer(bundle_dir, "conv"), expected, rtol=1e-5, atol=1e-6)
    assert read_layer(bundle_dir, "lstm").shape == (10, 7, 5)  # a string pool leaves non-conv layers whole


def test_pool_mapping_sequence_layer_channels_last(model, bundle_dir):
    data = batches(2)
    record(model, bundle_dir, data, layers=["lstm", "conv"], pool={"lstm": "mean"})
    lstm = np.concatenate([direct(model, x)["lstm"] for x in data])
    np.testing.assert_allclose(read_layer(bundle_dir, "lstm"), lstm.mean(axis=1), rtol=1e-5, atol=1e-6)
    assert read_layer(bundle_dir, "conv").ndim == 3


def test_types_and_float16(model, bundle_dir):
    data = batches(1)
    with pytest.warns(UserWarning, match="did not run"):
        record(model, bundle_dir, data, types=[nn.Linear], dtype="float16")
    names = [layer["name"] for layer in read_manifest(bundle_dir)["layers"]]
    assert names == ["encoder.linear1", "encoder.linear2", "fc"]  # attention's out_proj is not called as a module
    fc = read_layer(bundle_dir, "fc")
    assert fc.dtype == np.float16
    np.testing.assert_array_equal(fc, direct(model, data[0])["fc"].astype(np.float16))


def test_sampling_every_kth(model, bundle_dir):
    data = batches(3)
    record(model, bundle_dir, data, layers=["fc"], every=4)
    ids = [int(r["id"]) for r in read_rows(bundle_dir)]
    assert ids == [0, 4, 8, 12]
    all_fc = np.concatenate([direct(model, x)["fc"] for x in data])
    np.testing.assert_allclose(read_layer(bundle_dir, "fc"), all_fc[ids], rtol=1e-5, atol=1e-6)


def test_sampling_fixed_size_reproducible(model, tmp_path):
    data = batches(4)
    runs = {}
    for run, seed in (("a", 3), ("b", 3), ("c", 4)):
        path = str(tmp_path / run)
        record(model, path, data, layers=["fc"], sample=6, total=20, seed=seed, include=[19])
        runs[run] = [int(r["id"]) for r in read_rows(path)]
    assert runs["a"] == runs["b"] and runs["a"] != runs["c"]
    assert 19 in runs["a"] and len(runs["a"]) in (6, 7) and runs["a"] == sorted(set(runs["a"]))
    all_fc = np.concatenate([direct(model, x)["fc"] for x in data])
    np.testing.assert_allclose(read_layer(str(tmp_path / "a"), "fc"), all_fc[runs["a"]], rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="needs total"):
        activis.torch.Recorder(model, str(tmp_path / "d"), layers=["fc"], sample=6)


def test_missing_forward_and_unknown_layer(model, bundle_dir):
    with pytest.raises(ValueError, match="no module 'nope'"):
        activis.torch.Recorder(model, bundle_dir, layers=["nope"])
    with pytest.raises(RuntimeError, match="did not run"):
        with activis.torch.Recorder(model, bundle_dir, layers=["fc"]) as rec:
            rec.add_batch(labels=[0])
    assert not (os.path.exists(bundle_dir + "/activis.json"))


def test_fx_graph_ties_recorded_layers_to_data_nodes(model, bundle_dir):
    layers = ["embed", "conv", "lstm", "encoder", "attention", "fc"]
    record(model, bundle_dir, batches(1), layers=layers)
    with open(bundle_dir + "/graph.json") as f:
        nodes = assert_valid_graph(json.load(f))
    manifest = read_manifest(bundle_dir)
    producers = {out: n for n in nodes.values() if n["kind"] == "operator" for out in n["outputs"]}
    for layer in manifest["layers"]:
        data = nodes[layer["node"]]
        assert data["kind"] == "data"
        op = producers[layer["node"]]
        if layer["name"] in ("lstm", "attention"):  # first item of the module's tuple output
            assert op["op"] == "getitem"
            op = producers[op["inputs"][0]]
        assert op["attrs"]["module"] == layer["name"]
    assert nodes[next(l["node"] for l in manifest["layers"] if l["name"] == "fc")]["shape"] == [None, 3]
    assert nodes["tokens"]["shape"] == [None, 7]
    assert nodes["encoder"]["op"] == "TransformerEncoderLayer"


class Branchy(nn.Module):
    """Data-dependent control flow: torch.fx cannot trace it."""

    def __init__(self) -> None:
        super().__init__()
        self.block = nn.Sequential(nn.Linear(4, 6), nn.ReLU())
        self.fc = nn.Linear(6, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.block(x)
        if h.sum() > 0:
            h = h * 2
        return self.fc(h)


def test_module_tree_fallback(bundle_dir):
    torch.manual_seed(0)
    model = Branchy()
    x = torch.randn(4, 4)
    with pytest.warns(UserWarning, match="cannot trace"):
        with activis.torch.Recorder(model, bundle_dir, layers=["block", "fc"], classes=CLASSES) as rec:
            rec.add_batch(logits=model(x))
    with open(bundle_dir + "/graph.json") as f:
        nodes = assert_valid_graph(json.load(f))
    node_of = {layer["name"]: layer["node"] for layer in read_manifest(bundle_dir)["layers"]}
    assert nodes[node_of["block"]]["group"] == "block" and nodes[node_of["fc"]]["shape"] == [None, 3]
    np.testing.assert_allclose(read_layer(bundle_dir, "block"), model.block(x).detach().numpy(), rtol=1e-6)
