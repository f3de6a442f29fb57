import ActivisCore
import Foundation
import Testing

@testable import ActivisRender

/// The SVG pictures, read back as XML.
@Suite struct PictureSVGTests {
  /// Okabe–Ito, in the order classes sorted by name take them.
  static let okabeIto = ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00"]

  /// Brightness of a `#rrggbb` colour, 0…765.
  static func brightness(_ hex: String) -> Int {
    let digits = Array(hex.dropFirst())
    return stride(from: 0, to: 6, by: 2).reduce(0) {
      $0 + (Int(String(digits[$1 ... $1 + 1]), radix: 16) ?? 0)
    }
  }

  /// One cell per row and neuron, each with a tooltip; in each class row the
  /// darkest cell is the planted neuron; instance rows have square cells.
  @Test func matrixCellsCarryTheirValues() throws {
    let matrix = PictureFixtures.matrix()
    let svg = SVGReader(MatrixSVGRenderer.render(matrix))
    #expect(svg.error == nil)
    let cells = svg.elements.filter {
      ["circle", "rect"].contains($0.name) && $0.title?.contains(" · mean ") == true
    }
    #expect(cells.count == matrix.rows.count * 300)
    for (k, name) in PictureFixtures.classes.enumerated() {
      let row = cells.filter { $0.title?.hasPrefix(name + " · ") == true }
      #expect(row.count == 300)
      #expect(row.allSatisfy { $0.name == "circle" })
      func fill(_ cell: SVGReader.Element) -> Int { Self.brightness(cell.attributes["fill"] ?? "") }
      let darkest = row.min { fill($0) < fill($1) }
      let planted = PictureFixtures.planted(k, neurons: 300)
      #expect(darkest?.title?.hasPrefix("\(name) · n\(planted) · ") == true)
    }
    let instance = cells.filter { $0.title?.hasPrefix("#38 · ") == true }
    #expect(instance.count == 300 && instance.allSatisfy { $0.name == "rect" })
    let value = matrix.rows[0].statistics.mean[7]
    #expect(cells.contains { $0.title == "ABBR · n7 · mean \(NumberText.exact(value))" })
    #expect(svg.texts.contains("whatis"))
    #expect(svg.texts.contains("subsets") && svg.texts.contains("instances"))
    #expect(svg.texts.contains("3.5") && svg.texts.contains("0"), "legend ends")
    for (index, name) in PictureFixtures.classes.enumerated() {
      #expect(svg.all("rect").contains { $0.attributes["fill"] == Self.okabeIto[index] }, "\(name) chip")
    }
  }

  @Test func matrixWithNegativeMeansHasADivergingLegend() {
    let matrix = PictureFixtures.matrix(instanceLow: -4)
    let svg = SVGReader(MatrixSVGRenderer.render(matrix))
    #expect(svg.error == nil)
    let means = matrix.rows.flatMap(\.statistics.mean)
    let magnitude = Swift.max(means.max() ?? 0, -(means.min() ?? 0))
    #expect(svg.texts.contains(NumberText.compact(-Double(magnitude))))
    #expect(svg.texts.contains(NumberText.compact(Double(magnitude))))
    #expect(svg.texts.contains { $0.contains("purple below zero") })
  }

  /// The planted strongest cell is the darkest pixel of the rendered PNG.
  @Test(.enabled(if: Self.rsvgConvert != nil, "rsvg-convert is not installed (scripts/setup installs it)"))
  func renderedMatrixIsDarkestAtThePlantedCell() throws {
    let matrix = PictureFixtures.matrix(neurons: 150)
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("activis-matrix-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let svgURL = directory.appendingPathComponent("matrix.svg")
    let pngURL = directory.appendingPathComponent("matrix.png")
    try MatrixSVGRenderer.render(matrix).write(to: svgURL, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Self.rsvgConvert))
    process.arguments = [svgURL.path, "-o", pngURL.path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let image = try PNGPixels(contentsOf: pngURL)
    let layout = MatrixSVGRenderer.Layout(matrix)
    #expect(abs(Double(image.width) - layout.width) <= 1)
    // The strongest mean, found from the data.
    var strongest = (row: 0, neuron: 0, value: -Float.infinity)
    for (row, entry) in matrix.rows.enumerated() {
      for neuron in matrix.columns where entry.statistics.mean[neuron] > strongest.value {
        strongest = (row, neuron, entry.statistics.mean[neuron])
      }
    }
    var darkest = (row: -1, neuron: -1, brightness: Double.infinity)
    for (band, columns) in layout.bands.enumerated() {
      for (position, neuron) in columns.enumerated() {
        for row in matrix.rows.indices {
          let center = layout.cellCenter(row: row, band: band, position: position)
          let brightness = image.brightness(x: center.x, y: center.y)
          if brightness < darkest.brightness { darkest = (row, neuron, brightness) }
        }
      }
    }
    #expect(darkest.row == strongest.row && darkest.neuron == strongest.neuron)
    #expect(darkest.brightness < 80)
    // A background cell is light.
    let background = layout.cellCenter(row: 0, band: 0, position: 1)
    #expect(image.brightness(x: background.x, y: background.y) > 150)
  }

  static let rsvgConvert: String? = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  /// One square per instance, filled with the true class's colour and
  /// bordered with the predicted class's.
  @Test func instancePanelSquares() {
    let panel = PictureFixtures.panel(correct: [5, 12, 30, 8, 9, 3], wrong: [1, 6, 4, 0, 9, 12])
    let svg = SVGReader(InstancePanelSVGRenderer.render(panel))
    #expect(svg.error == nil)
    let squares = svg.all("rect").filter { $0.title?.hasPrefix("#") == true }
    for group in panel.groups {
      for entry in group.correct + group.misclassified {
        let mine = squares.filter { $0.title?.hasPrefix("#\(entry.id) · ") == true }
        #expect(mine.count == 1, "#\(entry.id)")
        #expect(mine.first?.attributes["fill"] == Self.okabeIto[group.label])
        #expect(mine.first?.attributes["stroke"] == Self.okabeIto[entry.predicted])
        #expect(mine.first?.title?.contains("predicted \(panel.classes[entry.predicted])") == true)
      }
    }
    #expect(svg.texts.contains("NUM"))
    #expect(svg.texts.contains("15: 3 ✓ 12 ✗"))
  }

  @Test func instancePanelSummarisesLongGroups() {
    let panel = PictureFixtures.panel(correct: [2000, 1], wrong: [3, 0], classes: ["NUM", "DESC"])
    let svg = SVGReader(InstancePanelSVGRenderer.render(panel))
    let squares = svg.all("rect").filter { $0.title?.hasPrefix("#") == true }.count
    let more = svg.texts.compactMap { $0.hasPrefix("+") ? Int($0.dropFirst()) : nil }
    #expect(squares + more.reduce(0, +) == 2004)
    #expect(more.count == 1)
  }

  /// One dot per point with its id, label and prediction; highlighted points
  /// larger and labelled; points keep their relative positions.
  @Test func scatterPlotPoints() {
    let projection = PictureFixtures.projection(highlighted: [3])
    let svg = SVGReader(ScatterPlotSVGRenderer.render(projection))
    #expect(svg.error == nil)
    let dots = svg.all("circle").filter { $0.title?.hasPrefix("#") == true }
    #expect(dots.count == projection.ids.count)
    for index in projection.ids.indices {
      let title = "#\(projection.ids[index]) · label \(projection.labels[index])"
        + " · predicted \(projection.predicted[index])"
      let dot = dots.first { $0.title == title }
      #expect(dot != nil, "\(title)")
      let k = PictureFixtures.classes.firstIndex(of: projection.labels[index]) ?? 0
      #expect(dot?.attributes["fill"] == Self.okabeIto[k])
    }
    let leftmost = projection.x.indices.min { projection.x[$0] < projection.x[$1] } ?? 0
    let leftDot = dots.min { ($0.number("cx") ?? 0) < ($1.number("cx") ?? 0) }
    #expect(leftDot?.title?.hasPrefix("#\(projection.ids[leftmost]) ") == true)
    let marked = dots.first { $0.title?.hasPrefix("#\(projection.ids[3]) ") == true }
    #expect(marked?.number("r") ?? 0 > dots[0].number("r") ?? 0)
    #expect(svg.texts.contains("#\(projection.ids[3])"))
    #expect(svg.texts.contains("ABBR  20"))
  }

  /// Text is escaped: names with XML characters read back unchanged.
  @Test func textIsEscaped() {
    var svg = SVGDocument()
    svg.text("a<b & \"c\" 'd'>", x: 0, y: 0)
    svg.rect(x: 0, y: 0, width: 1, height: 1, fill: "#000000", title: "<&>\u{1}")
    let read = SVGReader(svg.rendered(width: 10, height: 10, title: "t&t"))
    #expect(read.error == nil)
    #expect(read.texts.contains("a<b & \"c\" 'd'>"))
    #expect(read.all("rect").contains { $0.title == "<&>\u{FFFD}" })
  }

  /// Every result kind with a picture has one; the others none.
  @Test func everyPictureKindExports() {
    #expect(ResultRenderer.svg(.matrix(PictureFixtures.matrix(neurons: 20))) != nil)
    #expect(ResultRenderer.svg(.instancePanel(PictureFixtures.panel(correct: [1, 1], wrong: [1, 1],
                                                                    classes: ["A", "B"]))) != nil)
    #expect(ResultRenderer.svg(.projection(PictureFixtures.projection())) != nil)
    #expect(ResultRenderer.svg(.message("hi")) == nil)
    #expect(ResultRenderer.svg(.table(ResultTable(columns: ["a"], rows: []))) == nil)
  }
}
