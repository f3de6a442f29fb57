"""The instance table parsed in chunks on all cores, and the parsed-table cache, against Python's csv module.

The bundle is large enough (about 4 MB of CSV) to be cut into several chunks; the autouse fixture
in conftest.py gives every run a private XDG_CACHE_HOME.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np
import pytest

from e2e_support import make_bundle, quoted


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cache") / "big"
    make_bundle(path, instances=30_000, layers=["x:4:float32"], seed=11)
    return path


def read_rows(bundle: Path) -> list[dict[str, str]]:
    with open(bundle / "instances.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def source_line(activis, bundle: Path, *options: str) -> str:
    out = activis.ok(*options, "--format", "csv", "-c", "info", str(bundle))
    rows = {row[0]: row[1] for row in csv.reader(io.StringIO(out))}
    return rows["instance table"]


def members(activis, bundle: Path, *options: str) -> list[list[str]]:
    out = activis.ok(*options, "--format", "csv", "-c", "subset all = where length >= 0; members all", str(bundle))
    return list(csv.reader(io.StringIO(out)))[1:]


def expected_members(bundle: Path) -> list[list[str]]:
    return [[r["id"], r["label"], r["predicted"], r["text"]] for r in read_rows(bundle)]


def high_scores(activis, bundle: Path) -> int:
    out = activis.ok("--format", "csv", "-c", "subset s = where score DESC > 0.5; members s", str(bundle))
    return len(out.splitlines()) - 1


def test_parsed_then_cached_tables_equal_the_csv_module(activis, big):
    assert source_line(activis, big).startswith("parsed (cached for next time in ")
    expected = expected_members(big)
    assert len(expected) == 30_000
    assert members(activis, big) == expected  # read from the cache written by `info`
    assert source_line(activis, big).startswith("read from cache ")
    scores = np.array([float(r["score:DESC"]) for r in read_rows(big)], dtype=np.float32)
    assert high_scores(activis, big) == int((scores > np.float32(0.5)).sum())
    assert members(activis, big, "--no-cache") == expected
    assert source_line(activis, big, "--no-cache") == "parsed (cache off)"


def test_a_rewrite_in_place_with_the_same_size_and_time_is_seen(activis, big, tmp_path):
    bundle = tmp_path / "copy"
    make_bundle(bundle, instances=30_000, layers=["x:4:float32"], seed=11)
    members(activis, bundle)
    path = bundle / "instances.csv"
    data = path.read_bytes()
    status = os.stat(path)
    rows = read_rows(bundle)
    middle = len(rows) // 2
    old = rows[middle]["text"]
    new = old.swapcase()
    assert new != old and len(new.encode()) == len(old.encode())
    at = data.index(f"\n{rows[middle]['id']},".encode())
    changed = data[:at] + data[at:].replace(old.encode(), new.encode(), 1)
    assert len(changed) == len(data)
    with open(path, "r+b") as f:
        f.write(changed)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert os.stat(path).st_mtime_ns == status.st_mtime_ns and os.stat(path).st_size == status.st_size
    got = members(activis, bundle)
    assert got[middle][3] == new
    assert got == expected_members(bundle)


def test_a_truncated_cache_file_is_rebuilt(activis, big):
    members(activis, big)
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "activis"
    files = sorted(cache.glob("instances-*.table"))
    assert files, f"no cache file in {cache}"
    for file in files:
        file.write_bytes(file.read_bytes()[: file.stat().st_size // 3])
    assert source_line(activis, big).startswith("parsed (cached for next time in ")
    assert members(activis, big) == expected_members(big)


def test_a_fault_in_a_late_chunk_keeps_its_line_and_column(activis, big, tmp_path):
    bundle = tmp_path / "bad"
    make_bundle(bundle, instances=30_000, layers=["x:4:float32"], seed=11)
    path = bundle / "instances.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    column = header.index("score:NUM")
    # Rows with quoted texts would shift the fields; pick a late row without quotes.
    row = next(i for i in range(25_000, 29_000) if '"' not in lines[i])
    fields = lines[row].split(",")
    fields[column] = "1.2.3"
    lines[row] = ",".join(fields)
    path.write_text("\n".join(lines), encoding="utf-8")
    character = len(",".join(fields[:column])) + 2
    expected = f"{path}:{row + 1}:{character}: '1.2.3' in column 'score:NUM' is not a number"
    for options in ([], ["--no-cache"], []):
        done = activis.run(*options, "-c", f"load {quoted(bundle)}")
        assert done.returncode == 1
        assert expected in done.stderr, done.stderr
