/// The commands: dispatch on the first word, and the simple commands.
extension Parser {
  /// Parse a command, from its first word up to (not including) its `;`.
  mutating func parseCommand() throws -> CommandNode {
    let start = current.range.start
    guard current.kind == .word else {
      throw failure(Messages.expectedCommand(found: found))
    }
    let name = current.text.lowercased()
    let command: Command
    switch name {
    case "load": command = try parseLoad()
    case "info": command = simple(.info)
    case "graph": command = try parseGraph()
    case "layers": command = simple(.layers)
    case "select": command = try parseSelect()
    case "instances": command = try parseInstances()
    case "show": command = try parseShow()
    case "subset": command = try parseSubset()
    case "subsets": command = try parseSubsets()
    case "members": command = try parseMembers()
    case "matrix": command = try parseMatrix()
    case "add": command = .add(try parseRows())
    case "remove": command = .remove(try parseRows())
    case "compare": command = try parseCompare()
    case "project": command = try parseProject()
    case "color", "colour": command = try parseColor()
    case "neurons": command = try parseNeurons()
    case "export": command = try parseExport()
    case "set": command = try parseSet()
    case "help": command = try parseHelp()
    case "save": command = try parseSave()
    case "quit", "exit": command = simple(.quit)
    default:
      let near = Suggestions.nearest(to: current.text, among: CommandCatalog.commandNames)
      throw failure(Messages.unknownCommand(current.text, suggestion: near))
    }
    try expectEndOfCommand()
    return CommandNode(command, range: SourceRange(start, previous.range.end))
  }

  /// Consumes a command word that takes no arguments.
  mutating func simple(_ command: Command) -> Command {
    advance()
    return command
  }

  /// Parse `load <path>`.
  mutating func parseLoad() throws -> Command {
    advance()
    return .load(path: try expectPath())
  }

  /// Parse `graph`, `graph <node>`, `graph depth N`, `graph expand|collapse <group>`.
  ///
  /// `depth`, `expand` and `collapse` are keywords only when followed by their
  /// argument; otherwise (or quoted) they name a node.
  mutating func parseGraph() throws -> Command {
    advance()
    if current.endsCommand { return .graph(.overview) }
    let next = peek()
    if at("depth"), case .number = next.kind {
      advance()
      return .graph(.depth(try expectInteger(minimum: 0)))
    }
    if at("expand") || at("collapse"), !next.endsCommand {
      let expand = at("expand")
      advance()
      let group = try expectName("a group name")
      return .graph(expand ? .expand(group) : .collapse(group))
    }
    return .graph(.node(try expectName("a graph node")))
  }

  /// Parse `select layer <name>`.
  mutating func parseSelect() throws -> Command {
    advance()
    _ = try expectKeyword(oneOf: ["layer"])
    return .selectLayer(try expectName("a layer name"))
  }

  /// Parse `instances [<class>]`.
  mutating func parseInstances() throws -> Command {
    advance()
    if current.endsCommand { return .instances(class: nil) }
    return .instances(class: try expectName("a class name"))
  }

  /// Parse `show #38`.
  mutating func parseShow() throws -> Command {
    advance()
    return .show(try expectInstance())
  }

  /// Parse `subset [<name> =] where <predicate>` or `subset [<name> =] from <file>`.
  ///
  /// A subset may be named `where` or `from`: `subset where = where correct`.
  mutating func parseSubset() throws -> Command {
    advance()
    var name: Located<String>?
    if !(at("where") || at("from")) || peek().comparisonOperator == .equal {
      guard atName else { throw expected("'where', 'from' or a subset name") }
      name = try expectName("a subset name")
      guard current.comparisonOperator == .equal else { throw expected("'='") }
      advance()
    }
    if try expectKeyword(oneOf: ["where", "from"]).value == "from" {
      return .subsetFromFile(name: name, path: try expectPath())
    }
    return .defineSubset(name: name, predicate: try parsePredicate())
  }

  /// Parse `subsets` or `subsets by <field> [bins N]`.
  mutating func parseSubsets() throws -> Command {
    advance()
    if current.endsCommand { return .subsets }
    _ = try expectKeyword(oneOf: ["by"])
    guard atName else { throw expected("'label', 'predicted' or an attribute") }
    let field = try expectName("an attribute")
    var bins: Located<Int>?
    if !current.endsCommand {
      _ = try expectOption(of: "subsets by", among: ["bins"])
      bins = try expectInteger(minimum: 2)
    }
    return .subsetsBy(field: field, bins: bins)
  }

  /// Parse `members <subset or class>`.
  mutating func parseMembers() throws -> Command {
    advance()
    return .members(try expectName("a subset or class name"))
  }

  /// Parse `color by label|predicted|correct|<attribute>|<subset>` (a quoted
  /// word is always an attribute or subset name).
  mutating func parseColor() throws -> Command {
    advance()
    _ = try expectKeyword(oneOf: ["by"])
    let keys: [String: ColorKey] = ["label": .label, "predicted": .predicted, "correct": .correct]
    if current.kind == .word, let key = keys[current.text.lowercased()] {
      return .colorBy(Located(key, take().range))
    }
    guard atName else { throw expected("'label', 'predicted', 'correct', an attribute or a subset") }
    let attribute = try expectName("an attribute or a subset")
    return .colorBy(Located(.attribute(attribute.value), attribute.range))
  }

  /// Parse `save <file>`.
  mutating func parseSave() throws -> Command {
    advance()
    return .save(path: try expectPath())
  }

  /// Parse `export csv|tsv|json|svg <file>`.
  mutating func parseExport() throws -> Command {
    advance()
    let format = try expectCase(ExportFormat.self)
    return .export(format: format, path: try expectPath())
  }

  /// Parse `set format table|csv|tsv|json`.
  mutating func parseSet() throws -> Command {
    advance()
    if try expectKeyword(oneOf: ["format", "timer"]).value == "timer" {
      let state = try expectKeyword(oneOf: ["on", "off"])
      return .setTimer(Located(state.value == "on", state.range))
    }
    return .setFormat(try expectCase(OutputFormat.self))
  }

  /// Parse `help [<topic>]`; an unknown topic is an error with a suggestion.
  mutating func parseHelp() throws -> Command {
    advance()
    if current.endsCommand { return .help(topic: nil) }
    guard current.kind == .word || current.isString else { throw expected("a command") }
    let topic = try expectName("a command")
    guard CommandCatalog.entry(for: topic.value) != nil else {
      let near = Suggestions.nearest(to: topic.value, among: CommandCatalog.topicNames)
      throw ParseFailure(Messages.unknownHelpTopic(topic.value, suggestion: near), at: topic.range)
    }
    return .help(topic: topic)
  }
}
