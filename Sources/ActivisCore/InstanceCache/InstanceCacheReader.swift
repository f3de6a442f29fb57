/// Reads a parsed table back from a cache file, trusting nothing: the
/// magic, version, key, lengths and payload hash must agree, and every
/// decoded column is checked (lengths, offsets, codes) before it is used.
/// Any disagreement gives `nil`, never a crash.
struct InstanceCacheReader {
  /// A table read back, with its classes and warning messages.
  struct Contents {
    var table: InstanceTable
    var classes: [String]
    var warnings: [String]
  }

  private let bytes: UnsafeRawBufferPointer
  private var position: Int

  /// The table in `file` if it is a whole cache file for `key`.
  static func read(_ file: MappedFile, key: InstanceCacheKey, threads: Int) -> Contents? {
    let bytes = file.bytes
    guard bytes.count >= InstanceCacheFormat.headerSize else { return nil }
    let word = { (index: Int) in UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
    guard word(0) == InstanceCacheFormat.magic, word(1) == InstanceCacheFormat.version else { return nil }
    let keyText = Array(key.text.utf8)
    guard word(2) == UInt64(keyText.count) else { return nil }
    let payloadStart = InstanceCacheFormat.headerSize + keyText.count + InstanceCacheFormat.padding(keyText.count)
    guard payloadStart <= bytes.count, word(3) == UInt64(bytes.count - payloadStart),
          bytes[InstanceCacheFormat.headerSize ..< InstanceCacheFormat.headerSize + keyText.count]
            .elementsEqual(keyText)
    else { return nil }
    let payload = UnsafeRawBufferPointer(rebasing: bytes[payloadStart...])
    guard payload.count % 8 == 0, CacheHash.Words.parallel(payload, threads: threads) == word(4) else { return nil }
    var reader = InstanceCacheReader(bytes: bytes, position: payloadStart)
    return reader.contents()
  }

  private mutating func contents() -> Contents? {
    guard let count = integer(), let classes = strings(), let warnings = strings(),
          let ids: [Int64] = array(count: count) else { return nil }
    guard let hasText = flag() else { return nil }
    var text: TextColumn?
    if hasText {
      guard let utf8: [UInt8] = array(), let offsets: [Int] = array(count: count + 1),
            Self.offsetsAreValid(offsets, end: utf8.count) else { return nil }
      text = TextColumn(utf8: utf8, offsets: offsets)
    }
    var classCodes: [[Int32]?] = []
    for _ in 0 ..< 2 {
      guard let present = flag() else { return nil }
      guard present else {
        classCodes.append(nil)
        continue
      }
      guard let codes: [Int32] = array(count: count), Self.codesAreValid(codes, below: classes.count) else {
        return nil
      }
      classCodes.append(codes)
    }
    guard let scoreCount = integer() else { return nil }
    var scores: [ScoreColumn] = []
    for _ in 0 ..< scoreCount {
      guard let name = string(), let values: [Float] = array(count: count) else { return nil }
      scores.append(ScoreColumn(className: name, values: values))
    }
    guard let attributeCount = integer() else { return nil }
    var attributes: [Attribute] = []
    for _ in 0 ..< attributeCount {
      guard let name = string(), let values = attributeValues(count: count) else { return nil }
      attributes.append(Attribute(name: name, values: values))
    }
    guard position == bytes.count else { return nil }
    let table = InstanceTable(ids: ids, text: text, labels: classCodes[0], predicted: classCodes[1],
                              scores: scores, attributes: attributes)
    return Contents(table: table, classes: classes, warnings: warnings)
  }

  private mutating func attributeValues(count: Int) -> Attribute.Values? {
    switch integer().map(Int64.init) {
    case InstanceCacheFormat.numericKind:
      guard let values: [Double] = array(count: count) else { return nil }
      return .numeric(values)
    case InstanceCacheFormat.categoricalKind:
      guard let codes: [Int32] = array(count: count), let categories = strings(),
            Self.codesAreValid(codes, below: categories.count) else { return nil }
      return .categorical(codes: codes, categories: categories)
    default:
      return nil
    }
  }

  /// A non-negative integer that could count something in the file.
  private mutating func integer() -> Int? {
    guard position + 8 <= bytes.count else { return nil }
    let value = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: Int64.self))
    position += 8
    guard value >= 0, value <= Int64(bytes.count) else { return nil }
    return Int(value)
  }

  private mutating func flag() -> Bool? {
    switch integer() {
    case 0: false
    case 1: true
    default: nil
    }
  }

  /// An array of plain values, copied out of the file; `count`, when given,
  /// is the element count it must have.
  private mutating func array<Element: BitwiseCopyable>(count expected: Int? = nil) -> [Element]? {
    guard let count = integer(), expected == nil || count == expected else { return nil }
    let (byteCount, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
    guard !overflow else { return nil }
    let padded = byteCount + InstanceCacheFormat.padding(byteCount)
    guard padded <= bytes.count - position else { return nil }
    let source = bytes.baseAddress! + position
    position += padded
    return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      if byteCount > 0, let destination = UnsafeMutableRawPointer(buffer.baseAddress) {
        HugePages.advise(destination, byteCount: byteCount)
        destination.copyMemory(from: source, byteCount: byteCount)
      }
      initialized = count
    }
  }

  private mutating func string() -> String? {
    guard let utf8: [UInt8] = array() else { return nil }
    return String(decoding: utf8, as: UTF8.self)
  }

  private mutating func strings() -> [String]? {
    guard let count = integer() else { return nil }
    var texts: [String] = []
    for _ in 0 ..< count {
      guard let text = string() else { return nil }
      texts.append(text)
    }
    return texts
  }

  /// Offsets that start at 0, never decrease and end at `end`.
  private static func offsetsAreValid(_ offsets: [Int], end: Int) -> Bool {
    guard offsets.first == 0, offsets.last == end else { return false }
    return offsets.withUnsafeBufferPointer { offsets in
      var valid = true
      for i in 1 ..< offsets.count { valid = valid && offsets[i - 1] <= offsets[i] }
      return valid
    }
  }

  /// Codes that are `-1` or index a list of `count`.
  private static func codesAreValid(_ codes: [Int32], below count: Int) -> Bool {
    codes.withUnsafeBufferPointer { codes in
      var valid = true
      for code in codes { valid = valid && code >= -1 && Int(code) < count }
      return valid
    }
  }
}
