import Foundation
import ActivisCore

/// `matrix layers A B …`: one matrix per layer over the same rows. In text
/// the blocks follow one another, each with its own title and shading; CSV and
/// TSV put every block's columns in one table (`<layer>:<neuron>`); JSON is
/// `{"layers": [<matrix>…]}`; SVG draws the blocks side by side, a gap between
/// them, each with its layer's title and colour scale.
package enum LayeredMatrixRenderer {
  /// Space between two blocks of the SVG, in points.
  package static let gap = 24.0

  package static func text(_ blocks: [MatrixResult], width: Int, useColor: Bool) -> String {
    blocks.map { MatrixTextRenderer.render($0, width: width, useColor: useColor) }.joined(separator: "\n")
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
