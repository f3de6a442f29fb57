/// Prints diagnostics as `file:line:column: error: message`, then the source
/// line and a caret under the fault.
///
/// ```
/// analysis.avq:3:22: error: expected a predicate after 'where', found end of line
/// subset whatis = where
///                      ^
/// ```
///
/// Columns are 1-based and count `Character`s (user-perceived characters), so
/// `é` or an emoji is one column whatever its UTF-8 length. The caret line
/// copies the tabs of the source line, so it stays aligned under tab stops.
public enum DiagnosticFormatter {
  /// Formats `diagnostic` about `line` (without a final newline).
  ///
  /// - Parameters:
  ///   - diagnostic: what to report; without a range only the first line is
  ///     printed, as `file:line: error: …`.
  ///   - line: the source line the range refers to.
  ///   - file: the script's path, or `nil` interactively (`line:column: …`).
  ///   - lineNumber: the 1-based line number within the script or session.
  ///   - useColor: whether to mark the severity with ANSI escapes.
  public static func format(_ diagnostic: Diagnostic, line: String, file: String?,
                            lineNumber: Int, useColor: Bool) -> String {
    var location = file.map { "\($0):\(lineNumber)" } ?? "\(lineNumber)"
    guard let range = diagnostic.range else {
      return "\(location): \(severity(diagnostic.severity, useColor)) \(diagnostic.message)"
    }
    let bytes = Array(line.utf8)
    let start = min(max(range.start, 0), bytes.count)
    let end = min(max(range.end, start), bytes.count)
    let before = String(decoding: bytes[0..<start], as: UTF8.self)
    let marked = String(decoding: bytes[start..<end], as: UTF8.self)
    location += ":\(before.count + 1)"
    let padding = String(before.map { $0 == "\t" ? "\t" : " " })
    let underline = "^" + String(repeating: "~", count: max(marked.count - 1, 0))
    let caret = useColor ? "\(green)\(underline)\(reset)" : underline
    return """
      \(location): \(severity(diagnostic.severity, useColor)) \(diagnostic.message)
      \(line)
      \(padding)\(caret)
      """
  }

  static let reset = "\u{1B}[0m"
  static let green = "\u{1B}[1;32m"

  /// `error:`, `warning:` or `note:`, coloured when asked.
  static func severity(_ severity: Diagnostic.Severity, _ useColor: Bool) -> String {
    let label = "\(severity.rawValue):"
    guard useColor else { return label }
    switch severity {
    case .error: return "\u{1B}[1;31m\(label)\(reset)"
    case .warning: return "\u{1B}[1;35m\(label)\(reset)"
    case .note: return "\u{1B}[1;36m\(label)\(reset)"
    }
  }
}
