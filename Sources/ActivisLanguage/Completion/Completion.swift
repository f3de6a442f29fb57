/// Works out what tab completion should offer, from the grammar alone.
public enum Completion {
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
  public static func context(line: String, cursor: Int) -> CompletionContext {
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
    if let separator = tokens.lastIndex(where: { $0.kind == .semicolon }) {
      tokens.removeSubrange(...separator)
    }
    var wordStart = length
    var inString = false
    if let last = tokens.last, isPartialWord(last, lineLength: length) {
      inString = last.kind == .invalid(Messages.unterminatedString)
      wordStart = inString ? last.range.start + 1 : last.range.start
      tokens.removeLast()
    }
    let expectation = expected(after: tokens)
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

  /// What may follow `tokens`, the complete tokens of the current command.
  static func expected(after tokens: [Token]) -> Expected {
    guard !tokens.isEmpty else { return Expected(.command) }
    let words = tokens.map { $0.kind == .word ? $0.text.lowercased() : $0.text }
    let count = tokens.count
    let last = words[count - 1]
    switch words[0] {
    case "load", "save": return Expected(.file)
    case "export":
      return count == 1 ? .keywords(ExportFormat.allCases.map(\.rawValue)) : Expected(.file)
    case "help": return count == 1 ? Expected(.command, ["predicates"]) : .nothing
    case "graph":
      if count == 1 { return Expected(.graphNode, ["depth", "expand", "collapse"]) }
      return count == 2 && ["expand", "collapse"].contains(last) ? Expected(.group) : .nothing
    case "select":
      if count == 1 { return .keywords(["layer"]) }
      return count == 2 && last == "layer" ? Expected(.layer) : .nothing
    case "instances": return count == 1 ? Expected(.className) : .nothing
    case "members": return count == 1 ? Expected(.subsetOrClass) : .nothing
    case "subsets":
      if count == 1 { return .keywords(["by"]) }
      if count == 2 { return last == "by" ? Expected(.attribute, ["label", "predicted"]) : .nothing }
      return count == 3 ? .keywords(["bins"]) : .nothing
    case "add", "remove": return Expected(.row)
    case "compare": return last == "top" ? .nothing : Expected(.row, ["top"])
    case "subset": return expectedInSubset(words)
    case "matrix": return expectedInMatrix(words)
    case "project": return expectedInProject(words)
    case "neurons": return expectedInNeurons(words)
    case "color", "colour":
      if count == 1 { return .keywords(["by"]) }
      return count == 2 ? Expected(.attributeOrSubset, ["label", "predicted", "correct"]) : .nothing
    case "set":
      if count == 1 { return .keywords(["format", "timer"]) }
      guard count == 2 else { return .nothing }
      return last == "timer" ? .keywords(["on", "off"]) : .keywords(OutputFormat.allCases.map(\.rawValue))
    default:
      return .nothing
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
