import ActivisGraphSamples
import ActivisCore
import Testing

@testable import ActivisRender

@Suite struct GraphLayoutTests {
  static let cases: [(String, Int?)] = GraphTestSupport.fixtureNames.flatMap { name in
    [(name, nil), (name, 0), (name, 1), (name, 2)]
  }

  static func view(_ name: String, depth: Int?) throws -> GraphView {
    GraphView(graph: try GraphTestSupport.fixture(name), depth: depth)
  }

  @Test(arguments: cases)
  func ranksFollowTheEdges(name: String, depth: Int?) throws {
    Self.expectRanksFollowTheEdges(GraphLayout.layout(try Self.view(name, depth: depth)))
  }

  /// Every edge goes to a higher rank, unreversed; every node and edge is laid out once.
  static func expectRanksFollowTheEdges(_ layout: GraphLayout) {
    for edge in layout.edges {
      #expect(!edge.reversed)
      #expect(layout.nodes[edge.to].rank > layout.nodes[edge.from].rank)
    }
    #expect(layout.nodes.count == layout.view.nodes.count)
    #expect(layout.edges.count == layout.view.edges.count)
    var seen = Set<[Int]>()
    for node in layout.nodes { #expect(seen.insert([node.rank, node.order]).inserted) }
  }

  @Test(arguments: cases)
  func boxesDoNotOverlap(name: String, depth: Int?) throws {
    let view = try Self.view(name, depth: depth)
    for metrics in [GraphLayout.Metrics.svg, .text()] {
      let layout = GraphLayout.layout(view, metrics: metrics)
      let frames = layout.nodes.map(\.frame).sorted { $0.x < $1.x }
      for (index, frame) in frames.enumerated() {
        #expect(frame.x >= 0 && frame.y >= 0)
        #expect(frame.maxX <= layout.width && frame.maxY <= layout.height)
        for other in frames[(index + 1)...] {
          if other.x >= frame.maxX { break }
          #expect(!frame.overlaps(other))
        }
      }
    }
  }

  @Test(arguments: cases)
  func routesJoinTheirBoxes(name: String, depth: Int?) throws {
    let layout = GraphLayout.layout(try Self.view(name, depth: depth), metrics: .svg)
    for edge in layout.edges {
      guard let first = edge.points.first, let last = edge.points.last else {
        Issue.record("edge without a route")
        continue
      }
      let from = layout.nodes[edge.from].frame, to = layout.nodes[edge.to].frame
      // Left to right: out of the source's right side, into the target's left.
      #expect(abs(first.x - from.maxX) < 0.01)
      #expect(first.y >= from.y && first.y <= from.maxY)
      #expect(abs(last.x - to.x) < 0.01)
      #expect(last.y >= to.y && last.y <= to.maxY)
      for (a, b) in zip(edge.points, edge.points.dropFirst()) { #expect(b.x >= a.x) }
    }
  }

  @Test func collapsingIntoACycleIsLaidOut() throws {
    // a1 and a3 are in g; b is outside: g → b → bo → g after collapsing.
    let graph = try GraphTestSupport.cycleGraph()
    let view = GraphView(graph: graph, depth: 0)
    #expect(view.nodes.map(\.id) == ["x", "g", "b", "bo"])
    let layout = GraphLayout.layout(view)
    #expect(layout.edges.filter(\.reversed).count == 1)
    for edge in layout.edges {
      let forward = layout.nodes[edge.to].rank > layout.nodes[edge.from].rank
      #expect(forward != edge.reversed)
    }
  }

  @Test func crossingsAreReducedOnFanOut() throws {
    let layout = GraphLayout.layout(GraphView(graph: SyntheticGraphs.inception(modules: 2)))
    var layered = layout.layered
    let before = CrossingReduction.crossings(layered)
    CrossingReduction.reduce(&layered)
    #expect(CrossingReduction.crossings(layered) <= before)
    #expect(before == 0)
  }

  /// Layout time is measured by scripts/bench-graph-layout; here, a large graph is laid out whole.
  @Test func largeGraphsAreLaidOutWhole() throws {
    let graph = SyntheticGraphs.transformerEncoder(blocks: 40)
    #expect(graph.nodes.count > 1_500)
    let view = GraphView(graph: graph, depth: nil)
    #expect(view.nodes.count == graph.nodes.count)
    Self.expectRanksFollowTheEdges(GraphLayout.layout(view))
  }
}

extension GraphLayoutTests {
  @Test func emptyAndSingleNodeGraphs() throws {
    let empty = GraphLayout.layout(GraphView(graph: try GraphTestSupport.graph([])))
    #expect(empty.nodes.isEmpty && empty.rankCount == 0)
    #expect(GraphTextRenderer.render(empty, width: 80, useColor: false).isEmpty)
    #expect(GraphTestSupport.parseXML(GraphSVGRenderer.render(empty)).ok)
    let single = GraphLayout.layout(GraphView(graph: try GraphTestSupport.graph([
      ("only", .data, "g", []),
    ]), depth: 0))
    #expect(single.nodes.count == 1 && single.nodes[0].kind == .group)
    let text = GraphTextRenderer.render(single, width: 80, useColor: false)
    #expect(text.contains("▸ g 1 node"))
  }
}
