"""The numpy side of scripts/bench-matrix: per-group count, mean, std, min, max of a layer.

Run as a program (``python3 bench_numpy.py --help``) in its own process, so that the
caller can control the BLAS environment. Groups are the true classes (a partition of the
rows) plus extra subsets (arbitrary masks, possibly overlapping). The data are streamed
from the .npy file in row chunks small enough to stay in cache. Two methods:

* ``segments``: sort the chunk's rows by class (one gather), then per class contiguous
  ``sum``, ``einsum("ij,ij->j")`` (sum of squares without a temporary), ``min``, ``max``;
  subsets by boolean row selection and the same four reductions;
* ``matmul``: sums and sums of squares by one BLAS product each, ``S^T X`` and
  ``S^T (X*X)`` with S the chunk's 0/1 group-membership matrix; min/max as above.

Per-chunk float32 partial results are accumulated in float64. Variants also differ in
how rows arrive (a view of ``np.load(mmap_mode="r")`` or ``readinto`` into a reused
buffer) and in threads (one, or one worker per core over disjoint row ranges; numpy releases the
GIL in these loops). BLAS is pinned to one thread per worker: in trials, OpenBLAS's own
threads made the skinny 8-row product S^T X ten to twenty times slower. The fastest
median is the one compared against.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_read  # noqa: E402


@dataclass
class Groups:
    """Group membership: class codes per row and extra subset masks."""

    labels: np.ndarray          # (N,) int class index
    classes: int
    subsets: np.ndarray         # (N, K) bool

    @property
    def count(self) -> int:
        return self.classes + self.subsets.shape[1]


class Accumulator:
    """Running sums, sums of squares, minima and maxima per group."""

    def __init__(self, groups: int, width: int):
        self.sum = np.zeros((groups, width))
        self.sumsq = np.zeros((groups, width))
        self.min = np.full((groups, width), np.inf, dtype=np.float32)
        self.max = np.full((groups, width), -np.inf, dtype=np.float32)

    def merge(self, other: "Accumulator") -> None:
        """Fold another accumulator (of other rows) into this one."""
        self.sum += other.sum
        self.sumsq += other.sumsq
        np.minimum(self.min, other.min, out=self.min)
        np.maximum(self.max, other.max, out=self.max)


def fold_rows(acc: Accumulator, g: int, rows: np.ndarray, sums: bool) -> None:
    """Add a block of rows of group ``g``: min and max, and (if ``sums``) sum and sum of squares."""
    if not len(rows):
        return
    if sums:
        acc.sum[g] += rows.sum(axis=0)
        acc.sumsq[g] += np.einsum("ij,ij->j", rows, rows)
    np.minimum(acc.min[g], rows.min(axis=0), out=acc.min[g])
    np.maximum(acc.max[g], rows.max(axis=0), out=acc.max[g])


def accumulate(acc: Accumulator, x: np.ndarray, labels: np.ndarray, subsets: np.ndarray,
               classes: int, method: str) -> None:
    """Add one chunk ``x`` (rows × D, float32) to the accumulator.

    ``segments``: rows sorted by class, then contiguous per-class reductions;
    ``matmul``: sums by ``S^T X`` and ``S^T (X*X)`` (BLAS), min/max by class segments.
    """
    n = len(x)
    by_matmul = method == "matmul"
    if by_matmul:
        s = np.zeros((n, classes + subsets.shape[1]), dtype=np.float32)
        s[np.arange(n), labels] = 1.0
        s[:, classes:] = subsets
        acc.sum += s.T @ x
        acc.sumsq += s.T @ (x * x)
    order = np.argsort(labels, kind="stable")
    xs = x[order]
    bounds = np.concatenate(([0], np.cumsum(np.bincount(labels, minlength=classes))))
    for k in range(classes):
        fold_rows(acc, k, xs[bounds[k]:bounds[k + 1]], not by_matmul)
    for k in range(subsets.shape[1]):
        fold_rows(acc, classes + k, x[subsets[:, k]], not by_matmul)


def npy_layout(path: Path) -> tuple[int, tuple[int, ...], np.dtype]:
    """Data offset, shape and dtype of a .npy file (via numpy's header reader)."""
    with open(path, "rb") as f:
        version = np.lib.format.read_magic(f)
        read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                       else np.lib.format.read_array_header_2_0)
        shape, fortran, dtype = read_header(f)
        if fortran:
            raise ValueError(f"{path}: Fortran order")
        return f.tell(), shape, dtype


def run_range(path: Path, groups: Groups, start: int, stop: int, chunk: int, source: str,
              method: str) -> Accumulator:
    """Accumulate rows ``start..stop`` of the file, reading ``chunk`` rows at a time."""
    offset, shape, dtype = npy_layout(path)
    width = int(np.prod(shape[1:]))
    acc = Accumulator(groups.count, width)
    mapped = np.load(path, mmap_mode="r").reshape(shape[0], width) if source == "mmap" else None
    buffer = np.empty((chunk, width), dtype=dtype) if source == "readinto" else None
    with open(path, "rb", buffering=0) as f:
        f.seek(offset + start * width * dtype.itemsize)
        for r0 in range(start, stop, chunk):
            r1 = min(stop, r0 + chunk)
            if mapped is not None:
                x = mapped[r0:r1]
            else:
                x = buffer[:r1 - r0]
                f.readinto(memoryview(x).cast("B"))
            accumulate(acc, x, groups.labels[r0:r1], groups.subsets[r0:r1], groups.classes, method)
    return acc


def statistics_of(path: Path, groups: Groups, chunk: int, source: str, threads: int,
                  method: str) -> Accumulator:
    """All group statistics, splitting the rows over ``threads`` workers."""
    rows = len(groups.labels)
    bounds = np.linspace(0, rows, threads + 1).astype(int)
    with threadpool_limits(limits=1), ThreadPoolExecutor(threads) as pool:
        parts = list(pool.map(lambda i: run_range(path, groups, bounds[i], bounds[i + 1], chunk, source, method),
                              range(threads)))
    total = parts[0]
    for part in parts[1:]:
        total.merge(part)
    return total


def finish(acc: Accumulator, counts: np.ndarray) -> dict[str, np.ndarray]:
    """Mean, population std, min and max per group from the accumulator."""
    n = np.maximum(counts, 1)[:, None]
    mean = acc.sum / n
    var = np.maximum(acc.sumsq / n - mean * mean, 0.0)
    return {"size": counts, "mean": mean, "std": np.sqrt(var), "min": acc.min, "max": acc.max}


def load_groups(bundle: Path, subset_specs: list[str]) -> tuple[Groups, list[str]]:
    """Class codes and subset masks from instances.csv; names of the groups."""
    instances = bundle_read.read_instances(bundle)
    classes = bundle_read.classes(bundle, instances)
    index = {c: i for i, c in enumerate(classes)}
    labels = np.array([index[v] for v in instances.columns["label"]], dtype=np.intp)
    masks, names = [], []
    for spec in subset_specs:
        name, kind, column, value = spec.split(":", 3)
        cells = instances.columns[column]
        if kind == "starts":
            masks.append([c.startswith(value) for c in cells])
        elif kind == "equals":
            masks.append([c == value for c in cells])
        else:
            raise ValueError(f"unknown subset kind {kind!r}")
        names.append(name)
    subsets = np.array(masks, dtype=bool).T.copy() if masks else np.zeros((len(labels), 0), bool)
    return Groups(labels, len(classes), subsets), classes + names


def blas_report() -> list[dict]:
    """What threadpoolctl says about the BLAS libraries numpy loaded."""
    from threadpoolctl import threadpool_info
    keep = ("internal_api", "version", "architecture", "num_threads", "threading_layer")
    return [{k: lib.get(k) for k in keep} for lib in threadpool_info() if lib.get("user_api") == "blas"]


def time_variant(path, groups, chunk, source, threads, method, reps) -> tuple[float, Accumulator]:
    """Median seconds of a variant over ``reps`` runs, and its result."""
    times, result = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        acc = statistics_of(path, groups, chunk, source, threads, method)
        times.append(time.perf_counter() - t0)
        result = acc
    return statistics.median(times), result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--layer", default="concat")
    parser.add_argument("--subset", action="append", default=[], metavar="NAME:starts|equals:COLUMN:VALUE",
                        help="an extra group, e.g. a:starts:text:What is  or  b:equals:source:wiki")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--chunks", default="512,2048", help="chunk sizes in rows to try")
    parser.add_argument("--save", type=Path, help="write the statistics of the fastest variant (.npz)")
    args = parser.parse_args(argv)
    paths = bundle_read.layer_paths(args.bundle, args.layer)
    if len(paths) != 1:
        raise SystemExit("bench_numpy handles single-file layers only")
    groups, names = load_groups(args.bundle, args.subset)
    counts = np.concatenate([np.bincount(groups.labels, minlength=groups.classes), groups.subsets.sum(axis=0)])
    cores = os.cpu_count() or 1
    variants = {}
    results = {}
    for method in ("segments", "matmul"):
        for source in ("mmap", "readinto"):
            for threads in sorted({1, cores}):
                for chunk in (int(c) for c in args.chunks.split(",")):
                    key = f"{method}/{source}/threads={threads}/chunk={chunk}"
                    variants[key], results[key] = time_variant(paths[0], groups, chunk, source, threads, method,
                                                               args.reps)
                    print(f"bench_numpy: {key}: {variants[key]:.3f} s", file=sys.stderr, flush=True)
    best = min(variants, key=variants.get)
    stats = finish(results[best], counts)
    reference = finish(results[next(iter(results))], counts)
    agree = all(np.allclose(stats[k], reference[k], rtol=1e-5, atol=1e-6) for k in stats)
    if args.save:
        np.savez(args.save, names=np.array(names), **stats)
    print(json.dumps({"blas": blas_report(), "variants": variants, "best": best, "seconds": variants[best],
                      "groups": names, "sizes": counts.tolist(), "variants_agree": agree}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
