/// The result of parsing one line: its commands, and what was wrong with it.
///
/// When `diagnostics` holds an error, the line must run nothing: `commands`
/// then holds only the commands that parsed, for tools such as highlighting.
public struct ParsedLine: Sendable {
  /// The commands that parsed, in order.
  public var commands: [CommandNode]
  /// At most one error per faulty command, in order.
  public var diagnostics: [Diagnostic]

  /// Creates a parsed line.
  public init(commands: [CommandNode] = [], diagnostics: [Diagnostic] = []) {
    self.commands = commands
    self.diagnostics = diagnostics
  }

  /// Whether the line has an error (and so must run nothing).
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
