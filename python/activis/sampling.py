"""Which instances of an evaluation run go into the bundle.

Instances are numbered by their position in the run (0, 1, 2, … over all batches). A sampler
keeps every instance, every k-th, a fixed random subset of a given size (reproducible from
a seed; needs the run's total size), or a random fraction; ``include`` positions are always kept
(the user's own test cases).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


class Sampler:
    """Decides, batch by batch, which positions to keep."""

    def __init__(self, sample: int | float | None = None, total: int | None = None, every: int | None = None,
                 include: Iterable[int] | None = None, seed: int = 0) -> None:
        if sample is not None and every is not None:
            raise ValueError("give either sample or every, not both")
        self._rng = np.random.default_rng(seed)
        self._include = {int(i) for i in include or ()}
        self._every = every
        self._fraction: float | None = None
        self._chosen: np.ndarray | None = None
        if every is not None and every < 1:
            raise ValueError("every must be a positive integer")
        if isinstance(sample, float):
            if not 0.0 < sample <= 1.0:
                raise ValueError("a fractional sample must be in (0, 1]")
            self._fraction = sample
        elif sample is not None:
            if total is None:
                raise ValueError("sample=<size> needs total=<number of instances in the run> "
                                 "(e.g. len(loader.dataset)); or use a fraction, or every=<k>")
            if not 0 <= sample <= total:
                raise ValueError(f"cannot sample {sample} of {total} instances")
            self._chosen = np.zeros(total, dtype=bool)
            self._chosen[self._rng.choice(total, size=sample, replace=False)] = True

    def mask(self, start: int, n: int) -> np.ndarray:
        """Boolean mask over positions ``start … start+n-1``."""
        positions = np.arange(start, start + n)
        if self._every is not None:
            keep = positions % self._every == 0
        elif self._fraction is not None:
            keep = self._rng.random(n) < self._fraction
        elif self._chosen is not None:
            inside = positions < len(self._chosen)
            keep = np.zeros(n, dtype=bool)
            keep[inside] = self._chosen[positions[inside]]
        else:
            keep = np.ones(n, dtype=bool)
        if self._include:
            keep |= np.isin(positions, list(self._include))
        return keep
