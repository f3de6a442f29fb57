/// A strict JSON (RFC 8259) reader over bytes that reports faults with line
/// and column, keeps object keys in file order and refuses duplicate keys.
/// As an extension it reads `NaN`, `Infinity` and `-Infinity`, which
/// Python's `json` module writes for non-finite floats.
struct JSONReader {
  private let bytes: UnsafeRawBufferPointer
  private let file: String
  private let code: BundleError.Code
  private var position = 0
  private var depth = 0
  private static let maximumDepth = 512

  /// Parses `bytes` as one JSON value.
  ///
  /// - Parameter code: the error code used for malformed input.
  static func parse(_ bytes: UnsafeRawBufferPointer, file: String, code: BundleError.Code) throws
    -> JSONValue
  {
    var reader = JSONReader(bytes: bytes, file: file, code: code)
    // A UTF-8 byte order mark is tolerated.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.position = 3 }
    reader.skipSpace()
    guard reader.position < bytes.count else {
      throw reader.error("the file is empty (expected a JSON object)")
    }
    let value = try reader.parseValue()
    reader.skipSpace()
    if reader.position < bytes.count { throw reader.error("unexpected text after the JSON value") }
    return value
  }

  private init(bytes: UnsafeRawBufferPointer, file: String, code: BundleError.Code) {
    self.bytes = bytes
    self.file = file
    self.code = code
  }

  /// An error at `offset` (default: the current position).
  private func error(_ message: String, at offset: Int? = nil) -> BundleError {
    let (line, column) = TextPosition.lineAndColumn(of: offset ?? position, in: bytes)
    return BundleError(code, file: file, line: line, column: column, "malformed JSON: \(message)")
  }

  private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

  private func found() -> String {
    guard let byte = peek() else { return "the end of the file" }
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x\(String(byte, radix: 16, uppercase: true))"
  }

  private mutating func skipSpace() {
    while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
      position += 1
    }
  }

  private mutating func parseValue() throws -> JSONValue {
    skipSpace()
    guard let byte = peek() else { throw error("expected a value, found the end of the file") }
    switch byte {
    case UInt8(ascii: "{"): return try nested { try $0.parseObject() }
    case UInt8(ascii: "["): return try nested { try $0.parseArray() }
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    // Python's json module writes these for non-finite floats.
    case UInt8(ascii: "N"): try literal("NaN"); return .number(.nan)
    case UInt8(ascii: "I"): try literal("Infinity"); return .number(.infinity)
    case UInt8(ascii: "-") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "I"):
      position += 1
      try literal("Infinity")
      return .number(-.infinity)
    case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw error("expected a value, found \(found())")
    }
  }

  private mutating func nested(_ body: (inout JSONReader) throws -> JSONValue) throws -> JSONValue {
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maximumDepth { throw error("values are nested too deeply") }
    return try body(&self)
  }

  private mutating func literal(_ word: String) throws {
    for expected in word.utf8 {
      guard peek() == expected else { throw error("expected '\(word)', found \(found())") }
      position += 1
    }
  }

  private mutating func parseObject() throws -> JSONValue {
    position += 1
    var members: [(key: String, value: JSONValue)] = []
    var keys = Set<String>()
    skipSpace()
    if peek() == UInt8(ascii: "}") { position += 1; return .object(members) }
    while true {
      skipSpace()
      let keyStart = position
      guard peek() == UInt8(ascii: "\"") else {
        throw error("expected a quoted key, found \(found())")
      }
      let key = try parseString()
      guard keys.insert(key).inserted else { throw error("duplicate key '\(key)'", at: keyStart) }
      skipSpace()
      guard peek() == UInt8(ascii: ":") else {
        throw error("expected ':' after key '\(key)', found \(found())")
      }
      position += 1
      members.append((key, try parseValue()))
      skipSpace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"): position += 1; return .object(members)
      default: throw error("expected ',' or '}' in an object, found \(found())")
      }
    }
  }

  private mutating func parseArray() throws -> JSONValue {
    position += 1
    var elements: [JSONValue] = []
    skipSpace()
    if peek() == UInt8(ascii: "]") { position += 1; return .array(elements) }
    while true {
      elements.append(try parseValue())
      skipSpace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"): position += 1; return .array(elements)
      default: throw error("expected ',' or ']' in an array, found \(found())")
      }
    }
  }

  private mutating func parseNumber() throws -> Double {
    let start = position
    func digits(_ reader: inout JSONReader) -> Int {
      var count = 0
      while let byte = reader.peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
        reader.position += 1
        count += 1
      }
      return count
    }
    if peek() == UInt8(ascii: "-") { position += 1 }
    let integerStart = position
    let integerDigits = digits(&self)
    guard integerDigits > 0 else { throw error("expected a digit, found \(found())") }
    if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
      throw error("a number may not start with '0'", at: integerStart)
    }
    if peek() == UInt8(ascii: ".") {
      position += 1
      guard digits(&self) > 0 else { throw error("expected a digit after '.', found \(found())") }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
      guard digits(&self) > 0 else { throw error("expected a digit in the exponent, found \(found())") }
    }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start ..< position]), as: UTF8.self)
    guard let value = Double(text) else { throw error("invalid number '\(text)'", at: start) }
    return value
  }

  private mutating func parseString() throws -> String {
    let start = position
    position += 1
    var utf8: [UInt8] = []
    while true {
      guard let byte = peek() else { throw error("unterminated string", at: start) }
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        guard let text = String(validating: utf8, as: UTF8.self) else {
          throw error("the string is not valid UTF-8", at: start)
        }
        return text
      case UInt8(ascii: "\\"):
        position += 1
        try parseEscape(into: &utf8)
      case 0 ..< 0x20:
        throw error("a control character (byte 0x\(String(byte, radix: 16))) in a string must be escaped")
      default:
        utf8.append(byte)
        position += 1
      }
    }
  }

  private mutating func parseEscape(into utf8: inout [UInt8]) throws {
    guard let byte = peek() else { throw error("unterminated escape") }
    position += 1
    let simple: [UInt8: UInt8] = [
      UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
      UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
      UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]
    if let replacement = simple[byte] { utf8.append(replacement); return }
    guard byte == UInt8(ascii: "u") else {
      throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'", at: position - 2)
    }
    var scalar = try parseHex4()
    if (0xD800 ..< 0xDC00).contains(scalar) {
      guard peek() == UInt8(ascii: "\\"), position + 1 < bytes.count,
            bytes[position + 1] == UInt8(ascii: "u") else {
        throw error("a high surrogate escape must be followed by a low one")
      }
      position += 2
      let low = try parseHex4()
      guard (0xDC00 ..< 0xE000).contains(low) else { throw error("invalid low surrogate escape") }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    }
    guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
    utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
  }

  private mutating func parseHex4() throws -> UInt32 {
    var value: UInt32 = 0
    for _ in 0 ..< 4 {
      guard let byte = peek(), let digit = Self.hexValue(byte) else {
        throw error("expected four hex digits after '\\u', found \(found())")
      }
      value = value << 4 | digit
      position += 1
    }
    return value
  }

  private static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0") ... UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a") ... UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A") ... UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }
}
