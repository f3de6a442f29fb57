/// The syntax of a command after its first word, declared as data: the
/// parser reads commands by it, completion asks it what may come next, and
/// `help` and grammar/activis.ebnf print it.
package indirect enum Syntax: Sendable {
  /// A keyword, in any case.
  case keyword(String)
  /// A value the user gives, kept under the parameter's name.
  case value(Parameter)
  /// Elements one after another.
  case sequence([Syntax])
  /// An element that may be left out; taken when the current token can start it.
  case optional(Syntax)
  /// One of several forms, the first that the current token can start.
  case choice([Syntax])
  /// Options introduced by their keyword, in any order, each at most once.
  case options([Syntax])
  /// One or more of an element, up to the end of the command.
  case repeated(Syntax)
  /// An element that can start only where `lookahead` holds as well.
  case guarded(Syntax, Lookahead)
  /// An element that may occur once among repetitions (`compare … top N`).
  case once(Syntax)
  /// An option that belongs only to some values of an earlier choice
  /// (`perplexity` to `project tsne`): it is read after any of them, so that
  /// the command can say whose option it is, but completion offers it only
  /// after the values it belongs to.
  case only(Syntax, choice: String, values: [String])

  /// `keyword keyword …` as a sequence.
  static func words(_ words: String...) -> Syntax { .sequence(words.map(Syntax.keyword)) }
}

/// A value in a command: what it is, where it is kept, how help shows it.
package struct Parameter: Sendable {
  /// The key of the value in `Arguments`.
  package var name: String
  package var kind: Kind
  /// How `help` and the grammar show it: `<file>`.
  package var placeholder: String
  /// What an error says was expected: "a layer name".
  package var description: String

  package enum Kind: Sendable, Equatable {
    /// A bare word, quoted string or number; `completion` says which names.
    case name(NameKind)
    /// A file path, bare or quoted.
    case path
    /// A whole number of at least `minimum`.
    case integer(minimum: Int)
    /// A number, positive when asked.
    case number(positive: Bool)
    /// A non-negative integer up to 2⁶⁴ − 1.
    case seed
    /// `#38`.
    case instance
    /// `#38`, a class or a subset.
    case row
    /// A predicate (`where …`).
    case predicate
    /// One of these words, in any case.
    case word([String])
    /// `A..B`, inclusive neuron indices.
    case neuronRange
  }

  /// The names a `.name` parameter completes to.
  package enum NameKind: Sendable, Equatable {
    case layer, className, subset, subsetOrClass, attribute, attributeOrSubset, graphNode, group, topic, other
  }

  package init(_ name: String, _ kind: Kind, placeholder: String? = nil, description: String) {
    self.name = name
    self.kind = kind
    self.placeholder = placeholder ?? "<\(name)>"
    self.description = description
  }
}

/// A condition on the token after the current one.
package enum Lookahead: Sendable, Equatable {
  /// It is a number.
  case number
  /// The command goes on after the current token.
  case more
  /// It is `=`.
  case equals
  /// The current token is not one of these keywords, or the next is `=`
  /// (`subset where = where …` names a subset `where`).
  case notKeywordUnlessEquals([String])
}
