"""Record a PyTorch model's activations into an activis bundle during an evaluation loop::

    with activis.torch.Recorder(model, "out/bundle", layers=["convs", "fc"], classes=CLASSES,
                                pool="max") as rec:
        for x, y, texts in loader:
            logits = model(x)
            rec.add_batch(labels=y, logits=logits, texts=texts)

Forward hooks capture the named modules' outputs. The first tensor of a tuple output is
taken (an LSTM's output sequence, an attention module's attended values); sequence-first
outputs (``batch_first=False``) are transposed to batch-first. ``pool`` reduces
convolutional outputs per channel over positions (``"max"`` or ``"mean"``); other outputs
keep their per-instance shape unless ``pool`` names them explicitly, in which case the last
axis is taken as the channel axis (sequence outputs ``(batch, time, features)``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import torch
from torch import nn

from .fx_graph import graph_from_module
from .sampling import Sampler
from .writer import BundleWriter

_CONV_TYPES: tuple[type, ...] = (
    nn.modules.conv._ConvNd, nn.modules.pooling._MaxPoolNd, nn.modules.pooling._AvgPoolNd,
    nn.modules.pooling._AdaptiveAvgPoolNd, nn.modules.pooling._AdaptiveMaxPoolNd,
)
_POOLS = ("max", "mean")


def is_conv_like(module: nn.Module) -> bool:
    """A convolution or spatial pooling module, or a container whose first leaf is one."""
    if isinstance(module, _CONV_TYPES):
        return True
    first_leaf = next((m for m in module.modules() if not any(True for _ in m.children())), None)
    return first_leaf is not module and first_leaf is not None and isinstance(first_leaf, _CONV_TYPES)


def primary_tensor(output: Any) -> torch.Tensor:
    """The tensor to record from a module's output: itself, or the first tensor of a tuple/list."""
    if isinstance(output, torch.Tensor):
        return output
    if isinstance(output, (tuple, list)) and output:
        return primary_tensor(output[0])
    raise TypeError(f"cannot record a module output of type {type(output).__name__}")


def _own_sequence_first(module: nn.Module) -> bool | None:
    """The module's own ``batch_first=False`` layout, None when it has no such notion."""
    if isinstance(module, (nn.RNNBase, nn.MultiheadAttention, nn.Transformer)):
        return not module.batch_first
    if isinstance(module, (nn.TransformerEncoderLayer, nn.TransformerDecoderLayer)):
        return not module.self_attn.batch_first
    if isinstance(module, (nn.TransformerEncoder, nn.TransformerDecoder)) and len(module.layers):
        return _own_sequence_first(module.layers[0])
    return None


def is_sequence_first(model: nn.Module, path: str) -> bool:
    """True when the module at ``path`` outputs ``(sequence, batch, …)``: an RNN, attention or
    transformer built with ``batch_first=False``, or a module inside such a transformer layer."""
    modules = dict(model.named_modules())
    own = _own_sequence_first(modules[path])
    if own is not None:
        return own
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        ancestor = modules[".".join(parts[:cut])]
        if isinstance(ancestor, (nn.TransformerEncoderLayer, nn.TransformerDecoderLayer)):
            return bool(_own_sequence_first(ancestor))
    return False


def pool_tensor(tensor: torch.Tensor, mode: str, channel_axis: int) -> torch.Tensor:
    """Reduce every axis except the batch axis (0) and the channel axis with max or mean."""
    channel = channel_axis % tensor.dim()
    axes = [a for a in range(1, tensor.dim()) if a != channel]
    if not axes:
        return tensor
    if mode == "max":
        return tensor.amax(dim=axes)
    return tensor.mean(dim=axes)


def resolve_layers(model: nn.Module, layers: Sequence[str] | Mapping[str, str] | None,
                   types: Iterable[type] | None) -> dict[str, str]:
    """Bundle layer name → module path. ModuleList/ModuleDict entries expand to their children."""
    modules = dict(model.named_modules())
    wanted: dict[str, str] = {}
    if isinstance(layers, Mapping):
        wanted.update(layers)
    elif layers is not None:
        wanted.update({path: path for path in layers})
    if types is not None:
        kinds = tuple(types)
        wanted.update({path: path for path, m in modules.items() if path and isinstance(m, kinds)})
    if not wanted:
        raise ValueError("name the layers to record (layers=[…]) or their module types (types=[…])")
    resolved: dict[str, str] = {}
    for name, path in wanted.items():
        if path not in modules:
            raise ValueError(f"model has no module {path!r}; modules are: "
                             f"{', '.join(p for p in modules if p) or '(none)'}")
        module = modules[path]
        if isinstance(module, (nn.ModuleList, nn.ModuleDict)):
            for child, _ in module.named_children():
                resolved[f"{name}.{child}"] = f"{path}.{child}"
        else:
            resolved[name] = path
    return resolved


class Recorder:
    """Context manager recording a model's activations, predictions and scores to a bundle.

    Args:
        model: the network; put in eval mode and run without gradients while recording.
        path: the bundle directory.
        layers: module paths to record (names in the bundle), or a mapping bundle name → path.
        types: record every module of these types (e.g. ``[nn.Linear, nn.Conv1d]``).
        classes: class names in output order (labels and logits index them).
        pool: ``"max"``/``"mean"`` for convolutional layers, ``None`` to keep full outputs, or a
            mapping layer name → mode (non-convolutional layers then pool over all but the last axis).
        sample, total, every, include, seed: instance sampling (see :class:`activis.sampling.Sampler`).
        dtype: ``"float32"`` or ``"float16"``.
        graph: write the model's graph (torch.fx, else its module tree) from the first batch.
        neurons: optional neuron names per layer (after pooling).
        writer_options: passed on to :class:`activis.BundleWriter` (``name``, ``description``,
            ``overwrite``, ``shard_rows``, ``rank``…).
    """

    def __init__(self, model: nn.Module, path: str, layers: Sequence[str] | Mapping[str, str] | None = None,
                 types: Iterable[type] | None = None, classes: Sequence[str] | None = None,
                 pool: str | Mapping[str, str | None] | None = None, sample: int | float | None = None,
                 total: int | None = None, every: int | None = None, include: Iterable[int] | None = None,
                 seed: int = 0, dtype: str = "float32", graph: bool = True,
                 neurons: Mapping[str, Sequence[str]] | None = None, **writer_options: Any) -> None:
        self.model = model
        self.layers = resolve_layers(model, layers, types)
        explicit = resolve_layers(model, layers, None) if layers is not None else {}
        self._optional = set(self.layers) - set(explicit)  # found by type: dropped if they never run
        self.classes = list(classes) if classes is not None else None
        if str(dtype) not in ("float16", "float32", "torch.float16", "torch.float32"):
            raise ValueError(f"dtype {dtype!r}: use 'float32' or 'float16'")
        self.dtype = torch.float16 if str(dtype) in ("float16", "torch.float16") else torch.float32
        self._pool = self._resolve_pool(pool)
        self._sampler = Sampler(sample, total, every, include, seed)
        self._want_graph = graph
        self._neurons = dict(neurons or {})
        self._graph_nodes: dict[str, str] = {}
        self._example: tuple[tuple[Any, ...], dict[str, Any]] | None = None
        self._captured: dict[str, torch.Tensor] = {}
        self._capturing = False
        self._position = 0
        self._handles: list[Any] = []
        writer_options.setdefault("overwrite", True)
        self.writer = BundleWriter(path, classes=self.classes, dtype="float16" if self.dtype == torch.float16
                                   else "float32", **writer_options)

    def _resolve_pool(self, pool: str | Mapping[str, str | None] | None) -> dict[str, tuple[str, int]]:
        modules = dict(self.model.named_modules())
        result: dict[str, tuple[str, int]] = {}
        if isinstance(pool, Mapping):
            for name, mode in pool.items():
                if name not in self.layers:
                    raise ValueError(f"pool names {name!r}, which is not a recorded layer")
                if mode is not None:
                    module = modules[self.layers[name]]
                    result[name] = (mode, 1 if is_conv_like(module) else -1)
        elif pool is not None:
            result = {name: (pool, 1) for name, path in self.layers.items() if is_conv_like(modules[path])}
        for mode, _ in result.values():
            if mode not in _POOLS:
                raise ValueError(f"pool mode {mode!r}: use 'max', 'mean' or None")
        return result

    # -- hooks ----------------------------------------------------------------------------

    def _hook(self, name: str):
        sequence_first = is_sequence_first(self.model, self.layers[name])

        def capture(module: nn.Module, inputs: Any, output: Any) -> None:
            if not self._capturing:
                return
            tensor = primary_tensor(output).detach()
            if sequence_first and tensor.dim() >= 2:
                tensor = tensor.transpose(0, 1)
            if name in self._pool:
                tensor = pool_tensor(tensor, *self._pool[name])
            self._captured[name] = tensor
        return capture

    def _remember_inputs(self, module: nn.Module, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if self._example is None and self._capturing:
            self._example = (args, kwargs)

    def __enter__(self) -> "Recorder":
        self._was_training = self.model.training
        self._grad_was_enabled = torch.is_grad_enabled()
        self.model.eval()
        torch.set_grad_enabled(False)
        modules = dict(self.model.named_modules())
        for name, path in self.layers.items():
            self._handles.append(modules[path].register_forward_hook(self._hook(name)))
        if self._want_graph:
            self._handles.append(self.model.register_forward_pre_hook(self._remember_inputs, with_kwargs=True))
        self._capturing = True
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles.clear()
        self._capturing = False
        torch.set_grad_enabled(self._grad_was_enabled)
        self.model.train(self._was_training)
        if exc_type is None:
            self.close()
        else:
            self.writer.abort()

    # -- batches --------------------------------------------------------------------------

    def add_batch(self, labels: Any = None, logits: torch.Tensor | None = None, texts: Sequence[str] | None = None,
                  ids: Any = None, predictions: Any = None, scores: Any = None,
                  attributes: Mapping[str, Any] | None = None) -> int:
        """Record the batch the model has just run on; returns how many instances were kept.

        ``labels`` are class indices or names; ``logits`` give the predictions (argmax) and
        the scores (softmax) unless ``predictions``/``scores`` are passed. ``ids`` default to
        the instances' positions in the run; ``attributes`` map a column to one value per instance.
        """
        missing = [name for name in self.layers if name not in self._captured]
        if missing and self._position == 0 and set(missing) <= self._optional:
            warnings.warn(f"activis: not recording {missing}: these modules did not run in the forward pass")
            for name in missing:
                del self.layers[name]
            missing = []
        if missing:
            raise RuntimeError(f"layers {missing} did not run since the last add_batch: call the model "
                               "on the batch first (inside the Recorder's with block)")
        captured, self._captured = self._captured, {}
        n = next(iter(captured.values())).shape[0]
        for name, tensor in captured.items():
            if tensor.shape[0] != n:
                raise RuntimeError(f"layer {name!r} produced {tensor.shape[0]} rows, another layer {n}")
        keep = self._sampler.mask(self._position, n)
        positions = np.arange(self._position, self._position + n)
        self._position += n
        if self._want_graph and not self.writer.graph:
            self._write_graph()
        if logits is not None and self.classes is None and self.writer.instance_count == 0:
            self.classes = [str(i) for i in range(logits.shape[-1])]  # unnamed classes: their indices
            self.writer.classes = self.classes
        if logits is not None:
            probabilities = torch.softmax(logits.detach().float(), dim=-1)
            scores = probabilities if scores is None else scores
            predictions = probabilities.argmax(dim=-1) if predictions is None else predictions
        kept = int(keep.sum())
        if kept == 0:
            return 0
        select = torch.from_numpy(np.flatnonzero(keep))

        def pick(values: Any) -> Any:
            if values is None:
                return None
            if isinstance(values, torch.Tensor):
                return values.detach().cpu()[select].numpy()
            array = np.asarray(values) if not isinstance(values, (list, tuple)) else None
            if array is not None and array.ndim > 0:
                return array[keep]
            items = list(values)
            if len(items) != n:
                raise ValueError(f"a column has {len(items)} values for a batch of {n}")
            return [items[i] for i in np.flatnonzero(keep)]

        self.writer.add_instances(
            kept, ids=pick(ids) if ids is not None else positions[keep], texts=pick(texts), labels=pick(labels),
            predictions=pick(predictions), scores=pick(scores),
            attributes={k: pick(v) for k, v in (attributes or {}).items()})
        for name, tensor in captured.items():
            rows = tensor.index_select(0, select.to(tensor.device)).to("cpu", self.dtype)
            self.writer.add_activations(name, rows.numpy(), node=self._graph_nodes.get(name),
                                        neurons=self._neurons.get(name))
        return kept

    def _write_graph(self) -> None:
        if self._example is None:
            return
        args, kwargs = self._example
        self._capturing = False
        try:
            graph, nodes = graph_from_module(self.model, args, kwargs, self.layers)
        finally:
            self._capturing = True
            self._example = None
        self._graph_nodes = nodes
        self.writer.set_graph(graph)

    def close(self) -> None:
        """Finish the bundle (called by the with block)."""
        self.writer.close()
