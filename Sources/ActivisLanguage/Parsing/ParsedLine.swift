/// The result of parsing one line: its commands, and what was wrong with it.
///
/// When `diagnostics` holds an error, the line must run nothing: `commands`
/// then holds only the commands that parsed, for tools such as highlighting.
package struct ParsedLine: Sendable {
  /// The commands that parsed, in order.
  package var commands: [CommandNode]
  /// At most one error per faulty command, in order.
  package var diagnostics: [Diagnostic]

  /// Creates a parsed line.
  package init(commands: [CommandNode] = [], diagnostics: [Diagnostic] = []) {
    self.commands = commands
    self.diagnostics = diagnostics
  }

  /// Whether the line has an error (and so must run nothing).
  package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
