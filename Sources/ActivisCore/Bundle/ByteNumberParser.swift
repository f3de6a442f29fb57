/// Parses numbers straight from bytes, without building a `String`.
enum ByteNumberParser {
  /// The result of parsing an integer id.
  enum IntegerResult: Equatable {
    case value(Int64)
    case notAnInteger
    case negative
    case overflow
  }

  /// A non-negative decimal integer (`0`, `42`, `+7` is refused).
  static func parseID(_ bytes: UnsafeRawBufferPointer) -> IntegerResult {
    guard !bytes.isEmpty else { return .notAnInteger }
    var digitsStart = 0
    if bytes[0] == UInt8(ascii: "-") { digitsStart = 1 }
    guard digitsStart < bytes.count else { return .notAnInteger }
    var value: Int64 = 0
    var overflow = false
    for i in digitsStart ..< bytes.count {
      let digit = bytes[i] &- UInt8(ascii: "0")
      guard digit < 10 else { return .notAnInteger }
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(Int64(digit))
      if o1 || o2 { overflow = true }
      value = sum
    }
    if digitsStart == 1 { return value == 0 && !overflow ? .value(0) : .negative }
    return overflow ? .overflow : .value(value)
  }

  /// 10^n for n in 0 ... 22, all exact in `Double`.
  @inline(__always)
  private static func exactPowerOfTen(_ n: Int) -> Double {
    switch n {
    case 0: 1e0
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    default: 1e22
    }
  }

  /// The value of eight ASCII digits loaded as a little-endian word (the
  /// first digit in the lowest byte), or nil when a byte is not a digit.
  @inline(__always)
  static func eightDigits(_ loaded: UInt64) -> UInt64? {
    let word = UInt64(littleEndian: loaded)
    // Every byte is 0x30...0x39: its high nibble is 3, and adding 6 does not carry into it.
    let nibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    guard word & nibbles == 0x3030_3030_3030_3030,
          (word &+ 0x0606_0606_0606_0606) & nibbles == 0x3030_3030_3030_3030 else { return nil }
    var value = word &- 0x3030_3030_3030_3030
    // Pairs of digits, then pairs of pairs, then the two halves.
    value = (value &* 10 &+ (value >> 8)) & 0x00FF_00FF_00FF_00FF
    value = (value &* 100 &+ (value >> 16)) & 0x0000_FFFF_0000_FFFF
    return (value &* 10_000 &+ (value >> 32)) & 0xFFFF_FFFF
  }

  /// 10^n for n in 1 ... 7, as an integer.
  @inline(__always)
  private static func powerOfTenWord(_ n: Int) -> UInt64 {
    switch n {
    case 1: 10
    case 2: 100
    case 3: 1_000
    case 4: 10_000
    case 5: 100_000
    case 6: 1_000_000
    default: 10_000_000
    }
  }

  /// What the scanner found: a decimal as `mantissa × 10^scale` (the
  /// mantissa exact when `digits <= 19`), a special value, or no number.
  enum Scan {
    case decimal(negative: Bool, mantissa: UInt64, digits: Int, scale: Int)
    case special(Double)
    case invalid
  }

  /// Scans `[+-]digits[.digits][(e|E)[+-]digits]`, `.5`, `5.`, or `nan`,
  /// `inf`, `infinity` in any case with an optional sign. Leading or
  /// trailing spaces, hex floats and other text are invalid.
  @inline(__always)
  static func scan(_ bytes: UnsafeRawBufferPointer) -> Scan {
    let count = bytes.count
    guard count > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
      return .invalid
    }
    var i = 0
    let negative = base[0] == UInt8(ascii: "-")
    if negative || base[0] == UInt8(ascii: "+") { i = 1 }
    let signLength = i
    var mantissa: UInt64 = 0
    let integerStart = i
    while i < count, case let digit = base[i] &- UInt8(ascii: "0"), digit < 10 {
      mantissa = mantissa &* 10 &+ UInt64(digit)
      i += 1
    }
    var digits = i - integerStart
    var fractionDigits = 0
    if i < count && base[i] == UInt8(ascii: ".") {
      i += 1
      let fractionStart = i
      // Eight digits at a time while they last (and while 19 digits in all
      // keep the mantissa exact), then one at a time.
      while i + 8 <= count && digits + (i - fractionStart) <= 11,
            let eight = eightDigits(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
      {
        mantissa = mantissa &* 100_000_000 &+ eight
        i += 8
      }
      // The last one to seven digits of a field of eight bytes or more, at once.
      let rest = count - i
      if rest > 0 && rest < 8 && count >= 8 && digits + (i - fractionStart) + rest <= 19 {
        let last = UInt64(littleEndian: UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self))
        let dropped = UInt64(8 - rest) * 8
        // The field's last `rest` bytes, after as many leading zeros.
        let padded = ((last >> dropped) << dropped) | (0x3030_3030_3030_3030 >> UInt64(rest * 8))
        if let tail = eightDigits(padded.littleEndian) {
          mantissa = mantissa &* powerOfTenWord(rest) &+ tail
          i = count
        }
      }
      while i < count, case let digit = base[i] &- UInt8(ascii: "0"), digit < 10 {
        mantissa = mantissa &* 10 &+ UInt64(digit)
        i += 1
      }
      fractionDigits = i - fractionStart
      digits += fractionDigits
    }
    var scale = -fractionDigits
    if i < count && digits > 0 && (base[i] | 0x20) == UInt8(ascii: "e") {
      i += 1
      let exponentNegative = i < count && base[i] == UInt8(ascii: "-")
      if i < count && (exponentNegative || base[i] == UInt8(ascii: "+")) { i += 1 }
      let exponentStart = i
      var exponent = 0
      while i < count, case let digit = base[i] &- UInt8(ascii: "0"), digit < 10 {
        if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
        i += 1
      }
      guard i > exponentStart else { return .invalid }
      scale += exponentNegative ? -exponent : exponent
    }
    guard i == count else {
      guard i == signLength, let value = special(bytes, from: signLength, negative: negative) else {
        return .invalid
      }
      return .special(value)
    }
    guard digits > 0 else { return .invalid }
    return .decimal(negative: negative, mantissa: mantissa, digits: digits, scale: scale)
  }

  /// A number as `scan` accepts it, correctly rounded to `Double`.
  ///
  /// When the digits form an integer of at most 2^53 and the power of ten
  /// is within 10^±22, both are exact and one multiplication or division
  /// rounds correctly; the rest go through the standard library's parser.
  static func parseDouble(_ bytes: UnsafeRawBufferPointer) -> Double? {
    switch scan(bytes) {
    case .invalid: return nil
    case .special(let value): return value
    case let .decimal(negative, mantissa, digits, scale):
      // 19 digits cannot overflow UInt64; 2^53 keeps the mantissa exact.
      guard digits <= 19 && mantissa <= 1 << 53 && scale >= -22 && scale <= 22 else {
        return Double(String(decoding: bytes, as: UTF8.self))
      }
      let value = scaled(mantissa, scale)
      return negative ? -value : value
    }
  }

  /// A number as `scan` accepts it, correctly rounded to `Float`.
  ///
  /// Up to 19 digits times a power of ten within 10^±22 are approximated in
  /// `Double` by one multiplication, within four units in its last place;
  /// rounding that to `Float` is right unless it lies that near a midpoint
  /// between two floats (every value in that range is a normal float, or
  /// zero). The rest go through the standard library's parser.
  @inline(__always)
  static func parseFloat(_ bytes: UnsafeRawBufferPointer) -> Float? {
    switch scan(bytes) {
    case .invalid: return nil
    case .special(let value): return Float(value)
    case let .decimal(negative, mantissa, digits, scale):
      guard digits <= 19 && scale >= -22 && scale <= 22 else { break }
      let magnitude = mantissa >> 63 == 0 ? Double(Int64(bitPattern: mantissa)) : Double(mantissa)
      let approximation = magnitude * (scale < 0 ? reciprocalPowerOfTen(-scale) : exactPowerOfTen(scale))
      // A midpoint has a one followed by 28 zeros below Float's 24 bits.
      let belowFloat = Int64(approximation.bitPattern & (1 << 29 - 1))
      guard abs(belowFloat - 1 << 28) > 4 else { break }
      let rounded = Float(approximation)
      return negative ? -rounded : rounded
    }
    return Float(String(decoding: bytes, as: UTF8.self))
  }

  /// 10^-n for n in 0 ... 22, each correctly rounded to `Double`.
  @inline(__always)
  private static func reciprocalPowerOfTen(_ n: Int) -> Double {
    switch n {
    case 0: 1e-0
    case 1: 1e-1
    case 2: 1e-2
    case 3: 1e-3
    case 4: 1e-4
    case 5: 1e-5
    case 6: 1e-6
    case 7: 1e-7
    case 8: 1e-8
    case 9: 1e-9
    case 10: 1e-10
    case 11: 1e-11
    case 12: 1e-12
    case 13: 1e-13
    case 14: 1e-14
    case 15: 1e-15
    case 16: 1e-16
    case 17: 1e-17
    case 18: 1e-18
    case 19: 1e-19
    case 20: 1e-20
    case 21: 1e-21
    default: 1e-22
    }
  }

  /// `mantissa × 10^scale` in one rounding (two when the mantissa is above 2^53).
  @inline(__always)
  private static func scaled(_ mantissa: UInt64, _ scale: Int) -> Double {
    let magnitude = Double(mantissa)
    return scale < 0 ? magnitude / exactPowerOfTen(-scale) : magnitude * exactPowerOfTen(scale)
  }

  /// `nan`, `inf` or `infinity` in any case, after the sign.
  private static func special(_ bytes: UnsafeRawBufferPointer, from start: Int, negative: Bool)
    -> Double?
  {
    var word = ""
    for k in start ..< bytes.count {
      let lower = bytes[k] | 0x20
      guard lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") else { return nil }
      word.unicodeScalars.append(Unicode.Scalar(lower))
    }
    switch word {
    case "nan": return .nan
    case "inf", "infinity": return negative ? -.infinity : .infinity
    default: return nil
    }
  }
}
