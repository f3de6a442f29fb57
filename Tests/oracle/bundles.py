"""Random activis bundles for the differential oracle (seeded), and a reader.

``BundleSpec.random(seed, variants)`` draws the parameters of a bundle; a spec can
also be written by hand (``BundleSpec.parse("seed=7 n=120 layers=hidden1:float32:6")``)
so that a regression file declares its bundle in one line. ``write_bundle`` writes
it: ``activis.json``, ``instances.csv``, ``activations/*.npy``.

Variants (env ``ORACLE_VARIANTS``, default ``all``): ``basic`` writes only C-order,
64-byte-aligned ``.npy`` files (what ``numpy.save`` writes); ``all`` also writes
Fortran-order layers (``np.asfortranarray`` before ``np.save``) and unaligned ones
(a v1 header written by hand whose data offset is not a multiple of the element
size). Sharding, float16/32/64 and NaN are in both.

``read_bundle`` reads a bundle back with ``json``, ``csv`` and ``numpy.load`` only:
it is the reference model's view of the data, independent of the Swift reader.
"""

from __future__ import annotations

import csv
import json
import os
import random
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

CLASS_POOL = ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"]
PHRASES = ["What is", "Who was", "How many", "Where is", "Why do"]
WORDS = ["golf", "river", "the", "capital", "of", "a", "king", "moon", "paper", "first", "largest",
         "city", "song", "dog", "war", "tea", "gold", "one", "water", "car", "café", "Zürich", 'say "hi"']
SOURCES = ["wiki", "news", "forum", "exam"]
DTYPES = {"float16": "<f2", "float32": "<f4", "float64": "<f8"}
LAYOUTS = ("c", "fortran", "unaligned")


# The layouts a layer is drawn from, by variant.
VARIANTS = {"all": ["c", "c", "fortran", "unaligned"], "basic": ["c"], "fortran": ["c", "c", "fortran"],
            "unaligned": ["c", "c", "unaligned"]}


def variants_from_env() -> str:
    """``ORACLE_VARIANTS``: ``all`` (default), ``basic``, ``fortran`` or ``unaligned``."""
    value = os.environ.get("ORACLE_VARIANTS", "all").strip().lower()
    if value not in VARIANTS:
        raise SystemExit(f"ORACLE_VARIANTS must be one of {', '.join(VARIANTS)}, not {value!r}")
    return value


@dataclass
class LayerSpec:
    """One layer: name, dtype, neurons, shards, layout (c, fortran, unaligned), NaN fraction."""

    name: str
    dtype: str = "float32"
    neurons: int = 4
    shards: int = 1
    layout: str = "c"
    nan: float = 0.0

    def text(self) -> str:
        parts = [self.name, self.dtype, str(self.neurons)]
        if self.shards > 1:
            parts.append(f"shards{self.shards}")
        if self.layout != "c":
            parts.append(self.layout)
        if self.nan:
            parts.append(f"nan{self.nan}")
        return ":".join(parts)

    @staticmethod
    def parse(text: str) -> "LayerSpec":
        name, dtype, neurons, *options = text.split(":")
        spec = LayerSpec(name, dtype, int(neurons))
        for option in options:
            if option.startswith("shards"):
                spec.shards = int(option[6:])
            elif option in LAYOUTS:
                spec.layout = option
            elif option.startswith("nan"):
                spec.nan = float(option[3:])
            else:
                raise ValueError(f"unknown layer option {option!r} in {text!r}")
        return spec


@dataclass
class BundleSpec:
    """Everything that decides a bundle; ``seed`` drives all the random values."""

    seed: int
    n: int = 100
    classes: int = 4
    empty_class: bool = False
    layers: list[LayerSpec] = field(default_factory=lambda: [LayerSpec("hidden1"), LayerSpec("hidden2")])
    # The instances are a sample of a larger data set whose class statistics the bundle carries
    # (format 1.1, `aggregates`); the rest of the data set is kept in oracle-full/ for the model.
    aggregates: bool = False

    @staticmethod
    def random(seed: int, variants: str = "all", layer_count: int | None = None) -> "BundleSpec":
        """A random spec: 30–400 instances, 3–5 classes, 2–3 layers of 1–12 neurons."""
        rng = random.Random(seed)
        layouts = VARIANTS[variants]
        count = layer_count or rng.choice([2, 2, 3])
        names = ["hidden1", "hidden2", "out"][:count] if count > 1 else [rng.choice(["hidden1", "feat"])]
        layers = []
        for name in names:
            layout = rng.choice(layouts)
            neurons = rng.randint(1, 12)
            if layout == "unaligned":
                neurons = max(neurons, 8)  # several pages of data, so that pages are released
            dtype = rng.choice(list(DTYPES))
            shards = 1 if layout == "fortran" and rng.random() < 0.5 else rng.choice([1, 1, 2, 3])
            nan = rng.choice([0.0, 0.0, 0.02, 0.1])
            layers.append(LayerSpec(name, dtype, neurons, shards=shards, layout=layout, nan=nan))
        # Drawn apart, so that every other choice of a seed stays as it was before aggregates.
        aggregates = random.Random(seed * 31 + 7).random() < 0.25
        return BundleSpec(seed=seed, n=rng.randint(30, 400), classes=rng.randint(3, 5),
                          empty_class=rng.random() < 0.3, layers=layers, aggregates=aggregates)

    def text(self) -> str:
        """The one-line form ``seed=… n=… classes=… [empty_class] layers=a:…,b:…``."""
        words = [f"seed={self.seed}", f"n={self.n}", f"classes={self.classes}"]
        if self.empty_class:
            words.append("empty_class")
        if self.aggregates:
            words.append("aggregates")
        words.append("layers=" + ",".join(layer.text() for layer in self.layers))
        return " ".join(words)

    @staticmethod
    def parse(text: str) -> "BundleSpec":
        spec = BundleSpec(seed=0)
        for word in text.split():
            key, _, value = word.partition("=")
            if key == "seed":
                spec.seed = int(value)
            elif key == "n":
                spec.n = int(value)
            elif key == "classes":
                spec.classes = int(value)
            elif key == "empty_class":
                spec.empty_class = True
            elif key == "aggregates":
                spec.aggregates = True
            elif key == "layers":
                spec.layers = [LayerSpec.parse(item) for item in value.split(",")]
            else:
                raise ValueError(f"unknown bundle parameter {key!r}")
        return spec


def write_bundle(spec: BundleSpec, path: Path) -> Path:
    """Writes the bundle of ``spec`` at ``path`` (a new directory); returns ``path``."""
    rng = np.random.default_rng(spec.seed)
    path.mkdir(parents=True, exist_ok=True)
    (path / "activations").mkdir(exist_ok=True)
    classes = list(CLASS_POOL[: spec.classes])
    # With empty_class the last class is never a true label (only sometimes predicted).
    used = classes[:-1] if spec.empty_class else classes
    n = spec.n
    ids = rng.choice(10**9, size=n, replace=False) if rng.random() < 0.5 else rng.permutation(n * 7 + 3)[:n] + 5
    labels = rng.integers(0, len(used), size=n)
    wrong = rng.random(n) < 0.25
    predicted = np.where(wrong, rng.integers(0, len(classes), size=n), labels)
    texts = [_text(rng) for _ in range(n)]
    rows = []
    header = ["id", "text", "label", "predicted"] + [f"score:{c}" for c in classes] + ["length", "source"]
    for i in range(n):
        logits = rng.normal(size=len(classes))
        logits[predicted[i]] = logits.max() + 0.5 + rng.random()
        scores = np.exp(logits) / np.exp(logits).sum()
        length = "" if rng.random() < 0.1 else str(len(texts[i].split()) + int(rng.integers(0, 3)))
        source = "" if rng.random() < 0.15 else SOURCES[int(rng.integers(0, len(SOURCES)))]
        rows.append([str(int(ids[i])), texts[i], classes[labels[i]], classes[predicted[i]]]
                    + [f"{s:.4f}" for s in scores] + [length, source])
    with open(path / "instances.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    layers = []
    written = {}
    for index, layer in enumerate(spec.layers):
        data = rng.normal(size=(n, layer.neurons)) * rng.uniform(0.3, 2.0, size=layer.neurons)
        data += rng.normal(size=layer.neurons)
        for k in range(min(layer.neurons, len(used))):
            data[labels == k, k] += 1.5
        if layer.nan:
            data[rng.random(size=data.shape) < layer.nan] = np.nan
            data[rng.random(size=data.shape) < layer.nan / 5] = np.inf
            data[rng.random(size=data.shape) < layer.nan / 5] = -np.inf
        data = data.astype(DTYPES[layer.dtype])
        written[layer.name] = data
        bounds = sorted(rng.choice(np.arange(1, n), size=layer.shards - 1, replace=False)) if layer.shards > 1 else []
        pieces = np.split(data, bounds)
        files = []
        for k, piece in enumerate(pieces):
            name = f"activations/{layer.name}.npy" if len(pieces) == 1 else f"activations/{layer.name}.{k:03d}.npy"
            _save(path / name, piece, layer.layout, offset_seed=spec.seed + index + k)
            files.append(name)
        entry = {"name": layer.name, "node": f"{layer.name}_out"}
        entry.update({"file": files[0]} if len(files) == 1 else {"files": files})
        layers.append(entry)
    manifest = {"format": "activis-bundle", "version": 1, "name": f"oracle-{spec.seed}",
                "classes": classes, "instances": "instances.csv", "layers": layers}
    if spec.aggregates:
        manifest["version"] = "1.1"
        manifest["aggregates"] = _write_aggregates(spec, path, classes, len(used), labels, written)
    (path / "activis.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return path


def _write_aggregates(spec: BundleSpec, path: Path, classes: list[str], used: int, labels: np.ndarray,
                      written: dict[str, np.ndarray]) -> dict:
    """The data set the instances are a sample of: the instances plus 1–3 times as many rows
    more. Writes oracle-full/ (labels and every layer, for the model) and the aggregates of each
    class and of every row (float64 planes mean, std, min, max, nonfinite); returns the
    manifest's ``aggregates``."""
    rng = np.random.default_rng(spec.seed + 1_000_003)
    extra = int(rng.integers(spec.n, 3 * spec.n + 1))
    full_labels = np.concatenate([labels, rng.integers(0, used, size=extra)])
    (path / "oracle-full").mkdir()
    (path / "aggregates").mkdir()
    np.save(path / "oracle-full" / "labels.npy", full_labels)
    entries = []
    for layer in spec.layers:
        sample = written[layer.name]
        more = rng.normal(size=(extra, layer.neurons)) * rng.uniform(0.3, 2.0) + rng.normal(size=layer.neurons)
        for k in range(min(layer.neurons, used)):
            more[full_labels[spec.n:] == k, k] += 1.5
        if layer.nan:
            more[rng.random(size=more.shape) < layer.nan] = np.nan
        full = np.concatenate([sample, more.astype(sample.dtype)]).astype(np.float64)
        np.save(path / "oracle-full" / f"{layer.name}.npy", full)
        groups = [full_labels == k for k in range(len(classes))] + [np.ones(len(full), dtype=bool)]
        planes = np.full((len(groups), 5, layer.neurons), np.nan)
        for g, mask in enumerate(groups):
            values = full[mask]
            finite = np.isfinite(values)
            planes[g, 4] = (~finite).sum(axis=0)
            for j in range(layer.neurons):
                column = values[finite[:, j], j]
                if len(column):
                    planes[g, :4, j] = [column.mean(), column.std(), column.min(), column.max()]
        np.save(path / "aggregates" / f"{layer.name}.npy", planes)
        entries.append({"name": layer.name, "file": f"aggregates/{layer.name}.npy"})
    groups = [{"name": c, "kind": "class", "count": int((full_labels == k).sum())} for k, c in enumerate(classes)]
    groups.append({"name": "all", "kind": "all", "count": int(len(full_labels))})
    return {"rows": int(len(full_labels)), "planes": ["mean", "std", "min", "max", "nonfinite"],
            "groups": groups, "layers": entries}


def _text(rng: np.random.Generator) -> str:
    """A question-like text: a shared leading phrase, some words, '?' or '.'."""
    words = [WORDS[int(k)] for k in rng.integers(0, len(WORDS), size=int(rng.integers(1, 6)))]
    if rng.random() < 0.1:
        words.insert(0, "said,")  # a comma, so the CSV writer quotes the field
    end = "?" if rng.random() < 0.8 else "."
    return f"{PHRASES[int(rng.integers(0, len(PHRASES)))]} {' '.join(words)}{end}"


def _save(path: Path, array: np.ndarray, layout: str, offset_seed: int) -> None:
    """``np.save`` (C or Fortran order), or a hand-written v1 file with unaligned data."""
    if layout == "c":
        np.save(path, np.ascontiguousarray(array))
    elif layout == "fortran":
        np.save(path, np.asfortranarray(array))
    else:
        size = array.dtype.itemsize
        base = "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }" % (
            array.dtype.str, array.shape[0], array.shape[1])
        padding = 0
        # The data starts at 10 + len(header); make that NOT a multiple of the element size.
        while (10 + len(base) + padding + 1) % size == 0 or (size == 2 and (10 + len(base) + padding + 1) % 2 == 0):
            padding += 1
        padding += (offset_seed % 3) * size  # vary the offset a little
        header = (base + " " * padding + "\n").encode("latin1")
        with open(path, "wb") as handle:
            handle.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header)
            handle.write(np.ascontiguousarray(array).tobytes())
        assert (10 + len(header)) % size != 0


@dataclass
class BundleData:
    """A bundle as the reference model sees it (read with numpy and csv)."""

    path: Path
    classes: list[str]
    ids: np.ndarray                  # int64, row order
    text: list[str]
    label: np.ndarray                # class index, -1 missing
    predicted: np.ndarray
    scores: dict[str, np.ndarray]    # class -> float32 values (NaN missing)
    numeric: dict[str, np.ndarray]   # attribute -> float64 (NaN missing)
    categorical: dict[str, list[str | None]]
    layers: dict[str, np.ndarray]    # name -> (N, D) float32, in manifest order
    # A bundle with aggregates: the whole data set's labels and layers (float64), else None.
    full_label: np.ndarray | None = None
    full: dict[str, np.ndarray] | None = None

    @property
    def n(self) -> int:
        return len(self.ids)


def read_bundle(path: Path) -> BundleData:
    """Reads a bundle with json, csv and numpy.load (every shard, C-order flattening)."""
    manifest = json.loads((path / "activis.json").read_text())
    with open(path / manifest.get("instances", "instances.csv"), newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    header, body = table[0], table[1:]
    column = {name: [row[k] for row in body] for k, name in enumerate(header)}
    classes = manifest.get("classes") or sorted(set(column.get("label", [])) | set(column.get("predicted", [])) - {""})
    index = {name: k for k, name in enumerate(classes)}
    code = lambda values: np.array([index[v] if v else -1 for v in values], dtype=np.int64)  # noqa: E731
    reserved = {"id", "text", "label", "predicted"}
    numeric, categorical, scores = {}, {}, {}
    for name in header:
        values = column[name]
        if name in reserved:
            continue
        if name.startswith("score:"):
            scores[name[6:]] = np.array([float(v) if v else np.nan for v in values], dtype=np.float32)
            continue
        try:
            numeric[name] = np.array([float(v) if v else np.nan for v in values], dtype=np.float64)
        except ValueError:
            categorical[name] = [v if v else None for v in values]
    layers = {}
    for entry in manifest["layers"]:
        files = entry.get("files") or [entry["file"]]
        parts = [np.load(path / f) for f in files]
        layers[entry["name"]] = np.concatenate([p.reshape(p.shape[0], -1) for p in parts]).astype(np.float32)
    full_label = full = None
    if "aggregates" in manifest:
        full_label = np.load(path / "oracle-full" / "labels.npy")
        full = {name: np.load(path / "oracle-full" / f"{name}.npy") for name in layers}
    return BundleData(path=path, classes=classes, ids=np.array([int(v) for v in column["id"]], dtype=np.int64),
                      text=column.get("text", [""] * len(body)), label=code(column.get("label", [])),
                      predicted=code(column.get("predicted", [])), scores=scores, numeric=numeric,
                      categorical=categorical, layers=layers, full_label=full_label, full=full)


def write_checkpoint(main: Path, path: Path, seed: int) -> Path:
    """A second bundle of the same instances, as another checkpoint of the model
    would record them: about 90% of ``main``'s ids in another row order plus a few
    of its own, each layer of the same name with another width (a random linear
    map of ``main``'s values plus noise, NaN carried over), one extra layer, and
    about a fifth of the predictions changed. ``diff`` compares the two."""
    rng = np.random.default_rng(seed)
    base = read_bundle(main)
    keep = np.nonzero(rng.random(base.n) < 0.9)[0]
    keep = rng.permutation(keep)
    extra = 3
    ids = [int(base.ids[r]) for r in keep] + [int(v) for v in rng.choice(10**9, size=extra) + 10**9]
    classes = base.classes
    predicted = [int(base.predicted[r]) for r in keep] + [0] * extra
    for k in range(len(keep)):
        if rng.random() < 0.2:
            predicted[k] = int(rng.integers(0, len(classes)))
    label = [int(base.label[r]) for r in keep] + [0] * extra
    (path / "activations").mkdir(parents=True, exist_ok=True)
    with open(path / "instances.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "text", "label", "predicted"])
        texts = [base.text[r] for r in keep] + ["new"] * extra
        for i, t, p, l in zip(ids, texts, predicted, label):
            writer.writerow([str(i), t, classes[l] if l >= 0 else "", classes[p] if p >= 0 else ""])
    layers = []
    names = list(base.layers) + ["late"]
    for name in names:
        source = base.layers.get(name, base.layers[names[0]])
        width = int(rng.integers(1, 7))
        mixing = rng.normal(size=(source.shape[1], width))
        with np.errstate(invalid="ignore"):
            data = source[keep].astype(np.float64) @ mixing
        data += rng.normal(scale=0.5, size=data.shape)
        data = np.concatenate([data, rng.normal(size=(extra, width))]).astype(np.float32)
        np.save(path / "activations" / f"{name}.npy", data)
        layers.append({"name": name, "file": f"activations/{name}.npy"})
    manifest = {"format": "activis-bundle", "version": 1, "name": f"checkpoint-{seed}", "classes": classes,
                "instances": "instances.csv", "layers": layers}
    (path / "activis.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return path
