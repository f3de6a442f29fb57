/// Reads the lines of a string: the text of a `-c` option.
public final class TextLineReader: LineReader {
  private var lines: [String]
  private var next = 0

  /// Splits `text` at `\n`, dropping a `\r` before it; a final newline does
  /// not make an extra empty line.
  public init(text: String) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
    }
    if text.hasSuffix("\n") { lines.removeLast() }
    self.lines = lines
  }

  /// The next line; `prompt` is ignored.
  public func readLine(prompt: String) -> String? {
    guard next < lines.count else { return nil }
    defer { next += 1 }
    return lines[next]
  }
}
