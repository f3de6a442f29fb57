/// The scanners for each kind of token.
extension Lexer {
  /// Whether the byte at `offset` continues a word: letters, digits, `_`,
  /// non-ASCII, and `.`, `/`, `:`, `-` inside a name (`encoder/conv3`,
  /// `trec-cnn`), but not a `..` range or a `--` comment.
  func continuesWord() -> Bool {
    guard let byte = peek() else { return false }
    if Self.startsWord(byte) || Self.isDigit(byte) { return true }
    switch byte {
    case UInt8(ascii: "/"), UInt8(ascii: ":"): return true
    case UInt8(ascii: "."): return peek(1) != UInt8(ascii: ".")
    case UInt8(ascii: "-"): return peek(1) != UInt8(ascii: "-")
    default: return false
    }
  }

  /// Scans a word starting at `start`.
  mutating func scanWord(from start: Int) -> Token {
    if offset == start { offset += 1 }
    while continuesWord() { offset += 1 }
    return make(.word, from: start)
  }

  /// Scans `-`? digits (`.` digits)? (`e` `+-`? digits)?; a number directly
  /// followed by letters (`3x3`) is a word instead.
  mutating func scanNumber() -> Token {
    let start = offset
    if peek() == UInt8(ascii: "-") { offset += 1 }
    skipDigits()
    if peek() == UInt8(ascii: "."), let next = peek(1), Self.isDigit(next) {
      offset += 1
      skipDigits()
    }
    if let e = peek(), e | 0x20 == UInt8(ascii: "e") {
      var ahead = 1
      if peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") { ahead = 2 }
      if let digit = peek(ahead), Self.isDigit(digit) {
        offset += ahead
        skipDigits()
      }
    }
    if continuesWord() { return scanWord(from: start) }
    let text = slice(start, offset)
    guard let value = Double(text), value.isFinite else {
      return Token(.invalid(Messages.numberOutOfRange(text)), text, SourceRange(start, offset))
    }
    return Token(.number(value), text, SourceRange(start, offset))
  }

  mutating func skipDigits() {
    while let byte = peek(), Self.isDigit(byte) { offset += 1 }
  }

  /// Scans `#38`.
  mutating func scanInstance() -> Token {
    let start = offset
    offset += 1
    skipDigits()
    let digitsEnd = offset
    while continuesWord() { offset += 1 }
    let text = slice(start, offset)
    let range = SourceRange(start, offset)
    guard digitsEnd > start + 1, digitsEnd == offset else {
      return Token(.invalid(Messages.expectedInstance(found: "'\(text)'")), text, range)
    }
    guard let id = Int64(slice(start + 1, offset)) else {
      return Token(.invalid(Messages.instanceTooLarge(text)), text, range)
    }
    return Token(.instance(id), text, range)
  }

  /// Scans `=`, `==`, `!=`, `<`, `<=`, `<>`, `>`, `>=`.
  mutating func scanOperator() -> Token {
    let start = offset
    let first = bytes[offset]
    let second = peek(1)
    let op: ComparisonOperator
    var length = 2
    switch (first, second) {
    case (UInt8(ascii: "="), UInt8(ascii: "=")): op = .equal
    case (UInt8(ascii: "!"), UInt8(ascii: "=")), (UInt8(ascii: "<"), UInt8(ascii: ">")):
      op = .notEqual
    case (UInt8(ascii: "<"), UInt8(ascii: "=")): op = .lessOrEqual
    case (UInt8(ascii: ">"), UInt8(ascii: "=")): op = .greaterOrEqual
    case (UInt8(ascii: "="), _): op = .equal; length = 1
    case (UInt8(ascii: "<"), _): op = .less; length = 1
    case (UInt8(ascii: ">"), _): op = .greater; length = 1
    default: return invalidCharacter()
    }
    offset += length
    return make(.comparison(op), from: start)
  }

  /// Scans a double-quoted string with `\"` and `\\` escapes; any other
  /// backslash is kept as written, so `"\d+"` is the regex `\d+`.
  mutating func scanString() -> Token {
    let start = offset
    offset += 1
    var value: [UInt8] = []
    while let byte = peek() {
      offset += 1
      switch byte {
      case UInt8(ascii: "\""):
        return make(.string(String(decoding: value, as: UTF8.self)), from: start)
      case UInt8(ascii: "\\"):
        if let next = peek(), next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") {
          value.append(next)
          offset += 1
        } else {
          value.append(byte)
        }
      default:
        value.append(byte)
      }
    }
    return Token(.invalid(Messages.unterminatedString), slice(start, offset),
                 SourceRange(start, start + 1))
  }

  /// One unexpected character (a whole UTF-8 sequence never starts here:
  /// non-ASCII bytes start words).
  mutating func invalidCharacter() -> Token {
    let start = offset
    offset += 1
    let text = slice(start, offset)
    return Token(.invalid(Messages.unexpectedCharacter(text)), text, SourceRange(start, offset))
  }
}
