import ActivisCore
import Testing

@testable import ActivisRender

@Suite struct GraphNodeDetailTests {
  @Test func describesADataNodeWithActivations() throws {
    let graph = try GraphTestSupport.fixture("word-cnn")
    let text = try #require(GraphNodeDetail.describe(
      node: "cat_out", in: graph, layers: ["cat_out": "concat"]))
    #expect(text.hasPrefix("cat_out  data node"))
    #expect(text.contains("shape        ?×300"))
    #expect(text.contains("★ layer concat"))
    #expect(text.contains("inputs       cat  cat"))
    #expect(text.contains("outputs      dropout  Dropout"))
  }

  @Test func describesAnOperator() throws {
    let graph = try GraphTestSupport.fixture("word-cnn")
    let text = try #require(GraphNodeDetail.describe(node: "convs_0", in: graph, layers: [:]))
    #expect(text.hasPrefix("convs_0  operator"))
    #expect(text.contains("op      Conv1d") || text.contains("op  "))
    #expect(text.contains("Conv1d"))
    #expect(text.contains("group"))
    #expect(text.contains("config"))
    #expect(text.contains("transpose_out"))
    #expect(text.contains("convs_0_out"))
    #expect(!text.contains("activations"))
  }

  @Test func describesAGroup() throws {
    let graph = try GraphTestSupport.fixture("transformer")
    let text = try #require(GraphNodeDetail.describe(node: "layers/0", in: graph, layers: [:]))
    let inside = graph.nodes.filter { $0.group?.hasPrefix("layers/0") == true }.count
    #expect(text.hasPrefix("layers/0  group"))
    #expect(text.contains("nodes"))
    #expect(text.contains("\(inside) ("))
    #expect(text.contains("self_attn"))
  }

  @Test func unknownNamesGiveNil() throws {
    let graph = try GraphTestSupport.fixture("word-cnn")
    #expect(GraphNodeDetail.describe(node: "nope", in: graph, layers: [:]) == nil)
    #expect(GraphNodeDetail.describe(node: "con", in: graph, layers: [:]) == nil)
  }
}
