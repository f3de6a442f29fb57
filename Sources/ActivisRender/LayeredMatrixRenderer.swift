import Foundation
import ActivisCore

/// `matrix layers A B …`: one matrix per layer over the same rows. In text the
/// blocks stand side by side, one shade per neuron and each on its own scale,
/// when all their neurons fit the width; otherwise they follow one another,
/// each with its own title and shading (and bands); CSV and
/// TSV put every block's columns in one table (`<layer>:<neuron>`); JSON is
/// `{"layers": [<matrix>…]}`; SVG draws the blocks side by side, a gap between
/// them, each with its layer's title and colour scale.
package enum LayeredMatrixRenderer {
  /// Space between two blocks of the SVG, in points.
  package static let gap = 24.0

  package static func text(_ blocks: [MatrixResult], width: Int, useColor: Bool) -> String {
    sideBySide(blocks, width: width, style: TerminalStyle(useColor: useColor))
      ?? blocks.map { MatrixTextRenderer.render($0, width: width, useColor: useColor) }.joined(separator: "\n")
  }

  /// Between two blocks of the text view.
  static let separator = " │ "

  /// The blocks in one view: the row labels and sizes once, then each layer's
  /// block of shades under its name; nil when they do not all fit `width`.
  static func sideBySide(_ blocks: [MatrixResult], width: Int, style: TerminalStyle) -> String? {
    guard blocks.count > 1, let first = blocks.first, !first.rows.isEmpty else { return nil }
    let labelWidth = Swift.max(4, first.rows.map(\.label.count).max() ?? 0)
    let sizeWidth = Swift.max(4, first.rows.map { String($0.statistics.count).count }.max() ?? 0)
    let blockWidths = blocks.map { Swift.max($0.columns.count, $0.layer.count) }
    let needed = labelWidth + sizeWidth + 3 + blockWidths.reduce(0, +) + separator.count * (blocks.count - 1)
    guard needed <= width else { return nil }
    let scales = blocks.map { MatrixScale(matrix: $0, columns: $0.columns) }
    let margin = String(repeating: " ", count: labelWidth + sizeWidth + 3)
    func padded(_ text: String, visible: Int, to width: Int) -> String {
      text + String(repeating: " ", count: Swift.max(0, width - visible))
    }
    var output = "layers " + blocks.map(\.layer).joined(separator: ", ")
      + " · mean activation · each layer shaded on its own scale\n"
    output += margin + zip(blocks, blockWidths).map { padded($0.layer, visible: $0.layer.count, to: $1) }
      .joined(separator: separator) + "\n"
    var previousKind = first.rows[0].kind
    for index in first.rows.indices {
      let row = first.rows[index]
      if row.kind != previousKind {
        let rule = MatrixTextRenderer.rule(caption: MatrixTextRenderer.caption(row.kind), width: blockWidths[0])
        output += margin + style.dim(([rule] + blockWidths.dropFirst().map { String(repeating: "┄", count: $0) })
          .joined(separator: "┄┼┄")) + "\n"
      }
      previousKind = row.kind
      output += MatrixTextRenderer.rowHead(row, labelWidth: labelWidth, sizeWidth: sizeWidth, style: style)
      output += blocks.indices.map { k in
        let block = blocks[k]
        let cells = MatrixTextRenderer.cells(block.columns.map { block.rows[index].statistics.mean[$0] },
                                             scale: scales[k], style: style)
        return padded(cells, visible: block.columns.count, to: blockWidths[k])
      }.joined(separator: separator) + "\n"
    }
    for (block, scale) in zip(blocks, scales) {
      let clauses = ["\(block.layer) (\(block.columns.count) of \(block.neuronNames.count) neurons, \(block.order))"]
        + MatrixTextRenderer.legend(scale, style: style)
      output += TextWrapping.lines(clauses, separator: "; ", width: width)
      let nonFinite = MatrixTextRenderer.nonFiniteNote(block)
      if !nonFinite.isEmpty { output += "\(block.layer): " + nonFinite }
    }
    return output + MatrixTextRenderer.basisNote(first)
  }

  /// The header and rows of the delimited form: `row,size,<layer>:<neuron>…`.
  static func table(_ blocks: [MatrixResult]) -> [[String]] {
    guard let first = blocks.first else { return [["row", "size"]] }
    let header = ["row", "size"] + blocks.flatMap { block in
      block.columns.map { "\(block.layer):\(block.neuronNames[$0])" }
    }
    let rows = first.rows.indices.map { index in
      [first.rows[index].label, String(first.rows[index].statistics.count)] + blocks.flatMap { block in
        block.columns.map { NumberText.exact(block.rows[index].statistics.mean[$0]) }
      }
    }
    return [header] + rows
  }

  package static func json(_ blocks: [MatrixResult]) -> String {
    JSONWriter.object([("layers", JSONWriter.array(blocks.map(JSONWriter.render)))])
  }

  /// Each block's own picture, nested at its place in one document.
  package static func svg(_ blocks: [MatrixResult]) -> String {
    var document = SVGDocument()
    var x = 0.0
    var height = 0.0
    for block in blocks {
      let picture = MatrixSVGRenderer.render(block)
      let (width, blockHeight) = size(of: picture)
      let nested = picture.split(separator: "\n", maxSplits: 1).last.map(String.init) ?? picture
      document.append(markup: nested.replacingFirst("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"",
                                                    with: "<svg x=\"\(SVGDocument.number(x))\" y=\"0\""))
      x += width + gap
      height = Swift.max(height, blockHeight)
    }
    return document.rendered(width: Swift.max(0, x - gap), height: height,
                             title: "layers " + blocks.map(\.layer).joined(separator: ", "))
  }

  /// The `width` and `height` of a document's root element.
  package static func size(of picture: String) -> (Double, Double) {
    func attribute(_ name: String) -> Double {
      guard let start = picture.range(of: " \(name)=\"") else { return 0 }
      let rest = picture[start.upperBound...]
      return Double(rest.prefix { $0 != "\"" }) ?? 0
    }
    return (attribute("width"), attribute("height"))
  }
}

extension String {
  /// The text with the first occurrence of `target` replaced.
  func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}
