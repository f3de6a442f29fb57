"""The computation graph of an ONNX model file as a bundle ``graph.json`` object.

Operators are the ONNX nodes; data nodes are the graph inputs and every value the nodes
produce. Initializers (weights) are not data nodes: each operator lists the ones it reads,
with their shapes, under ``attrs.params``. Shapes come from the graph's inputs, outputs and
``value_info`` (after ONNX shape inference when it succeeds); symbolic dimensions are ``null``.
Groups come from the module scopes PyTorch's exporters record (metadata or node names).
"""

from __future__ import annotations

import ast
import os
from typing import Any

import onnx
from onnx import helper, shape_inference

from .graph import GraphBuilder

_MAX_ATTR_ITEMS = 16


def _value_shape(value: onnx.ValueInfoProto) -> list[int | None] | None:
    tensor_type = value.type.tensor_type
    if not tensor_type.HasField("shape"):
        return None
    return [d.dim_value if d.HasField("dim_value") else None for d in tensor_type.shape.dim]


def _attribute(attribute: onnx.AttributeProto) -> Any:
    value = helper.get_attribute_value(attribute)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, (list, tuple)):
        items = [v.decode("utf-8", errors="replace") if isinstance(v, bytes) else v for v in value]
        if all(isinstance(v, (int, float, str)) for v in items):
            return items[:_MAX_ATTR_ITEMS]
        return f"{len(items)} items"
    if isinstance(value, (int, float, str)):
        return value
    return type(value).__name__


def _group(node: onnx.NodeProto) -> str | None:
    """The module path of a node: from the name scopes PyTorch's torch.export-based exporter
    stores in metadata (``['', 'conv3', 'conv3.0', 'conv1d']`` → ``conv3/0``), else from a
    TorchScript-exporter node name (``/encoder/conv3/Conv`` → ``encoder/conv3``)."""
    for prop in node.metadata_props:
        if prop.key == "pkg.torch.onnx.name_scopes":
            try:
                scopes = ast.literal_eval(prop.value)
            except (ValueError, SyntaxError):
                break
            modules = [s for s in scopes[:-1] if s]
            return modules[-1].replace(".", "/") if modules else None
    parts = [p for p in node.name.split("/") if p]
    return "/".join(parts[:-1]) if len(parts) > 1 else None


def graph_from_onnx(model: str | os.PathLike[str] | onnx.ModelProto) -> dict[str, Any]:
    """Read an ONNX file (or loaded model) into a validated graph.json object."""
    proto = onnx.load(os.fspath(model)) if not isinstance(model, onnx.ModelProto) else model
    try:
        proto = shape_inference.infer_shapes(proto)
    except Exception:  # inference is a nicety; keep the declared shapes
        pass
    graph = proto.graph
    initializers = {init.name: list(init.dims) for init in graph.initializer}
    shapes: dict[str, list[int | None] | None] = {}
    for value in list(graph.input) + list(graph.value_info) + list(graph.output):
        shapes[value.name] = _value_shape(value)
    outputs = {value.name for value in graph.output}

    builder = GraphBuilder()
    value_ids: dict[str, str] = {}
    tensor_names = {v.name for v in graph.input} | {o for n in graph.node for o in n.output if o}
    for value in graph.input:
        if value.name not in initializers:
            value_ids[value.name] = builder.data(value.name, shapes.get(value.name), attrs={"input": True})
    for index, node in enumerate(graph.node):
        wanted = node.name or f"{node.op_type}_{index}"
        op_id = wanted if wanted not in tensor_names else wanted + "#op"
        op_id = builder.unique_id(op_id)
        group = _group(node)
        attrs: dict[str, Any] = {a.name: _attribute(a) for a in node.attribute}
        params = {name: initializers[name] for name in node.input if name in initializers}
        if params:
            attrs["params"] = params
        if node.domain:
            attrs["domain"] = node.domain
        inputs = []
        for name in node.input:
            if not name or name in initializers:
                continue
            if name not in value_ids:  # a graph input declared nowhere else
                value_ids[name] = builder.data(name, shapes.get(name))
            inputs.append(value_ids[name])
        produced = []
        for name in node.output:
            if not name:
                continue
            value_ids[name] = builder.data(name, shapes.get(name), group,
                                           {"output": True} if name in outputs else None)
            produced.append(value_ids[name])
        builder.operator(op_id, node.op_type, inputs, produced, group, attrs or None)
    return builder.to_dict()
