/// Splits one line of the activis language into tokens.
///
/// The lexer walks the UTF-8 bytes of the line. Every call to `next()` consumes
/// at least one byte until the end of the line, after which it keeps returning
/// `.endOfLine`, so no loop over it can hang. Keywords are not recognised here:
/// every bare word is a `.word`, and the parser decides from its position
/// whether it is a keyword or a name.
///
/// ```swift
/// var lexer = Lexer("subset s = where label = LOC")
/// lexer.next()  // word 'subset'
/// ```
package struct Lexer {
  /// The bytes of the line.
  let bytes: [UInt8]
  /// The offset of the next unread byte.
  package internal(set) var offset: Int = 0

  /// Creates a lexer at the start of `line`. A line starting with `#!` (a
  /// script's interpreter line) is read as a comment.
  package init(_ line: String) {
    bytes = Array(line.utf8)
    if bytes.starts(with: [UInt8(ascii: "#"), UInt8(ascii: "!")]) { offset = bytes.count }
  }

  /// All tokens of `line`, ending with one `.endOfLine` token.
  package static func tokens(of line: String) -> [Token] {
    var lexer = Lexer(line)
    var tokens: [Token] = []
    while true {
      let token = lexer.next()
      tokens.append(token)
      if token.kind == .endOfLine { return tokens }
    }
  }

  /// Reads the next token.
  package mutating func next() -> Token {
    skipWhitespace()
    let start = offset
    guard let byte = peek() else { return Token(.endOfLine, "", .at(start)) }
    switch byte {
    case UInt8(ascii: "-") where peek(1) == UInt8(ascii: "-"):
      offset = bytes.count
      return Token(.endOfLine, "", .at(start))
    case UInt8(ascii: "\""):
      return scanString()
    case UInt8(ascii: "#"):
      return scanInstance()
    case UInt8(ascii: ";"):
      return single(.semicolon)
    case UInt8(ascii: "("):
      return single(.leftParenthesis)
    case UInt8(ascii: ")"):
      return single(.rightParenthesis)
    case UInt8(ascii: "."):
      if peek(1) == UInt8(ascii: ".") {
        offset += 2
        return make(.range, from: start)
      }
      if let next = peek(1), Self.isDigit(next) { return scanNumber() }
      return invalidCharacter()
    case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
      return scanOperator()
    default:
      if Self.isDigit(byte) { return scanNumber() }
      if byte == UInt8(ascii: "-"), let next = peek(1),
         Self.isDigit(next) || (next == UInt8(ascii: ".") && peek(2).map(Self.isDigit) == true) {
        return scanNumber()
      }
      if Self.startsWord(byte) { return scanWord(from: start) }
      return invalidCharacter()
    }
  }

  /// Reads a file path: a quoted string, or every byte up to the next
  /// whitespace or `;` (so `../b/x` and `out/whatis.svg` need no quotes).
  /// At the end of the command it returns the `;` or `.endOfLine` token.
  package mutating func scanPath() -> Token {
    skipWhitespace()
    let start = offset
    guard let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: ";"),
          !(byte == UInt8(ascii: "-") && peek(1) == UInt8(ascii: "-")) else { return next() }
    while let byte = peek(), !Self.isWhitespace(byte), byte != UInt8(ascii: ";") { offset += 1 }
    let text = slice(start, offset)
    return Token(.path(text), text, SourceRange(start, offset))
  }

  // MARK: - Helpers

  func peek(_ ahead: Int = 0) -> UInt8? {
    offset + ahead < bytes.count ? bytes[offset + ahead] : nil
  }

  func slice(_ start: Int, _ end: Int) -> String {
    String(decoding: bytes[start..<end], as: UTF8.self)
  }

  func make(_ kind: Token.Kind, from start: Int) -> Token {
    Token(kind, slice(start, offset), SourceRange(start, offset))
  }

  mutating func single(_ kind: Token.Kind) -> Token {
    offset += 1
    return make(kind, from: offset - 1)
  }

  mutating func skipWhitespace() {
    while let byte = peek(), Self.isWhitespace(byte) { offset += 1 }
  }

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
  }

  /// A word starts with a letter, `_` or any non-ASCII character.
  static func startsWord(_ byte: UInt8) -> Bool {
    isLetter(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
  }
}
