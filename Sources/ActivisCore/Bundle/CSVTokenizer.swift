/// Splits RFC 4180 CSV bytes into records of fields, without copying.
///
/// Fields are separated by `,`, records by LF or CR LF (a lone CR too).
/// A field that starts with `"` is quoted: it runs to the next `"` not
/// followed by another `"`, may hold commas, line breaks and doubled quotes,
/// and must be followed by `,`, a line break or the end of the file. A quote
/// inside an unquoted field is kept as a literal character. Empty lines are
/// skipped.
struct CSVTokenizer {
  /// One field: a byte range of the file, without its surrounding quotes.
  struct Field {
    /// Offset of the first byte of the field's content.
    var start: Int
    /// Offset just past the field's content.
    var end: Int
    /// Whether the content holds doubled quotes (`""`) to be undone.
    var hasEscapedQuotes: Bool
    /// Whether the field was quoted.
    var quoted: Bool
  }

  /// A tokenizing fault at a byte offset.
  struct Failure: Error {
    var offset: Int
    var message: String
  }

  let bytes: UnsafeRawBufferPointer
  /// Offset of the next unread byte.
  private(set) var position: Int

  init(bytes: UnsafeRawBufferPointer, start: Int) {
    self.bytes = bytes
    self.position = start
  }

  /// Reads the next non-empty record into `fields` (cleared first).
  ///
  /// - Returns: false at the end of the file.
  mutating func nextRecord(into fields: inout [Field]) throws(Failure) -> Bool {
    fields.removeAll(keepingCapacity: true)
    let count = bytes.count
    // Skip empty lines.
    while position < count, bytes[position] == 0x0A || bytes[position] == 0x0D { position += 1 }
    guard position < count else { return false }
    while true {
      var field = Field(start: position, end: position, hasEscapedQuotes: false, quoted: false)
      if position < count && bytes[position] == 0x22 {
        let open = position
        field.quoted = true
        position += 1
        field.start = position
        while true {
          guard position < count else {
            throw Failure(offset: open, message: "unterminated quoted field")
          }
          if bytes[position] == 0x22 {
            if position + 1 < count && bytes[position + 1] == 0x22 {
              field.hasEscapedQuotes = true
              position += 2
              continue
            }
            field.end = position
            position += 1
            break
          }
          position += 1
        }
        if position < count {
          let next = bytes[position]
          if next != 0x2C && next != 0x0A && next != 0x0D {
            throw Failure(offset: position,
                          message: "expected ',' or the end of the line after a closing quote")
          }
        }
      } else {
        while position < count {
          let byte = bytes[position]
          if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
          position += 1
        }
        field.end = position
      }
      fields.append(field)
      guard position < count else { return true }
      let separator = bytes[position]
      position += 1
      if separator == 0x2C { continue }
      if separator == 0x0D && position < count && bytes[position] == 0x0A { position += 1 }
      return true
    }
  }

  /// The field's content with doubled quotes undone, appended to `buffer`.
  func appendContent(of field: Field, to buffer: inout [UInt8]) {
    guard field.hasEscapedQuotes else {
      buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[field.start ..< field.end]))
      return
    }
    var i = field.start
    while i < field.end {
      let byte = bytes[i]
      buffer.append(byte)
      i += byte == 0x22 ? 2 : 1
    }
  }
}
