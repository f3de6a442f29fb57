/// Appends bytes as valid UTF-8, replacing each byte that is not part of a
/// well-formed sequence with U+FFFD (EF BF BD).
enum UTF8Repair {
  /// Appends `source` to `buffer`, repairing it.
  ///
  /// - Returns: the number of bytes replaced and the offset in `source` of
  ///   the first (0 when none).
  @discardableResult
  static func append(_ source: UnsafeRawBufferPointer, to buffer: inout [UInt8])
    -> (replaced: Int, first: Int)
  {
    let count = source.count
    var i = asciiPrefixLength(source)
    guard i < count else {
      buffer.append(contentsOf: source)
      return (0, 0)
    }
    var replaced = 0
    var first = 0
    // Well-formed runs are appended whole; each bad byte becomes U+FFFD.
    var runStart = 0
    while i < count {
      if source[i] < 0x80 {
        i += 1
        continue
      }
      let length = sequenceLength(source, at: i)
      if length > 0 {
        i += length
        continue
      }
      buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: source[runStart ..< i]))
      buffer.append(0xEF)
      buffer.append(0xBF)
      buffer.append(0xBD)
      if replaced == 0 { first = i }
      replaced += 1
      i += 1
      runStart = i
    }
    buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: source[runStart ..< count]))
    return (replaced, first)
  }

  /// The number of leading ASCII bytes of `source` (all of them when it is
  /// ASCII), found eight at a time.
  @inline(__always)
  static func asciiPrefixLength(_ source: UnsafeRawBufferPointer) -> Int {
    let count = source.count
    guard let base = source.baseAddress else { return 0 }
    var i = 0
    while i + 8 <= count {
      let high = UInt64(littleEndian: (base + i).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
      if high != 0 { return i + high.trailingZeroBitCount / 8 }
      i += 8
    }
    while i < count && source[i] < 0x80 { i += 1 }
    return i
  }

  /// The length of the well-formed UTF-8 sequence at `i`, or 0 if none.
  static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
    let lead = bytes[i]
    if lead < 0x80 { return 1 }
    func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80 ... 0xBF) -> Bool {
      k < bytes.count && range.contains(bytes[k])
    }
    switch lead {
    case 0xC2 ... 0xDF:
      return continuation(i + 1) ? 2 : 0
    case 0xE0 ... 0xEF:
      let second: ClosedRange<UInt8> = lead == 0xE0 ? 0xA0 ... 0xBF : lead == 0xED ? 0x80 ... 0x9F : 0x80 ... 0xBF
      return continuation(i + 1, second) && continuation(i + 2) ? 3 : 0
    case 0xF0 ... 0xF4:
      let second: ClosedRange<UInt8> = lead == 0xF0 ? 0x90 ... 0xBF : lead == 0xF4 ? 0x80 ... 0x8F : 0x80 ... 0xBF
      return continuation(i + 1, second) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
    default:
      return 0
    }
  }
}
