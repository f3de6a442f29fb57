@testable import ActivisLanguage

/// Renders parsed commands as compact S-expressions without ranges, so tests
/// can state expected trees by hand: `(subset w (and correct (not (in s1))))`.
enum TreeDump {
  /// The commands of `line`, `;`-separated, or the first diagnostic's message.
  static func parse(_ line: String) -> String {
    let parsed = Parser.parse(line: line)
    if let diagnostic = parsed.diagnostics.first { return "error: \(diagnostic.message)" }
    return parsed.commands.map(command).joined(separator: "; ")
  }

  /// `(graph expand group:encoder)`: the command, its keywords, and each
  /// value as `parameter:value` (a keyword directly followed by its own
  /// value is left out: `(graph depth:2)`).
  static func command(_ node: CommandNode) -> String {
    let entries = node.arguments.entries
    var items = [node.declaration.name]
    for (index, entry) in entries.enumerated() {
      if case .keyword(let word) = entry.value, word.value == entry.name {
        if index + 1 < entries.count, entries[index + 1].name == entry.name { continue }
        items.append(word.value)
        continue
      }
      items.append("\(entry.name):\(value(entry.value))")
    }
    return "(" + items.joined(separator: " ") + ")"
  }

  static func value(_ value: Arguments.Value) -> String {
    switch value {
    case .keyword(let word): word.value
    case .text(let text): text.value.contains(" ") || text.value.isEmpty ? quote(text.value) : text.value
    case .integer(let number): "\(number.value)"
    case .number(let number): "\(number.value)"
    case .seed(let seed): "\(seed.value)"
    case .instance(let id): "#\(id.value)"
    case .row(let row): Self.row(row)
    case .predicate(let node): predicate(node)
    case .neuronRange(let range): "\(range.value.lowerBound)..\(range.value.upperBound)"
    }
  }

  static func row(_ row: RowReference) -> String {
    switch row {
    case .instance(let id): "#\(id.value)"
    case .name(let name): name.value.contains(" ") ? quote(name.value) : name.value
    }
  }

  static func predicate(_ node: PredicateNode) -> String {
    switch node.predicate {
    case .and(let a, let b): return "(and \(predicate(a)) \(predicate(b)))"
    case .or(let a, let b): return "(or \(predicate(a)) \(predicate(b)))"
    case .not(let a): return "(not \(predicate(a)))"
    case .text(let op, let value): return "(text \(op.value.rawValue) \(quote(value.value)))"
    case .comparison(let field, let op, let value):
      return "(\(op.value.rawValue) \(quote(field.value)) \(literal(value.value)))"
    case .score(let name, let op, let value):
      return "(score \(name.value) \(op.value.rawValue) \(value.value))"
    case .neuron(let reference, let layer, let op, let value):
      let target: String
      switch reference.value {
      case .index(let index): target = "\(index)"
      case .name(let name): target = quote(name)
      }
      let scope = layer.map { " of layer \(quote($0.value))" } ?? ""
      return "(neuron \(target)\(scope) \(op.value.rawValue) \(value.value))"
    case .correct: return "correct"
    case .misclassified: return "misclassified"
    case .inSubset(let name): return "(in \(name.value))"
    case .inFile(let path): return "(in file \(quote(path.value)))"
    case .changedFrom(let path): return "(changed from \(quote(path.value)))"
    }
  }

  static func literal(_ literal: Literal) -> String {
    switch literal {
    case .number(let value, let text): return "\(text)=\(value)"
    case .string(let string): return quote(string)
    case .word(let word): return "word:\(word)"
    }
  }

  static func quote(_ text: String) -> String { "\"\(text)\"" }
}
