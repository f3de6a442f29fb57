"""Write an activis bundle (see the bundle format, version 1) from any framework.

One writer::

    with BundleWriter("out/bundle", name="trec-cnn", classes=["ABBR", "DESC"]) as w:
        w.add_instances(texts=[...], labels=[...], predictions=[...], scores=probs)
        w.add_activations("concat", concat_batch)          # rows match the instances above
        w.set_graph(graph_dict)

Several writers (one per process, ``rank`` 0…k-1) write their own shard files into the same
directory; after all have closed, :func:`merge_shards` writes ``instances.csv`` and the
manifest listing every layer's shards in rank order. The manifest ``activis.json`` is always
written last, to a temporary name and renamed, so a half-written bundle has no manifest.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .graph import node_ids, validate_graph
from .instances import RowSpool, build_rows, ordered_columns, write_csv
from .npy import NpyAppender, normalize_dtype

MANIFEST = "activis.json"
PARTS_DIR = ".parts"
FORMAT = "activis-bundle"
VERSION = 1


class BundleError(ValueError):
    """The data given to a writer cannot make a valid bundle."""


def atomic_write_json(path: str, value: Any) -> None:
    """Write JSON to ``path`` via a temporary file and an atomic rename."""
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(value, out, indent=1, ensure_ascii=False)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def _file_stem(layer: str) -> str:
    """A file-system-safe stem for a layer name."""
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", layer).strip(".")
    return stem or "layer"


class _Layer:
    """One layer being written: its metadata and the shard files written so far."""

    def __init__(self, name: str, stem: str, node: str | None, neurons: Sequence[str] | None, dtype: np.dtype):
        self.name, self.stem, self.node, self.dtype = name, stem, node, dtype
        self.neurons = list(neurons) if neurons is not None else None
        self.trailing_shape: tuple[int, ...] | None = None
        self.files: list[str] = []
        self.current: NpyAppender | None = None
        self.rows = 0


class BundleWriter:
    """Streams instances and activations of one job (or of one rank of a sharded job) to disk.

    Args:
        path: the bundle directory (created if needed).
        name, description: shown by the shell's ``info``.
        classes: the class order; labels and predictions may then be given as indices.
        dtype: default activation dtype, ``"float32"`` or ``"float16"`` (or ``"float64"``).
        overwrite: replace an existing bundle at ``path``; otherwise an existing manifest is an error.
        shard_rows: start a new ``.npy`` shard for a layer once its current one holds this many rows.
        rank: this writer's rank in a sharded job; it then writes only its shards, and
            :func:`merge_shards` must be called once all ranks are done.
        first_id: the id given to the first instance when ids are not passed explicitly.
    """

    def __init__(self, path: str | os.PathLike[str], name: str | None = None, classes: Sequence[str] | None = None,
                 description: str | None = None, dtype: str = "float32", overwrite: bool = False,
                 shard_rows: int | None = None, rank: int | None = None, first_id: int = 0) -> None:
        self.path = os.fspath(path)
        self.name = name or os.path.basename(os.path.normpath(self.path))
        self.description = description
        self.classes = list(classes) if classes is not None else None
        if self.classes is not None and len(set(self.classes)) != len(self.classes):
            raise BundleError(f"classes must be distinct: {self.classes}")
        self.dtype = normalize_dtype(dtype)
        self.shard_rows = shard_rows
        self.rank = rank
        self.graph: dict[str, Any] | None = None
        self._next_id = first_id
        self._layers: dict[str, _Layer] = {}
        self._stems: set[str] = set()
        self._closed = False
        self._prepare_directory(overwrite)
        part = f"rank-{rank if rank is not None else 0:05d}"
        self._spool = RowSpool(os.path.join(self.path, PARTS_DIR, part + ".jsonl"))
        self._part_manifest = os.path.join(self.path, PARTS_DIR, part + ".json")

    # -- set-up ---------------------------------------------------------------------------

    def _prepare_directory(self, overwrite: bool) -> None:
        manifest = os.path.join(self.path, MANIFEST)
        if os.path.exists(manifest):
            if not overwrite:
                raise FileExistsError(f"{manifest} exists: pass overwrite=True to replace the bundle")
            try:
                os.remove(manifest)  # first, so the old bundle is never mixed up with the new files
            except FileNotFoundError:
                pass
            if self.rank is None:
                for entry in ("instances.csv", "graph.json"):
                    if os.path.exists(os.path.join(self.path, entry)):
                        os.remove(os.path.join(self.path, entry))
                for entry in ("activations", PARTS_DIR):
                    shutil.rmtree(os.path.join(self.path, entry), ignore_errors=True)
        os.makedirs(os.path.join(self.path, "activations"), exist_ok=True)
        os.makedirs(os.path.join(self.path, PARTS_DIR), exist_ok=True)

    # -- instances ------------------------------------------------------------------------

    @property
    def instance_count(self) -> int:
        """Instances added so far."""
        return self._spool.count

    def add_instances(self, n: int | None = None, *, ids: Any = None, texts: Any = None, labels: Any = None,
                      predictions: Any = None, scores: Any = None,
                      attributes: Mapping[str, Any] | None = None) -> list[int]:
        """Add a batch of instances given column by column; returns their ids.

        ``scores`` is an ``(n, len(classes))`` matrix or a mapping class → values; ``labels``
        and ``predictions`` are class names or indices into ``classes``; ``attributes`` maps a
        column name to one value per instance (numbers, strings or ``None`` for missing).
        """
        self._check_open()
        if n is None:
            for candidate in (ids, texts, labels, predictions, scores, *(attributes or {}).values()):
                if candidate is not None:
                    n = len(candidate)
                    break
            else:
                raise BundleError("add_instances needs n or at least one column")
        if ids is None:
            id_list = list(range(self._next_id, self._next_id + n))
        else:
            id_list = [int(i) for i in (ids.tolist() if hasattr(ids, "tolist") else ids)]
            if len(id_list) != n:
                raise BundleError(f"ids: {len(id_list)} values for a batch of {n} instances")
            if any(i < 0 for i in id_list):
                raise BundleError("instance ids must be non-negative integers")
        try:
            rows = build_rows(n, id_list, texts, labels, predictions, scores, attributes, self.classes)
        except ValueError as error:
            raise BundleError(str(error)) from None
        self._spool.write(rows)
        if id_list:
            self._next_id = max(self._next_id, max(id_list) + 1)
        return id_list

    def add_instance(self, id: int | None = None, text: str | None = None, label: Any = None,
                     prediction: Any = None, scores: Any = None, **attributes: Any) -> int:
        """Add one instance; ``scores`` is a sequence in class order or a mapping class → score."""
        if scores is not None and not isinstance(scores, Mapping):
            scores = np.asarray(scores, dtype=np.float64).reshape(1, -1)
        elif scores is not None:
            scores = {cls: [value] for cls, value in scores.items()}
        return self.add_instances(
            1, ids=None if id is None else [id], texts=None if text is None else [text],
            labels=None if label is None else [label], predictions=None if prediction is None else [prediction],
            scores=scores, attributes={k: [v] for k, v in attributes.items()})[0]

    # -- activations ----------------------------------------------------------------------

    def add_layer(self, name: str, node: str | None = None, neurons: Sequence[str] | None = None,
                  dtype: str | None = None) -> None:
        """Declare a layer (optional: :meth:`add_activations` declares it on first use)."""
        self._check_open()
        if name in self._layers:
            raise BundleError(f"layer {name!r} declared twice")
        stem = _file_stem(name)
        while stem in self._stems:
            stem += "_"
        self._stems.add(stem)
        self._layers[name] = _Layer(name, stem, node, neurons, normalize_dtype(dtype) if dtype else self.dtype)

    def add_activations(self, layer: str, values: Any, node: str | None = None,
                        neurons: Sequence[str] | None = None) -> None:
        """Append a batch of activations ``(n, d1, d2, …)`` for ``layer``; rows follow instance order."""
        self._check_open()
        if layer not in self._layers:
            self.add_layer(layer, node=node, neurons=neurons)
        entry = self._layers[layer]
        if node is not None:
            entry.node = node
        array = values.detach().cpu().numpy() if hasattr(values, "detach") else np.asarray(values)
        if array.ndim < 1:
            raise BundleError(f"layer {layer!r}: activations need a leading instance axis")
        if array.ndim == 1:
            array = array.reshape(-1, 1)
        if entry.trailing_shape is None:
            entry.trailing_shape = tuple(array.shape[1:])
        elif tuple(array.shape[1:]) != entry.trailing_shape:
            raise BundleError(f"layer {layer!r}: batch has per-instance shape {tuple(array.shape[1:])}, "
                              f"earlier batches had {entry.trailing_shape} (pool or pad to a fixed shape)")
        if entry.current is not None and self.shard_rows is not None and entry.current.rows >= self.shard_rows:
            entry.current.close()
            entry.current = None
        if entry.current is None:
            entry.current = NpyAppender(self._next_file(entry), entry.dtype, entry.trailing_shape)
        entry.current.append(array)
        entry.rows += array.shape[0]

    def _next_file(self, entry: _Layer) -> str:
        if self.rank is None and self.shard_rows is None:
            relative = f"activations/{entry.stem}.npy"
        elif self.rank is None:
            relative = f"activations/{entry.stem}.{len(entry.files):03d}.npy"
        else:
            relative = f"activations/{entry.stem}.r{self.rank:03d}.{len(entry.files):03d}.npy"
        entry.files.append(relative)
        return os.path.join(self.path, relative)

    def set_graph(self, graph: Mapping[str, Any] | Any) -> None:
        """Attach the computation graph (a ``{"nodes": […]}`` mapping or an object with ``to_dict()``)."""
        self._check_open()
        value = graph.to_dict() if hasattr(graph, "to_dict") else dict(graph)
        validate_graph(value)
        self.graph = value

    # -- closing --------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise BundleError("the writer is closed")

    def _stop(self, complete: bool) -> bool:
        """Close the spool and the open ``.npy`` files (headers patched only if ``complete``).

        Returns False when the writer was already stopped."""
        if self._closed:
            return False
        self._closed = True
        self._spool.close()
        for entry in self._layers.values():
            if entry.current is not None:
                if complete:
                    entry.current.close()
                else:
                    entry.current.abort()
                entry.current = None
        return True

    def close(self) -> None:
        """Finish the files, validate, and (unless this is one rank of several) write the manifest."""
        if not self._stop(complete=True):
            return
        for entry in self._layers.values():
            width = int(np.prod(entry.trailing_shape or (0,)))
            if entry.neurons is not None and len(entry.neurons) != width:
                raise BundleError(f"layer {entry.name!r} names {len(entry.neurons)} neurons but has {width}")
            if entry.rows != self._spool.count:
                raise BundleError(f"layer {entry.name!r} has {entry.rows} rows but there are "
                                  f"{self._spool.count} instances")
        part = {
            "rank": self.rank,
            "instances": self._spool.count,
            "columns": self._spool.columns,
            "rows": os.path.basename(self._spool.path),
            "layers": [{"name": e.name, "node": e.node, "neurons": e.neurons, "files": e.files,
                        "dtype": e.dtype.str, "shape": list(e.trailing_shape or ())}
                       for e in self._layers.values()],
        }
        if self.graph is not None:
            atomic_write_json(os.path.join(self.path, PARTS_DIR, "graph.json"), self.graph)
        atomic_write_json(self._part_manifest, part)
        if self.rank is None:
            merge_shards(self.path, name=self.name, classes=self.classes, description=self.description)

    def abort(self) -> None:
        """Stop without a manifest: the directory is left as an incomplete bundle."""
        self._stop(complete=False)

    def __enter__(self) -> "BundleWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def merge_shards(path: str | os.PathLike[str], name: str | None = None, classes: Sequence[str] | None = None,
                 description: str | None = None, graph: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Combine the parts written by all writers of ``path`` and write ``instances.csv``,
    ``graph.json`` and finally the manifest. Returns the manifest.

    Parts are taken in rank order; every part must have the same layers with the same
    per-instance shape and dtype. A ``graph`` given here replaces one set by a writer.
    """
    path = os.fspath(path)
    parts_dir = os.path.join(path, PARTS_DIR)
    part_files = sorted(glob.glob(os.path.join(parts_dir, "rank-*.json")))
    if not part_files:
        raise BundleError(f"{path}: no closed writer parts to merge")
    parts = []
    for part_file in part_files:
        with open(part_file, encoding="utf-8") as f:
            parts.append(json.load(f))
    layers = _merge_layers(parts, part_files)
    columns = ordered_columns((p["columns"] for p in parts), classes)
    if "id" not in columns:
        columns.insert(0, "id")
    try:
        write_csv([os.path.join(parts_dir, p["rows"]) for p in parts], columns,
                          os.path.join(path, "instances.csv"))
    except ValueError as error:
        raise BundleError(f"{path}: {error}") from None
    manifest: dict[str, Any] = {"format": FORMAT, "version": VERSION,
                                "name": name or os.path.basename(os.path.normpath(path))}
    if description:
        manifest["description"] = description
    if classes is not None:
        manifest["classes"] = list(classes)
    manifest["instances"] = "instances.csv"
    graph_value = _merged_graph(parts_dir, graph)
    if graph_value is not None:
        known = node_ids(graph_value)
        for layer in layers:
            if layer.get("node") is not None and layer["node"] not in known:
                raise BundleError(f"layer {layer['name']!r} refers to graph node {layer['node']!r}, "
                                  "which the graph does not have")
        atomic_write_json(os.path.join(path, "graph.json"), graph_value)
        manifest["graph"] = "graph.json"
    manifest["layers"] = layers
    atomic_write_json(os.path.join(path, MANIFEST), manifest)
    shutil.rmtree(parts_dir, ignore_errors=True)
    return manifest


def _merge_layers(parts: list[dict[str, Any]], part_files: list[str]) -> list[dict[str, Any]]:
    """Manifest layer entries from all parts, checking they agree."""
    first = parts[0]
    merged = []
    for index, layer in enumerate(first["layers"]):
        files: list[str] = []
        for part, part_file in zip(parts, part_files):
            names = [entry["name"] for entry in part["layers"]]
            if names != [entry["name"] for entry in first["layers"]]:
                raise BundleError(f"{part_file}: layers {names} differ from the first part's")
            other = part["layers"][index]
            if part["instances"] and (other["shape"] != layer["shape"] or other["dtype"] != layer["dtype"]):
                raise BundleError(f"{part_file}: layer {layer['name']!r} has shape {other['shape']} "
                                  f"{other['dtype']}, the first part {layer['shape']} {layer['dtype']}")
            files.extend(other["files"])
        entry: dict[str, Any] = {"name": layer["name"]}
        if layer.get("node") is not None:
            entry["node"] = layer["node"]
        if len(files) == 1:
            entry["file"] = files[0]
        else:
            entry["files"] = files
        if layer.get("neurons") is not None:
            entry["neurons"] = layer["neurons"]
        merged.append(entry)
    return merged


def _merged_graph(parts_dir: str, graph: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if graph is not None:
        value = graph.to_dict() if hasattr(graph, "to_dict") else dict(graph)
        validate_graph(value)
        return value
    stored = os.path.join(parts_dir, "graph.json")
    if os.path.exists(stored):
        with open(stored, encoding="utf-8") as f:
            return json.load(f)
    return None
