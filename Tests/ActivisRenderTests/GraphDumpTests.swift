import ActivisGraphSamples
import ActivisCore
import Foundation
import Testing

@testable import ActivisRender

private let graphDumpDirectory = ProcessInfo.processInfo.environment["GRAPH_DUMP"]

/// Writes drawings to `$GRAPH_DUMP` (a directory) for a person to look at;
/// skipped, with that reason, otherwise.
@Suite(.enabled(if: graphDumpDirectory != nil, "set GRAPH_DUMP to a directory to write drawings into"))
struct GraphDumpTests {
  @Test func dumpDrawings() throws {
    let directory = try #require(graphDumpDirectory)
    let graphs: [(String, ModelGraph, [String: String])] = [
      ("wordcnn", SyntheticGraphs.wordCNN(), ["concat_out": "concat", "fc_fc_out": "fc"]),
      ("transformer", SyntheticGraphs.transformerEncoder(blocks: 2), [:]),
      ("resnet", SyntheticGraphs.resnet(), [:]),
      ("inception", SyntheticGraphs.inception(), [:]),
      ("fx-word-cnn", try GraphTestSupport.fixture("word-cnn"),
       ["cat_out": "concat", "fc_out": "fc"]),
      ("fx-resnet", try GraphTestSupport.fixture("resnet"), ["layer3_1_relu_1_out": "block3"]),
      ("fx-transformer", try GraphTestSupport.fixture("transformer"), ["mean_out": "pooled"]),
    ]
    for (name, graph, layers) in graphs {
      for depth in [nil, GraphView.automaticDepth(for: graph)] as [Int?] {
        let view = GraphView(graph: graph, depth: depth, highlighted: layers)
        let layout = GraphLayout.layout(view)
        let suffix = depth.map { "-d\($0)" } ?? "-all"
        let text = GraphTextRenderer.render(layout, width: 120, useColor: false)
        try text.write(
          toFile: "\(directory)/\(name)\(suffix).txt", atomically: true, encoding: .utf8)
        let svg = GraphSVGRenderer.render(layout)
        try svg.write(
          toFile: "\(directory)/\(name)\(suffix).svg", atomically: true, encoding: .utf8)
      }
    }
  }
}

extension GraphDumpTests {
  @Test func dumpProblemCases() throws {
    let directory = try #require(graphDumpDirectory)
    let cycle = try GraphTestSupport.cycleGraph()
    for (name, view) in [
      ("cycle", GraphView(graph: cycle, depth: 0)),
      ("fx-transformer", GraphView(graph: try GraphTestSupport.fixture("transformer"))),
      ("random", GraphView(graph: try GraphTextRendererTests.randomGraph(seed: 12, operators: 24))),
    ] {
      for width in [400, 120, 60] {
        let text = GraphTextRenderer.render(GraphLayout.layout(view), width: width, useColor: false)
        try text.write(
          toFile: "\(directory)/\(name)-w\(width).txt", atomically: true, encoding: .utf8)
      }
    }
  }
}
