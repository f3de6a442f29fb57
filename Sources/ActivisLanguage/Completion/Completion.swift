/// Works out what tab completion should offer, from the grammar alone.
package enum Completion {
  /// What kind of word is expected at `cursor` in `line`.
  ///
  /// - Parameters:
  ///   - line: the whole line being edited.
  ///   - cursor: a UTF-8 offset in `line` (clamped to it).
  /// - Returns: where the word under the cursor starts and what may go there;
  ///   the shell supplies the session's names.
  ///
  /// ```swift
  /// Completion.context(line: "select layer co", cursor: 15)
  /// // wordStart 13, prefix "co", kind .layer
  /// ```
  package static func context(line: String, cursor: Int) -> CompletionContext {
    let bytes = Array(line.utf8)
    var end = min(max(cursor, 0), bytes.count)
    while end > 0, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a character
    let text = String(decoding: bytes[0..<end], as: UTF8.self)
    let length = text.utf8.count
    var tokens = Lexer.tokens(of: text)
    let endOfLine = tokens.removeLast()
    if endOfLine.range.start < length || text.hasPrefix("#!") {
      return CompletionContext(wordStart: length, prefix: "", kind: .none)
    }
    var commandStart = 0
    if let separator = tokens.lastIndex(where: { $0.kind == .semicolon }) {
      commandStart = tokens[separator].range.end
      tokens.removeSubrange(...separator)
    }
    var wordStart = length
    var inString = false
    if let last = tokens.last, isPartialWord(last, lineLength: length) {
      inString = last.kind == .invalid(Messages.unterminatedString)
      wordStart = inString ? last.range.start + 1 : last.range.start
      tokens.removeLast()
    }
    let typed = String(decoding: bytes[commandStart ..< (inString ? wordStart - 1 : wordStart)], as: UTF8.self)
    let expectation = expected(inCommand: typed)
    if expectation.kind == .file, !inString { wordStart = pathStart(in: bytes, before: length) }
    let prefix = String(decoding: bytes[wordStart..<length], as: UTF8.self)
    return CompletionContext(wordStart: wordStart, prefix: prefix, kind: expectation.kind,
                             keywords: expectation.keywords)
  }

  /// Whether `token` is a word still being typed at the end of the text.
  static func isPartialWord(_ token: Token, lineLength: Int) -> Bool {
    switch token.kind {
    case .word, .number, .instance:
      return token.range.end == lineLength
    case .invalid(Messages.unterminatedString):
      return true
    case .invalid:
      return token.range.end == lineLength && token.text != "'"
    default:
      return false
    }
  }

  /// Where a path ending at `end` starts: after the last whitespace or quote.
  static func pathStart(in bytes: [UInt8], before end: Int) -> Int {
    var start = end
    while start > 0, !Lexer.isWhitespace(bytes[start - 1]), bytes[start - 1] != UInt8(ascii: "\"") {
      start -= 1
    }
    return start
  }

  /// What may come at the end of `text`, the command typed so far: the
  /// parser reads it by the command's declared syntax and says what it
  /// expected where the text ends.
  static func expected(inCommand text: String) -> Expected {
    var parser = Parser(line: text)
    parser.completing = true
    guard parser.current.kind != .endOfLine else { return Expected(.command) }
    guard parser.current.kind == .word, let declaration = CommandDeclaration.named(parser.current.text) else {
      return .nothing
    }
    var arguments = Arguments()
    do {
      try parser.readArguments(of: declaration, into: &arguments)
    } catch {}
    if let words = parser.predicateWords { return expectedInPredicate(words) }
    if parser.completesPath { return Expected(.file) }
    guard parser.current.kind == .endOfLine, parser.expectationsOffset == parser.current.range.start else {
      return .nothing
    }
    var keywords: [String] = []
    var kind: CompletionContext.Kind?
    for (expectation, _) in parser.expectations {
      switch expectation {
      case .keyword(let word): keywords.append(word)
      case .value(let parameter, _):
        if case .name(.topic) = parameter { keywords += CommandCatalog.entries.filter { !$0.isCommand }.map(\.name) }
        kind = kind ?? completionKind(parameter)
      }
    }
    guard let kind else { return keywords.isEmpty ? .nothing : .keywords(keywords) }
    return Expected(kind, keywords)
  }

  /// The names completion offers for a parameter.
  static func completionKind(_ parameter: Parameter.Kind) -> CompletionContext.Kind? {
    switch parameter {
    case .name(let names):
      switch names {
      case .layer: .layer
      case .className: .className
      case .subset: .subset
      case .subsetOrClass: .subsetOrClass
      case .attribute: .attribute
      case .attributeOrSubset: .attributeOrSubset
      case .graphNode: .graphNode
      case .group: .group
      case .topic: .command
      case .other: nil
      }
    case .path: .file
    case .row: .row
    case .integer, .number, .seed, .instance, .predicate, .word, .neuronRange: nil
    }
  }
}

/// A kind of word and the keywords allowed beside it.
struct Expected: Equatable {
  var kind: CompletionContext.Kind
  var keywords: [String]

  init(_ kind: CompletionContext.Kind, _ keywords: [String] = []) {
    self.kind = kind
    self.keywords = keywords
  }

  /// Only these keywords.
  static func keywords(_ words: [String]) -> Expected { Expected(.keywords(words)) }
  /// Nothing to complete.
  static let nothing = Expected(.none)
}
