/// The text of `help` and `help <command>`, rendered from the catalog.
extension CommandCatalog {
  /// The overview `help` prints: every command with its abstract, then the
  /// other topics (without a final newline).
  package static func helpText() -> String {
    let width = (entries.map(\.name.count).max() ?? 0) + 2
    func row(_ entry: CommandEntry) -> String {
      "  " + entry.name.padded(to: width) + entry.abstract
    }
    var lines = ["Commands:"] + entries.filter(\.isCommand).map(row)
    lines += ["", "Topics:"] + entries.filter { !$0.isCommand }.map(row)
    lines += ["", "Commands are separated by ';' and '--' starts a comment.",
              "Type 'help <command>' for details."]
    return lines.joined(separator: "\n")
  }

  /// What `help <topic>` prints, or `nil` for an unknown topic (the parser
  /// reports that with a suggestion).
  package static func helpText(for topic: String) -> String? {
    guard let entry = entry(for: topic) else { return nil }
    var lines = ["OVERVIEW: \(entry.abstract)", "", entry.isCommand ? "USAGE:" : "SYNTAX:"]
    lines += entry.syntax.map { "  \($0)" }
    if !entry.aliases.isEmpty {
      lines += ["", "ALIASES: " + entry.aliases.joined(separator: ", ")]
    }
    lines += [""] + wrap(entry.discussion, width: 78)
    lines += ["", "EXAMPLES:"] + entry.examples.map { "  \($0)" }
    return lines.joined(separator: "\n")
  }

  /// Splits `text` into lines of at most `width` characters at spaces.
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += line.isEmpty ? String(word) : " " + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}

extension String {
  /// The string padded with spaces to `length` characters (never cut).
  func padded(to length: Int) -> String {
    count >= length ? self + " " : self + String(repeating: " ", count: length - count)
  }
}
