import ActivisCore
import Testing

@testable import ActivisRender

@Suite struct GraphSVGRendererTests {
  @Test(arguments: GraphTestSupport.fixtureNames, [nil, 1] as [Int?])
  func isWellFormedWithATitlePerNode(name: String, depth: Int?) throws {
    let graph = try GraphTestSupport.fixture(name)
    let layout = GraphLayout.layout(GraphView(graph: graph, depth: depth))
    let svg = GraphSVGRenderer.render(layout)
    let parsed = GraphTestSupport.parseXML(svg)
    #expect(parsed.ok, "\(parsed.error ?? "")")
    #expect(parsed.elements["svg"] == 1)
    let nodeGroups = svg.components(separatedBy: "<g class=\"node\"><title>").count - 1
    #expect(nodeGroups == layout.nodes.count)
    let frames = GraphSVGRenderer.groupFrames(layout).count
    #expect(parsed.elements["title"] == layout.nodes.count + layout.edges.count + frames)
    for node in layout.nodes {
      #expect(svg.contains("<title>" + SVGDocument.escape(node.title) + "</title>"))
    }
  }

  @Test func namesAreEscaped() throws {
    let graph = try GraphTestSupport.graph([
      ("in<&>\"'", .data, "a&b/<c>", []),
      ("op \u{7}", .operator, "a&b/<c>", ["in<&>\"'"]),
    ])
    let svg = GraphSVGRenderer.render(GraphLayout.layout(GraphView(graph: graph)))
    #expect(GraphTestSupport.parseXML(svg).ok)
    #expect(svg.contains("in&lt;&amp;&gt;&quot;&apos;"))
  }

  @Test func layersAreYellowAndDataFlowsRight() throws {
    let graph = try GraphTestSupport.fixture("word-cnn")
    let layout = GraphLayout.layout(GraphView(graph: graph, highlighted: ["cat_out": "concat"]))
    let svg = GraphSVGRenderer.render(layout)
    #expect(svg.contains("fill=\"#ffd84d\""))
    #expect(svg.contains(">★ concat</text>"))
    for edge in layout.edges {
      #expect((edge.points.last?.x ?? 0) > (edge.points.first?.x ?? 0))
    }
  }

  @Test func collapsedGroupsAreLabelledBoxes() throws {
    let graph = try GraphTestSupport.fixture("resnet")
    let layout = GraphLayout.layout(GraphView(graph: graph, depth: 1))
    let svg = GraphSVGRenderer.render(layout)
    #expect(svg.contains(">▸ layer2/0</text>"))
    #expect(svg.contains("stroke-dasharray"))
  }
}
