"""What each Spark task computes over its partition: the partial moments of every group in every
layer, and the number of rows of each stratum. Runs on executors (numpy and pyarrow only; shipped
by value with the job).

Rows arrive as Arrow record batches with the columns ``__id`` (instance id), ``__class`` (class
index), ``__s0 … __s{k-1}`` (one boolean per subset condition) and ``__l0 … __l{m-1}`` (one array
column per layer).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from .moments import Moments

ERROR_MARK = "activis-spark: "


@dataclass
class Plan:
    """The shape of the job: class and subset counts, and each layer's name and source column."""

    classes: int
    subsets: int
    layers: list[tuple[str, str]]

    @property
    def groups(self) -> int:
        """Classes, then subsets."""
        return self.classes + self.subsets


@dataclass
class Partial:
    """One partition's (or a merged set of partitions') moments per layer and stratum counts."""

    layers: list[Moments | None]
    strata: dict[int, int] = field(default_factory=dict)

    def merge(self, other: "Partial") -> "Partial":
        for index, moments in enumerate(other.layers):
            if moments is None:
                continue
            if self.layers[index] is None:
                self.layers[index] = moments
            else:
                self.layers[index].merge(moments)
        for key, count in other.strata.items():
            self.strata[key] = self.strata.get(key, 0) + count
        return self

    def state(self) -> dict:
        """Plain dicts, tuples and arrays, as plain pickle carries between processes."""
        return {"layers": [None if m is None else m.state() for m in self.layers], "strata": self.strata}

    @classmethod
    def from_state(cls, state: dict) -> "Partial":
        return cls(layers=[None if s is None else Moments.from_state(s) for s in state["layers"]],
                   strata=dict(state["strata"]))


def merge_states(a: dict, b: dict) -> dict:
    """Two partials' states merged (Chan's formula), as a state."""
    return Partial.from_state(a).merge(Partial.from_state(b)).state()


def layer_values(column: pa.Array, ids: np.ndarray, name: str, source: str) -> np.ndarray:
    """A list or fixed-size-list column as an (m × width) array; raises on nulls and ragged rows."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    rows = len(column)
    if column.null_count:
        first = int(np.flatnonzero(column.is_null().to_numpy(zero_copy_only=False))[0])
        raise ValueError(f"{ERROR_MARK}layer '{name}' (column '{source}'): row id {ids[first]} has no activations (null)")
    if pa.types.is_fixed_size_list(column.type):
        width = column.type.list_size
        flat = column.flatten()
    else:
        offsets = column.offsets.to_numpy()
        lengths = np.diff(offsets)
        width = int(lengths[0]) if rows else 0
        if rows and (lengths != width).any():
            bad = int(np.flatnonzero(lengths != width)[0])
            raise ValueError(f"{ERROR_MARK}layer '{name}' (column '{source}'): row id {ids[bad]} has {lengths[bad]} "
                             f"values but row id {ids[0]} has {width}; every row of a layer needs the same length")
        flat = column.flatten()
    if flat.null_count:
        raise ValueError(f"{ERROR_MARK}layer '{name}' (column '{source}'): an activation is null (use NaN for a "
                         "missing value)")
    values = flat.to_numpy(zero_copy_only=False)
    return values.reshape(rows, width) if rows else values.reshape(0, width)


def stratum_keys(classes: np.ndarray, subset_masks: list[np.ndarray]) -> np.ndarray:
    """Class index × 2^k plus one bit per subset the row is in."""
    keys = classes.astype(np.int64) << len(subset_masks)
    for bit, mask in enumerate(subset_masks):
        keys |= mask.astype(np.int64) << bit
    return keys


def partition_partial(batches, plan: Plan) -> Partial:
    """The partial of one partition's record batches."""
    partial = Partial(layers=[None] * len(plan.layers))
    for batch in batches:
        ids = batch.column("__id").to_numpy(zero_copy_only=False)
        classes = batch.column("__class").to_numpy(zero_copy_only=False).astype(np.int64)
        masks = [batch.column(f"__s{i}").fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
                 for i in range(plan.subsets)]
        keys, counts = np.unique(stratum_keys(classes, masks), return_counts=True)
        for key, count in zip(keys.tolist(), counts.tolist()):
            partial.strata[key] = partial.strata.get(key, 0) + count
        order = np.argsort(classes, kind="stable")
        bounds = np.searchsorted(classes[order], np.arange(plan.classes + 1))
        for index, (name, source) in enumerate(plan.layers):
            values = layer_values(batch.column(f"__l{index}"), ids, name, source)
            moments = partial.layers[index]
            if moments is None:
                moments = partial.layers[index] = Moments(plan.groups, values.shape[1])
            elif moments.width != values.shape[1]:
                raise ValueError(f"{ERROR_MARK}layer '{name}' (column '{source}'): row id {ids[0]} has "
                                 f"{values.shape[1]} values but earlier rows have {moments.width}; every row of a "
                                 "layer needs the same length")
            sorted_values = values[order]
            for group in range(plan.classes):
                moments.add(group, sorted_values[bounds[group]:bounds[group + 1]])
            for bit, mask in enumerate(masks):
                if mask.any():
                    moments.add(plan.classes + bit, values[mask])
    return partial


def partial_batches(batches, plan: Plan):
    """``mapInArrow`` body: one record batch holding the pickled partial of the partition."""
    partial = partition_partial(batches, plan)
    yield pa.RecordBatch.from_arrays([pa.array([pickle.dumps(partial.state())], type=pa.binary())], names=["partial"])
