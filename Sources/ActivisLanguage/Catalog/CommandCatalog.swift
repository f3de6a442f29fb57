/// What `help` shows: every declared command (`CommandDeclaration.all`),
/// in the order declared, then the topics that are not commands.
package enum CommandCatalog {
  /// Every command, then the help topics that are not commands.
  package static let entries: [CommandEntry] = CommandDeclaration.all.map(\.entry) + topics

  /// The command words and their aliases, for completion and suggestions.
  package static var commandNames: [String] {
    entries.filter(\.isCommand).flatMap { [$0.name] + $0.aliases }
  }

  /// Everything `help <topic>` accepts.
  package static var topicNames: [String] {
    entries.flatMap { [$0.name] + $0.aliases }
  }

  /// The entry for a command word, alias or topic (any case).
  package static func entry(for name: String) -> CommandEntry? {
    let key = name.lowercased()
    return entries.first { $0.name == key || $0.aliases.contains(key) }
  }

  static let topics: [CommandEntry] = [
    CommandEntry(
      name: "predicates",
      syntax: ["text starts|ends|contains|matches \"…\"",
               "label|predicted|id|<attribute> <op> <value>",
               "score <class> <op> <number>", "neuron <index>|<name> [of layer <layer>] <op> <number>",
               "correct", "misclassified", "in <subset-or-class>", "in file \"<path>\"", "changed from \"<bundle>\"",
               "not <predicate>", "<predicate> and <predicate>", "<predicate> or <predicate>",
               "( <predicate> )"],
      abstract: "the conditions that define subsets",
      discussion: """
        <op> is =, !=, <, <=, > or >=; a value is a number, a \"quoted string\" or a word. \
        'not' binds tighter than 'and', and 'and' tighter than 'or'. Write an attribute \
        whose name is a keyword or has spaces in double quotes: \"first word\" = what. \
        In 'matches', the pattern is a regular expression. A score can also be named \
        by its column, as 'info' lists it: score:NUM > 0.5. A neuron condition reads the \
        current layer unless it names one. A subset is evaluated once, when defined, and \
        stored closed: 'subsets' shows each neuron condition with its layer and each \
        'in <subset>' replaced by that subset's definition (an id list as 'in file'), so \
        redefining one subset never changes another.
        """,
      examples: ["subset where text matches \"^Who (is|was)\"",
                 "subset where score LOC > 0.5 and neuron 17 > 0.3",
                 "subset where \"first word\" = what or length >= 10"],
      isCommand: false),
  ]
}
