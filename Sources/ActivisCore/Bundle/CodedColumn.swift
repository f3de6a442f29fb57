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
  /// Appends the rows of `other` (read after these), recoding its values
  /// into this column's dictionary.
  mutating func append(contentsOf other: CodedColumn) {
    var recode = [Int32](repeating: -1, count: other.dictionary.count)
    for code in 0 ..< other.dictionary.count {
      let (merged, added) = other.dictionary.key(code).withUnsafeBytes { dictionary.code(of: $0) }
      if added { firstOffsets.append(other.firstOffsets[code]) }
      recode[code] = merged
    }
    codes.reserveCapacity(codes.count + other.codes.count)
    recode.withUnsafeBufferPointer { map in
      for code in other.codes { codes.append(code < 0 ? -1 : map[Int(code)]) }
    }
  }
}
