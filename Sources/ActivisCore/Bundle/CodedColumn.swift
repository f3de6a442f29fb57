/// A dictionary-coded text column being read (`label`, `predicted`).
struct CodedColumn {
  /// The distinct values.
  var dictionary = ByteStringDictionary()
  /// One code per row; `-1` where empty.
  var codes: [Int32] = []
  /// Byte offset of each distinct value's first occurrence.
  var firstOffsets: [Int] = []

  /// Adds one row's value (already repaired UTF-8).
  mutating func append(_ value: [UInt8], offset: Int) {
    value.withUnsafeBytes { append(bytes: $0, offset: offset) }
  }

  /// Adds one row's value (valid UTF-8).
  @inline(__always)
  mutating func append(bytes value: UnsafeRawBufferPointer, offset: Int) {
    guard !value.isEmpty else {
      codes.append(-1)
      return
    }
    let (code, added) = dictionary.code(of: value)
    if added { firstOffsets.append(offset) }
    codes.append(code)
  }

  /// The distinct values as strings, by code.
  var values: [String] {
    (0 ..< dictionary.count).map { String(decoding: dictionary.key($0), as: UTF8.self) }
  }
}

extension CodedColumn {
  /// The rows of `parts` (consecutive runs of rows, in order) as one column:
  /// their values recoded into one dictionary, in the order they first occur.
  static func concatenating(_ parts: [CodedColumn]) -> CodedColumn {
    var whole = CodedColumn()
    // Each part's codes → the whole's, from its dictionary's keys.
    let recodings = parts.map { part in
      (0 ..< part.dictionary.count).map { code in
        let (merged, added) = part.dictionary.key(code).withUnsafeBytes { whole.dictionary.code(of: $0) }
        if added { whole.firstOffsets.append(part.firstOffsets[code]) }
        return merged
      }
    }
    let total = parts.reduce(0) { $0 + $1.codes.count }
    whole.codes = [Int32](unsafeUninitializedCapacity: total) { buffer, count in
      var next = 0
      for (part, recoding) in zip(parts, recodings) {
        part.codes.withUnsafeBufferPointer { codes in
          recoding.withUnsafeBufferPointer { map in
            for code in codes {
              buffer[next] = code < 0 ? -1 : map[Int(code)]
              next += 1
            }
          }
        }
      }
      count = next
    }
    return whole
  }
}
