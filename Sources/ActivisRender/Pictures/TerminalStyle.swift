/// ANSI escape sequences for colour on a terminal (256 colours), or plain
/// text when colour is off.
struct TerminalStyle: Sendable {
  let useColor: Bool

  /// `text` in the foreground colour, bold if asked.
  func paint(_ text: String, _ color: RGBColor, bold: Bool = false) -> String {
    guard useColor, !text.isEmpty else { return text }
    return "\u{1B}[\(bold ? "1;" : "")38;5;\(color.xterm256)m\(text)\u{1B}[0m"
  }

  /// `text` dimmed (secondary information).
  func dim(_ text: String) -> String {
    useColor && !text.isEmpty ? "\u{1B}[2m\(text)\u{1B}[0m" : text
  }

  /// `text` in bold.
  func bold(_ text: String) -> String {
    useColor && !text.isEmpty ? "\u{1B}[1m\(text)\u{1B}[0m" : text
  }

  /// The number of characters a terminal shows for `text`, escapes excluded.
  static func visibleCount(_ text: String) -> Int {
    var count = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        if scalar == "m" { inEscape = false }
      } else if scalar == "\u{1B}" {
        inEscape = true
      } else {
        count += 1
      }
    }
    return count
  }

  /// `text` padded with spaces to `width` visible characters.
  static func pad(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: Swift.max(0, width - visibleCount(text)))
  }
}
