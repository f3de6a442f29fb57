import ActivisCore
import ActivisRender
import Testing

/// `matrix layers`: CSV columns `<layer>:<neuron>` in each block's order, JSON
/// one matrix per layer, SVG the blocks side by side with a gap, and the
/// CKA grid of `diff … all` as a shaded SVG with empty undefined cells.
@Suite struct LayeredMatrixRendererTests {
  static func block(_ layer: String, _ names: [String], columns: [Int], means: [Float]) -> MatrixResult {
    let statistics = RowStatistics(count: 4, mean: means, standardDeviation: means.map { _ in 0 },
                                   minimum: means, maximum: means)
    return MatrixResult(layer: layer, neuronNames: names, columns: columns,
                        rows: [.init(label: "NUM", kind: .class, statistics: statistics)])
  }

  static let blocks = [block("conv1", ["a", "b"], columns: [1, 0], means: [0.5, -1]),
                       block("fc", ["n0", "n1", "n2"], columns: [2], means: [1, 2, 3])]

  @Test func csvHasOneColumnPerLayerAndNeuronInBlockOrder() {
    #expect(DelimitedWriter.csv.render(.layeredMatrix(Self.blocks)) == "row,size,conv1:b,conv1:a,fc:n2\nNUM,4,-1,0.5,3\n")
  }

  @Test func textPutsTheBlocksSideBySideWhenTheyFit() {
    let text = LayeredMatrixRenderer.text(Self.blocks, width: 80, useColor: false)
    let lines = text.split(separator: "\n").map(String.init)
    // conv1 is diverging (−1 … 0.5 on ±1): −1 is the strongest negative shade, 0.5 the
    // middle positive one; fc's 3 is the top of its own 0 … 3 scale.
    #expect(lines[1] == "           conv1 │ fc", "\(text)")
    #expect(lines[2] == "NUM     4  ≡▒    │ █ ", "\(text)")
    #expect(text.contains("conv1 (2 of 2 neurons") && text.contains("fc (1 of 3 neurons"))
    // Too narrow for both: one block after the other, each with its own title.
    let stacked = LayeredMatrixRenderer.text(Self.blocks, width: 20, useColor: false)
    #expect(stacked.contains("layer conv1 ·") && stacked.contains("layer fc ·"))
  }

  @Test func jsonListsEachLayersMatrix() throws {
    let json = try #require(JSONWriter.render(.layeredMatrix(Self.blocks)))
    #expect(json.hasPrefix("{\"layers\":[{\"layer\":\"conv1\""))
    #expect(json.contains("{\"layer\":\"fc\",\"neurons\":[\"n2\"]"))
  }

  @Test func svgPlacesTheBlocksSideBySide() throws {
    let svg = try #require(ResultRenderer.svg(.layeredMatrix(Self.blocks)))
    let first = try #require(ResultRenderer.svg(.matrix(Self.blocks[0])))
    let width = LayeredMatrixRenderer.size(of: first).0
    #expect(svg.contains("<svg x=\"0\" y=\"0\""))
    #expect(svg.contains("<svg x=\"\(Int(width + LayeredMatrixRenderer.gap))\" y=\"0\""))
    #expect(svg.contains("layer conv1 ·") && svg.contains("layer fc ·"))
    #expect(svg.components(separatedBy: "<?xml").count == 2)
  }

  @Test func ckaGridShadesValuesAndLeavesUndefinedCellsEmpty() {
    let heatmap = Heatmap(title: "linear CKA", rowTitle: "here", columnTitle: "there", rowLabels: ["a", "b"],
                          columnLabels: ["a", "c"], counts: [[0, 0], [0, 0]], values: [[1, 0.25], [nil, 0.5]])
    let svg = HeatmapSVGRenderer.render(heatmap)
    #expect(svg.contains(">1</text>") && svg.contains(">0.25</text>") && svg.contains(">0.5</text>"))
    #expect(svg.contains("here b · there a · undefined"))
  }
}

/// The CKA grid in text: each value with its shade before it.
@Suite struct ShadedGridTextTests {
  @Test func valuesCarryTheirShadeAndUndefinedCellsStayEmpty() {
    let table = ResultTable(
      columns: ["layer", "a", "b"], rows: [[.text("a"), .double(1), .double(0.25)], [.text("b"), .missing, .double(0)]],
      heatmap: Heatmap(title: "t", rowTitle: "r", columnTitle: "c", rowLabels: ["a", "b"], columnLabels: ["a", "b"],
                       counts: [[0, 0], [0, 0]], values: [[1, 0.25], [nil, 0]]))
    let text = TableRenderer.render(table, width: 80)
    #expect(text.contains("│ █ 1 │") && text.contains("│ · 0.25 │") && text.contains("│   – │      0 │"), "\(text)")
  }
}
