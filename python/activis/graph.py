"""The computation graph of a bundle (``graph.json``): building blocks and validation.

A graph is bipartite: ``operator`` nodes consume and produce ``data`` nodes. Builders (from
torch.fx, from ONNX, from a module tree) create it through :class:`GraphBuilder`, which keeps
ids unique; :func:`validate_graph` checks what the bundle format requires.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

Shape = list[int | None]


class GraphError(ValueError):
    """A graph breaks the bundle format's rules (unknown reference, cycle, duplicate id…)."""


class GraphBuilder:
    """Accumulates graph nodes, keeping ids unique and insertion ordered."""

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self._ids: set[str] = set()

    def unique_id(self, wanted: str) -> str:
        """Return ``wanted`` or ``wanted_2``, ``wanted_3``… whichever is not taken yet."""
        candidate, n = wanted, 1
        while candidate in self._ids:
            n += 1
            candidate = f"{wanted}_{n}"
        return candidate

    def _add(self, node: dict[str, Any]) -> str:
        if node["id"] in self._ids:
            raise GraphError(f"duplicate node id {node['id']!r}")
        self._ids.add(node["id"])
        self.nodes.append(node)
        return node["id"]

    def data(self, node_id: str, shape: Sequence[int | None] | None = None, group: str | None = None,
             attrs: dict[str, Any] | None = None) -> str:
        """Add a data (tensor) node and return its id."""
        node: dict[str, Any] = {"id": node_id, "kind": "data"}
        if shape is not None:
            node["shape"] = list(shape)
        if group:
            node["group"] = group
        if attrs:
            node["attrs"] = attrs
        return self._add(node)

    def operator(self, node_id: str, op: str, inputs: Iterable[str], outputs: Iterable[str],
                 group: str | None = None, attrs: dict[str, Any] | None = None) -> str:
        """Add an operator node and return its id."""
        node: dict[str, Any] = {"id": node_id, "kind": "operator", "op": op,
                                "inputs": list(dict.fromkeys(inputs)), "outputs": list(outputs)}
        if group:
            node["group"] = group
        if attrs:
            node["attrs"] = attrs
        return self._add(node)

    def to_dict(self) -> dict[str, Any]:
        """The graph as the JSON object of ``graph.json``; validated first."""
        graph = {"nodes": self.nodes}
        validate_graph(graph)
        return graph


def edges(graph: dict[str, Any]) -> list[tuple[str, str]]:
    """All edges (source id, target id) of a graph."""
    result = []
    for node in graph["nodes"]:
        for source in node.get("inputs", []):
            result.append((source, node["id"]))
        for target in node.get("outputs", []):
            result.append((node["id"], target))
    return result


def validate_graph(graph: dict[str, Any]) -> None:
    """Raise :class:`GraphError` unless ids are unique, kinds valid, references known and no cycle."""
    nodes = graph.get("nodes")
    if not isinstance(nodes, list):
        raise GraphError("graph has no 'nodes' list")
    kinds: dict[str, str] = {}
    for node in nodes:
        node_id = node.get("id")
        if not isinstance(node_id, str) or not node_id:
            raise GraphError(f"node without a string id: {node!r}")
        if node_id in kinds:
            raise GraphError(f"duplicate node id {node_id!r}")
        if node.get("kind") not in ("operator", "data"):
            raise GraphError(f"node {node_id!r} has kind {node.get('kind')!r}, expected operator or data")
        kinds[node_id] = node["kind"]
    for source, target in edges(graph):
        for end in (source, target):
            if end not in kinds:
                raise GraphError(f"edge {source!r} -> {target!r} refers to unknown node {end!r}")
    _check_acyclic(list(kinds), edges(graph))


def _check_acyclic(ids: list[str], edge_list: list[tuple[str, str]]) -> None:
    """Kahn's algorithm; raises naming one node on a cycle."""
    successors: dict[str, list[str]] = {i: [] for i in ids}
    indegree = dict.fromkeys(ids, 0)
    for source, target in edge_list:
        successors[source].append(target)
        indegree[target] += 1
    ready = [i for i in ids if indegree[i] == 0]
    seen = 0
    while ready:
        current = ready.pop()
        seen += 1
        for nxt in successors[current]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    if seen != len(ids):
        stuck = next(i for i in ids if indegree[i] > 0)
        raise GraphError(f"graph has a cycle through node {stuck!r}")


def node_ids(graph: dict[str, Any]) -> set[str]:
    """The ids of all nodes."""
    return {node["id"] for node in graph["nodes"]}
