/// What a command's syntax matched: its keywords and values, in order.
package struct Arguments: Sendable {
  /// A matched value.
  package enum Value: Sendable {
    case keyword(Located<String>)
    case text(Located<String>)
    case integer(Located<Int>)
    case number(Located<Double>)
    case seed(Located<UInt64>)
    case instance(Located<Int64>)
    case row(RowReference)
    case predicate(PredicateNode)
    case neuronRange(Located<ClosedRange<Int>>)
  }

  /// Each value under its parameter's name (a keyword under itself), in the order matched.
  package private(set) var entries: [(name: String, value: Value)] = []
  /// The range of the whole command.
  package var range = SourceRange.at(0)

  mutating func append(_ name: String, _ value: Value) { entries.append((name, value)) }

  /// Every value kept under `name`.
  func all(_ name: String) -> [Value] { entries.filter { $0.name == name }.map(\.value) }

  /// Whether the keyword `word` was matched.
  package func has(_ word: String) -> Bool { entries.contains { $0.name == word } }

  /// The name or path kept under `name` (`of whatis` gives `whatis`, not
  /// the keyword), else a keyword value.
  package func text(_ name: String) -> Located<String>? {
    for case .text(let value) in all(name) { return value }
    for case .keyword(let value) in all(name) { return value }
    return nil
  }

  /// Every name or path kept under `name`, in order.
  package func texts(_ name: String) -> [Located<String>] {
    all(name).compactMap { if case .text(let value) = $0 { value } else { nil } }
  }

  /// The first value under `name` that `extract` accepts.
  private func first<T>(_ name: String, _ extract: (Value) -> T?) -> T? {
    for entry in entries where entry.name == name {
      if let value = extract(entry.value) { return value }
    }
    return nil
  }

  package func integer(_ name: String) -> Located<Int>? { first(name) { if case .integer(let v) = $0 { v } else { nil } } }
  package func number(_ name: String) -> Located<Double>? { first(name) { if case .number(let v) = $0 { v } else { nil } } }
  package func seed(_ name: String) -> Located<UInt64>? { first(name) { if case .seed(let v) = $0 { v } else { nil } } }
  package func instance(_ name: String) -> Located<Int64>? { first(name) { if case .instance(let v) = $0 { v } else { nil } } }

  package func rows(_ name: String) -> [RowReference] {
    all(name).compactMap { if case .row(let row) = $0 { row } else { nil } }
  }

  package func predicate(_ name: String) -> PredicateNode? {
    first(name) { if case .predicate(let v) = $0 { v } else { nil } }
  }

  package func neuronRange(_ name: String) -> Located<ClosedRange<Int>>? {
    first(name) { if case .neuronRange(let v) = $0 { v } else { nil } }
  }

  /// The value of a keyword parameter as one of an enum's cases.
  package func choice<E: RawRepresentable>(_ name: String, as type: E.Type) -> Located<E>?
  where E.RawValue == String {
    guard let word = text(name), let value = E(rawValue: word.value) else { return nil }
    return Located(value, word.range)
  }
}
