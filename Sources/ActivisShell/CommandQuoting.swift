import ActivisLanguage

/// Writes paths as the query language reads them.
package enum CommandQuoting {
  /// `text` as a double-quoted string literal, with `"` and `\` escaped.
  package static func quoted(_ text: String) -> String { Lexer.quoted(text) }

  /// Whether `path` can be written bare after `load` or `export`: not empty,
  /// no whitespace, `;`, `"` or `\`, and not starting with `-`.
  package static func isBarePath(_ path: String) -> Bool {
    guard let first = path.first, first != "-" else { return false }
    return !path.contains { $0.isWhitespace || $0 == ";" || $0 == "\"" || $0 == "\\" }
  }

  /// The `load` command for a bundle named on the command line.
  package static func loadCommand(for bundle: String) -> String {
    "load " + quoted(bundle)
  }
}
