import ActivisCore

/// What of a model graph the overview shows: the graph with some of its groups
/// collapsed into single box nodes, and the data nodes that have activations.
///
/// A node's `group` is a slash-separated module path (`encoder/layer.0/attn`).
/// Every prefix of that path is a group at a nesting level (`encoder` is at
/// level 1, `encoder/layer.0` at level 2). A group is *collapsed* when
///
/// - it is in `collapsed`, or
/// - `depth` is set, its level is greater than `depth`, and no path in
///   `expanded` is that group or lies inside it (expanding a group opens its
///   ancestors too, so that it can be seen).
///
/// Every node inside a collapsed group (at any depth) is replaced by one box
/// node for the outermost collapsed group on its path. Edges are mapped to the
/// boxes; edges inside one box disappear and parallel edges are merged into one
/// edge that counts them (`multiplicity`). Collapsing may make the view cyclic
/// (a box that feeds a node that feeds the box again); the layout handles that.
///
/// ```swift
/// let view = GraphView(graph: graph, depth: 1, expanded: ["encoder/layer.3"],
///                      collapsed: [], highlighted: ["cat_1": "concat"])
/// ```
package struct GraphView: Sendable {
  /// What a view node stands for.
  package enum NodeKind: Sendable, Equatable {
    /// An operator node of the graph.
    case `operator`
    /// A data (tensor) node of the graph.
    case data
    /// A collapsed group: one box for all the nodes inside it.
    case group
  }

  /// One node of the view: a graph node, or a collapsed group.
  package struct Node: Sendable {
    /// The graph node's id, or the group's path for a collapsed group.
    package let id: String
    /// Operator, data, or collapsed group.
    package let kind: NodeKind
    /// The graph node's index in `ModelGraph.nodes`; `nil` for a group.
    package let graphIndex: Int?
    /// The group path shown with the node: its own group, or for a collapsed
    /// group, its path.
    package let group: String?
    /// The graph nodes a collapsed group stands for; 1 for a graph node.
    package let memberCount: Int
    /// The layer names recorded at this data node, or at data nodes inside
    /// this collapsed group, sorted.
    package let layers: [String]
  }

  /// One edge of the view, between indices into `nodes`.
  package struct Edge: Sendable, Hashable {
    /// Index of the source node in `nodes`.
    package let from: Int
    /// Index of the target node in `nodes`.
    package let to: Int
    /// How many graph edges this edge stands for (more than 1 after merging).
    package let multiplicity: Int
  }

  /// The whole graph.
  package let graph: ModelGraph
  /// Group levels shown open by default; `nil` opens every group.
  package let depth: Int?
  /// Group paths forced open (with their ancestors).
  package let expanded: Set<String>
  /// Group paths forced closed; wins over `expanded`.
  package let collapsed: Set<String>
  /// Data node id → layer name, for the nodes that have activations.
  package let highlighted: [String: String]
  /// The nodes shown, in order of their first graph node.
  package let nodes: [Node]
  /// The edges shown, without self-loops, each pair once.
  package let edges: [Edge]
  /// For each graph node, the index of the view node that shows it.
  package let viewIndexOfGraphNode: [Int]

  /// Builds the view.
  ///
  /// - Parameters:
  ///   - graph: the model graph.
  ///   - depth: group levels open by default (`0` collapses every top-level
  ///     group); `nil` opens all groups.
  ///   - expanded: group paths to open whatever the depth.
  ///   - collapsed: group paths to close whatever the depth.
  ///   - highlighted: data node id → layer name for nodes with activations.
  /// - Complexity: O((nodes + edges) · group nesting).
  package init(
    graph: ModelGraph, depth: Int? = nil, expanded: Set<String> = [], collapsed: Set<String> = [],
    highlighted: [String: String] = [:]
  ) {
    self.graph = graph
    self.depth = depth
    self.expanded = expanded
    self.collapsed = collapsed
    self.highlighted = highlighted

    var opened = Set<String>()
    for path in expanded {
      for prefix in Self.prefixes(of: path) { opened.insert(prefix) }
    }
    var nodes: [Node] = []
    var boxIndex: [String: Int] = [:]
    var boxMembers: [Int] = []
    var boxLayers: [Int: [String]] = [:]
    var viewIndex = [Int](repeating: 0, count: graph.nodes.count)
    for (index, node) in graph.nodes.enumerated() {
      let box = Self.collapsedPrefix(
        of: node.group, depth: depth, opened: opened, collapsed: collapsed)
      let layer = node.kind == .data ? highlighted[node.id] : nil
      guard let box else {
        viewIndex[index] = nodes.count
        nodes.append(Node(
          id: node.id, kind: node.kind == .operator ? .operator : .data, graphIndex: index,
          group: node.group, memberCount: 1, layers: layer.map { [$0] } ?? []))
        boxMembers.append(1)
        continue
      }
      let at: Int
      if let existing = boxIndex[box] {
        at = existing
        boxMembers[at] += 1
      } else {
        at = nodes.count
        boxIndex[box] = at
        nodes.append(Node(
          id: box, kind: .group, graphIndex: nil, group: box, memberCount: 1, layers: []))
        boxMembers.append(1)
      }
      if let layer { boxLayers[at, default: []].append(layer) }
      viewIndex[index] = at
    }
    for at in boxIndex.values {
      let node = nodes[at]
      nodes[at] = Node(
        id: node.id, kind: .group, graphIndex: nil, group: node.group,
        memberCount: boxMembers[at], layers: (boxLayers[at] ?? []).sorted())
    }

    var counts: [Int64: Int] = [:]
    var order: [Int64] = []
    for edge in graph.edges {
      let from = viewIndex[edge.from]
      let to = viewIndex[edge.to]
      guard from != to else { continue }
      let key = Int64(from) << 32 | Int64(to)
      if let count = counts[key] {
        counts[key] = count + 1
      } else {
        counts[key] = 1
        order.append(key)
      }
    }
    self.edges = order.map { key in
      Edge(from: Int(key >> 32), to: Int(key & 0xFFFF_FFFF), multiplicity: counts[key] ?? 1)
    }
    self.nodes = nodes
    self.viewIndexOfGraphNode = viewIndex
  }

  /// The index in `nodes` of the view node with this id (a graph node id, or
  /// a collapsed group's path), if it is shown.
  package func index(of id: String) -> Int? {
    if let graphIndex = graph.index(of: id) {
      let at = viewIndexOfGraphNode[graphIndex]
      if nodes[at].id == id { return at }
    }
    return nodes.firstIndex { $0.kind == .group && $0.id == id }
  }

  /// Every group path of the graph (each prefix of each node's group), sorted.
  package static func groupPaths(in graph: ModelGraph) -> [String] { graph.groupPaths }

  /// The deepest group depth at which the view has at most `maxNodes` nodes:
  /// `nil` when the whole graph fits, `0` when even the top level does not.
  ///
  /// This is the depth the `graph` command uses when the user gives none, so
  /// that the overview of a large model starts as a readable page.
  ///
  /// - Complexity: O(nodes · nesting²).
  package static func automaticDepth(for graph: ModelGraph, maxNodes: Int = 60) -> Int? {
    if graph.nodes.count <= maxNodes { return nil }
    let nesting = graph.nodes.map { node in
      node.group.map { $0.split(separator: "/", omittingEmptySubsequences: true).count } ?? 0
    }.max() ?? 0
    var best = 0
    for depth in 0 ..< nesting {
      var shown = 0
      var boxes = Set<String>()
      for node in graph.nodes {
        if let box = collapsedPrefix(of: node.group, depth: depth, opened: [], collapsed: []) {
          boxes.insert(box)
        } else {
          shown += 1
        }
      }
      if shown + boxes.count > maxNodes { break }
      best = depth
    }
    return best
  }

  /// `a/b/c` → `a`, `a/b`, `a/b/c` (empty components dropped).
  static func prefixes(of path: String) -> [String] {
    var result: [String] = []
    var current = ""
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
      current = current.isEmpty ? String(component) : current + "/" + component
      result.append(current)
    }
    return result
  }

  /// The outermost collapsed group on a node's group path, if any.
  static func collapsedPrefix(
    of group: String?, depth: Int?, opened: Set<String>, collapsed: Set<String>
  ) -> String? {
    guard let group, !group.isEmpty else { return nil }
    for (level, prefix) in prefixes(of: group).enumerated() {
      if collapsed.contains(prefix) { return prefix }
      if let depth, level + 1 > depth, !opened.contains(prefix) { return prefix }
    }
    return nil
  }
}
