"""ONNX integration: the computation graph of an ``.onnx`` file."""

from .onnx_graph import graph_from_onnx

__all__ = ["graph_from_onnx"]
