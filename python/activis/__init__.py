"""activis: write bundles of neuron activations for the activis query shell.

The core (:class:`BundleWriter`) needs only numpy; :func:`query` runs the shell on a bundle
and returns its results as pandas DataFrames. ``activis.torch`` (PyTorch recorder and
torch.fx graphs), ``activis.onnx`` (graphs from ONNX files) and ``activis.transformers`` (Hugging Face models) are
imported on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from .graph import GraphBuilder, GraphError, validate_graph
from .query import ActivisError, Session, query
from .writer import BundleError, BundleWriter, merge_shards

__all__ = ["BundleWriter", "BundleError", "merge_shards", "GraphBuilder", "GraphError", "validate_graph",
           "query", "Session", "ActivisError"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """Import the optional framework modules (``torch``, ``onnx``, ``transformers``) lazily."""
    if name in ("torch", "onnx", "transformers"):
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'activis' has no attribute {name!r}")
