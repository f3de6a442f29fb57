import ActivisCore
import Testing

@testable import ActivisRender

@Suite struct MatrixTextRendererTests {
  static let shadeOrder: [Character] = [" ", "·", "░", "▒", "▓", "█"]

  /// Reads a shaded matrix back: the cells of each labelled row across all
  /// bands, in display order, and the tick lines.
  static func read(_ text: String, labels: [String]) -> (cells: [String: [Character]], ticks: [String]) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let ticks = lines.filter { $0.contains("↓") }
    let prefix = ticks.first.map { $0.prefix { $0 == " " }.count } ?? 0
    var cells: [String: [Character]] = [:]
    for line in lines {
      let label = String(line.prefix { $0 != " " })
      guard labels.contains(label) else { continue }
      cells[label, default: []] += Array(line.dropFirst(prefix))
    }
    return (cells, ticks)
  }

  /// Each class's densest cell is its planted neuron, over bands that
  /// together show every neuron in order.
  @Test func plantedNeuronsAreTheDensestCells() {
    let matrix = PictureFixtures.matrix()
    let text = MatrixTextRenderer.render(matrix, width: 100)
    let (cells, ticks) = Self.read(text, labels: matrix.rows.map(\.label))
    #expect(ticks.count > 1, "300 neurons do not fit 100 columns: expected several bands")
    #expect(ticks.first?.contains("↓n0 ") == true)
    for (k, name) in PictureFixtures.classes.enumerated() {
      let row = cells[name] ?? []
      #expect(row.count == 300, "\(name): \(row.count) cells")
      let density = row.map { Self.shadeOrder.firstIndex(of: $0) ?? -1 }
      let strongest = density.indices.filter { density[$0] == density.max() }
      #expect(strongest == [PictureFixtures.planted(k, neurons: 300)], "\(name)")
    }
    #expect(cells["NUM"]?[PictureFixtures.planted(5, neurons: 300)] == "█")
    #expect(!text.contains("showing"), "all neurons fit in the bands")
    let bandLines = text.split(separator: "\n").filter { line in
      cells.keys.contains { line.hasPrefix($0 + " ") } || line.contains("↓") || line.contains("┄")
    }
    #expect(bandLines.allSatisfy { $0.count <= 100 })
  }

  @Test func subsetAndInstanceRowsComeUnderCaptionedRules() {
    let text = MatrixTextRenderer.render(PictureFixtures.matrix(), width: 100)
    let lines = text.split(separator: "\n").map(String.init)
    let bands = lines.filter { $0.contains("↓") }.count
    #expect(lines.filter { $0.contains("┄┄ subsets ┄") }.count == bands)
    #expect(lines.filter { $0.contains("┄┄ instances ┄") }.count == bands)
    for (index, line) in lines.enumerated() where line.hasPrefix("whatis ") {
      #expect(lines[index - 1].contains("┄┄ subsets"))
      #expect(lines[index - 2].hasPrefix("NUM "))
    }
  }

  /// A sorted matrix starts with the sorted row's strongest neuron.
  @Test func sortedColumnsShowTheStrongestFirst() {
    let plain = PictureFixtures.matrix()
    let strongest = PictureFixtures.planted(5, neurons: 300)
    var columns = plain.columns.filter { $0 != strongest }
    columns.insert(strongest, at: 0)
    let sorted = MatrixResult(layer: plain.layer, neuronNames: plain.neuronNames, columns: columns,
                              rows: plain.rows, order: .strongest(row: "NUM"))
    let text = MatrixTextRenderer.render(sorted, width: 100)
    let (cells, ticks) = Self.read(text, labels: ["NUM"])
    #expect(cells["NUM"]?.first == "█")
    #expect(ticks.first?.contains("↓n\(strongest) ") == true)
  }

  /// `matrix neurons 10..50`: one band of those neurons, nothing hidden.
  @Test func aRangeOfNeuronsIsOneBand() {
    let matrix = PictureFixtures.matrix(columns: Array(10 ... 50))
    let text = MatrixTextRenderer.render(matrix, width: 100)
    let (cells, ticks) = Self.read(text, labels: ["ABBR", "#38"])
    #expect(ticks.count == 1)
    #expect(ticks.first?.contains("↓n10 ") == true)
    #expect(cells["ABBR"]?.count == 41)
    #expect(text.contains("41 of 300 neurons"))
    #expect(!text.contains("showing"))
  }

  /// Past the band limit, a note says what is shown and how to see more.
  @Test func wideLayersStopAfterAFewBandsWithAHint() {
    let matrix = PictureFixtures.matrix(neurons: 2000)
    let text = MatrixTextRenderer.render(matrix, width: 100)
    let (cells, ticks) = Self.read(text, labels: ["ABBR"])
    let shown = cells["ABBR"]?.count ?? 0
    #expect(ticks.count == MatrixTextRenderer.maximumBands)
    #expect(shown < 2000)
    #expect(text.contains("showing \(shown) of 2000 neurons (n0 … n\(shown - 1))"))
    #expect(text.contains("'matrix neurons \(shown)..\(2 * shown - 1)' for the next ones"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
  }

  /// Negative means get their own shades, the strongest '≡', and the legend
  /// says so.
  @Test func negativeMeansUseTheirOwnShades() {
    let matrix = PictureFixtures.matrix(instanceLow: -4)
    let text = MatrixTextRenderer.render(matrix, width: 100)
    let (cells, _) = Self.read(text, labels: ["#38"])
    let means = matrix.rows[7].statistics.mean
    let lowest = means.indices.min { means[$0] < means[$1] } ?? 0
    #expect(cells["#38"]?[lowest] == "≡")
    let negatives = means.indices.filter { means[$0] < -1 }
    #expect(negatives.allSatisfy { ["-", "=", "≡"].contains(cells["#38"]?[$0]) })
    #expect(text.contains("below zero '-=≡' to -"))
  }

  /// With colour, cells are coloured blocks; the planted strongest is the
  /// top of the ramp. Without, no escape sequence at all.
  @Test func colourOnlyWhenAsked() {
    let matrix = PictureFixtures.matrix()
    #expect(!MatrixTextRenderer.render(matrix, width: 100).contains("\u{1B}"))
    let text = MatrixTextRenderer.render(matrix, width: 100, useColor: true)
    #expect(text.contains("scale 0 "))
    let top = ColorRamp.terminalSequential.color(at: 1).xterm256
    let strongest = PictureFixtures.planted(5, neurons: 300)
    let numLines = text.split(separator: "\n").filter { $0.hasPrefix("NUM ") }.map(String.init)
    var colours: [Int?] = []
    let prefix = text.split(separator: "\n").first { $0.contains("↓") }?.prefix { $0 == " " }.count ?? 0
    for line in numLines { colours += Self.cellColours(line, prefix: prefix) }
    #expect(colours.count == 300)
    #expect(colours[strongest] == top)
    #expect(colours.filter { $0 == top }.count == 1)
  }

  /// The xterm colour of each visible character after `prefix` characters.
  static func cellColours(_ line: String, prefix: Int) -> [Int?] {
    var result: [Int?] = []
    var current: Int?
    var visible = 0
    var escape = ""
    var inEscape = false
    for scalar in line.unicodeScalars {
      if inEscape {
        escape.unicodeScalars.append(scalar)
        if scalar == "m" {
          inEscape = false
          let codes = escape.dropFirst().dropLast().split(separator: ";").compactMap { Int($0) }
          if let index = codes.firstIndex(of: 38), index + 2 < codes.count { current = codes[index + 2] }
          if codes == [0] { current = nil }
        }
      } else if scalar == "\u{1B}" {
        inEscape = true
        escape = ""
      } else {
        if visible >= prefix { result.append(current) }
        visible += 1
      }
    }
    return result
  }

  /// Few neurons print as numbers, with a rule between kinds of rows.
  @Test func fewNeuronsPrintAsNumbersGroupedByKind() {
    let matrix = PictureFixtures.matrix(neurons: 4)
    let text = MatrixTextRenderer.render(matrix, width: 100)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("│ row ") && $0.hasSuffix(" n3 │") })
    let rules = lines.indices.filter { lines[$0].hasPrefix("├") }
    #expect(rules.count == 3, "under the header, before the subsets, before the instances")
    #expect(lines[rules[1] - 1].hasPrefix("│ NUM "))
    #expect(lines[rules[1] + 1].hasPrefix("│ whatis "))
    #expect(lines[rules[2] + 1].hasPrefix("│ #38 "))
  }

  /// A mean that is not finite is '?' in text and SVG, and does not stretch
  /// the scale.
  @Test func nonFiniteMeansAreMarked() {
    var matrix = PictureFixtures.matrix()
    matrix.rows[0].statistics.mean[3] = .nan
    matrix.rows[1].statistics.mean[4] = .infinity
    let text = MatrixTextRenderer.render(matrix, width: 100)
    let (cells, _) = Self.read(text, labels: ["ABBR", "DESC", "NUM"])
    #expect(cells["ABBR"]?[3] == "?")
    #expect(cells["DESC"]?[4] == "?")
    #expect(cells["NUM"]?[PictureFixtures.planted(5, neurons: 300)] == "█")
    let svg = SVGReader(MatrixSVGRenderer.render(matrix))
    #expect(svg.error == nil)
    #expect(svg.texts.filter { $0 == "?" }.count == 2)
  }

  @Test func coloursMapToTheNearestXtermColour() {
    #expect(RGBColor(hex: 0x000000).xterm256 == 16)
    #expect(RGBColor(hex: 0xFFFFFF).xterm256 == 231)
    #expect(RGBColor(hex: 0x808080).xterm256 == 244)
    #expect(RGBColor(hex: 0xFF0000).xterm256 == 196)
    #expect(RGBColor(hex: 0xE69F00).hex == "#e69f00")
  }
}
