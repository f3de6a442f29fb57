"""Reference computations for ``separability`` and ``suggest``, in numpy only.

Written from the definitions in ``help separability`` and ``help suggest``;
no code is shared with activis.
"""

from __future__ import annotations

import numpy as np

FOLDS = 5
MINIMUM_SUGGESTION = 10
PHRASE_WORDS = 3
BINS = 4


def silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette, Euclidean, in float64 (scikit-learn's definition)."""
    x = x.astype(np.float64)
    distances = np.sqrt(np.maximum(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2), 0))
    classes = np.unique(labels)
    total = 0.0
    for i in range(len(x)):
        own = labels[i]
        size = (labels == own).sum()
        if size <= 1:
            continue
        a = distances[i, labels == own].sum() / (size - 1)
        b = min(distances[i, labels == c].mean() for c in classes if c != own)
        larger = max(a, b)
        if larger > 0:
            total += (b - a) / larger
    return total / len(x)


def folds(labels: np.ndarray, k: int = FOLDS) -> np.ndarray:
    """The i-th row of each class (in row order) in fold i mod k."""
    seen: dict[int, int] = {}
    result = np.empty(len(labels), dtype=int)
    for row, label in enumerate(labels):
        result[row] = seen.get(label, 0) % k
        seen[label] = seen.get(label, 0) + 1
    return result


def standardise(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centre and scale by the training rows; constant columns become 0."""
    mean = train.mean(axis=0)
    std = train.std(axis=0)
    constant = std <= 1e-12 * np.maximum(1, np.abs(mean))
    scale = np.where(constant, 0.0, 1.0 / np.where(constant, 1.0, std))
    return (train - mean) * scale, (test - mean) * scale


def softmax_regression(x: np.ndarray, y: np.ndarray, k: int, c: float = 1.0) -> np.ndarray:
    """Weights (k × (d+1), intercept last) minimising sum cross-entropy + |W|²/(2C),
    by damped Newton steps: an exact optimum, independent of activis's L-BFGS."""
    n, d = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    onehot = np.eye(k)[y]
    theta = np.zeros((k, d + 1))
    penalty = np.ones(d + 1) / c
    penalty[-1] = 0

    def objective(t):
        z = design @ t.T
        z -= z.max(axis=1, keepdims=True)
        return float(-(onehot * (z - np.log(np.exp(z).sum(axis=1, keepdims=True)))).sum()
                     + 0.5 * (penalty * t * t).sum())

    for _ in range(100):
        z = design @ theta.T
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        gradient = ((p - onehot).T @ design + penalty * theta).ravel()
        hessian = np.zeros((k * (d + 1), k * (d + 1)))
        for a in range(k):
            for b in range(k):
                weight = p[:, a] * ((a == b) - p[:, b])
                hessian[a * (d + 1):(a + 1) * (d + 1), b * (d + 1):(b + 1) * (d + 1)] = (design.T * weight) @ design
        hessian += np.diag(np.tile(penalty, k)) + 1e-9 * np.eye(k * (d + 1))
        step = np.linalg.solve(hessian, gradient).reshape(k, d + 1)
        before = objective(theta)
        rate = 1.0
        while rate > 1e-8 and objective(theta - rate * step) > before - 1e-4 * rate * float(gradient @ step.ravel()):
            rate /= 2
        theta = theta - rate * step
        if np.abs(gradient).max() < 1e-10 * n:
            break
    return theta


def probe_accuracy(x: np.ndarray, labels: np.ndarray) -> float:
    """5-fold cross-validated accuracy of the L2 (C = 1) softmax regression."""
    classes = np.unique(labels)
    y = np.searchsorted(classes, labels)
    assignment = folds(y)
    correct = 0
    for fold in range(FOLDS):
        train, test = assignment != fold, assignment == fold
        if not test.any():
            continue
        xtrain, xtest = standardise(x[train].astype(np.float64), x[test].astype(np.float64))
        theta = softmax_regression(xtrain, y[train], len(classes))
        scores = np.hstack([xtest, np.ones((len(xtest), 1))]) @ theta.T
        correct += int((scores.argmax(axis=1) == y[test]).sum())
    return correct / len(y)


def divergence(values: np.ndarray, groups: np.ndarray, inside: np.ndarray) -> float | None:
    """√max(0, mean_j d_j² − (1/m + 1/r)) on values centred on their group's mean."""
    m, r = int(inside.sum()), int((~inside).sum())
    if m < 2 or r < 2 or values.shape[1] == 0:
        return None
    centred = values.astype(np.float64).copy()
    for g in np.unique(groups):
        centred[groups == g] -= centred[groups == g].mean(axis=0)
    a, b = centred[inside], centred[~inside]
    pooled = (((a - a.mean(axis=0)) ** 2).sum(axis=0) + ((b - b.mean(axis=0)) ** 2).sum(axis=0)) / (m + r - 2)
    d2 = np.where(pooled > 1e-24, (a.mean(axis=0) - b.mean(axis=0)) ** 2 / np.where(pooled > 1e-24, pooled, 1), 0)
    return float(np.sqrt(max(0.0, d2.mean() - (1 / m + 1 / r))))


def leading_phrases(text: str) -> list[str]:
    """The text up to the end of its first, second and third word."""
    phrases, end = [], 0
    for _ in range(PHRASE_WORDS):
        if end >= len(text) or text[end].isspace():
            break
        stop = next((k for k in range(end, len(text)) if text[k].isspace()), len(text))
        phrases.append(text[:stop])
        if stop >= len(text):
            break
        end = stop + 1
    return phrases


def quantile_cuts(values: np.ndarray, count: int = BINS) -> list[float] | None:
    """The cuts of ``subsets by <attribute> bins 4`` over the non-NaN values."""
    ordered = np.sort(values[~np.isnan(values)])
    if len(ordered) == 0:
        return None
    cuts: list[float] = []
    for k in range(1, count):
        cut = float(ordered[k * len(ordered) // count])
        if cut > ordered[0] and (not cuts or cut != cuts[-1]):
            cuts.append(cut)
    return cuts
