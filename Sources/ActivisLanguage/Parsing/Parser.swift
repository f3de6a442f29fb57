/// Parses lines of the activis language into commands.
///
/// The parser never throws, never crashes and never hangs: whatever the input,
/// it returns the commands it could read and at most one diagnostic per faulty
/// command (the first error; the rest of that command up to the next `;` is
/// skipped). Keywords are contextual: a bare word is read as a keyword only
/// where the grammar allows a keyword, and as a name everywhere else, so a
/// layer named `concat`, a class named `LOC` or a subset named `text` work
/// where a name is expected. A quoted string is always a name.
///
/// ```swift
/// let parsed = Parser.parse(line: "select layer concat; matrix sort by LOC")
/// parsed.commands.count  // 2
/// ```
package struct Parser {
  /// Reads tokens on demand (paths need their own scan).
  var lexer: Lexer
  /// The token under consideration.
  var current: Token
  /// The last token consumed, for "after '…'" in messages.
  var previous: Token

  /// Predicates may nest (parentheses, `not`) this deep.
  static let maximumNesting = 100

  /// The command word being read, for messages (`unknown option … for 'matrix'`).
  var commandWord = ""
  /// What could come at the token at `expectationsOffset`, and whether an
  /// error message lists it.
  var expectations: [(expectation: Expectation, listed: Bool)] = []
  var expectationsOffset = -1
  /// Above 0 while asking about elements an error does not list.
  var unlistedDepth = 0
  /// Set for completion: reading stops at a predicate, whose words typed so
  /// far are kept in `predicateWords`.
  var completing = false
  var predicateWords: [String]?
  /// Set for completion when the text ends inside a path.
  var completesPath = false

  init(line: String) {
    lexer = Lexer(line)
    current = lexer.next()
    previous = Token(.endOfLine, "", .at(0))
  }

  /// Parses one line: commands separated by `;`, with `--` comments.
  package static func parse(line: String) -> ParsedLine {
    var parser = Parser(line: line)
    return parser.parseLine()
  }

  /// Parse a line: a sequence of commands separated by `;`.
  mutating func parseLine() -> ParsedLine {
    var result = ParsedLine()
    var progress = LoopProgress()
    while current.kind != .endOfLine, progress.advanced(to: lexer.offset) {
      if current.kind == .semicolon {
        advance()
        continue
      }
      do {
        result.commands.append(try parseCommand())
      } catch let failure as ParseFailure {
        result.diagnostics.append(failure.diagnostic)
        skipToEndOfCommand()
      } catch {
        preconditionFailure("the parser throws only ParseFailure")
      }
    }
    return result
  }

  // MARK: - Tokens

  /// Consumes the current token and reads the next.
  mutating func advance() {
    previous = current
    current = lexer.next()
  }

  /// Consumes the current token and returns it.
  mutating func take() -> Token {
    let token = current
    advance()
    return token
  }

  /// The token after the current one, without consuming anything.
  func peek() -> Token {
    var copy = lexer
    return copy.next()
  }

  /// Rescans from the start of the current token as a path (`load`, `export`).
  mutating func rescanAsPath() {
    guard current.kind != .endOfLine else { return }
    lexer.offset = current.range.start
    current = lexer.scanPath()
  }

  /// Whether the current token is the keyword `keyword` (any case).
  func at(_ keyword: String) -> Bool {
    current.isKeyword(keyword)
  }

  /// Skips the rest of a faulty command, up to its `;` or the end of the line.
  mutating func skipToEndOfCommand() {
    var progress = LoopProgress()
    while !current.endsCommand, progress.advanced(to: lexer.offset) {
      advance()
    }
  }
}
