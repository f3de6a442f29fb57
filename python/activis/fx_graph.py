"""The computation graph of a PyTorch module via torch.fx symbolic tracing.

Every fx node becomes an operator with one output data node (placeholders and parameters
become data nodes only), so the result is the bipartite graph of the bundle format. Shapes
come from running ``ShapeProp`` on one example batch; the batch dimension is written as
``null``. Modules being recorded are kept whole (leaf modules of the tracer), so each recorded
layer corresponds to exactly one data node. When tracing fails (data-dependent control flow,
unsupported calls) :func:`graph_from_module` falls back to :mod:`activis.module_graph`.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import torch
from torch import fx, nn
from torch.fx.passes.shape_prop import ShapeProp

from .graph import GraphBuilder
from .module_graph import graph_from_module_tree

_MAX_ATTR_TEXT = 120


class _LeafTracer(fx.Tracer):
    """A tracer that keeps the given module paths (besides torch.nn's own modules) as leaves."""

    def __init__(self, leaves: set[str]) -> None:
        super().__init__()
        self.leaves = leaves

    def is_leaf_module(self, m: nn.Module, module_qualified_name: str) -> bool:
        return module_qualified_name in self.leaves or super().is_leaf_module(m, module_qualified_name)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_ATTR_TEXT else text[:_MAX_ATTR_TEXT - 1] + "…"


def _shape(meta: Any, batch: int | None, is_parameter: bool) -> list[int | None] | None:
    shape = getattr(meta, "shape", None)
    if shape is None:
        return None
    dims: list[int | None] = [int(d) for d in shape]
    if not is_parameter and dims and batch is not None and dims[0] == batch:
        dims[0] = None
    return dims


def _group(node: fx.Node, own_module: bool) -> str | None:
    stack = node.meta.get("nn_module_stack")
    if not stack:
        return None
    paths = [value[0] if isinstance(value, tuple) else str(value) for value in stack.values()]
    if own_module:
        paths = paths[:-1]
    return paths[-1].replace(".", "/") if paths else None


def _op_name(node: fx.Node, root: nn.Module) -> str:
    if node.op == "call_module":
        return type(root.get_submodule(str(node.target))).__name__
    if node.op == "call_function":
        return getattr(node.target, "__name__", str(node.target))
    return str(node.target)


def _attrs(node: fx.Node, root: nn.Module) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    if node.op == "call_module":
        attrs["module"] = str(node.target)
        extra = root.get_submodule(str(node.target)).extra_repr()
        if extra:
            attrs["config"] = extra
    else:
        constants = [a for a in node.args if not isinstance(a, (fx.Node, list, tuple, dict))]
        if constants:
            attrs["args"] = _short(constants)
        kw = {k: v for k, v in node.kwargs.items() if not isinstance(v, fx.Node)}
        if kw:
            attrs["kwargs"] = _short(kw)
    return attrs


def _positional_inputs(model: nn.Module, args: Sequence[Any], kwargs: Mapping[str, Any]) -> list[Any]:
    """The example inputs in the order of the traced graph's placeholders."""
    signature = inspect.signature(model.forward)
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    return list(bound.arguments.values())


def graph_from_fx(model: nn.Module, args: Sequence[Any], kwargs: Mapping[str, Any] | None = None,
                  recorded: Mapping[str, str] | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """Trace ``model`` with torch.fx; returns (graph.json object, layer name → data node id).

    ``recorded`` maps bundle layer names to module paths. Raises whatever tracing raises.
    """
    recorded = dict(recorded or {})
    tracer = _LeafTracer(set(recorded.values()))
    traced = tracer.trace(model)
    module = fx.GraphModule(tracer.root, traced)
    inputs = _positional_inputs(model, args, kwargs or {})
    batch = None
    first = next((x for x in inputs if isinstance(x, torch.Tensor)), None)
    if first is not None and first.dim() > 0:
        batch = int(first.shape[0])
    try:
        with torch.no_grad():
            ShapeProp(module).propagate(*inputs)
    except Exception as error:  # shapes are a nicety; the structure is still right
        warnings.warn(f"activis: shape propagation failed ({error}); graph without shapes")

    names = {node.name for node in traced.nodes}
    builder = GraphBuilder()
    data_of: dict[fx.Node, str] = {}
    by_target: dict[str, fx.Node] = {}
    for node in traced.nodes:
        meta = node.meta.get("tensor_meta")
        if node.op == "output":
            continue
        if node.op in ("placeholder", "get_attr"):
            is_param = node.op == "get_attr"
            attrs = {"parameter": str(node.target)} if is_param else None
            data_of[node] = builder.data(node.name, _shape(meta, batch, is_param), _group(node, False), attrs)
            continue
        inputs_of: list[str] = []
        fx.node.map_arg((node.args, node.kwargs), lambda n: inputs_of.append(data_of[n]) if n in data_of else None)
        out_id = node.name + "_out"
        while out_id in names:
            out_id += "_"
        names.add(out_id)
        own = node.op == "call_module"
        group = _group(node, own)
        if isinstance(meta, (tuple, list)) and not hasattr(meta, "shape"):  # TensorMetadata is a NamedTuple
            shape, data_attrs = None, {"tuple": [_shape(m, batch, False) for m in meta]}
        else:
            shape, data_attrs = _shape(meta, batch, False), None
        builder.operator(node.name, _op_name(node, model), inputs_of, [out_id], group, _attrs(node, model))
        data_of[node] = builder.data(out_id, shape, group, data_attrs)
        if own:
            by_target[str(node.target)] = node
    layer_nodes: dict[str, str] = {}
    for layer, path in recorded.items():
        node = by_target.get(path)
        if node is None:
            continue
        first_item = next((u for u in node.users if u.op == "call_function"
                           and getattr(u.target, "__name__", "") == "getitem" and u.args[1] == 0), None)
        layer_nodes[layer] = data_of[first_item] if first_item is not None else data_of[node]
    return builder.to_dict(), layer_nodes


def graph_from_module(model: nn.Module, args: Sequence[Any], kwargs: Mapping[str, Any] | None = None,
                      recorded: Mapping[str, str] | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """The model's graph from torch.fx, or from its module tree when it does not trace."""
    try:
        return graph_from_fx(model, args, kwargs, recorded)
    except Exception as error:
        warnings.warn(f"activis: torch.fx cannot trace {type(model).__name__} ({type(error).__name__}: "
                      f"{error}); using the module tree instead")
        return graph_from_module_tree(model, args, kwargs, recorded)
