"""Every numeric array numpy writes, read as numpy reads it.

Each layer is written by numpy itself (np.save, np.lib.format.write_array) or, for data that
does not start at a multiple of 64 bytes, by hand after a version 1.0 header; the reference is
np.load of the same file. Each case runs the sequence that once zero-filled unaligned layers:
`matrix`, then `project pca`, then `subset where neuron 0 > x` and `matrix` again, in one
process, so that every read after the first comes after the pages read before were released.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pytest

from e2e_support import Reference, expect_close, make_bundle, quoted

INSTANCES = 3000
NEURONS = 12
CUBE = (3, 4)  # trailing shape of the N-D layers: 12 neurons


def base_values() -> np.ndarray:
    """Standard normal (N, 12), one fixed draw shared by every case."""
    return np.random.default_rng(20261205).standard_normal((INSTANCES, NEURONS))


def scaled(z: np.ndarray) -> np.ndarray:
    """Neuron j spread 4·0.7^j around 0.25·j: distinct principal axes (neurons 0 and 1 first)."""
    return z * (4.0 * 0.7 ** np.arange(z.shape[1])) + 0.25 * np.arange(z.shape[1])


def as_integers(dtype: str) -> Callable[[np.ndarray], np.ndarray]:
    """Ten times the scaled values, shifted into the type's range when unsigned, clipped."""
    def convert(z):
        info = np.iinfo(np.dtype(dtype))
        values = np.round(scaled(z) * 10) + (100 if info.min == 0 else 0)
        return np.clip(values, info.min, info.max).astype(dtype)
    return convert


def as_booleans(z: np.ndarray) -> np.ndarray:
    """Neuron j true with probability 0.5, 0.2, then 0.05: distinct variances."""
    cut = np.array([0.0, 0.84] + [1.64] * (z.shape[1] - 2))
    return z > cut


def as_floats(dtype: str) -> Callable[[np.ndarray], np.ndarray]:
    return lambda z: scaled(z).astype(dtype)


def fortran(array: np.ndarray) -> np.ndarray:
    return np.asfortranarray(array)


def cube(array: np.ndarray) -> np.ndarray:
    return array.reshape((array.shape[0],) + CUBE)


def save(path: Path, array: np.ndarray) -> None:
    np.save(path, array)


def save_version(version: tuple[int, int]) -> Callable[[Path, np.ndarray], None]:
    def write(path, array):
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)
    return write


def save_unaligned(misalignment: int) -> Callable[[Path, np.ndarray], None]:
    """A version 1.0 header padded so that the data starts `misalignment` bytes past a multiple of 64."""
    def write(path, array):
        in_fortran = array.flags.f_contiguous and not array.flags.c_contiguous
        header = repr({"descr": np.lib.format.dtype_to_descr(array.dtype), "fortran_order": in_fortran,
                       "shape": array.shape}).encode("latin1")
        unpadded = 10 + len(header) + 1
        total = (unpadded + 63) // 64 * 64 + misalignment
        text = header + b" " * (total - unpadded) + b"\n"
        with open(path, "wb") as f:
            f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text)
            f.write(array.tobytes(order="F" if in_fortran else "C"))
        assert (10 + len(text)) % 64 == misalignment
    return write


@dataclass
class Case:
    """One layer: its values from the shared normal draw, its layout, how it is written."""

    make: Callable[[np.ndarray], np.ndarray]
    layout: Callable[[np.ndarray], np.ndarray] = lambda a: a
    write: Callable[[Path, np.ndarray], None] = save
    threshold: float = 1.0
    shards: int = 1
    shard_writes: tuple = ()
    shard_layouts: tuple = ()

    def arrays(self) -> list[np.ndarray]:
        whole = self.make(base_values())
        parts = np.array_split(whole, self.shards) if self.shards > 1 else [whole]
        layouts = self.shard_layouts or (self.layout,) * len(parts)
        return [layout(np.ascontiguousarray(part)) for layout, part in zip(layouts, parts)]


def integer_case(dtype: str, **options) -> Case:
    unsigned = np.dtype(dtype).kind == "u"
    return Case(as_integers(dtype), threshold=110 if unsigned else 10, **options)


CASES = {
    "c_f32": Case(as_floats("<f4")),
    "fortran_f32": Case(as_floats("<f4"), fortran),
    "big_f32": Case(as_floats(">f4")),
    "big_fortran_f64": Case(as_floats(">f8"), fortran),
    "f16": Case(as_floats("<f2")),
    "fortran_f16": Case(as_floats("<f2"), fortran),
    "f64": Case(as_floats("<f8")),
    **{name: integer_case(name) for name in ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                                              "uint64"]},
    "big_int32": integer_case(">i4"),
    "fortran_big_uint16": integer_case(">u2", layout=fortran),
    "bool": Case(as_booleans, threshold=0.5),
    "fortran_bool": Case(as_booleans, fortran, threshold=0.5),
    "cube_c": Case(as_floats("<f4"), cube),
    "cube_fortran": Case(as_floats("<f4"), lambda a: fortran(cube(a))),
    "cube_fortran_int16": integer_case("<i2", layout=lambda a: fortran(cube(a))),
    "v2_f32": Case(as_floats("<f4"), write=save_version((2, 0))),
    "v3_fortran_f32": Case(as_floats("<f4"), fortran, write=save_version((3, 0))),
    "unaligned_1_f32": Case(as_floats("<f4"), write=save_unaligned(1)),
    "unaligned_2_f32": Case(as_floats("<f4"), write=save_unaligned(2)),
    "unaligned_3_f64": Case(as_floats("<f8"), write=save_unaligned(3)),
    "unaligned_1_fortran_f32": Case(as_floats("<f4"), fortran, write=save_unaligned(1)),
    "unaligned_2_big_f32": Case(as_floats(">f4"), write=save_unaligned(2)),
    "unaligned_1_int32": integer_case("<i4", write=save_unaligned(1)),
    "shards_mixed": Case(as_floats("<f4"), shards=3,
                         shard_writes=(save, save_unaligned(1), save_unaligned(2)),
                         shard_layouts=(lambda a: a, fortran, lambda a: a)),
}


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> Path:
    """A bundle with one layer per case, each written by numpy."""
    path = tmp_path_factory.mktemp("npy") / "variants"
    make_bundle(path, instances=INSTANCES, layers=["base:4"], seed=11)
    manifest = json.loads((path / "activis.json").read_text())
    for name, case in CASES.items():
        files = []
        for index, array in enumerate(case.arrays()):
            relative = f"activations/{name}.{index}.npy"
            write = case.shard_writes[index] if case.shard_writes else case.write
            write(path / relative, array)
            files.append(relative)
        manifest["layers"].append({"name": name, "files": files})
    (path / "activis.json").write_text(json.dumps(manifest))
    return path


def check_matrix(result: dict, values: np.ndarray, ref: Reference, what: str) -> None:
    rows = {row["row"]: row for row in result["rows"]}
    for name in ref.classes:
        members = values[ref.label == name]
        row = rows[name]
        assert row["size"] == len(members), f"{what}, class {name}: size {row['size']}, numpy {len(members)}"
        expect_close(np.array(row["mean"], dtype=float), members.mean(axis=0), f"{what}, class {name} mean")
        expect_close(np.array(row["std"], dtype=float), members.std(axis=0), f"{what}, class {name} std",
                     rtol=1e-4, atol=1e-5)
        expect_close(np.array(row["min"], dtype=float), members.min(axis=0), f"{what}, class {name} min",
                     rtol=1e-6, atol=1e-7)
        expect_close(np.array(row["max"], dtype=float), members.max(axis=0), f"{what}, class {name} max",
                     rtol=1e-6, atol=1e-7)


def check_pca(result: dict, values: np.ndarray, ref: Reference, what: str) -> None:
    """The two coordinates against numpy's first two principal components (up to sign)."""
    position = {int(i): k for k, i in enumerate(ref.ids)}
    rows = np.array([position[p["id"]] for p in result["points"]])
    points = np.array([[p["x"], p["y"]] for p in result["points"]], dtype=float)
    centred = values - values.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    expected = centred[rows] @ axes[:2].T
    for k, axis in enumerate("xy"):
        assert points[:, k].std() > 0, f"{what}: every point has the same {axis}"
        correlation = abs(np.corrcoef(points[:, k], expected[:, k])[0, 1])
        assert correlation > 0.999, f"{what}: {axis} against numpy's PC{k + 1}: |r| = {correlation:.4f}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_variant_reads_as_numpy(activis, variants, name):
    case = CASES[name]
    ref = Reference(variants)
    values = ref.layer(name)  # np.load of each shard, reshaped to (N, D) in C order, as float64
    assert values.shape == (INSTANCES, NEURONS)
    out = activis.ok("--format", "json", "-c",
                     f"load {quoted(variants)}; select layer {name}; matrix; project pca; "
                     f"subset s = where neuron 0 > {case.threshold}; members s; matrix")
    first, pca, members, again = [json.loads(line) for line in out.splitlines() if line.strip()]
    check_matrix(first, values, ref, f"{name}, first matrix")
    check_pca(pca, values, ref, name)
    expected_ids = sorted(int(i) for i in ref.ids[values[:, 0] > case.threshold])
    got_ids = sorted(int(m["id"]) for m in members)
    assert got_ids == expected_ids, (f"{name}: neuron 0 > {case.threshold}: {len(got_ids)} members, "
                                     f"numpy finds {len(expected_ids)}")
    check_matrix(again, values, ref, f"{name}, matrix after project and subset")


def test_info_names_the_dtype(activis, variants):
    out = activis.ok("-c", f"load {quoted(variants)}; select layer big_fortran_f64")
    assert "float64 big-endian" in out, out


REFUSED = {
    "complex": (lambda: np.zeros((INSTANCES, 2), dtype=np.complex64), " '<c8' (complex numbers)"),
    "object": (lambda: np.array([[None, 1]] * INSTANCES, dtype=object), " '|O' (Python objects)"),
    "unicode": (lambda: np.full((INSTANCES, 2), "ab"), " '<U2' (unicode strings)"),
    "bytes": (lambda: np.full((INSTANCES, 2), b"ab"), " '|S2' (byte strings)"),
    "datetime": (lambda: np.zeros((INSTANCES, 2), dtype="datetime64[s]"), " '<M8[s]' (datetimes)"),
    "structured": (lambda: np.zeros(INSTANCES, dtype=[("a", "<f4"), ("b", "<f4")]),
                   ": a structured dtype (a list of fields)"),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_non_numeric_dtype_is_refused(activis, tmp_path, kind):
    make, what = REFUSED[kind]
    bundle = tmp_path / "b"
    make_bundle(bundle, instances=INSTANCES, layers=["a:2"], seed=2)
    np.save(bundle / "activations" / "a.npy", make(), allow_pickle=True)
    done = activis.run("-c", f"load {quoted(bundle)}; select layer a; matrix")
    assert done.returncode == 1, f"{kind}: exit status {done.returncode}\n{done.stderr}"
    expected = f"{bundle / 'activations' / 'a.npy'}: unsupported dtype{what}: activis reads float, integer and bool arrays"
    lines = [line for line in done.stderr.splitlines() if "error:" in line]
    assert len(lines) == 1 and lines[0].endswith(expected), f"{kind}: {done.stderr}"
