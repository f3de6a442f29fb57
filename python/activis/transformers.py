"""Record a Hugging Face Transformers model's activations into an activis bundle::

    import activis.transformers
    activis.transformers.record(model, tokenizer, texts, "out/bert-bundle",
                                labels=labels, pool="mean")

Each chosen layer's hidden states (default: every encoder layer's output) are pooled per
instance over the attention mask, so padding never enters a mean or a maximum: ``"mean"``
over the real tokens, ``"max"`` over them, or ``"cls"`` the first token. The logits are
recorded as a layer named ``logits`` (a neuron per class), with the softmax scores and the
predictions (argmax) in the instance table. The graph comes from ``transformers.utils.fx``
where the model traces, else from its module tree. Nothing is downloaded: the model and the
tokenizer are the caller's.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch

from .fx_graph import graph_from_fx
from .module_graph import graph_from_module_tree
from .writer import BundleWriter

__all__ = ["record", "pool_hidden_states"]
_POOLS = ("mean", "max", "cls")


def pool_hidden_states(hidden: torch.Tensor, attention_mask: torch.Tensor, pool: str) -> torch.Tensor:
    """``(batch, tokens, width)`` hidden states to ``(batch, width)``, over the tokens whose
    attention mask is 1: their mean, their maximum, or the first token (``"cls"``)."""
    if pool == "cls":
        return hidden[:, 0]
    mask = attention_mask.to(hidden.dtype).unsqueeze(-1)
    if pool == "mean":
        return (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
    if pool == "max":
        return hidden.masked_fill(mask == 0, float("-inf")).max(dim=1).values
    raise ValueError(f"pool must be one of {', '.join(_POOLS)}, not {pool!r}")


def _encoder_layers(model: torch.nn.Module, count: int) -> str | None:
    """The module path of the encoder's list of layers (``bert.encoder.layer``), if found."""
    for path, module in model.named_modules():
        if isinstance(module, torch.nn.ModuleList) and len(module) == count and path.split(".")[-1] in ("layer", "layers"):
            return path
    return None


def _chosen_layers(layers: Sequence[int | str] | None, count: int) -> list[tuple[str, int]]:
    """(bundle layer name, index into ``hidden_states``): ``embeddings`` is 0, ``layer_k`` is k."""
    if layers is None:
        return [(f"layer_{k}", k) for k in range(1, count + 1)]
    chosen = []
    for layer in layers:
        if layer == "embeddings" or layer == 0:
            chosen.append(("embeddings", 0))
        elif isinstance(layer, int) and 1 <= layer <= count:
            chosen.append((f"layer_{layer}", layer))
        elif isinstance(layer, str) and layer.startswith("layer_") and layer[6:].isdigit() and 1 <= int(layer[6:]) <= count:
            chosen.append((layer, int(layer[6:])))
        else:
            raise ValueError(f"unknown layer {layer!r}: use 'embeddings', 1…{count} or 'layer_1'…'layer_{count}'")
    return chosen


def _graph(model: torch.nn.Module, example: dict[str, torch.Tensor], recorded: dict[str, str]):
    """graph.json from transformers.utils.fx, else the module tree."""
    try:
        from transformers.utils.fx import symbolic_trace
        traced = symbolic_trace(model, input_names=list(example))
        return graph_from_fx(traced, (), example, recorded)
    except Exception as error:  # models that do not trace still get their module tree
        warnings.warn(f"activis: transformers.utils.fx cannot trace {type(model).__name__} "
                      f"({type(error).__name__}); using the module tree instead")
        return graph_from_module_tree(model, (), example, recorded)


def record(model: torch.nn.Module, tokenizer: Any, texts: Sequence[str], out: str, *, labels: Any = None,
           classes: Sequence[str] | None = None, layers: Sequence[int | str] | None = None, pool: str = "mean",
           batch_size: int = 32, max_length: int | None = None, name: str | None = None,
           description: str | None = None, overwrite: bool = False) -> str:
    """Runs ``model`` on ``texts`` in batches and writes the bundle ``out``; returns its path.

    ``labels`` are class indices or names (optional); ``classes`` default to the model's
    ``config.id2label``; ``layers`` are hidden-state indices or names (``"embeddings"``,
    ``"layer_3"``); ``pool`` is ``"mean"``, ``"max"`` or ``"cls"``.
    """
    if pool not in _POOLS:
        raise ValueError(f"pool must be one of {', '.join(_POOLS)}, not {pool!r}")
    config = model.config
    count = int(config.num_hidden_layers)
    if classes is None:
        classes = [str(config.id2label[k]) for k in range(int(config.num_labels))]
    chosen = _chosen_layers(layers, count)
    label_list = None if labels is None else list(labels.tolist() if hasattr(labels, "tolist") else labels)
    if label_list is not None and len(label_list) != len(texts):
        raise ValueError(f"labels: {len(label_list)} values for {len(texts)} texts")
    model.eval()
    nodes: dict[str, str] | None = None
    with BundleWriter(out, name=name or str(config.model_type), classes=classes, description=description,
                      overwrite=overwrite) as writer:
        for start in range(0, len(texts), batch_size):
            batch = list(texts[start:start + batch_size])
            encoded = tokenizer(batch, padding=True, truncation=True, max_length=max_length, return_tensors="pt")
            inputs = {key: encoded[key] for key in ("input_ids", "attention_mask", "token_type_ids") if key in encoded}
            if nodes is None:  # the graph, traced on the first instance, links the layers to its nodes
                encoder = _encoder_layers(model, count)
                recorded = {layer: f"{encoder}.{index - 1}" for layer, index in chosen if encoder and index > 0}
                graph, nodes = _graph(model, {key: value[:1] for key, value in inputs.items()}, recorded)
                writer.set_graph(graph)
            with torch.no_grad():
                output = model(**inputs, output_hidden_states=True)
            logits = output.logits.float()
            writer.add_instances(texts=batch,
                                 labels=None if label_list is None else label_list[start:start + batch_size],
                                 predictions=logits.argmax(dim=1).tolist(),
                                 scores=torch.softmax(logits, dim=1).numpy())
            for layer, index in chosen:
                pooled = pool_hidden_states(output.hidden_states[index], inputs["attention_mask"], pool)
                writer.add_activations(layer, pooled.float().numpy(), node=nodes.get(layer))
            writer.add_activations("logits", logits.numpy(), neurons=list(classes))
    return out
