import ActivisCore

/// A result table drawn with box-drawing characters, numbers right-aligned,
/// fitted to the width by shortening the widest text columns with `…`.
package enum TableRenderer {
  package static func render(_ table: ResultTable, width: Int) -> String {
    let columnCount = table.columns.count
    let header = table.columns.map { TableCellText($0, oneLine: false) }
    // Row-major, one entry per cell.
    var body: [TableCellText] = []
    body.reserveCapacity(table.rows.count * columnCount)
    for (i, cells) in table.rows.enumerated() {
      for (c, cell) in cells.enumerated() {
        body.append(TableCellText(shaded(cell.displayText, table.heatmap?.values, row: i, column: c - 1),
                                  oneLine: true))
      }
    }
    let numeric = table.columns.indices.map { c in
      table.rows.contains { $0[c].isNumeric } && !table.rows.contains { !$0[c].isNumeric && $0[c] != .missing }
    }
    var widths = header.map(\.width)
    for (index, cell) in body.enumerated() where cell.width > widths[index % columnCount] {
      widths[index % columnCount] = cell.width
    }
    fit(&widths, to: width)
    var output: [UInt8] = []
    output.reserveCapacity((table.rows.count + 4) * (widths.reduce(0, +) + 4 * columnCount + 4))
    func line(_ left: String, _ middle: String, _ right: String) {
      output.append(contentsOf: left.utf8)
      for (c, columnWidth) in widths.enumerated() {
        if c > 0 { output.append(contentsOf: middle.utf8) }
        for _ in 0 ..< columnWidth + 2 { output.append(contentsOf: "─".utf8) }
      }
      output.append(contentsOf: right.utf8)
      output.append(0x0A)
    }
    func row(_ cells: ArraySlice<TableCellText>) {
      output.append(contentsOf: "│".utf8)
      for (c, cell) in zip(widths.indices, cells) {
        if c > 0 { output.append(contentsOf: "│".utf8) }
        output.append(0x20)
        cell.append(to: &output, columnWidth: widths[c], alignRight: numeric[c])
        output.append(0x20)
      }
      output.append(contentsOf: "│\n".utf8)
    }
    line("┌", "┬", "┐")
    row(header[...])
    line("├", "┼", "┤")
    for i in table.rows.indices { row(body[i * columnCount ..< (i + 1) * columnCount]) }
    line("└", "┴", "┘")
    if table.rows.isEmpty { output.append(contentsOf: "(no rows)\n".utf8) }
    for note in table.notes {
      output.append(contentsOf: note.utf8)
      output.append(0x0A)
    }
    return String(decoding: output, as: UTF8.self)
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
}
