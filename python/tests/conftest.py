"""Shared test helpers: reading bundles back with plain numpy/csv/json, checking graphs independently."""

from __future__ import annotations

import atexit
import csv
import json
import os
import shutil
import sys
import tempfile
from typing import Any

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))


# activis runs (test_shell_e2e, test_query) keep their parsed-table cache in a directory of
# this test run's own, never in ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="activis-pytest-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)


def read_manifest(bundle: str) -> dict[str, Any]:
    with open(os.path.join(bundle, "activis.json"), encoding="utf-8") as f:
        return json.load(f)


def read_rows(bundle: str) -> list[dict[str, str]]:
    with open(os.path.join(bundle, "instances.csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def layer_files(bundle: str, name: str) -> list[str]:
    entry = next(layer for layer in read_manifest(bundle)["layers"] if layer["name"] == name)
    return entry["files"] if "files" in entry else [entry["file"]]


def read_layer(bundle: str, name: str) -> np.ndarray:
    """All shards of a layer concatenated, read with numpy."""
    return np.concatenate([np.load(os.path.join(bundle, f)) for f in layer_files(bundle, name)])


def assert_valid_graph(graph: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Ids unique, every reference known, operators only link to data and back, no cycle (DFS)."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert len(nodes) == len(graph["nodes"]), "duplicate ids"
    following: dict[str, list[str]] = {i: [] for i in nodes}
    for node in graph["nodes"]:
        assert node["kind"] in ("operator", "data")
        for source in node.get("inputs", []):
            assert source in nodes, f"unknown input {source}"
            assert nodes[source]["kind"] == "data"
            following[source].append(node["id"])
        for target in node.get("outputs", []):
            assert target in nodes, f"unknown output {target}"
            assert nodes[target]["kind"] == "data"
            following[node["id"]].append(target)
    state: dict[str, int] = {}

    def visit(start: str) -> None:
        stack = [(start, iter(following[start]))]
        state[start] = 1
        while stack:
            current, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[current] = 2
                stack.pop()
            elif state.get(child) == 1:
                raise AssertionError(f"cycle through {child}")
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(following[child])))

    for node_id in nodes:
        if node_id not in state:
            visit(node_id)
    return nodes


@pytest.fixture
def bundle_dir(tmp_path) -> str:
    return str(tmp_path / "bundle")
