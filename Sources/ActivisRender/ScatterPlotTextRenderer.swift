import ActivisCore

/// A projection as a character scatter plot, with a legend.
///
/// On a colour terminal each character is a braille pattern of up to 2×2
/// marks of two dots each (one per occupied quarter of the character, so
/// density shows, and big enough to see), coloured by the key
/// most of its points have. Without colour each character is the letter of
/// that key: upper case when all its points agree, lower case when mixed.
/// Instances added to the matrix are drawn on top, as a bold `◆` in colour
/// or `@` without.
package enum ScatterPlotTextRenderer {
  package static func render(_ projection: ProjectionResult, width: Int, useColor: Bool) -> String {
    let columns = Swift.max(20, Swift.min(width - 2, 100))
    let rows = Swift.max(8, columns / 3)
    let palette = ClassPalette(values: projection.colorValues)
    let style = TerminalStyle(useColor: useColor)
    // Marks: 2 per character across, 2 down (braille pairs); letters use the cells.
    let grid = PointGrid(projection, columns: columns * 2, rows: rows * 2)
    var cells = [[[Int]]](repeating: [[Int]](repeating: [], count: columns), count: rows)
    var dots = [[UInt32]](repeating: [UInt32](repeating: 0, count: columns), count: rows)
    for point in projection.ids.indices {
      let (markColumn, markRow) = grid.position(of: point)
      cells[markRow / 2][markColumn / 2].append(point)
      dots[markRow / 2][markColumn / 2] |= brailleBit(column: markColumn % 2, row: 2 * (markRow % 2))
        | brailleBit(column: markColumn % 2, row: 2 * (markRow % 2) + 1)
    }
    let highlighted = Set(projection.highlighted)
    var output = "\(projection.method) of layer \(projection.layer), coloured by \(projection.colorKey)\n"
    output += "┌" + String(repeating: "─", count: columns) + "┐\n"
    for (row, line) in cells.enumerated() {
      output += "│"
      for (column, points) in line.enumerated() {
        guard !points.isEmpty else {
          output += " "
          continue
        }
        if let marked = points.first(where: highlighted.contains) {
          let key = projection.colorValues[marked]
          output += style.paint(useColor ? "◆" : "@", palette.color(of: key), bold: true)
          continue
        }
        var tally = [Int: Int]()
        for point in points { tally[palette.index(of: projection.colorValues[point]), default: 0] += 1 }
        let majority = tally.max {
          $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key
        }?.key ?? 0
        if useColor {
          let pattern = Character(Unicode.Scalar(0x2800 + dots[row][column]) ?? "?")
          output += style.paint(String(pattern), palette.color(at: majority))
        } else {
          let letter = palette.letters[majority]
          output.append(tally.count > 1 ? Character(letter.lowercased()) : letter)
        }
      }
      output += "│\n"
    }
    output += "└" + String(repeating: "─", count: columns) + "┘\n"
    var legend: [String] = []
    for (index, name) in palette.names.enumerated() {
      let count = projection.colorValues.filter { $0 == name }.count
      let symbol = useColor ? "●" : String(palette.letters[index])
      legend.append(style.paint(symbol, palette.color(at: index), bold: true)
        + " \(name.isEmpty ? "(unknown)" : name) \(count)")
    }
    if !highlighted.isEmpty {
      legend.append((useColor ? "◆" : "@") + " instances added to the matrix")
    }
    output += TextWrapping.lines(legend, separator: "   ", width: width)
    output += useColor
      ? "each character holds 2×2 marks; its colour is the most common key of its points\n"
      : "lower case: a cell whose points differ\n"
    for note in projection.notes { output += note + "\n" }
    return output
  }

  /// The bit of a braille pattern (U+2800 + bits) for a dot of a 2×4 cell.
  static func brailleBit(column: Int, row: Int) -> UInt32 {
    let left: [UInt32] = [0x01, 0x02, 0x04, 0x40]
    let right: [UInt32] = [0x08, 0x10, 0x20, 0x80]
    return column == 0 ? left[row] : right[row]
  }

}
