"""A fallback computation graph for models torch.fx cannot trace: the leaf modules in the
order they ran on one example batch, chained input → module → output → module → …

It is only an approximation of the data flow (branches appear in sequence) but it is
acyclic, names every module, and places each recorded layer on a data node.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import torch
from torch import nn

from .graph import GraphBuilder


def _first_tensor(value: Any) -> torch.Tensor | None:
    if isinstance(value, torch.Tensor):
        return value
    if isinstance(value, (tuple, list)):
        for item in value:
            found = _first_tensor(item)
            if found is not None:
                return found
    if isinstance(value, Mapping):
        return _first_tensor(list(value.values()))
    return None


def _shape(value: Any) -> list[int | None] | None:
    tensor = _first_tensor(value)
    if tensor is None:
        return None
    dims: list[int | None] = list(tensor.shape)
    if dims:
        dims[0] = None
    return dims


def graph_from_module_tree(model: nn.Module, args: Sequence[Any], kwargs: Mapping[str, Any] | None = None,
                           recorded: Mapping[str, str] | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """Run ``model`` once on the example inputs and chain its leaf modules in execution order.

    Returns (graph.json object, layer name → data node id) like :func:`graph_from_fx`.
    """
    finished: list[tuple[str, nn.Module, list[int | None] | None]] = []
    handles = []
    for path, module in model.named_modules():
        if path:
            handles.append(module.register_forward_hook(
                lambda m, inp, out, path=path: finished.append((path, m, _shape(out)))))
    try:
        with torch.no_grad():
            model(*args, **(kwargs or {}))
    finally:
        for handle in handles:
            handle.remove()
    builder = GraphBuilder()
    previous = builder.data("input", _shape(list(args) + list((kwargs or {}).values())))
    path_node: dict[str, str] = {}
    for path, module, shape in finished:
        if not any(True for _ in module.children()):
            group = path.rsplit(".", 1)[0].replace(".", "/") if "." in path else None
            op_id = builder.unique_id(path)
            out_id = builder.unique_id(path + "_out")
            builder.operator(op_id, type(module).__name__, [previous], [out_id], group,
                             {"module": path, "config": module.extra_repr()} if module.extra_repr() else {"module": path})
            previous = builder.data(out_id, shape, group)
        path_node[path] = previous
    layer_nodes = {layer: path_node[path] for layer, path in (recorded or {}).items() if path in path_node}
    return builder.to_dict(), layer_nodes
