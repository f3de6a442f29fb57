"""Instance rows: normalising what callers pass, spooling rows to disk, writing ``instances.csv``.

Rows are spooled as JSON lines while a job runs (so the set of attribute columns need not be
known in advance and nothing accumulates in memory) and turned into an RFC 4180 CSV at the end.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

RESERVED = ("id", "text", "label", "predicted")
SCORE_PREFIX = "score:"


def to_list(values: Any) -> list[Any]:
    """A 1-D Python list from a list, tuple, numpy array or tensor-like (``.tolist()``)."""
    if values is None:
        return []
    if hasattr(values, "detach"):
        values = values.detach().cpu().numpy()
    if isinstance(values, np.ndarray):
        return list(values) if values.ndim == 1 else (values.tolist() if values.ndim else [values.item()])
    return list(values)


def class_name(value: Any, classes: Sequence[str] | None, what: str) -> str:
    """A label or prediction as a class name: integers index ``classes``; names must be in it."""
    if isinstance(value, (np.integer, int)) and not isinstance(value, bool):
        if classes is None:
            return str(int(value))
        index = int(value)
        if not 0 <= index < len(classes):
            raise ValueError(f"{what} index {index} out of range for {len(classes)} classes")
        return classes[index]
    name = str(value)
    if classes is not None and name not in classes:
        raise ValueError(f"{what} {name!r} is not one of the classes {list(classes)}")
    return name


def cell(value: Any) -> str:
    """One CSV cell: empty for missing, shortest exact text for numbers, text otherwise."""
    if value is None:
        return ""
    if isinstance(value, (np.floating, float)):
        number = float(value)
        if not math.isfinite(number):
            return "nan" if math.isnan(number) else ("inf" if number > 0 else "-inf")
        if isinstance(value, (np.float16, np.float32)):
            return str(value)  # shortest text that reads back as the same float32/float16
        return repr(number)
    if isinstance(value, (np.integer, int)) and not isinstance(value, bool):
        return str(int(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def build_rows(n: int, ids: list[int], texts: Any, labels: Any, predictions: Any, scores: Any,
               attributes: Mapping[str, Any] | None, classes: Sequence[str] | None) -> list[dict[str, str]]:
    """Turn columnar batch inputs into ``n`` row dicts of CSV cell strings."""
    columns: dict[str, list[str]] = {"id": [str(i) for i in ids]}

    def column(name: str, values: Any, convert) -> None:
        if values is None:
            return
        items = to_list(values)
        if len(items) != n:
            raise ValueError(f"{name}: {len(items)} values for a batch of {n} instances")
        columns[name] = [convert(v) for v in items]

    column("text", texts, cell)
    column("label", labels, lambda v: class_name(v, classes, "label"))
    column("predicted", predictions, lambda v: class_name(v, classes, "prediction"))
    if scores is not None:
        if isinstance(scores, Mapping):
            for cls, values in scores.items():
                column(SCORE_PREFIX + class_name(cls, classes, "score class"), values, cell)
        else:
            matrix = np.asarray(scores.detach().cpu().numpy() if hasattr(scores, "detach") else scores)
            if matrix.dtype not in (np.float16, np.float32, np.float64):
                matrix = matrix.astype(np.float64)
            if classes is None:
                raise ValueError("scores given as a matrix need the writer's classes")
            if matrix.shape != (n, len(classes)):
                raise ValueError(f"scores have shape {matrix.shape}, expected {(n, len(classes))}")
            for j, cls in enumerate(classes):
                columns[SCORE_PREFIX + cls] = [cell(x) for x in matrix[:, j]]
    for name, values in (attributes or {}).items():
        if name in RESERVED or name.startswith(SCORE_PREFIX):
            raise ValueError(f"attribute name {name!r} is reserved")
        column(name, values, cell)
    return [{name: values[i] for name, values in columns.items()} for i in range(n)]


class RowSpool:
    """Appends row dicts to a JSON-lines file and tracks the columns seen, in first-seen order."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.columns: list[str] = []
        self.count = 0
        self._file = open(path, "w", encoding="utf-8")

    def write(self, rows: Iterable[dict[str, str]]) -> None:
        """Append rows."""
        for row in rows:
            for name in row:
                if name not in self.columns:
                    self.columns.append(name)
            self._file.write(json.dumps(row, ensure_ascii=False) + "\n")
            self.count += 1

    def close(self) -> None:
        """Flush and close the spool file."""
        if not self._file.closed:
            self._file.close()


def ordered_columns(column_lists: Iterable[list[str]], classes: Sequence[str] | None) -> list[str]:
    """Union of columns: id, text, label, predicted, scores in class order, then attributes."""
    seen: list[str] = []
    for columns in column_lists:
        for name in columns:
            if name not in seen:
                seen.append(name)
    head = [name for name in RESERVED if name in seen]
    score_names = [name for name in seen if name.startswith(SCORE_PREFIX)]
    if classes is not None:
        order = {SCORE_PREFIX + c: i for i, c in enumerate(classes)}
        score_names.sort(key=lambda s: order.get(s, len(order)))
    rest = [name for name in seen if name not in head and name not in score_names]
    return head + score_names + rest


def write_csv(spool_paths: Sequence[str], columns: list[str], target: str) -> int:
    """Write the spooled rows of all ``spool_paths`` (in order) as one CSV; returns rows written.

    Ids must be unique across all spools. The CSV is written to a temporary name and renamed.
    """
    temporary = target + ".tmp"
    seen_ids: set[int] = set()
    count = 0
    with open(temporary, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for spool in spool_paths:
            with open(spool, encoding="utf-8") as rows:
                for line in rows:
                    row = json.loads(line)
                    instance_id = int(row["id"])
                    if instance_id in seen_ids:
                        out.close()
                        os.remove(temporary)
                        raise ValueError(f"duplicate instance id {instance_id}")
                    seen_ids.add(instance_id)
                    writer.writerow([row.get(name, "") for name in columns])
                    count += 1
    os.replace(temporary, target)
    return count
