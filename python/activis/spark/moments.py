"""Mergeable per-group, per-neuron moments in float64 (Chan, Golub and LeVeque's parallel merge).

This module runs on Spark's executors: it imports only numpy, and the job ships it by value, so a
cluster needs no copy of the activis package.
"""

from __future__ import annotations

import numpy as np


class Moments:
    """Count, mean, sum of squared deviations, minimum, maximum and non-finite count of each of
    ``groups`` groups of instances over ``width`` neurons.

    NaN and infinite activations are left out of every statistic and counted, as the shell does.
    ``rows`` counts the instances of each group, finite or not.
    """

    def __init__(self, groups: int, width: int) -> None:
        shape = (groups, width)
        self.rows = np.zeros(groups, dtype=np.int64)
        self.n = np.zeros(shape)
        self.mean = np.zeros(shape)
        self.m2 = np.zeros(shape)
        self.minimum = np.full(shape, np.inf)
        self.maximum = np.full(shape, -np.inf)
        self.nonfinite = np.zeros(shape)

    @property
    def width(self) -> int:
        return self.n.shape[1]

    def add(self, group: int, values: np.ndarray) -> None:
        """Adds the rows of ``values`` (m × width) to ``group``."""
        m = values.shape[0]
        if m == 0:
            return
        x = values.astype(np.float64, copy=False)
        finite = np.isfinite(x)
        if finite.all():
            n = np.full(x.shape[1], float(m))
            mean = x.mean(axis=0)
            m2 = np.square(x - mean).sum(axis=0)
            low, high = x.min(axis=0), x.max(axis=0)
        else:
            n = finite.sum(axis=0).astype(np.float64)
            zeroed = np.where(finite, x, 0.0)
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = np.where(n > 0, zeroed.sum(axis=0) / n, 0.0)
            m2 = np.where(finite, np.square(x - mean), 0.0).sum(axis=0)
            low = np.where(finite, x, np.inf).min(axis=0)
            high = np.where(finite, x, -np.inf).max(axis=0)
            self.nonfinite[group] += m - n
        self.rows[group] += m
        self._combine(group, n, mean, m2)
        np.minimum(self.minimum[group], low, out=self.minimum[group])
        np.maximum(self.maximum[group], high, out=self.maximum[group])

    def _combine(self, group, n_b, mean_b, m2_b) -> None:
        """Chan's merge of (n_b, mean_b, m2_b) into group ``group`` (rows or whole arrays)."""
        n_a, mean_a = self.n[group], self.mean[group]
        n = n_a + n_b
        with np.errstate(invalid="ignore", divide="ignore"):
            weight_b = np.where(n > 0, n_b / n, 0.0)
            delta = mean_b - mean_a
            self.mean[group] = mean_a + delta * weight_b
            self.m2[group] = self.m2[group] + m2_b + np.square(delta) * n_a * weight_b
        self.n[group] = n

    def merge(self, other: "Moments") -> "Moments":
        """Adds every group of ``other`` (same groups and width) into this one; returns self."""
        if other.n.shape != self.n.shape:
            raise ValueError(f"activis-spark: partial moments of {other.width} neurons cannot merge with "
                             f"{self.width} (rows of a layer have different lengths in different partitions)")
        groups = slice(None)
        self._combine(groups, other.n, other.mean, other.m2)
        self.rows += other.rows
        self.nonfinite += other.nonfinite
        np.minimum(self.minimum, other.minimum, out=self.minimum)
        np.maximum(self.maximum, other.maximum, out=self.maximum)
        return self

    def group(self, index: int) -> "Moments":
        """Group ``index`` alone, as a one-group Moments (to merge groups into one)."""
        return Moments.from_state(tuple(value[index:index + 1].copy() for value in self.state()))

    FIELDS = ("rows", "n", "mean", "m2", "minimum", "maximum", "nonfinite")

    def state(self) -> tuple:
        """The arrays, as a tuple that plain pickle carries between processes."""
        return tuple(getattr(self, name) for name in self.FIELDS)

    @classmethod
    def from_state(cls, state: tuple) -> "Moments":
        moments = cls.__new__(cls)
        for name, value in zip(cls.FIELDS, state):
            setattr(moments, name, value)
        return moments

    def planes(self) -> np.ndarray:
        """(groups, 5, width) float64: mean, population standard deviation, minimum, maximum and
        the number of non-finite values left out; NaN where a group has no finite value."""
        empty = self.n == 0
        with np.errstate(invalid="ignore", divide="ignore"):
            std = np.sqrt(np.maximum(self.m2, 0.0) / self.n)
        stacked = np.stack([self.mean, std, self.minimum, self.maximum], axis=1)
        stacked[:, :4, :][np.repeat(empty[:, None, :], 4, axis=1)] = np.nan
        return np.concatenate([stacked, self.nonfinite[:, None, :]], axis=1)


def merge_tree(partials: list) -> object:
    """Merges partials pairwise, level by level (a balanced tree); each must have ``merge``."""
    level = [p for p in partials if p is not None]
    if not level:
        return None
    while len(level) > 1:
        level = [level[i].merge(level[i + 1]) if i + 1 < len(level) else level[i] for i in range(0, len(level), 2)]
    return level[0]
