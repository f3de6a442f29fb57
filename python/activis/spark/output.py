"""Writing the bundle: the sample with its weights (BundleWriter), then the aggregates and the
manifest's ``aggregates`` and ``sample`` (format 1.1)."""

from __future__ import annotations

import json
import os

import numpy as np

from ..writer import BundleWriter, atomic_write_json
from . import partition
from .moments import merge_tree
from .partition import Partial

VERSION = "1.1"
PLANES = ["mean", "std", "min", "max", "nonfinite"]


def write_bundle(path: str, name: str, source: str, classes: list[str], subsets: dict[str, str],
                 layers: dict[str, str], columns: dict, partial: Partial, drawn: dict, targets: dict[int, int],
                 seed: int) -> None:
    """Writes the whole bundle into the new directory ``path``."""
    _write_sample(path, name, source, classes, layers, columns, partial, drawn, targets)
    manifest_path = os.path.join(path, "activis.json")
    with open(manifest_path, encoding="utf-8") as file:
        manifest = json.load(file)
    manifest["version"] = VERSION
    manifest["aggregates"] = _write_aggregates(path, manifest, source, classes, subsets, layers, partial, drawn)
    manifest["sample"] = {"size": int(len(drawn["ids"])), "seed": seed, "weights": "weight",
                          "strata": [{"class": classes[s >> len(subsets)],
                                      "subsets": [n for b, n in enumerate(subsets) if s >> b & 1],
                                      "rows": partial.strata[s], "sampled": n}
                                     for s, n in sorted(targets.items())]}
    atomic_write_json(manifest_path, manifest)


def _write_sample(path, name, source, classes, layers, columns, partial: Partial, drawn, targets) -> None:
    """The sampled instances, their sampling weights (rows each stands for) and activations."""
    table, ids = drawn["table"], drawn["ids"]
    stratum = np.asarray(table.column("__stratum"))
    attributes = {c: table.column(c).to_pylist() for c in columns["attributes"]}
    attributes["weight"] = [partial.strata[s] / targets[s] for s in stratum.tolist()]
    scores = {c[len("score:"):]: [np.nan if v is None else v for v in table.column(c).to_pylist()]
              for c in columns["scores"]}
    description = f"{len(ids)} sampled instances of {sum(partial.strata.values())} rows of {source}"
    with BundleWriter(path, name=name, classes=classes, description=description) as writer:
        writer.add_instances(len(ids), ids=ids, texts=table.column("text").to_pylist() if columns["text"] else None,
                             labels=table.column("label").to_pylist(),
                             predictions=[p or None for p in table.column("predicted").to_pylist()],
                             scores=scores or None, attributes=attributes)
        for index, layer in enumerate(layers):
            values = partition.layer_values(table.column(f"__l{index}"), ids, layer, layers[layer])
            writer.add_activations(layer, values.astype(np.float32))


def _write_aggregates(path, manifest, source, classes, subsets, layers, partial: Partial, drawn) -> dict:
    """Each layer's (groups, 5, D) planes — classes, subsets, then every row — and the manifest's
    ``aggregates``."""
    os.makedirs(os.path.join(path, "aggregates"), exist_ok=True)
    entries = []
    for index, layer in enumerate(layers):
        moments = partial.layers[index]
        every_row = merge_tree([moments.group(g) for g in range(len(classes))])
        stem = os.path.basename(manifest["layers"][index].get("file", f"{layer}.npy"))
        relative = f"aggregates/{stem}"
        np.save(os.path.join(path, relative), np.concatenate([moments.planes(), every_row.planes()]))
        entries.append({"name": layer, "file": relative})
    rows = partial.layers[0].rows
    total = int(rows[:len(classes)].sum())
    ids, table = drawn["ids"], drawn["table"]
    groups = [{"name": c, "kind": "class", "count": int(rows[i])} for i, c in enumerate(classes)]
    for bit, (subset, condition) in enumerate(subsets.items()):
        members = np.asarray(table.column(f"__s{bit}"))
        groups.append({"name": subset, "kind": "subset", "condition": condition,
                       "count": int(rows[len(classes) + bit]), "sample": ids[members].tolist()})
    groups.append({"name": "all", "kind": "all", "count": total})
    return {"rows": total, "source": source, "planes": PLANES, "groups": groups, "layers": entries}
