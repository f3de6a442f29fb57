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
  /// Up to 19 digits are approximated in `Double` (within two units in its
  /// last place) and rounded to `Float`; when that approximation lies too
  /// near the midpoint between two floats to decide, the standard library
  /// parses the text.
  static func parseFloat(_ bytes: UnsafeRawBufferPointer) -> Float? {
    switch scan(bytes) {
    case .invalid: return nil
    case .special(let value): return Float(value)
    case let .decimal(negative, mantissa, digits, scale):
      if digits <= 19 && scale >= -22 && scale <= 22 {
        let approximation = scaled(mantissa, scale)
        let rounded = Float(approximation)
        if rounded.isFinite && rounded != 0 {
          let exact = Double(rounded)
          let above = (exact + Double(rounded.nextUp)) / 2
          let below = (exact + Double(rounded.nextDown)) / 2
          let tolerance = 4 * approximation.ulp
          if abs(approximation - above) > tolerance && abs(approximation - below) > tolerance {
            return negative ? -rounded : rounded
          }
        } else if mantissa == 0 {
          return negative ? -0.0 : 0
        }
      }
      return Float(String(decoding: bytes, as: UTF8.self))
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
