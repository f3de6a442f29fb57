/// Writes names, values and predicates as the language reads them back: the
/// text of a subset's definition, and of the scripts `save` writes.
package enum SourceText {
  /// A value, or with `field` the left of a comparison or a name after a
  /// keyword: a plain word as is (a keyword too, in a field, where any word
  /// before an operator is a field), anything else in double quotes.
  package static func literal(_ text: String, field: Bool = false) -> String {
    let plain = text.first.map { $0 == "_" || $0.isLetter } == true
      && text.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
      && (field || !(Parser.predicateKeywords + ["and", "or", "where", "of", "file"]).contains(text.lowercased()))
    if plain { return text }
    return Lexer.quoted(text)
  }

  /// A number that reads back as the same `Double`: `5`, `0.25`, `1e-05`.
  package static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// A predicate with as few parentheses as the precedence of `or` < `and`
  /// < `not` allows; parsed again, it gives the same tree up to the grouping
  /// of `and` and `or` chains, which are associative.
  package static func predicate(_ node: PredicateNode) -> String {
    text(of: node.predicate, inside: .or)
  }

  /// How tightly the surrounding operator binds.
  private enum Context: Int, Comparable {
    case or, and, not
    static func < (lhs: Context, rhs: Context) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  private static func text(of predicate: Predicate, inside context: Context) -> String {
    switch predicate {
    case .or(let left, let right):
      return grouped("\(text(of: left.predicate, inside: .or)) or \(text(of: right.predicate, inside: .or))",
                     binding: .or, inside: context)
    case .and(let left, let right):
      return grouped("\(text(of: left.predicate, inside: .and)) and \(text(of: right.predicate, inside: .and))",
                     binding: .and, inside: context)
    case .not(let operand):
      return "not " + text(of: operand.predicate, inside: .not)
    case .text(let test, let needle):
      return "text \(test.value.rawValue) \(Lexer.quoted(needle.value))"
    case .comparison(let field, let op, let value):
      return "\(literal(field.value, field: true)) \(op.value.rawValue) \(literal(value.value))"
    case .score(let className, let op, let value):
      return "score \(literal(className.value, field: true)) \(op.value.rawValue) \(number(value.value))"
    case .neuron(let reference, let layer, let op, let value):
      let neuron = switch reference.value {
      case .index(let index): String(index)
      case .name(let name): literal(name)
      }
      let scope = layer.map { " of layer \(literal($0.value, field: true))" } ?? ""
      return "neuron \(neuron)\(scope) \(op.value.rawValue) \(number(value.value))"
    case .correct: return "correct"
    case .misclassified: return "misclassified"
    case .inSubset(let name): return "in \(literal(name.value))"
    case .inFile(let path): return "in file \(Lexer.quoted(path.value))"
    case .changedFrom(let path): return "changed from \(Lexer.quoted(path.value))"
    }
  }

  private static func grouped(_ text: String, binding: Context, inside context: Context) -> String {
    context > binding ? "(\(text))" : text
  }

  /// A literal on the right of a comparison, as written or quoted.
  private static func literal(_ value: Literal) -> String {
    switch value {
    case .number(_, let text): text
    case .string(let string): Lexer.quoted(string)
    case .word(let word): word
    }
  }
}
