"""PyTorch integration: :class:`Recorder` and the model graph from torch.fx."""

from .fx_graph import graph_from_fx, graph_from_module
from .module_graph import graph_from_module_tree
from .torch_recorder import Recorder, pool_tensor, primary_tensor, resolve_layers

__all__ = ["Recorder", "graph_from_fx", "graph_from_module", "graph_from_module_tree",
           "pool_tensor", "primary_tensor", "resolve_layers"]
