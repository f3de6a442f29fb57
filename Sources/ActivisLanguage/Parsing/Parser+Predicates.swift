import Foundation

/// Predicates: `or` < `and` < `not` < primaries, with parentheses.
extension Parser {
  /// The words that start a predicate, for suggestions.
  static let predicateKeywords = ["not", "text", "score", "neuron", "correct", "misclassified", "changed",
                                  "in", "label", "predicted", "id"]

  /// Parse a whole predicate (after `where`).
  mutating func parsePredicate() throws -> PredicateNode {
    try parseOr(depth: 0)
  }

  /// Parse `a or b or …`.
  mutating func parseOr(depth: Int) throws -> PredicateNode {
    try parseChain("or", depth: depth, operand: { try $0.parseAnd(depth: $1) },
                   combine: Predicate.or)
  }

  /// Parse `a and b and …`.
  mutating func parseAnd(depth: Int) throws -> PredicateNode {
    try parseChain("and", depth: depth, operand: { try $0.parseNot(depth: $1) },
                   combine: Predicate.and)
  }

  /// Parse operands joined by `keyword`, combining neighbours pairwise so
  /// that a chain of n operands is a tree of depth log₂ n (`and` and `or` are
  /// associative): a chain of 50,000 terms must not nest 50,000 deep, which
  /// would overflow the stack when the tree is evaluated or freed.
  mutating func parseChain(_ keyword: String, depth: Int,
                           operand: (inout Parser, Int) throws -> PredicateNode,
                           combine: (PredicateNode, PredicateNode) -> Predicate) throws
    -> PredicateNode {
    var operands = [try operand(&self, depth)]
    var progress = LoopProgress()
    while at(keyword), progress.advanced(to: lexer.offset) {
      advance()
      operands.append(try operand(&self, depth))
    }
    while operands.count > 1 {
      operands = stride(from: 0, to: operands.count, by: 2).map { index in
        guard index + 1 < operands.count else { return operands[index] }
        let (left, right) = (operands[index], operands[index + 1])
        return PredicateNode(combine(left, right), range: left.range.union(right.range))
      }
    }
    return operands[0]
  }

  /// Parse `not <predicate>` (an attribute named `not` is compared as usual).
  mutating func parseNot(depth: Int) throws -> PredicateNode {
    guard at("not"), peek().comparisonOperator == nil else { return try parsePrimary(depth: depth) }
    try checkNesting(depth)
    let keyword = take()
    let operand = try parseNot(depth: depth + 1)
    return PredicateNode(.not(operand), range: keyword.range.union(operand.range))
  }

  /// Fails when one more level would nest deeper than `maximumNesting`.
  func checkNesting(_ depth: Int) throws {
    guard depth < Self.maximumNesting else {
      throw failure(Messages.nestedTooDeeply(Self.maximumNesting))
    }
  }

  /// Parse a parenthesised predicate or a simple condition.
  mutating func parsePrimary(depth: Int) throws -> PredicateNode {
    if current.kind == .leftParenthesis {
      try checkNesting(depth)
      let open = take()
      let inner = try parseOr(depth: depth + 1)
      guard current.kind == .rightParenthesis else {
        throw failure(Messages.unclosedParenthesis(found: found))
      }
      let close = take()
      return PredicateNode(inner.predicate, range: open.range.union(close.range))
    }
    let start = current.range
    let predicate = try parseCondition()
    return PredicateNode(predicate, range: start.union(previous.range))
  }

  /// Parse a condition: a comparison (any word or quoted string followed by
  /// an operator), or one of the predicate keywords.
  mutating func parseCondition() throws -> Predicate {
    if current.isString || (current.kind == .word && peek().comparisonOperator != nil) {
      return try parseComparison()
    }
    guard current.kind == .word else { throw expected("a predicate") }
    switch current.text.lowercased() {
    case "text": return try parseText()
    case "score": return try parseScore()
    case "neuron": return try parseNeuron()
    case "correct": return simplePredicate(.correct)
    case "misclassified": return simplePredicate(.misclassified)
    case "changed":
      advance()
      _ = try expectKeyword(oneOf: ["from"])
      return .changedFrom(try expectPath())
    case "in":
      advance()
      if at("file"), peek().isString {
        advance()
        return .inFile(try expectName("a quoted file path"))
      }
      return .inSubset(try expectName("a subset or class name"))
    default:
      if let near = Suggestions.nearest(to: current.text, among: Self.predicateKeywords),
         !["label", "predicted", "id"].contains(near) {
        throw failure(Messages.unknownPredicate(current.text, suggestion: near))
      }
      advance()
      throw expected("a comparison operator")
    }
  }

  /// Consumes a predicate keyword that takes nothing.
  mutating func simplePredicate(_ predicate: Predicate) -> Predicate {
    advance()
    return predicate
  }

  /// The reserved columns, matched in any case when written bare.
  static let reservedFields = ["label", "predicted", "id", "text"]

  /// Parse `<field> <op> <value>`; the field may be quoted. A bare reserved
  /// column (`LABEL`) is given in lower case; other names stay as written.
  mutating func parseComparison() throws -> Predicate {
    var field = try expectName("an attribute")
    if previous.kind == .word, Self.reservedFields.contains(field.value.lowercased()) {
      field.value = field.value.lowercased()
    }
    let op = try expectComparisonOperator()
    let value: Literal
    switch current.kind {
    case .number(let number): value = .number(number, text: current.text)
    case .string(let string): value = .string(string)
    case .word: value = .word(current.text)
    default: throw expected("a value")
    }
    return .comparison(field: field, op, Located(value, take().range))
  }

  /// Consumes `=`, `!=`, `<`, `<=`, `>` or `>=`.
  mutating func expectComparisonOperator() throws -> Located<ComparisonOperator> {
    guard let op = current.comparisonOperator else { throw expected("a comparison operator") }
    return Located(op, take().range)
  }

  /// Parse `text starts|ends|contains|matches "…"`; a `matches` pattern must be
  /// a valid regular expression.
  mutating func parseText() throws -> Predicate {
    advance()
    let word = try expectKeyword(oneOf: ["starts", "ends", "contains", "matches"])
    let op = Located(TextOperator(rawValue: word.value) ?? .contains, word.range)
    let value: Located<String>
    switch current.kind {
    case .string(let string): value = Located(string, take().range)
    case .word, .number: value = Located(current.text, take().range)
    default: throw expected("a quoted string")
    }
    if op.value == .matches, (try? NSRegularExpression(pattern: value.value)) == nil {
      throw ParseFailure(Messages.invalidRegularExpression(value.value), at: value.range)
    }
    return .text(op, value)
  }

  /// Parse `score <class> <op> <number>`.
  mutating func parseScore() throws -> Predicate {
    advance()
    let name = try expectName("a class name")
    let op = try expectComparisonOperator()
    return .score(class: name, op, try expectNumber())
  }

  /// Parse `neuron <index or name> [of layer <name>] <op> <number>`; a
  /// non-negative whole number is a column index, a word or quoted string a
  /// neuron name.
  mutating func parseNeuron() throws -> Predicate {
    advance()
    let reference: Located<NeuronReference>
    switch current.kind {
    case .number:
      guard let index = Int(current.text), index >= 0 else {
        throw expected("a neuron index or name")
      }
      reference = Located(.index(index), take().range)
    case .word, .string:
      let name = try expectName("a neuron index or name")
      reference = Located(.name(name.value), name.range)
    default:
      throw expected("a neuron index or name")
    }
    var layer: Located<String>?
    if at("of") {
      advance()
      _ = try expectKeyword(oneOf: ["layer"])
      layer = try expectName("a layer name")
    }
    let op = try expectComparisonOperator()
    return .neuron(reference, layer: layer, op, try expectNumber())
  }
}
