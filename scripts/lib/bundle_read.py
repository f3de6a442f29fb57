"""Plain-Python reading of activis bundles, as a reference for tests and benchmarks.

Deliberately independent of the Swift reader: the csv module for instances.csv and
``numpy.load(mmap_mode="r")`` for activation shards.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass
class Instances:
    """instances.csv as columns of strings (attributes stay text; see ``numeric``)."""

    header: list[str]
    columns: dict[str, list[str]]

    def __len__(self) -> int:
        return len(self.columns["id"])

    def ids(self) -> list[int]:
        """The id column as integers."""
        return [int(v) for v in self.columns["id"]]

    def numeric(self, name: str) -> np.ndarray:
        """A column as float64, empty cells as NaN."""
        return np.array([float(v) if v != "" else np.nan for v in self.columns[name]])


def read_manifest(bundle: Path) -> dict:
    """activis.json as a dict."""
    return json.loads((Path(bundle) / "activis.json").read_text(encoding="utf-8"))


def read_instances(bundle: Path) -> Instances:
    """Read instances.csv (RFC 4180, UTF-8) column-wise."""
    manifest = read_manifest(bundle)
    with open(Path(bundle) / manifest.get("instances", "instances.csv"), newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        columns: dict[str, list[str]] = {name: [] for name in header}
        for row in rows:
            for name, value in zip(header, row):
                columns[name].append(value)
    return Instances(header, columns)


def layer_entry(manifest: dict, layer: str) -> dict:
    """The manifest entry of a layer by name."""
    for entry in manifest["layers"]:
        if entry["name"] == layer:
            return entry
    raise KeyError(f"no layer {layer!r}")


def layer_paths(bundle: Path, layer: str) -> list[Path]:
    """Shard files of a layer, in order."""
    entry = layer_entry(read_manifest(bundle), layer)
    files = entry["files"] if "files" in entry else [entry["file"]]
    return [Path(bundle) / f for f in files]


def layer_shards(bundle: Path, layer: str) -> list[np.ndarray]:
    """Memory-mapped shards of a layer, each reshaped to (rows, D)."""
    shards = []
    for path in layer_paths(bundle, layer):
        array = np.load(path, mmap_mode="r")
        shards.append(array.reshape(array.shape[0], -1))
    return shards


def layer_matrix(bundle: Path, layer: str) -> np.ndarray:
    """A whole layer in memory as (N, D) in its stored dtype (small bundles only)."""
    return np.concatenate([np.asarray(s) for s in layer_shards(bundle, layer)], axis=0)


def neuron_names(bundle: Path, layer: str, width: int) -> list[str]:
    """Neuron names from the manifest, default n0..n{D-1}."""
    entry = layer_entry(read_manifest(bundle), layer)
    return list(entry.get("neurons") or [f"n{j}" for j in range(width)])


def classes(bundle: Path, instances: Instances) -> list[str]:
    """Class order: the manifest's, else the sorted labels and predictions."""
    manifest = read_manifest(bundle)
    if manifest.get("classes"):
        return list(manifest["classes"])
    return sorted(set(instances.columns.get("label", [])) | set(instances.columns.get("predicted", [])))
