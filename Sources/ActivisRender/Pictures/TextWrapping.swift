/// Joins short pieces of text (legend items, clauses of a note) into lines
/// that fit a width, breaking only between pieces.
enum TextWrapping {
  /// The pieces joined by `separator`, a new line started whenever the next
  /// piece would pass `width` visible characters (escape sequences do not
  /// count); each line ends with a newline. A piece longer than the width
  /// gets a line of its own.
  static func lines(_ pieces: [String], separator: String, width: Int) -> String {
    var lines: [String] = []
    var line = ""
    for piece in pieces {
      let length = TerminalStyle.visibleCount(line) + separator.count + TerminalStyle.visibleCount(piece)
      if !line.isEmpty && length > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : separator) + piece
    }
    if !line.isEmpty { lines.append(line) }
    return lines.map { $0 + "\n" }.joined()
  }
}
