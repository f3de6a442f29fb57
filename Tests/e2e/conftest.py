"""Fixtures of the end-to-end tests: the activis binary and generated bundles.

The binary is $ACTIVIS_BIN or .build/debug/activis; if it is missing every test that
needs it FAILS (never skips) with a message saying how to build it.
"""

from __future__ import annotations

import os

import pytest

from e2e_support import DEFAULT_BIN, Activis, Reference, find_binary, make_bundle


@pytest.fixture(scope="session", autouse=True)
def private_cache_home(tmp_path_factory):
    """Every binary run writes its parsed-table cache here, never into ~/.cache."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(scope="session")
def activis() -> Activis:
    """The binary under test."""
    binary = find_binary()
    if binary is None:
        pytest.fail(f"activis binary not found (ACTIVIS_BIN or {DEFAULT_BIN}, relative to the current "
                    "directory or the repository): run `swift build` first or set ACTIVIS_BIN", pytrace=False)
    return Activis(binary)


@pytest.fixture(scope="session")
def bundle(tmp_path_factory):
    """A 700-instance bundle with float32, float16, float64, sharded, 3-D and output layers."""
    path = tmp_path_factory.mktemp("bundles") / "trec"
    make_bundle(path, id_start=1000)
    return path


@pytest.fixture(scope="session")
def ref(bundle) -> Reference:
    """The numpy/csv reading of ``bundle``."""
    return Reference(bundle)
