/// Reading the pieces commands are made of, with the diagnostics for when
/// they are missing.
extension Parser {
  /// How the current token reads in a message: `'foo'` or `end of line`.
  var found: String {
    switch current.kind {
    case .endOfLine: return "end of line"
    default:
      let text = current.text
      return text.count > 40 ? "'\(text.prefix(39))…'" : "'\(text)'"
    }
  }

  /// Where a diagnostic about the current token points: the token, or an
  /// empty range just after the previous token when the line has ended.
  var currentRange: SourceRange {
    current.kind == .endOfLine ? .at(previous.range.end) : current.range
  }

  /// A failure at the current token; an invalid token reports its own message.
  func failure(_ message: String) -> ParseFailure {
    if case .invalid(let own) = current.kind { return ParseFailure(own, at: current.range) }
    return ParseFailure(message, at: currentRange)
  }

  /// `expected <what> after '<previous>', found <current>`.
  func expected(_ what: String) -> ParseFailure {
    failure(Messages.expected(what, after: previous.text, found: found))
  }

  /// Like `expected(_:)` for a choice of keywords, with a suggestion when the
  /// current word is close to one of them.
  func expected(oneOf keywords: [String]) -> ParseFailure {
    let near = current.kind == .word
      ? Suggestions.nearest(to: current.text, among: keywords) : nil
    return failure(Messages.expected(Suggestions.quotedList(keywords), after: previous.text,
                                     found: found, suggestion: near))
  }

  /// Consumes one of `keywords` (any case) and returns it in lower case.
  mutating func expectKeyword(oneOf keywords: [String]) throws -> Located<String> {
    let word = current.text.lowercased()
    guard current.kind == .word, keywords.contains(word) else {
      throw expected(oneOf: keywords)
    }
    return Located(word, take().range)
  }

  /// Whether the current token can be read as a name.
  var atName: Bool {
    switch current.kind {
    case .word, .string, .number: return true
    default: return false
    }
  }

  /// Consumes a name: a bare word (keyword or not), a quoted string, or a
  /// number written as a name (a class called `3`).
  mutating func expectName(_ what: String) throws -> Located<String> {
    switch current.kind {
    case .word, .number:
      let token = take()
      return Located(token.text, token.range)
    case .string(let value):
      return Located(value, take().range)
    default:
      throw expected(what)
    }
  }

  /// Consumes a row: `#id`, or a class or subset name.
  mutating func expectRow() throws -> RowReference {
    if case .instance(let id) = current.kind { return .instance(Located(id, take().range)) }
    guard atName else {
      throw expected("an instance id like '#38', a class or a subset")
    }
    return .name(try expectName("a row"))
  }

  /// Consumes an instance reference `#38`.
  mutating func expectInstance() throws -> Located<Int64> {
    guard case .instance(let id) = current.kind else {
      throw failure(Messages.expectedInstance(found: found))
    }
    return Located(id, take().range)
  }

  /// Consumes a number.
  mutating func expectNumber(positive: Bool = false) throws -> Located<Double> {
    guard case .number(let value) = current.kind, !positive || value > 0 else {
      throw expected(positive ? "a positive number" : "a number")
    }
    return Located(value, take().range)
  }

  /// Consumes a whole number of at least `minimum`.
  mutating func expectInteger(minimum: Int) throws -> Located<Int> {
    guard case .number = current.kind, let value = Int(current.text), value >= minimum else {
      let wanted = switch minimum {
      case ...0: "a non-negative integer"
      case 1: "a positive integer"
      default: "an integer of at least \(minimum)"
      }
      throw expected(wanted)
    }
    return Located(value, take().range)
  }

  /// Consumes a file path, bare (`out/a.svg`, `../b`) or quoted.
  mutating func expectPath() throws -> Located<String> {
    rescanAsPath()
    switch current.kind {
    case .path(let path), .string(let path):
      return Located(path, take().range)
    default:
      throw expected("a file path")
    }
  }

  /// Requires the command to end here.
  func expectEndOfCommand() throws {
    guard current.endsCommand else {
      if hasExpectationsHere { throw expectedHere }
      throw failure(Messages.unexpected(found, after: previous.text))
    }
  }
}
