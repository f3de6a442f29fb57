import ActivisCore
import Foundation
import Testing

@testable import ActivisRender

@Suite struct ScatterPlotTextRendererTests {
  /// The characters inside the plot's frame, row by row.
  static func plot(_ text: String) -> [[Character]] {
    text.split(separator: "\n").filter { $0.hasPrefix("│") }.map { Array($0.dropFirst().dropLast()) }
  }

  /// Without colour, letters: each class's letter lies towards its centre
  /// (class k at angle k·60°), the highlighted point is '@', the legend
  /// counts points.
  @Test func lettersSitWhereTheirClassIs() {
    let projection = PictureFixtures.projection(highlighted: [0])
    let text = ScatterPlotTextRenderer.render(projection, width: 80, useColor: false)
    #expect(!text.contains("\u{1B}"))
    let grid = Self.plot(text)
    #expect(grid.count >= 8)
    let height = Double(grid.count), width = Double(grid[0].count)
    for (k, name) in PictureFixtures.classes.enumerated() {
      let letter = name.first ?? "?"
      var cells: [(Double, Double)] = []
      for (row, line) in grid.enumerated() {
        for (column, character) in line.enumerated() where character == letter {
          cells.append((Double(column) / width - 0.5, 0.5 - Double(row) / height))
        }
      }
      #expect(!cells.isEmpty, "\(name)")
      let angle = Double(k) * Double.pi / 3
      let along = cells.map { $0.0 * cos(angle) + $0.1 * sin(angle) }
      #expect(along.allSatisfy { $0 > 0.2 }, "\(name) lies towards its own side")
    }
    #expect(grid.joined().filter { $0 == "@" }.count == 1)
    #expect(text.contains("A ABBR 20"))
    #expect(text.contains("@ instances added to the matrix"))
  }

  /// With colour, braille marks in the class colour; four points in the
  /// corners light two dots each in the corner characters.
  @Test func brailleMarksInColour() {
    let projection = ProjectionResult(
      layer: "l", method: "PCA", ids: [1, 2, 3, 4], x: [0, 1, 0, 1], y: [0, 0, 1, 1],
      labels: ["A", "A", "B", "B"], predicted: ["A", "A", "B", "B"], colorKey: "label",
      colorValues: ["A", "A", "B", "B"])
    let text = ScatterPlotTextRenderer.render(projection, width: 60, useColor: true)
    let palette = ClassPalette(values: projection.colorValues)
    let lines = text.split(separator: "\n").filter { $0.hasPrefix("│") }.map(String.init)
    // Bottom left (#1): the left column's lower pair of dots (bits 0x04, 0x40);
    // bottom right: the right column's (0x20, 0x80); top: the upper pairs.
    let a = "\u{1B}[38;5;\(palette.color(of: "A").xterm256)m"
    let b = "\u{1B}[38;5;\(palette.color(of: "B").xterm256)m"
    #expect(lines.last?.hasPrefix("│" + a + "\u{2844}") == true)
    #expect(lines.last?.hasSuffix(a + "\u{28A0}\u{1B}[0m│") == true)
    #expect(lines.first?.hasPrefix("│" + b + "\u{2803}") == true)
    #expect(lines.first?.hasSuffix(b + "\u{2818}\u{1B}[0m│") == true)
    let braille = text.unicodeScalars.filter { (0x2800 ... 0x28FF).contains($0.value) }
    #expect(braille.count == 4)
  }
}
