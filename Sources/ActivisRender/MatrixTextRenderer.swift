import ActivisCore

/// The neuron activation matrix as text.
///
/// When every neuron fits as a number, cells are numbers; otherwise each
/// cell is one character of a shade ramp (stronger = denser), scaled between
/// the smallest and largest mean shown, with ticks every ten neurons, as
/// many neurons as fit the width, and a note saying how to see the rest.
public enum MatrixTextRenderer {
  /// Shades from weakest to strongest.
  static let ramp: [Character] = [" ", "·", "░", "▒", "▓", "█"]

  public static func render(_ matrix: MatrixResult, width: Int) -> String {
    let labelWidth = Swift.max(4, matrix.rows.map(\.label.count).max() ?? 0)
    let sizeWidth = Swift.max(4, matrix.rows.map { String($0.statistics.count).count }.max() ?? 0)
    let numberWidth = 8
    let title = "layer \(matrix.layer) · mean activation · \(matrix.columns.count) of \(matrix.neuronNames.count) neurons, \(matrix.order)\n"
    if matrix.rows.isEmpty {
      return title + "(no rows: the bundle has no labels; add subsets or instances with 'add')\n"
    }
    if labelWidth + sizeWidth + 4 + matrix.columns.count * (numberWidth + 1) <= width {
      return title + numbers(matrix) + nonFiniteNote(matrix)
    }
    return title + shades(matrix, labelWidth: labelWidth, sizeWidth: sizeWidth, width: width)
      + nonFiniteNote(matrix)
  }

  /// Which rows had NaN or infinite activations left out of their means, and how many.
  private static func nonFiniteNote(_ matrix: MatrixResult) -> String {
    let counts = matrix.rows.filter { $0.statistics.nonFiniteTotal > 0 }
      .map { "\($0.label) \($0.statistics.nonFiniteTotal)" }
    guard !counts.isEmpty else { return "" }
    return "NaN or infinite values left out of the means (and of std, min, max): "
      + counts.joined(separator: ", ") + "\n"
  }

  private static func numbers(_ matrix: MatrixResult) -> String {
    let table = ResultTable(
      columns: ["row", "size"] + matrix.columns.map { matrix.neuronNames[$0] },
      rows: matrix.rows.map { row in
        [.text(row.label), .int(row.statistics.count)] + matrix.columns.map { .float(row.statistics.mean[$0]) }
      })
    return TableRenderer.render(table, width: Int.max)
  }

  private static func shades(_ matrix: MatrixResult, labelWidth: Int, sizeWidth: Int, width: Int) -> String {
    let available = Swift.max(10, width - labelWidth - sizeWidth - 4)
    let shown = Array(matrix.columns.prefix(available))
    let values = matrix.rows.flatMap { row in shown.map { row.statistics.mean[$0] } }.filter(\.isFinite)
    let low = Swift.min(0, values.min() ?? 0)
    let high = Swift.max(low, values.max() ?? 0)
    let margin = String(repeating: " ", count: labelWidth + sizeWidth + 3)
    var output = margin + tickLabels(shown, names: matrix.neuronNames) + "\n"
    var previousKind = matrix.rows.first?.kind
    for row in matrix.rows {
      if row.kind != previousKind { output += margin + String(repeating: "┄", count: shown.count) + "\n" }
      previousKind = row.kind
      let label = row.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
      let size = String(row.statistics.count)
      output += label + " " + String(repeating: " ", count: sizeWidth - size.count) + size + "  "
      output += String(shown.map { shade(row.statistics.mean[$0], low: low, high: high) }) + "\n"
    }
    output += "shades: ' ' \(NumberText.compact(Double(low))) … '█' \(NumberText.compact(Double(high)))"
      + " (" + ramp.dropFirst().map { "'\($0)'" }.joined(separator: " ") + " stronger); '?' not finite\n"
    if shown.count < matrix.columns.count {
      let first = shown.first.map { matrix.neuronNames[$0] } ?? ""
      let last = shown.last.map { matrix.neuronNames[$0] } ?? ""
      var hint = "showing \(shown.count) of \(matrix.columns.count) neurons (\(first) … \(last));"
      if matrix.order == "as stored", let next = shown.last.map({ $0 + 1 }) {
        hint += " 'matrix neurons \(next)..\(Swift.min(matrix.neuronNames.count - 1, next + shown.count - 1))' for the next ones,"
      }
      hint += " 'matrix sort by <row>' to bring the strongest first, or '--format csv' for all"
      output += hint + "\n"
    }
    return output
  }

  /// Neuron names above every tenth column, where they fit.
  private static func tickLabels(_ columns: [Int], names: [String]) -> String {
    var line = [Character](repeating: " ", count: columns.count)
    var position = 0
    while position < columns.count {
      let label = "↓" + names[columns[position]]
      if position + label.count <= columns.count + 8 {
        for (offset, character) in label.enumerated() where position + offset < line.count {
          line[position + offset] = character
        }
      }
      position += 10
    }
    return String(line)
  }

  static func shade(_ value: Float, low: Float, high: Float) -> Character {
    guard value.isFinite else { return "?" }
    guard high > low else { return ramp[ramp.count / 2] }
    let fraction = (value - low) / (high - low)
    let index = Int((fraction * Float(ramp.count - 1)).rounded())
    return ramp[Swift.max(0, Swift.min(ramp.count - 1, index))]
  }
}

import Foundation
