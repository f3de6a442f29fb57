/// The commands: dispatch on the first word, and the simple commands.
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
    commandWord = declaration.name
    advance()
    var arguments = Arguments()
    try parse(declaration.syntax, into: &arguments)
    try expectEndOfCommand()
    arguments.range = SourceRange(start, previous.range.end)
    try declaration.check(arguments)
    return CommandNode(declaration, arguments)
  }
}
