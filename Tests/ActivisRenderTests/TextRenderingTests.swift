import ActivisCore
import ActivisRender
import Testing

@Suite struct TextRenderingTests {
  @Test func tableAlignsNumbersRight() {
    let table = ResultTable(columns: ["name", "size"], rows: [[.text("whatis"), .int(112)], [.text("s2"), .int(7)]],
                            notes: ["2 subsets"])
    #expect(TableRenderer.render(table, width: 80) == """
      ┌────────┬──────┐
      │ name   │ size │
      ├────────┼──────┤
      │ whatis │  112 │
      │ s2     │    7 │
      └────────┴──────┘
      2 subsets

      """)
  }

  @Test func tableShrinksTheWidestColumnToFit() {
    let long = String(repeating: "x", count: 200)
    let table = ResultTable(columns: ["id", "text"], rows: [[.int(1), .text(long)]])
    let lines = TableRenderer.render(table, width: 60).split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 60 })
    #expect(lines[3].contains("…"))
  }

  /// A wide layer is drawn in shades, in bands under each other: the
  /// strongest cell is the densest shade, the weakest a blank.
  @Test func wideMatrixUsesShadesInBands() {
    var mean = [Float](repeating: 0.5, count: 300)
    mean[7] = 4
    mean[8] = 0
    let statistics = RowStatistics(count: 10, mean: mean, standardDeviation: mean, minimum: mean, maximum: mean)
    let matrix = MatrixResult(
      layer: "concat", neuronNames: (0 ..< 300).map { "n\($0)" }, columns: Array(0 ..< 300),
      rows: [.init(label: "NUM", kind: .class, statistics: statistics)], order: .stored)
    let text = MatrixTextRenderer.render(matrix, width: 100)
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("NUM") }.map(String.init)
    #expect(rows.count == 4)
    let cells = rows.flatMap { Array($0.dropFirst(4 + 1 + 4 + 2)) }
    #expect(cells.count == 300)
    #expect(cells[7] == "█")
    #expect(cells[8] == " ")
    #expect(!text.contains("showing"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 || $0.hasPrefix("shades") || $0.hasPrefix("layer") })
  }

  @Test func narrowMatrixPrintsNumbers() {
    let statistics = RowStatistics(count: 2, mean: [0.25, 1], standardDeviation: [0, 0], minimum: [0, 0], maximum: [1, 1])
    let matrix = MatrixResult(layer: "fc", neuronNames: ["a", "b"], columns: [0, 1],
                              rows: [.init(label: "A", kind: .class, statistics: statistics)], order: .stored)
    let text = MatrixTextRenderer.render(matrix, width: 80)
    #expect(text.contains("│ A   │    2 │ 0.25 │ 1 │"))
  }

  @Test func instancePanelSummarisesLongLists() {
    let correct = (0 ..< 500).map { InstancePanel.Entry(id: Int64($0), predicted: 0, score: nil) }
    let wrong = [InstancePanel.Entry(id: 900, predicted: 1, score: nil), .init(id: 901, predicted: 1, score: nil)]
    let panel = InstancePanel(classes: ["NUM", "DESC"], groups: [.init(label: 0, correct: correct, misclassified: wrong)])
    let text = InstancePanelTextRenderer.render(panel, width: 80)
    #expect(text.contains("\nNUM  502: 500 correct, 2 misclassified (as DESC 2)\n"))
    #expect(text.contains("more"))
    #expect(text.contains("#900→D #901→D"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
  }
}
