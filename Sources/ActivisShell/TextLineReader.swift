/// Reads the lines of a string: the text of a `-c` option.
package final class TextLineReader: LineReader {
  private var lines: [String]
  private var next = 0

  /// Splits `text` at `\n`, dropping a `\r` before it; a final newline does
  /// not make an extra empty line.
  package init(text: String) {
    // Split the scalars, not the characters: "\r\n" is a single Character.
    var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
      .map { line in String(line.last == "\r" ? line.dropLast() : line) }
    if text.unicodeScalars.last == "\n" { lines.removeLast() }
    self.lines = lines
  }

  /// The next line; `prompt` is ignored.
  package func readLine(prompt: String) -> String? {
    guard next < lines.count else { return nil }
    defer { next += 1 }
    return lines[next]
  }
}
