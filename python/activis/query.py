"""Results of the activis shell as pandas DataFrames, for notebooks and scripts.

``activis.query(bundle, commands)`` runs the shell (``activis --format json``) on a
bundle and returns the last result: matrices, projections and every table
(``subsets``, ``members``, ``compare``, ``top``, ``neighbors``, ``confusion``, …) as
DataFrames. An error of the shell raises :class:`ActivisError` with its message,
file, line and column. pandas is needed only here (``pip install pandas``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

__all__ = ["ActivisError", "query", "find_binary"]

_LOCATION = re.compile(r"^(?:(?P<file>.*?):)?(?P<line>\d+):(?P<column>\d+): error: (?P<message>.*)$")


class ActivisError(RuntimeError):
    """An error the shell reported: its ``message``, and where (``file`` such as
    ``-c``, 1-based ``line`` and ``column``), or ``None`` where it said nowhere."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None, status: int | None = None):
        super().__init__(message if line is None else f"{file}:{line}:{column}: {message}")
        self.message, self.file, self.line, self.column, self.status = message, file, line, column, status


def find_binary(binary: str | os.PathLike | None = None) -> str:
    """The activis binary: ``binary``, $ACTIVIS_BIN, ``activis`` on PATH, or this
    checkout's build (``.build/release`` then ``.build/debug``)."""
    candidates = [binary, os.environ.get("ACTIVIS_BIN"), shutil.which("activis")]
    root = Path(__file__).resolve().parents[2]
    candidates += [root / ".build" / "release" / "activis", root / ".build" / "debug" / "activis"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise ActivisError("the activis binary was not found: install it (scripts/install) or set ACTIVIS_BIN")


def query(bundle: str | os.PathLike, commands: str, *, binary: str | os.PathLike | None = None,
          timeout: float | None = None) -> Any:
    """Runs ``commands`` (separated by ``;`` or newlines) on ``bundle`` and returns the
    last result: a DataFrame for a matrix (one row per class, subset or instance, a
    column per neuron of mean activation, and ``df.attrs["std"|"min"|"max"]`` as
    DataFrames of the same shape), a projection (id, x, y, label, predicted) or a table;
    the parsed JSON for other results (graphs, the instance panel); None if no command
    printed a result."""
    done = subprocess.run([find_binary(binary), "--format", "json", "-c", commands, os.fspath(bundle)],
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout,
                          env=dict(os.environ, NO_COLOR="1"))
    if done.returncode != 0:
        raise _error(done.stderr, done.returncode)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return to_frame(json.loads(lines[-1])) if lines else None


def _error(stderr: str, status: int) -> ActivisError:
    for line in stderr.splitlines():
        match = _LOCATION.match(line)
        if match:
            return ActivisError(match["message"], match["file"], int(match["line"]), int(match["column"]), status)
        if line.startswith("activis: error: "):
            return ActivisError(line[len("activis: error: "):], status=status)
    return ActivisError(stderr.strip() or f"activis exited with status {status}", status=status)


def to_frame(result: Any) -> Any:
    """A parsed JSON result as a DataFrame where it is one (see :func:`query`)."""
    import pandas as pd

    if isinstance(result, list):
        return pd.DataFrame(result)
    if isinstance(result, dict) and "rows" in result and "neurons" in result:
        index = pd.Index([row["row"] for row in result["rows"]], name="row")
        means = pd.DataFrame([row["mean"] for row in result["rows"]], index=index, columns=result["neurons"])
        frame = pd.concat([pd.DataFrame({"kind": [row["kind"] for row in result["rows"]],
                                         "size": [row["size"] for row in result["rows"]]}, index=index), means],
                          axis=1)
        for statistic in ("std", "min", "max"):
            frame.attrs[statistic] = pd.DataFrame([row[statistic] for row in result["rows"]], index=index,
                                                  columns=result["neurons"])
        frame.attrs["layer"] = result["layer"]
        return frame
    if isinstance(result, dict) and "points" in result:
        frame = pd.DataFrame(result["points"])
        frame.attrs.update({key: value for key, value in result.items() if key != "points"})
        return frame
    return result
