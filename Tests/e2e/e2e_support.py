"""Shared helpers of the end-to-end tests: the binary, generated bundles, references."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts" / "lib"))

import bundle_gen  # noqa: E402
import bundle_read  # noqa: E402

DEFAULT_BIN = ".build/debug/activis"
TIMEOUT = 120


def find_binary() -> Path | None:
    """The activis binary: $ACTIVIS_BIN (relative to the cwd, then to the repo) or the debug build."""
    given = Path(os.environ.get("ACTIVIS_BIN", DEFAULT_BIN))
    candidates = [given] if given.is_absolute() else [Path.cwd() / given, REPO / given]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate.resolve()
    return None


def quoted(path: Path) -> str:
    """A path as an activis string literal."""
    return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Activis:
    """Runs the binary with colour off and a timeout."""

    binary: Path

    def run(self, *args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
        """Run ``activis args…``; return the completed process (text, UTF-8)."""
        env = dict(os.environ, NO_COLOR="1")
        return subprocess.run([str(self.binary), *args], input=stdin, capture_output=True, text=True,
                              encoding="utf-8", env=env, cwd=cwd, timeout=TIMEOUT)

    def ok(self, *args: str, stdin: str | None = None) -> str:
        """Run and require exit status 0 and no error on stderr; return stdout."""
        done = self.run(*args, stdin=stdin)
        assert done.returncode == 0, (
            f"activis {' '.join(args)!r} exited {done.returncode}\nstderr:\n{done.stderr}\nstdout:\n{done.stdout[:2000]}")
        assert "error:" not in done.stderr, f"unexpected error on stderr:\n{done.stderr}"
        return done.stdout

    def csv(self, script: str) -> str:
        """Run ``--format csv -c script`` and return stdout."""
        return self.ok("--format", "csv", "-c", script)


# ---------------------------------------------------------------------------
# Bundles

TEST_LAYERS = ["f32:40:float32", "f16:24:float16", "f64:20:float64", "sharded:30:float32:3",
               "cube:4x5:float32", "fc:6:float32"]


def make_bundle(out: Path, instances: int = 700, layers=TEST_LAYERS, seed: int = 7, **options) -> dict:
    """Generate a bundle with the project's generator; return its truth summary."""
    spec = bundle_gen.BundleSpec(out=Path(out), instances=instances, seed=seed,
                                 layers=[bundle_gen.parse_layer_spec(t) for t in layers], **options)
    return bundle_gen.generate(spec)


@dataclass
class Reference:
    """A bundle as read by plain Python and numpy; the oracle of the tests."""

    path: Path
    instances: bundle_read.Instances = None
    classes: list[str] = None
    subsets: dict[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self):
        self.instances = bundle_read.read_instances(self.path)
        self.classes = bundle_read.classes(self.path, self.instances)
        self.texts = self.instances.columns["text"]
        self.label = np.array(self.instances.columns["label"])
        self.predicted = np.array(self.instances.columns["predicted"])
        self.ids = np.array(self.instances.ids())
        self._layers: dict[str, np.ndarray] = {}

    def layer(self, name: str) -> np.ndarray:
        """A layer as (N, D) float64."""
        if name not in self._layers:
            self._layers[name] = bundle_read.layer_matrix(self.path, name).astype(np.float64)
        return self._layers[name]

    def neurons(self, name: str) -> list[str]:
        """Neuron names of a layer."""
        return bundle_read.neuron_names(self.path, name, self.layer(name).shape[1])

    # predicate building blocks, each a boolean mask over instances
    def starts(self, s):
        return np.array([t.startswith(s) for t in self.texts])

    def ends(self, s):
        return np.array([t.endswith(s) for t in self.texts])

    def contains(self, s):
        return np.array([s in t for t in self.texts])

    def matches(self, pattern):
        regex = re.compile(pattern)
        return np.array([regex.search(t) is not None for t in self.texts])

    def correct(self):
        return self.label == self.predicted

    def numeric(self, column):
        return self.instances.numeric(column)

    def category(self, column):
        return np.array(self.instances.columns[column])

    def score(self, cls):
        return self.instances.numeric(f"score:{cls}")


# ---------------------------------------------------------------------------
# Parsing output


def parse_csv(text: str) -> list[list[str]]:
    """All CSV records of a string."""
    return list(csv.reader(io.StringIO(text)))


@dataclass
class MatrixRow:
    """One row of a printed matrix."""

    size: int
    values: np.ndarray


def parse_matrix_csv(text: str) -> tuple[list[str], dict[str, MatrixRow], list[str]]:
    """Header, rows by label, and row order of ``matrix`` CSV output."""
    records = [r for r in parse_csv(text) if r]
    assert records, "matrix printed nothing"
    header = records[0]
    assert header[:2] == ["row", "size"], f"matrix CSV header starts {header[:3]}, expected row,size,…"
    rows: dict[str, MatrixRow] = {}
    order = []
    for record in records[1:]:
        assert len(record) == len(header), f"ragged matrix row {record[:3]}… ({len(record)} of {len(header)})"
        assert record[0] not in rows, f"matrix row {record[0]!r} printed twice"
        rows[record[0]] = MatrixRow(int(record[1]), np.array([float(v) for v in record[2:]]))
        order.append(record[0])
    return header, rows, order


def expect_close(actual: np.ndarray, expected: np.ndarray, what: str, rtol=1e-5, atol=1e-5) -> None:
    """Assert closeness, naming the first differing neuron."""
    assert actual.shape == expected.shape, f"{what}: {actual.shape} values, expected {expected.shape}"
    bad = ~np.isclose(actual, expected, rtol=rtol, atol=atol)
    if bad.any():
        j = int(np.argmax(bad))
        raise AssertionError(f"{what}: {int(bad.sum())} neurons differ; first n{j}: "
                             f"got {actual[j]!r}, numpy says {expected[j]!r}")
