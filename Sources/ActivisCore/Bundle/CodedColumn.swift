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
    guard !value.isEmpty else {
      codes.append(-1)
      return
    }
    let (code, added) = value.withUnsafeBytes { dictionary.code(of: $0) }
    if added { firstOffsets.append(offset) }
    codes.append(code)
  }

  /// The distinct values as strings, by code.
  var values: [String] {
    (0 ..< dictionary.count).map { String(decoding: dictionary.key($0), as: UTF8.self) }
  }
}
