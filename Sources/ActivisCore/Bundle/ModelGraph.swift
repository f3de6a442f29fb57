/// A model's computation graph, as `graph.json` describes it: operator nodes
/// and data (tensor) nodes, edges from each input to its operator and from the
/// operator to each output. Validated on reading: ids unique, every reference
/// known, no cycle.
public struct ModelGraph: Sendable {
  /// Whether a node is an operation or a tensor.
  public enum Kind: String, Sendable {
    case `operator`
    case data
  }

  /// One node as `graph.json` gives it.
  public struct Node: Sendable {
    /// The node's unique id.
    public let id: String
    /// `operator` or `data`.
    public let kind: Kind
    /// The operation (`Conv1d`, `MatMul`, …), for operators.
    public let op: String?
    /// The tensor shape; `nil` entries are unknown (batch) dimensions.
    public let shape: [Int?]?
    /// Slash-separated module path (`encoder/conv3`), if any.
    public let group: String?
    /// Free-form attributes, sorted by key.
    public let attributes: [(key: String, value: JSONValue)]
    /// Ids of the nodes with an edge into this one.
    public let inputs: [String]
    /// Ids of the nodes this one has an edge to.
    public let outputs: [String]

    /// A node; the graph checks its references.
    public init(
      id: String, kind: Kind, op: String? = nil, shape: [Int?]? = nil, group: String? = nil,
      attributes: [(key: String, value: JSONValue)] = [], inputs: [String] = [], outputs: [String] = []
    ) {
      self.id = id
      self.kind = kind
      self.op = op
      self.shape = shape
      self.group = group
      self.attributes = attributes
      self.inputs = inputs
      self.outputs = outputs
    }
  }

  /// A directed edge between node indices.
  public struct Edge: Hashable, Sendable {
    /// The source node's index.
    public let from: Int
    /// The target node's index.
    public let to: Int
    /// An edge `from → to`.
    public init(from: Int, to: Int) {
      self.from = from
      self.to = to
    }
  }

  /// The nodes, in file order.
  public let nodes: [Node]
  /// Every edge, once, derived from the nodes' `inputs` and `outputs`.
  public let edges: [Edge]
  private let indexByID: [String: Int]

  /// Builds and validates a graph.
  ///
  /// - Parameter file: the name shown in errors.
  /// - Throws: `BundleError` for a duplicate id, a reference to an unknown
  ///   node, or a cycle (naming one node on it).
  public init(nodes: [Node], file: String) throws {
    var indexByID: [String: Int] = [:]
    for (index, node) in nodes.enumerated() {
      if indexByID[node.id] != nil {
        throw BundleError(.malformedGraph, file: file, "duplicate node id '\(node.id)'")
      }
      indexByID[node.id] = index
    }
    var seen = Set<Edge>()
    var edges: [Edge] = []
    func addEdge(_ edge: Edge) {
      if seen.insert(edge).inserted { edges.append(edge) }
    }
    for (index, node) in nodes.enumerated() {
      for input in node.inputs {
        guard let from = indexByID[input] else {
          throw BundleError(.unknownGraphNode, file: file,
                            "node '\(node.id)' has an input '\(input)' that is not a node of the graph")
        }
        addEdge(Edge(from: from, to: index))
      }
      for output in node.outputs {
        guard let to = indexByID[output] else {
          throw BundleError(.unknownGraphNode, file: file,
                            "node '\(node.id)' has an output '\(output)' that is not a node of the graph")
        }
        addEdge(Edge(from: index, to: to))
      }
    }
    self.nodes = nodes
    self.edges = edges
    self.indexByID = indexByID
    if let onCycle = Self.nodeOnCycle(nodeCount: nodes.count, edges: edges) {
      throw BundleError(.graphCycle, file: file,
                        "the graph has a cycle through node '\(nodes[onCycle].id)'")
    }
  }

  /// The index of the node with this id.
  public func index(of id: String) -> Int? { indexByID[id] }

  /// The node with this id.
  public func node(_ id: String) -> Node? { indexByID[id].map { nodes[$0] } }

  /// Kahn's algorithm; returns a node left over when no source remains.
  private static func nodeOnCycle(nodeCount: Int, edges: [Edge]) -> Int? {
    var indegree = [Int](repeating: 0, count: nodeCount)
    var successors = [[Int]](repeating: [], count: nodeCount)
    for edge in edges {
      indegree[edge.to] += 1
      successors[edge.from].append(edge.to)
    }
    var ready = (0 ..< nodeCount).filter { indegree[$0] == 0 }
    var visited = 0
    while let node = ready.popLast() {
      visited += 1
      for next in successors[node] {
        indegree[next] -= 1
        if indegree[next] == 0 { ready.append(next) }
      }
    }
    guard visited < nodeCount else { return nil }
    // A node still with incoming edges lies on, or after, a cycle; walk back
    // along unvisited predecessors until a node repeats: that one is on it.
    var predecessor = [Int](repeating: -1, count: nodeCount)
    for edge in edges where indegree[edge.to] > 0 && indegree[edge.from] > 0 {
      predecessor[edge.to] = edge.from
    }
    var node = (0 ..< nodeCount).first { indegree[$0] > 0 && predecessor[$0] >= 0 } ?? 0
    var onPath = Set<Int>()
    while predecessor[node] >= 0, onPath.insert(node).inserted { node = predecessor[node] }
    return node
  }
}

/// A JSON value, for free-form graph attributes.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  /// Equal values; objects compare key by key, in order.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case let (.bool(a), .bool(b)): a == b
    case let (.number(a), .number(b)): a == b
    case let (.string(a), .string(b)): a == b
    case let (.array(a), .array(b)): a == b
    case let (.object(a), .object(b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
    default: false
    }
  }
}
