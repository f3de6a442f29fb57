import ActivisGraphSamples
import ActivisCore
import Testing

@testable import ActivisRender

@Suite struct GraphTextRendererTests {
  static let cases: [(String, Int?)] = GraphTestSupport.fixtureNames.flatMap { name in
    [(name, nil), (name, 0), (name, 1), (name, 2)]
  }

  /// Draws a view and reads the edges back from the characters.
  func check(_ view: GraphView, width: Int = 400) {
    let layout = GraphLayout.layout(view)
    let drawing = GraphTextRenderer.draw(layout, width: width)
    let lines = drawing.canvas.rows(useColor: false)
    let frames = drawing.layout.nodes.map {
      (x: Int($0.frame.x), y: Int($0.frame.y), width: Int($0.frame.width),
       height: Int($0.frame.height))
    }
    let traced = GraphTestSupport.tracedEdges(lines: lines, frames: frames)
    let expected = Set(view.edges.map { [$0.from, $0.to] })
    #expect(traced.problems.isEmpty, "\(traced.problems.prefix(5))")
    #expect(traced.edges == expected)
    let missing = expected.subtracting(traced.edges).map { pair in
      view.nodes[pair[0]].id + "→" + view.nodes[pair[1]].id
    }
    let spurious = traced.edges.subtracting(expected).map { pair in
      view.nodes[pair[0]].id + "→" + view.nodes[pair[1]].id
    }
    #expect(missing.isEmpty && spurious.isEmpty, "missing \(missing), spurious \(spurious)")

    // Every node is one box of its kind, with its label inside.
    let grid = lines.map { Array($0) }
    func at(_ x: Int, _ y: Int) -> Character {
      y < grid.count && x < grid[y].count ? grid[y][x] : " "
    }
    for node in drawing.layout.nodes {
      let x = Int(node.frame.x), y = Int(node.frame.y)
      let corner: Character = switch node.kind {
      case .operator: "┌"
      case .data: "╭"
      case .group: "╔"
      }
      #expect(at(x, y) == corner, "\(node.id)")
      let row = String(grid[y + 1][x ..< x + Int(node.frame.width)])
      #expect(row.contains(node.lines.first ?? "?"), "\(node.id): \(row)")
    }
    func count(_ character: Character) -> Int {
      lines.reduce(0) { $0 + $1.filter { $0 == character }.count }
    }
    #expect(count("┌") == view.nodes.filter { $0.kind == .operator }.count)
    #expect(count("╔") == view.nodes.filter { $0.kind == .group }.count)
  }

  @Test(arguments: cases)
  func everyEdgeIsDrawnOnce(name: String, depth: Int?) throws {
    check(GraphView(graph: try GraphTestSupport.fixture(name), depth: depth))
  }

  @Test func syntheticGraphsAreDrawnCompletely() {
    check(GraphView(graph: SyntheticGraphs.inception(modules: 3)))
    check(GraphView(graph: SyntheticGraphs.resnet(stages: 3, blocksPerStage: 2)))
    check(GraphView(graph: SyntheticGraphs.transformerEncoder(blocks: 2)))
    check(GraphView(graph: SyntheticGraphs.transformerEncoder(blocks: 4), depth: 3))
  }

  @Test func aCycleFromCollapsingIsDrawn() throws {
    let graph = try GraphTestSupport.cycleGraph()
    check(GraphView(graph: graph, depth: 0))
  }

  @Test(arguments: GraphTestSupport.fixtureNames)
  func fitsTheDefaultWidthAtTheAutomaticDepth(name: String) throws {
    let graph = try GraphTestSupport.fixture(name)
    let view = GraphView(graph: graph, depth: GraphView.automaticDepth(for: graph))
    let text = GraphTextRenderer.render(GraphLayout.layout(view), width: 120, useColor: false)
    for line in text.split(separator: "\n") { #expect(line.count <= 120) }
    #expect(!text.contains("columns"))
    check(view, width: 120)
  }

  @Test(arguments: [60, 40, 24])
  func narrowWidthsAreKept(width: Int) throws {
    let graph = SyntheticGraphs.inception(modules: 1)
    let text = GraphTextRenderer.render(GraphLayout.layout(GraphView(graph: graph)), width: width,
                                        useColor: false)
    for line in text.split(separator: "\n") { #expect(line.count <= width) }
  }

  @Test func layersAreMarkedAndColourIsOptional() throws {
    let graph = try GraphTestSupport.fixture("word-cnn")
    let view = GraphView(graph: graph, highlighted: ["cat_out": "concat", "fc_out": "fc"])
    let layout = GraphLayout.layout(view)
    let plain = GraphTextRenderer.render(layout, width: 120, useColor: false)
    #expect(plain.contains("★ concat"))
    #expect(plain.contains("★ fc"))
    #expect(!plain.contains("\u{1B}"))
    let coloured = GraphTextRenderer.render(layout, width: 120, useColor: true)
    #expect(coloured.contains("\u{1B}[0;1;33m"))
    #expect(stripANSI(coloured) == plain)
  }

  @Test func longLabelsAreAbbreviatedInTheMiddle() {
    #expect(NodeLabel.abbreviate("encoder_layers_11_fc2", to: 9) == "enco…_fc2")
    #expect(NodeLabel.abbreviate("short", to: 9) == "short")
    #expect(NodeLabel.abbreviate("abc", to: 1) == "…")
  }

  func stripANSI(_ text: String) -> String {
    var out = ""
    var escaping = false
    for character in text {
      if escaping {
        if character == "m" { escaping = false }
      } else if character == "\u{1B}" {
        escaping = true
      } else {
        out.append(character)
      }
    }
    return out
  }
}

extension GraphTextRendererTests {
  /// A random bipartite DAG: operators read 1–3 earlier tensors.
  static func randomGraph(seed: UInt64, operators: Int) throws -> ModelGraph {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var rows: [(String, ModelGraph.Kind, String?, [String])] = [
      ("in0", .data, nil, []), ("in1", .data, nil, []),
    ]
    var tensors = ["in0", "in1"]
    for index in 0 ..< operators {
      let group = next(3) == 0 ? nil : "b\(index / 6)/s\(next(2))"
      var inputs = Set<String>()
      for _ in 0 ... next(3) {
        let recent = max(0, tensors.count - 6)
        let pick = next(4) == 0 ? next(tensors.count) : recent + next(tensors.count - recent)
        inputs.insert(tensors[pick])
      }
      rows.append(("op\(index)", .operator, group, inputs.sorted()))
      rows.append(("t\(index)", .data, group, ["op\(index)"]))
      tensors.append("t\(index)")
    }
    return try GraphTestSupport.graph(rows)
  }

  @Test(arguments: 0 ..< 60)
  func randomGraphsAreDrawnCompletely(seed: Int) throws {
    let graph = try Self.randomGraph(seed: UInt64(seed), operators: 12 + seed % 40)
    check(GraphView(graph: graph))
    check(GraphView(graph: graph, depth: seed % 2))
  }
}

extension GraphTextRendererTests {
  @Test func shortNamesDropTheGroupPath() {
    #expect(NodeLabel.shortName(id: "layers_0_self_attn_q_proj", group: "layers/0/self_attn")
            == "q_proj")
    #expect(NodeLabel.shortName(id: "convs_0", group: "convs") == "convs_0")
    #expect(NodeLabel.shortName(id: "fc", group: nil) == "fc")
  }
}
