/// Reading a command by its declared `Syntax`.
///
/// While it reads, the parser notes what could have come at the current
/// token (`Expectation`s): an error lists them ("expected 'where', 'from' or
/// a subset name"), and completion asks for them at the end of the line.
extension Parser {
  /// One thing that could come at a position.
  enum Expectation: Equatable {
    case keyword(String)
    case value(Parameter.Kind, description: String)
  }

  /// Parses `syntax` from the current token into `arguments`.
  mutating func parse(_ syntax: Syntax, into arguments: inout Arguments) throws {
    switch syntax {
    case .keyword(let word):
      guard check(word) else { throw expectedHere }
      arguments.append(word, .keyword(Located(word, take().range)))
    case .value(let parameter):
      try parseValue(parameter, into: &arguments)
    case .sequence(let items):
      for item in items { try parse(item, into: &arguments) }
    case .optional(let inner):
      if starts(inner) { try parse(inner, into: &arguments) }
    case .choice(let alternatives):
      // Every alternative is asked, so that an error lists them all.
      let open = alternatives.filter { starts($0) }
      guard let first = open.first else { throw expectedHere }
      try parse(first, into: &arguments)
    case .options(let options):
      try parseOptions(options, into: &arguments)
    case .repeated(let inner):
      try parse(inner, into: &arguments)
      var progress = LoopProgress()
      while !current.endsCommand, progress.advanced(to: lexer.offset) {
        try parse(inner, into: &arguments)
      }
      _ = unlisted { $0.starts(inner) }  // what could go on, for completion
    case .guarded(let inner, _), .only(let inner, _, _):
      try parse(inner, into: &arguments)
    case .once(let inner):
      let leading = Self.leadingKeywords(inner)
      if let first = leading.first, arguments.has(first) {
        throw ParseFailure(Messages.duplicateOption(leading.joined(separator: " ")), at: current.range)
      }
      try parse(inner, into: &arguments)
    }
  }

  /// Options in any order, each at most once, up to the end of the command.
  private mutating func parseOptions(_ options: [Syntax], into arguments: inout Arguments) throws {
    // Completing, an option is offered only where it belongs (`Syntax.only`).
    let options = completing ? options.filter { Self.belongs($0, after: arguments) } : options
    var seen: Set<Int> = []
    var progress = LoopProgress()
    while true {
      guard !current.endsCommand, progress.advanced(to: lexer.offset) else {
        // What could still come, for completion.
        let remaining = options.indices.filter { !seen.contains($0) }.map { options[$0] }
        _ = unlisted { parser in remaining.map { parser.starts($0) } }
        break
      }
      let open = unlisted { parser in options.indices.filter { parser.starts(options[$0]) } }
      guard let index = open.first else {
        let words = options.compactMap { Self.leadingKeywords($0).first }
        if current.kind == .word, let near = Suggestions.nearest(to: current.text, among: words) {
          throw failure(Messages.unknownOption(current.text, command: commandLabel(arguments), suggestion: near))
        }
        throw failure(Messages.unexpected(found, after: previous.text))
      }
      guard seen.insert(index).inserted else {
        // Named by its keywords (`learning rate`), or as typed for a keyword value (`cosine`).
        let keywords = Self.leadingKeywords(options[index])
        let name = keywords.isEmpty ? current.text.lowercased() : keywords.joined(separator: " ")
        throw ParseFailure(Messages.duplicateOption(name), at: current.range)
      }
      try parse(options[index], into: &arguments)
    }
  }

  /// `subsets by`: the command word and the keywords matched so far, as an
  /// unknown option's message names the command.
  private func commandLabel(_ arguments: Arguments) -> String {
    let keywords = arguments.entries.compactMap { entry -> String? in
      if case .keyword(let word) = entry.value, word.value == entry.name { return word.value }
      return nil
    }
    return ([commandWord] + keywords).joined(separator: " ")
  }

  /// Reads one value of `parameter`.
  private mutating func parseValue(_ parameter: Parameter, into arguments: inout Arguments) throws {
    let name = parameter.name
    switch parameter.kind {
    case .name:
      guard atName else {
        note(.value(parameter.kind, description: parameter.description))
        throw expectedHere
      }
      arguments.append(name, .text(try expectName(parameter.description)))
    case .path:
      noteAtEnd(parameter)
      if completing {
        // A path still being typed runs to the end of the text.
        rescanAsPath()
        if current.kind != .endOfLine, peek().kind == .endOfLine, peek().range.start == current.range.end {
          completesPath = true
          throw ParseFailure("completing a path", at: current.range)
        }
      }
      arguments.append(name, .text(try expectPath()))
    case .integer(let minimum):
      noteAtEnd(parameter)
      arguments.append(name, .integer(try expectInteger(minimum: minimum)))
    case .number(let positive):
      noteAtEnd(parameter)
      arguments.append(name, .number(try expectNumber(positive: positive)))
    case .seed:
      noteAtEnd(parameter)
      guard case .number = current.kind, let seed = UInt64(current.text) else {
        throw expected("a non-negative integer")
      }
      arguments.append(name, .seed(Located(seed, take().range)))
    case .instance:
      noteAtEnd(parameter)
      arguments.append(name, .instance(try expectInstance()))
    case .row:
      noteAtEnd(parameter)
      arguments.append(name, .row(try expectRow()))
    case .predicate:
      if completing {
        predicateWords = remainingWords()
        throw ParseFailure("completing a predicate", at: currentRange)
      }
      arguments.append(name, .predicate(try parsePredicate()))
    case .word(let words):
      if current.endsCommand { words.forEach { note(.keyword($0)) } }
      arguments.append(name, .keyword(try expectKeyword(oneOf: words)))
    case .neuronRange:
      noteAtEnd(parameter)
      arguments.append(name, .neuronRange(try parseNeuronRange()))
    }
  }

  /// Whether the current token can start `syntax`; when it cannot, notes
  /// what could.
  mutating func starts(_ syntax: Syntax) -> Bool {
    switch syntax {
    case .keyword(let word):
      return check(word)
    case .value(let parameter):
      let fits = fits(parameter.kind)
      if !fits {
        if case .word(let words) = parameter.kind {
          words.forEach { note(.keyword($0)) }
        } else {
          note(.value(parameter.kind, description: parameter.description))
        }
      }
      return fits
    case .sequence(let items):
      for item in items {
        if starts(item) { return true }
        guard Self.canBeEmpty(item) else { return false }
      }
      return false
    case .optional(let inner), .repeated(let inner):
      return starts(inner)
    case .choice(let alternatives):
      return alternatives.map { starts($0) }.contains(true)
    case .options(let options):
      return unlisted { parser in options.map { parser.starts($0) }.contains(true) }
    case .guarded(let inner, let lookahead):
      return starts(inner) && holds(lookahead)
    case .only(let inner, _, _):
      return starts(inner)
    case .once(let inner):
      return unlisted { $0.starts(inner) }
    }
  }

  /// Whether the current token is the keyword (`=` is the operator); notes
  /// it when not.
  private mutating func check(_ word: String) -> Bool {
    let matches = word == "=" ? current.comparisonOperator == .equal : at(word)
    if !matches { note(.keyword(word)) }
    return matches
  }

  private mutating func fits(_ kind: Parameter.Kind) -> Bool {
    switch kind {
    case .name: return atName
    case .path, .predicate: return !current.endsCommand
    case .integer, .number, .seed, .neuronRange:
      if case .number = current.kind { return true }
      return false
    case .instance: return current.isInstance
    case .row: return atName || current.isInstance
    case .word(let words): return current.kind == .word && words.contains(current.text.lowercased())
    }
  }

  private func holds(_ lookahead: Lookahead) -> Bool {
    let next = peek()
    // Completing at the end of the text, what the user types next is unknown:
    // `compare a top` may go on with a number.
    if completing, next.kind == .endOfLine {
      if case .notKeywordUnlessEquals = lookahead {} else { return true }
    }
    switch lookahead {
    case .number:
      if case .number = next.kind { return true }
      return false
    case .more: return !next.endsCommand
    case .equals: return next.comparisonOperator == .equal
    case .notKeywordUnlessEquals(let words):
      return !words.contains { at($0) } || next.comparisonOperator == .equal
    }
  }

  /// Whether an option belongs after the values read so far: always, but
  /// for `Syntax.only` only after one of its choice's values.
  static func belongs(_ option: Syntax, after arguments: Arguments) -> Bool {
    guard case .only(_, let choice, let values) = option else { return true }
    guard let chosen = arguments.text(choice)?.value.lowercased() else { return true }
    return values.contains(chosen)
  }

  /// Whether `syntax` may match nothing.
  static func canBeEmpty(_ syntax: Syntax) -> Bool {
    switch syntax {
    case .optional, .options: true
    case .sequence(let items): items.allSatisfy(canBeEmpty)
    default: false
    }
  }

  /// The keywords `syntax` starts with: `learning rate`.
  static func leadingKeywords(_ syntax: Syntax) -> [String] {
    switch syntax {
    case .keyword(let word): [word]
    case .sequence(let items):
      Array(items.prefix { if case .keyword = $0 { true } else { false } }.compactMap {
        if case .keyword(let word) = $0 { word } else { nil }
      })
    case .guarded(let inner, _), .once(let inner), .only(let inner, _, _): leadingKeywords(inner)
    default: []
    }
  }

  // MARK: - Expectations

  /// Notes that `expectation` could come at the current token.
  mutating func note(_ expectation: Expectation) {
    if expectationsOffset != current.range.start {
      expectations = []
      expectationsOffset = current.range.start
    }
    if !expectations.contains(where: { $0.expectation == expectation }) {
      expectations.append((expectation, listed: unlistedDepth == 0))
    }
  }

  /// At the end of the line, notes the parameter (for completion).
  private mutating func noteAtEnd(_ parameter: Parameter) {
    if current.endsCommand { note(.value(parameter.kind, description: parameter.description)) }
  }

  /// Runs `body` with what it notes left out of error messages (options
  /// that are never required), though completion still offers them.
  mutating func unlisted<T>(_ body: (inout Parser) -> T) -> T {
    unlistedDepth += 1
    defer { unlistedDepth -= 1 }
    return body(&self)
  }

  /// Whether something was expected at the current token (an error there
  /// says what rather than "unexpected").
  var hasExpectationsHere: Bool {
    expectationsOffset == current.range.start && expectations.contains(where: \.listed)
  }

  /// What was expected at the current token: keywords first, then values.
  var expectedHere: ParseFailure {
    let here = expectationsOffset == current.range.start ? expectations.filter(\.listed).map(\.expectation) : []
    var keywords: [String] = []
    var values: [String] = []
    for expectation in here {
      switch expectation {
      case .keyword(let word): keywords.append(word)
      case .value(_, let description): values.append(description)
      }
    }
    let items = keywords.map { "'\($0)'" } + values
    guard let last = items.last else { return failure(Messages.unexpected(found, after: previous.text)) }
    // "'a', 'b' or a row"; "'a', an attribute or a subset" when the last says "or" itself.
    let joiner = last.contains(" or ") ? ", " : " or "
    let list = items.count > 1 ? items.dropLast().joined(separator: ", ") + joiner + last : last
    let near = current.kind == .word ? Suggestions.nearest(to: current.text, among: keywords) : nil
    return failure(Messages.expected(list, after: previous.text, found: found, suggestion: near))
  }

  /// The words from the current token to the end of the line.
  private func remainingWords() -> [String] {
    var copy = lexer
    var token = current
    var words: [String] = []
    while token.kind != .endOfLine {
      words.append(token.kind == .word ? token.text.lowercased() : token.text)
      token = copy.next()
    }
    return words
  }
}
