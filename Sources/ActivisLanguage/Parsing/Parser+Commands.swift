/// A command: its first word names the declaration that reads the rest.
extension Parser {
  /// Parse a command, from its first word up to (not including) its `;`.
  mutating func parseCommand() throws -> CommandNode {
    let start = current.range.start
    guard current.kind == .word else {
      throw failure(Messages.expectedCommand(found: found))
    }
    guard let declaration = CommandDeclaration.named(current.text) else {
      let near = Suggestions.nearest(to: current.text, among: CommandCatalog.commandNames)
      throw failure(Messages.unknownCommand(current.text, suggestion: near))
    }
    var arguments = Arguments()
    try readArguments(of: declaration, into: &arguments)
    try expectEndOfCommand()
    arguments.range = SourceRange(start, previous.range.end)
    try declaration.check(arguments)
    return CommandNode(declaration, arguments)
  }

  /// Consumes the command word and reads the rest by `declaration`'s syntax
  /// (completion runs this too, and stops where the text ends).
  mutating func readArguments(of declaration: CommandDeclaration, into arguments: inout Arguments) throws {
    commandWord = declaration.name
    advance()
    try parse(declaration.syntax, into: &arguments)
  }
}
