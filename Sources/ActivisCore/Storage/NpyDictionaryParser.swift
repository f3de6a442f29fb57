/// Parses the Python dict literal of a `.npy` header:
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
///
/// Accepts either quote style, any spacing, trailing commas and keys in any
/// order; refuses unknown, missing or repeated keys and values of the wrong
/// kind, naming the byte offset in the file.
struct NpyDictionaryParser {
  /// The three fields a header must have.
  struct Dictionary {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]
  }

  private let text: UnsafeRawBufferPointer
  private let file: String
  private let byteOffset: Int
  private var position = 0

  init(text: UnsafeRawBufferPointer, file: String, byteOffset: Int) {
    self.text = text
    self.file = file
    self.byteOffset = byteOffset
  }

  mutating func parseDictionary() throws -> Dictionary {
    var descr: String?
    var fortranOrder: Bool?
    var shape: [Int]?
    try expect(UInt8(ascii: "{"), "'{' opening the header dict")
    while true {
      skipSpace()
      if peek() == UInt8(ascii: "}") { position += 1; break }
      let keyStart = position
      let key = try parseString("a quoted key")
      try expect(UInt8(ascii: ":"), "':' after key '\(key)'")
      func once<T>(_ slot: T?) throws {
        if slot != nil { throw error("key '\(key)' appears twice", at: keyStart) }
      }
      switch key {
      case "descr":
        try once(descr)
        skipSpace()
        guard peek() == UInt8(ascii: "'") || peek() == UInt8(ascii: "\"") else {
          throw ScalarType.structuredDtypeRefusal(file: file)
        }
        descr = try parseString("a dtype string")
      case "fortran_order":
        try once(fortranOrder)
        fortranOrder = try parseBool()
      case "shape":
        try once(shape)
        shape = try parseShape()
      default:
        throw error("unexpected key '\(key)' (expected 'descr', 'fortran_order' and 'shape')",
                    at: keyStart)
      }
      skipSpace()
      if peek() == UInt8(ascii: ",") { position += 1; continue }
      try expect(UInt8(ascii: "}"), "',' or '}' after the value of '\(key)'")
      break
    }
    skipSpace()
    if position < text.count {
      throw error("unexpected text after the header dict", at: position)
    }
    guard let descr else { throw error("the header dict has no 'descr'", at: position) }
    guard let fortranOrder else { throw error("the header dict has no 'fortran_order'", at: position) }
    guard let shape else { throw error("the header dict has no 'shape'", at: position) }
    return Dictionary(descr: descr, fortranOrder: fortranOrder, shape: shape)
  }

  private func peek() -> UInt8? { position < text.count ? text[position] : nil }

  private mutating func skipSpace() {
    while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
      position += 1
    }
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws {
    skipSpace()
    guard peek() == byte else { throw error("expected \(what)\(found())", at: position) }
    position += 1
  }

  private func found() -> String {
    guard let byte = peek() else { return ", found the end of the header" }
    if byte >= 0x20 && byte < 0x7F { return ", found '\(Character(Unicode.Scalar(byte)))'" }
    return ", found byte 0x\(String(byte, radix: 16))"
  }

  private func error(_ message: String, at offset: Int) -> BundleError {
    BundleError(.malformedNpy, file: file, "malformed header at byte \(byteOffset + offset): \(message)")
  }

  private mutating func parseString(_ what: String) throws -> String {
    skipSpace()
    guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
      throw error("expected \(what)\(found())", at: position)
    }
    let start = position
    position += 1
    let contentStart = position
    while let byte = peek(), byte != quote {
      if byte == UInt8(ascii: "\\") || byte == 0x0A {
        throw error("unsupported character in a string", at: position)
      }
      position += 1
    }
    guard peek() == quote else { throw error("unterminated string", at: start) }
    let content = String(decoding: UnsafeRawBufferPointer(rebasing: text[contentStart ..< position]),
                         as: UTF8.self)
    position += 1
    return content
  }

  private mutating func parseWord() -> String {
    skipSpace()
    let start = position
    while let byte = peek(), (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) {
      position += 1
    }
    return String(decoding: UnsafeRawBufferPointer(rebasing: text[start ..< position]), as: UTF8.self)
  }

  private mutating func parseBool() throws -> Bool {
    let start = position
    switch parseWord() {
    case "True": return true
    case "False": return false
    default:
      position = start
      skipSpace()
      throw error("expected True or False for 'fortran_order'\(found())", at: position)
    }
  }

  private mutating func parseShape() throws -> [Int] {
    try expect(UInt8(ascii: "("), "'(' opening the shape tuple")
    var dimensions: [Int] = []
    var sawComma = false
    while true {
      skipSpace()
      if peek() == UInt8(ascii: ")") { position += 1; break }
      let start = position
      var value = 0
      var digits = 0
      while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
        let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
        if overflow1 || overflow2 { throw error("a dimension of the shape is too large", at: start) }
        value = sum
        digits += 1
        position += 1
      }
      // Python 2 era writers may append 'L' to long integers.
      if digits > 0, peek() == UInt8(ascii: "L") { position += 1 }
      guard digits > 0 else {
        throw error("expected a non-negative integer in the shape\(found())", at: position)
      }
      dimensions.append(value)
      skipSpace()
      if peek() == UInt8(ascii: ",") { position += 1; sawComma = true; continue }
      try expect(UInt8(ascii: ")"), "',' or ')' in the shape")
      break
    }
    if dimensions.count == 1 && !sawComma {
      throw error("a one-dimensional shape needs a trailing comma, as in '(\(dimensions[0]),)'",
                  at: position)
    }
    return dimensions
  }
}
