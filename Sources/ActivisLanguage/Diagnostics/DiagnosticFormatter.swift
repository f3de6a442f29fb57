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
/// copies the tabs of the source line, so it stays aligned under tab stops,
/// and puts two spaces (or `~~`) under East Asian wide characters and emoji,
/// which terminals draw two cells wide.
package enum DiagnosticFormatter {
  /// Formats `diagnostic` about `line` (without a final newline).
  ///
  /// - Parameters:
  ///   - diagnostic: what to report; without a range only the first line is
  ///     printed, as `file:line: error: …`.
  ///   - line: the source line the range refers to.
  ///   - file: the script's path, or `nil` interactively (`line:column: …`).
  ///   - lineNumber: the 1-based line number within the script or session.
  ///   - useColor: whether to mark the severity with ANSI escapes.
  package static func format(_ diagnostic: Diagnostic, line: String, file: String?,
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
    let padding = before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: cells($0)) }
      .joined()
    let width = marked.reduce(0) { $0 + cells($1) }
    let underline = "^" + String(repeating: "~", count: max(width - 1, 0))
    let caret = useColor ? "\(green)\(underline)\(reset)" : underline
    return """
      \(location): \(severity(diagnostic.severity, useColor)) \(diagnostic.message)
      \(line)
      \(padding)\(caret)
      """
  }

  /// How many terminal cells `character` takes: 2 for East Asian wide
  /// characters and emoji, 1 otherwise.
  static func cells(_ character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first?.value else { return 1 }
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
    return wide.contains { $0.contains(scalar) } ? 2 : 1
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
