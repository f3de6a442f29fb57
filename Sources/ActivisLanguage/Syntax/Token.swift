/// One token of a line, with its source text and where it was written.
///
/// The lexer never fails: a malformed piece of input becomes an `.invalid`
/// token carrying its message, which the parser reports when it reaches it.
package struct Token: Equatable, Sendable {
  /// What a token is, with its decoded value where it has one.
  package enum Kind: Equatable, Sendable {
    /// A bare word: a keyword or a name (`matrix`, `LOC`, `encoder/conv3`).
    case word
    /// A number as written (`17`, `-0.5`, `1e-3`).
    case number(Double)
    /// A double-quoted string, unescaped.
    case string(String)
    /// `#38`: an instance id.
    case instance(Int64)
    /// A bare path after `load` or `export` (see `Lexer.scanPath()`).
    case path(String)
    /// `=`, `!=`, `<`, `<=`, `>`, `>=` (also `==` and `<>`).
    case comparison(ComparisonOperator)
    /// `(`
    case leftParenthesis
    /// `)`
    case rightParenthesis
    /// `..` in a range such as `10..50`.
    case range
    /// `;`: separates commands.
    case semicolon
    /// Input the lexer could not read, with the message to report.
    case invalid(String)
    /// The end of the line (or the start of a `--` comment).
    case endOfLine
  }

  /// What the token is.
  package var kind: Kind
  /// The source text exactly as written (with quotes for strings).
  package var text: String
  /// Where the token is; for an unterminated string, only its opening quote.
  package var range: SourceRange

  /// Creates a token.
  package init(_ kind: Kind, _ text: String, _ range: SourceRange) {
    self.kind = kind
    self.text = text
    self.range = range
  }

  /// Whether this is the bare word `keyword`, compared case-insensitively.
  package func isKeyword(_ keyword: String) -> Bool {
    kind == .word && text.lowercased() == keyword
  }

  /// Whether the token ends a command (`;` or end of line).
  package var endsCommand: Bool {
    kind == .semicolon || kind == .endOfLine
  }

  /// Whether the token is a quoted string.
  package var isString: Bool {
    if case .string = kind { return true }
    return false
  }

  /// Whether the token is an instance reference `#38`.
  package var isInstance: Bool {
    if case .instance = kind { return true }
    return false
  }

  /// The comparison operator, if the token is one.
  package var comparisonOperator: ComparisonOperator? {
    if case .comparison(let op) = kind { return op }
    return nil
  }
}
