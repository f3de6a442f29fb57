import ActivisCore

/// A result table drawn with box-drawing characters, numbers right-aligned,
/// fitted to the width by shortening the widest text columns with `…`.
package enum TableRenderer {
  package static func render(_ table: ResultTable, width: Int) -> String {
    let header = table.columns
    let body = table.rows.enumerated().map { i, cells in
      cells.enumerated().map { c, cell in
        shaded(cell.displayText.replacingLineBreaks(), table.heatmap?.values, row: i, column: c - 1)
      }
    }
    let numeric = table.columns.indices.map { c in
      table.rows.contains { $0[c].isNumeric } && !table.rows.contains { !$0[c].isNumeric && $0[c] != .missing }
    }
    var widths = header.indices.map { c in
      ([header[c]] + body.map { $0[c] }).map(\.count).max() ?? 0
    }
    fit(&widths, to: width)
    func line(_ left: String, _ middle: String, _ right: String) -> String {
      left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
    }
    func row(_ cells: [String]) -> String {
      "│" + cells.indices.map { c in
        " " + pad(truncate(cells[c], to: widths[c]), to: widths[c], right: numeric[c]) + " "
      }.joined(separator: "│") + "│\n"
    }
    var output = line("┌", "┬", "┐") + row(header) + line("├", "┼", "┤")
    for cells in body { output += row(cells) }
    output += line("└", "┴", "┘")
    if body.isEmpty { output += "(no rows)\n" }
    for note in table.notes { output += note + "\n" }
    return output
  }

  /// The shades of a grid of values from 0 to 1, lightest first.
  package static let shades = Array(" ·░▒▓█")

  /// A cell of a grid of values (`diff … all`, the first column being the
  /// row label) with its shade before it, so the grid reads as a picture.
  static func shaded(_ text: String, _ values: [[Double?]]?, row: Int, column: Int) -> String {
    guard let values, column >= 0, row < values.count, column < values[row].count, let value = values[row][column]
    else { return text }
    let index = Swift.min(shades.count - 1, Swift.max(0, Int(value * Double(shades.count))))
    return "\(shades[index]) \(text)"
  }

  /// Shrinks the widest columns until the table fits (never below 8).
  private static func fit(_ widths: inout [Int], to available: Int) {
    func total() -> Int { widths.reduce(0, +) + 3 * widths.count + 1 }
    while total() > available, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
          widths[widest] > 8 {
      widths[widest] -= Swift.min(widths[widest] - 8, total() - available)
    }
  }

  static func truncate(_ text: String, to width: Int) -> String {
    text.count <= width ? text : String(text.prefix(Swift.max(0, width - 1))) + "…"
  }

  static func pad(_ text: String, to width: Int, right: Bool) -> String {
    let padding = String(repeating: " ", count: Swift.max(0, width - text.count))
    return right ? padding + text : text + padding
  }
}

extension String {
  /// Line breaks and tabs shown as spaces, so a cell stays on one line.
  func replacingLineBreaks() -> String {
    String(map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
  }
}
