"""Results of the activis shell as pandas DataFrames, for notebooks and scripts.

``activis.query(bundle, commands)`` runs the shell (``activis --format json``) on a
bundle and returns the last result: matrices, projections and every table
(``subsets``, ``members``, ``compare``, ``top``, ``neighbors``, ``confusion``, …) as
DataFrames. ``activis.Session(bundle)`` keeps one shell open for a sequence of
commands. An error of the shell raises :class:`ActivisError` with its message, file,
line and column. pandas is needed only here (``pip install pandas``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

__all__ = ["ActivisError", "Session", "SVG", "query", "find_binary"]

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
    if isinstance(result, dict) and isinstance(result.get("layers"), list):
        # `matrix layers A B …`: one matrix frame per layer.
        return {block["layer"]: to_frame(block) for block in result["layers"]}
    if isinstance(result, dict) and "points" in result:
        frame = pd.DataFrame(result["points"])
        frame.attrs.update({key: value for key, value in result.items() if key != "points"})
        return frame
    return result


class Session:
    """One activis shell kept open (``activis --serve``) for a sequence of commands: the
    bundle is read once, subsets and caches stay, and each :meth:`run` returns its last
    result as :func:`query` does. ``picture()`` draws the last result as SVG, which
    Jupyter shows inline. Use it as a context manager, or call :meth:`close`.

    >>> with activis.Session("out/trec-bundle") as shell:
    ...     shell.run("select layer concat")
    ...     whatis = shell.run('subset w = where text starts "What is"; matrix')
    ...     shell.picture()
    """

    SEPARATOR = "\x1e"

    def __init__(self, bundle: str | os.PathLike | None = None, *, binary: str | os.PathLike | None = None):
        arguments = [find_binary(binary), "--serve", "--format", "json"]
        if bundle is not None:
            arguments.append(os.fspath(bundle))
        self._process = subprocess.Popen(arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                         encoding="utf-8", bufsize=1, env=dict(os.environ, NO_COLOR="1"))
        self.warnings: list[str] = []
        if bundle is not None:
            self._answer()

    def run(self, commands: str) -> Any:
        """Runs ``commands`` (lines, each with commands separated by ``;``); the last
        result as a DataFrame (see :func:`query`), or None. The first error raises
        :class:`ActivisError`; the commands before it have run, and the session goes on."""
        last = None
        for line in commands.splitlines() or [""]:
            results = self._send(line)
            if results:
                last = to_frame(results[-1])
        return last

    def picture(self) -> "SVG":
        """The last result drawn as SVG (a matrix heatmap, a scatter plot, the graph or the
        instance panel)."""
        import tempfile

        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "picture.svg"
            self._send(f"export svg {_quoted(str(path))}")
            return SVG(path.read_text(encoding="utf-8"))

    def close(self) -> None:
        """Ends the shell."""
        if self._process.poll() is None:
            self._process.stdin.close()
            self._process.wait(timeout=30)

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()

    def _send(self, line: str) -> list[Any]:
        if self._process.poll() is not None:
            raise ActivisError("the activis session has ended")
        self._process.stdin.write(line.replace("\n", " ") + "\n")
        self._process.stdin.flush()
        return self._answer()

    def _answer(self) -> list[Any]:
        """The JSON results of one answer; raises the first error in it."""
        lines: list[str] = []
        while True:
            line = self._process.stdout.readline()
            if line == "":
                raise ActivisError("the activis session ended unexpectedly")
            if line.rstrip("\n") == self.SEPARATOR:
                break
            lines.append(line.rstrip("\n"))
        results: list[Any] = []
        for index, line in enumerate(lines):
            match = _LOCATION.match(line)
            if match:
                raise ActivisError(match["message"], match["file"], int(match["line"]), int(match["column"]))
            if ": warning: " in line and not line.startswith(("{", "[")):
                self.warnings.append(line)
                continue
            if line.startswith(("{", "[")):
                results.append(json.loads(line))
        return results


class SVG:
    """A picture of a result, shown inline by Jupyter."""

    def __init__(self, text: str):
        self.text = text

    def _repr_svg_(self) -> str:
        return self.text


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
