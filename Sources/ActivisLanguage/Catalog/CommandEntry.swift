/// Everything the shell says about one command (or help topic): the single
/// source for `help`, `help <command>`, completion and "did you mean".
package struct CommandEntry: Sendable {
  /// The command word, lower case (`matrix`).
  package var name: String
  /// Other words for the same command (`exit` for `quit`).
  package var aliases: [String]
  /// One line per form, in the grammar's notation (`matrix [sort by <row>]`).
  package var syntax: [String]
  /// What it does, in one line without a final period.
  package var abstract: String
  /// A paragraph on details, options and defaults.
  package var discussion: String
  /// Complete command lines that parse; shown by `help <command>`.
  package var examples: [String]
  /// Whether the entry is a command (`false` for topics such as `predicates`).
  package var isCommand: Bool

  /// Creates an entry.
  package init(name: String, aliases: [String] = [], syntax: [String], abstract: String,
              discussion: String, examples: [String], isCommand: Bool = true) {
    self.name = name
    self.aliases = aliases
    self.syntax = syntax
    self.abstract = abstract
    self.discussion = discussion
    self.examples = examples
    self.isCommand = isCommand
  }
}
