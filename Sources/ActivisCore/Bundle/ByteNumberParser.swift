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

  /// What `scan` found: a decimal, a special value, or no number.
  enum Scan {
    case decimal(DecimalScanner.Decimal)
    case special(Double)
    case invalid
  }

  /// Scans a whole field: `[+-]digits[.digits][(e|E)[+-]digits]`, `.5`,
  /// `5.`, or `nan`, `inf`, `infinity` in any case with an optional sign.
  /// Leading or trailing spaces, hex floats and other text are invalid.
  @inline(__always)
  static func scan(_ bytes: UnsafeRawBufferPointer) -> Scan {
    guard bytes.count > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
      return .invalid
    }
    if let (decimal, end) = DecimalScanner.prefix(base, count: bytes.count), end == bytes.count {
      return .decimal(decimal)
    }
    let signLength = base[0] == UInt8(ascii: "-") || base[0] == UInt8(ascii: "+") ? 1 : 0
    guard let value = special(bytes, from: signLength, negative: base[0] == UInt8(ascii: "-")) else {
      return .invalid
    }
    return .special(value)
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
    case .decimal(let decimal):
      // 19 digits cannot overflow UInt64; 2^53 keeps the mantissa exact.
      guard decimal.digits <= 19 && decimal.mantissa <= 1 << 53 && decimal.scale >= -22 && decimal.scale <= 22
      else { return Double(String(decoding: bytes, as: UTF8.self)) }
      let value = scaled(decimal.mantissa, decimal.scale)
      return decimal.negative ? -value : value
    }
  }

  /// A number as `scan` accepts it, correctly rounded to `Float`.
  @inline(__always)
  static func parseFloat(_ bytes: UnsafeRawBufferPointer) -> Float? {
    switch scan(bytes) {
    case .invalid: return nil
    case .special(let value): return Float(value)
    case .decimal(let decimal): return float(decimal) ?? Float(String(decoding: bytes, as: UTF8.self))
    }
  }

  /// A decimal correctly rounded to `Float`, when one multiplication
  /// decides it; nil otherwise.
  ///
  /// Up to 19 digits times a power of ten within 10^±22 are approximated in
  /// `Double` by one multiplication, within four units in its last place;
  /// rounding that to `Float` is right unless it lies that near a midpoint
  /// between two floats (every value in that range is a normal float, or
  /// zero).
  @inline(__always)
  static func float(_ decimal: DecimalScanner.Decimal) -> Float? {
    let (mantissa, scale) = (decimal.mantissa, decimal.scale)
    guard decimal.digits <= 19 && scale >= -22 && scale <= 22 else { return nil }
    let magnitude = mantissa >> 63 == 0 ? Double(Int64(bitPattern: mantissa)) : Double(mantissa)
    let approximation = magnitude * (scale < 0 ? reciprocalPowerOfTen(-scale) : exactPowerOfTen(scale))
    // A midpoint has a one followed by 28 zeros below Float's 24 bits.
    let belowFloat = Int64(approximation.bitPattern & (1 << 29 - 1))
    guard abs(belowFloat - 1 << 28) > 4 else { return nil }
    let rounded = Float(approximation)
    return decimal.negative ? -rounded : rounded
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
