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

  /// Continues reading at `offset` (a record start).
  mutating func move(to offset: Int) { position = offset }

  init(bytes: UnsafeRawBufferPointer, start: Int) {
    self.bytes = bytes
    self.position = start
  }

  /// Reads the next non-empty record into `fields` (cleared first).
  ///
  /// - Returns: false at the end of the file.
  mutating func nextRecord<Fields: CSVRecordFields>(into fields: inout Fields) throws(Failure) -> Bool {
    fields.clear()
    let count = bytes.count
    guard count > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
      return false
    }
    // A local cursor: the loop must not store `position` back on every byte.
    var p = position
    defer { position = p }
    // Skip empty lines.
    while p < count, base[p] == 0x0A || base[p] == 0x0D { p += 1 }
    guard p < count else { return false }
    while true {
      let field = try Self.field(base, count: count, at: &p)
      fields.append(field)
      guard p < count else { return true }
      let separator = base[p]
      p += 1
      if separator == 0x2C {
        if p == count {
          // A comma at the very end of the file ends with an empty field.
          fields.append(Field(start: p, end: p, hasEscapedQuotes: false, quoted: false))
          return true
        }
        continue
      }
      if separator == 0x0D && p < count && base[p] == 0x0A { p += 1 }
      return true
    }
  }

  /// Reads the field that starts at `p` (below `count`), leaving `p` just
  /// past it (at the separator or line break after it, or at `count`).
  @inline(__always)
  static func field(_ base: UnsafePointer<UInt8>, count: Int, at p: inout Int) throws(Failure) -> Field {
    var field = Field(start: p, end: p, hasEscapedQuotes: false, quoted: false)
    if base[p] == 0x22 {
      let open = p
      field.quoted = true
      p += 1
      field.start = p
      while true {
        p = Self.skipWords(base, from: p, count: count, quotesOnly: true)
        guard p < count else { throw Failure(offset: open, message: "unterminated quoted field") }
        if base[p] == 0x22 {
          if p + 1 < count && base[p + 1] == 0x22 {
            field.hasEscapedQuotes = true
            p += 2
            continue
          }
          break
        }
        p += 1
      }
      field.end = p
      p += 1
      if p < count {
        let next = base[p]
        if next != 0x2C && next != 0x0A && next != 0x0D {
          throw Failure(offset: p, message: "expected ',' or the end of the line after a closing quote")
        }
      }
    } else {
      p = Self.skipWords(base, from: p, count: count, quotesOnly: false)
      // 0x2C ',' is above both line-break bytes: one compare skips most bytes.
      while p < count {
        let byte = base[p]
        if byte <= 0x2C && (byte == 0x2C || byte == 0x0A || byte == 0x0D) { break }
        p += 1
      }
      field.end = p
    }
    return field
  }

  /// Skips whole 8-byte words that hold no `"` (when `quotesOnly`) or no
  /// `,`, LF or CR; returns the offset of the first word that does (or of
  /// the last partial word), from where a byte loop finds the exact byte.
  @inline(__always)
  private static func skipWords(
    _ base: UnsafePointer<UInt8>, from start: Int, count: Int, quotesOnly: Bool
  ) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    // Nonzero when some byte of `word` is zero (the lowest flagged byte is
    // always a true zero, which is all a skip needs).
    func zeroByte(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }
    var p = start
    while p + 8 <= count {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
      let found = quotesOnly
        ? zeroByte(word ^ (ones &* 0x22))
        : zeroByte(word ^ (ones &* 0x2C)) | zeroByte(word ^ (ones &* 0x0A)) | zeroByte(word ^ (ones &* 0x0D))
      if found != 0 { return p + found.trailingZeroBitCount / 8 }
      p += 8
    }
    return p
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

/// Where `CSVTokenizer` puts the fields of a record.
protocol CSVRecordFields {
  /// Forgets the fields of the record before.
  mutating func clear()
  /// Adds the next field of the record.
  mutating func append(_ field: CSVTokenizer.Field)
}

extension Array: CSVRecordFields where Element == CSVTokenizer.Field {
  mutating func clear() { removeAll(keepingCapacity: true) }
}

/// The fields of one record in a buffer of fixed size, for reading
/// millions of records without the bookkeeping of a growing array: fields
/// beyond the buffer are counted, not kept.
struct FixedRecordFields: CSVRecordFields {
  private let storage: UnsafeMutableBufferPointer<CSVTokenizer.Field>
  /// The number of fields in the record (some may not be kept).
  private(set) var count = 0

  /// Room for `capacity` fields; `deallocate()` it when done.
  init(capacity: Int) {
    storage = .allocate(capacity: Swift.max(1, capacity))
  }

  func deallocate() { storage.deallocate() }

  mutating func clear() { count = 0 }

  @inline(__always)
  mutating func append(_ field: CSVTokenizer.Field) {
    if count < storage.count { storage[count] = field }
    count += 1
  }

  /// Field `index`, one of the first `capacity` of the record.
  @inline(__always)
  subscript(index: Int) -> CSVTokenizer.Field {
    get { storage[index] }
    nonmutating set { storage[index] = newValue }
  }

  /// The first field, if the record has one.
  var first: CSVTokenizer.Field? { count > 0 ? storage[0] : nil }
}
