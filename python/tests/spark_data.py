"""A Parquet data set with planted structure for the Spark job's tests and benchmark, written with
pyarrow directly (no Spark): ids, labels, predictions, texts, scores, an attribute and one layer."""

from __future__ import annotations

import os

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

CLASSES = ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"]
# Skewed class shares: ABBR is rare, so the sample's floor matters.
SHARES = [0.01, 0.25, 0.2, 0.2, 0.14, 0.2]
STARTS = ["What is", "How many", "Who was", "Where is", "Why do"]


def write_parquet(path: str, rows: int, width: int = 128, row_group: int = 65536, seed: int = 7,
                  files: int = 1) -> None:
    """Writes ``rows`` rows into ``files`` Parquet files under directory ``path`` (or the file
    ``path`` when ``files`` is 1 and ``path`` ends in .parquet)."""
    rng = np.random.default_rng(seed)
    single = files == 1 and path.endswith(".parquet")
    if not single:
        os.makedirs(path, exist_ok=True)
    bounds = np.linspace(0, rows, files + 1).astype(int)
    for part in range(files):
        table = _table(rng, int(bounds[part]), int(bounds[part + 1]), width)
        target = path if single else os.path.join(path, f"part-{part:05d}.parquet")
        pq.write_table(table, target, row_group_size=row_group, compression="none")


def _table(rng: np.random.Generator, start: int, stop: int, width: int) -> pa.Table:
    n = stop - start
    labels = rng.choice(len(CLASSES), size=n, p=SHARES)
    correct = rng.random(n) < 0.8
    predicted = np.where(correct, labels, rng.integers(0, len(CLASSES), n))
    starts = rng.integers(0, len(STARTS), n)
    values = rng.standard_normal((n, width), dtype=np.float32)
    for c in range(len(CLASSES)):  # class neurons
        values[labels == c, (4 * c) % width:(4 * c) % width + 4] += 2.0
    what_is = starts == 0
    values[what_is, width - 1] += 3.0  # the "What is" neuron
    lengths = rng.integers(3, 30, n)
    texts = np.array(STARTS, dtype=object)[starts] + " x" + lengths.astype(str).astype(object)
    scores = rng.dirichlet(np.ones(len(CLASSES)), n).astype(np.float32)
    layer = pa.FixedSizeListArray.from_arrays(pa.array(values.reshape(-1)), width)
    columns = {
        "id": pa.array(np.arange(start, stop, dtype=np.int64) * 3 + 11),
        "label": pa.array(np.array(CLASSES, dtype=object)[labels]),
        "predicted": pa.array(np.array(CLASSES, dtype=object)[predicted]),
        "text": pa.array(texts),
        "length": pa.array(lengths),
        **{f"score:{c}": pa.array(scores[:, i]) for i, c in enumerate(CLASSES)},
        "concat": pa.ListArray.from_arrays(pa.array(np.arange(0, n * width + 1, width, dtype=np.int32)),
                                           layer.flatten()),
    }
    return pa.table(columns)


def read_numpy(path: str) -> dict[str, np.ndarray]:
    """The whole data set read back with pyarrow: labels, texts, lengths and the layer as float64."""
    table = pq.read_table(path)
    concat = table.column("concat").combine_chunks()
    width = len(concat[0])
    return {
        "id": table.column("id").to_numpy(),
        "label": np.asarray(table.column("label").to_pylist(), dtype=object),
        "text": np.asarray(table.column("text").to_pylist(), dtype=object),
        "length": table.column("length").to_numpy(),
        "concat": concat.flatten().to_numpy().reshape(-1, width),
    }
