/// One command of the language, declared once: its words, its syntax with
/// typed parameters and limits, its help, and how its matched arguments
/// become a `Command`. Parsing, `help`, "did you mean", tab completion and
/// grammar/activis.ebnf all read the declarations (`CommandDeclaration.all`).
package struct CommandDeclaration: Sendable {
  /// The command word, lower case (`matrix`).
  package var name: String
  /// Other words for the same command (`exit` for `quit`).
  package var aliases: [String]
  /// What follows the command word.
  package var syntax: Syntax
  /// What it does, in one line without a final period.
  package var abstract: String
  /// A paragraph on details, options and defaults.
  package var discussion: String
  /// Complete command lines that parse; shown by `help <command>`.
  package var examples: [String]
  /// Checks, while the line is parsed, what the syntax alone cannot; a
  /// `ParseFailure` here stops the line before any of it runs.
  let check: @Sendable (Arguments) throws -> Void
  /// Runs the command on the evaluator's session.
  let run: @Sendable (Arguments, Evaluator) throws -> CommandOutput

  init(_ name: String, aliases: [String] = [], syntax: Syntax = .sequence([]), abstract: String,
       discussion: String, examples: [String], check: @escaping @Sendable (Arguments) throws -> Void = { _ in },
       run: @escaping @Sendable (Arguments, Evaluator) throws -> CommandOutput) {
    self.name = name
    self.aliases = aliases
    self.syntax = syntax
    self.abstract = abstract
    self.discussion = discussion
    self.examples = examples
    self.check = check
    self.run = run
  }

  /// Every command, in the order `help` lists them.
  package static let all: [CommandDeclaration] = bundleCommands + instanceCommands + activationCommands
    + analysisCommands + outputCommands

  /// The declaration of a command word or alias (any case).
  package static func named(_ word: String) -> CommandDeclaration? {
    let key = word.lowercased()
    return all.first { $0.name == key || $0.aliases.contains(key) }
  }

  /// The forms `help` shows, one per line: `matrix [neurons <from>..<to>] …`.
  package var usage: [String] { SyntaxText.usage(of: self) }

  /// The entry `help` renders.
  var entry: CommandEntry {
    CommandEntry(name: name, aliases: aliases, syntax: usage, abstract: abstract, discussion: discussion,
                 examples: examples)
  }
}

/// A parameter with a short spelling for declarations.
extension Syntax {
  static func name(_ name: String, _ kind: Parameter.NameKind, _ description: String,
                   placeholder: String? = nil) -> Syntax {
    .value(Parameter(name, .name(kind), placeholder: placeholder, description: description))
  }

  static func path(_ name: String = "file") -> Syntax {
    .value(Parameter(name, .path, description: "a file path"))
  }

  static func integer(_ name: String, minimum: Int, placeholder: String = "<n>") -> Syntax {
    .value(Parameter(name, .integer(minimum: minimum), placeholder: placeholder,
                     description: minimum == 1 ? "a positive integer" : "an integer of at least \(minimum)"))
  }

  static func number(_ name: String, positive: Bool, placeholder: String = "<x>") -> Syntax {
    .value(Parameter(name, .number(positive: positive), placeholder: placeholder,
                     description: positive ? "a positive number" : "a number"))
  }

  static func oneOf(_ name: String, _ words: [String]) -> Syntax {
    .value(Parameter(name, .word(words), placeholder: words.joined(separator: "|"),
                     description: Suggestions.quotedList(words)))
  }

  static let row = Syntax.value(Parameter("row", .row, description: "an instance id like '#38', a class or a subset"))
}
