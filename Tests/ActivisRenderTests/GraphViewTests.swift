import ActivisCore
import Testing

@testable import ActivisRender

@Suite struct GraphViewTests {
  /// in → a1 → a1o → b1 → b1o → c → co, plus a1o → c; a1, a1o in g/a; b1, b1o in g/b.
  func smallGraph() throws -> ModelGraph {
    try GraphTestSupport.graph([
      ("in", .data, nil, []),
      ("a1", .operator, "g/a", ["in"]),
      ("a1o", .data, "g/a", ["a1"]),
      ("b1", .operator, "g/b", ["a1o"]),
      ("b1o", .data, "g/b", ["b1"]),
      ("c", .operator, nil, ["b1o", "a1o"]),
      ("co", .data, nil, ["c"]),
    ])
  }

  func edgeSet(_ view: GraphView) -> [String: Int] {
    var result: [String: Int] = [:]
    for edge in view.edges {
      result[view.nodes[edge.from].id + "→" + view.nodes[edge.to].id] = edge.multiplicity
    }
    return result
  }

  @Test func collapsingMergesEdges() throws {
    let view = GraphView(graph: try smallGraph(), depth: 0)
    #expect(view.nodes.map(\.id) == ["in", "g", "c", "co"])
    #expect(view.nodes[1].kind == .group)
    #expect(view.nodes[1].memberCount == 4)
    #expect(edgeSet(view) == ["in→g": 1, "g→c": 2, "c→co": 1])
  }

  @Test func depthOneCollapsesSubgroups() throws {
    let view = GraphView(graph: try smallGraph(), depth: 1)
    #expect(view.nodes.map(\.id) == ["in", "g/a", "g/b", "c", "co"])
    #expect(edgeSet(view) == ["in→g/a": 1, "g/a→g/b": 1, "g/a→c": 1, "g/b→c": 1, "c→co": 1])
  }

  @Test func expandedOpensAncestorsAndCollapsedWins() throws {
    let graph = try smallGraph()
    let opened = GraphView(graph: graph, depth: 0, expanded: ["g/a"])
    #expect(opened.nodes.map(\.id) == ["in", "a1", "a1o", "g/b", "c", "co"])
    let closed = GraphView(graph: graph, depth: nil, expanded: ["g/a"], collapsed: ["g"])
    #expect(closed.nodes.map(\.id) == ["in", "g", "c", "co"])
    let all = GraphView(graph: graph)
    #expect(all.nodes.count == graph.nodes.count)
    #expect(all.edges.count == graph.edges.count)
  }

  @Test func layersAreCarriedIntoGroups() throws {
    let view = GraphView(
      graph: try smallGraph(), depth: 0, highlighted: ["a1o": "hidden", "co": "out"])
    #expect(view.nodes[view.index(of: "g") ?? 0].layers == ["hidden"])
    #expect(view.nodes[view.index(of: "co") ?? 0].layers == ["out"])
    #expect(view.index(of: "a1o") == nil)
  }

  /// The view's edges against a plain recomputation: map every graph edge's
  /// ends to the box of their outermost collapsed group, drop self-loops,
  /// count parallels.
  @Test(arguments: GraphTestSupport.fixtureNames, [0, 1, 2, 3])
  func viewEdgesMatchRecomputation(name: String, depth: Int) throws {
    let graph = try GraphTestSupport.fixture(name)
    let view = GraphView(graph: graph, depth: depth)
    func shownAs(_ node: ModelGraph.Node) -> String {
      guard let group = node.group else { return node.id }
      let parts = group.split(separator: "/")
      return parts.count > depth ? parts.prefix(depth + 1).joined(separator: "/") : node.id
    }
    var expected: [String: Int] = [:]
    for edge in graph.edges {
      let from = shownAs(graph.nodes[edge.from]), to = shownAs(graph.nodes[edge.to])
      if from != to { expected[from + "→" + to, default: 0] += 1 }
    }
    #expect(edgeSet(view) == expected)
    let shown = Set(graph.nodes.map(shownAs))
    #expect(Set(view.nodes.map(\.id)) == shown)
    #expect(view.nodes.count == shown.count)
  }

  @Test(arguments: GraphTestSupport.fixtureNames)
  func automaticDepthKeepsTheOverviewSmall(name: String) throws {
    let graph = try GraphTestSupport.fixture(name)
    let depth = GraphView.automaticDepth(for: graph, maxNodes: 60)
    let view = GraphView(graph: graph, depth: depth)
    if let depth {
      #expect(view.nodes.count <= 60 || depth == 0)
      let deeper = GraphView(graph: graph, depth: depth + 1)
      #expect(deeper.nodes.count > 60 || deeper.nodes.count == view.nodes.count)
    } else {
      #expect(graph.nodes.count <= 60)
    }
  }
}
