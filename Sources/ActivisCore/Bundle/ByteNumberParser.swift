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

  /// A decimal number: `[+-]digits[.digits][(e|E)[+-]digits]`, `.5`, `5.`,
  /// or `nan`, `inf`, `infinity` in any case with an optional sign. Leading
  /// or trailing spaces, hex floats and other text give nil.
  ///
  /// Decimals of up to 15 significant digits whose power of ten is within
  /// 10^±22 are converted with one correctly rounded operation; the rest go
  /// through the standard library's parser. Both round correctly.
  static func parseDouble(_ bytes: UnsafeRawBufferPointer) -> Double? {
    let count = bytes.count
    guard count > 0 else { return nil }
    var i = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
      negative = bytes[0] == UInt8(ascii: "-")
      i = 1
    }
    let signLength = i
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var fractionDigits = 0
    var sawDigit = false
    var sawPoint = false
    while i < count {
      let byte = bytes[i]
      let digit = byte &- UInt8(ascii: "0")
      if digit < 10 {
        sawDigit = true
        if sawPoint { fractionDigits += 1 }
        if mantissa != 0 || digit != 0 {
          significantDigits += 1
          if significantDigits <= 15 { mantissa = mantissa &* 10 &+ UInt64(digit) }
        }
      } else if byte == UInt8(ascii: ".") && !sawPoint {
        sawPoint = true
      } else {
        break
      }
      i += 1
    }
    if i == count {
      guard sawDigit else { return nil }
      if significantDigits <= 15 && fractionDigits <= 22 {
        let value = Double(mantissa) / exactPowerOfTen(fractionDigits)
        return negative ? -value : value
      }
      return slowParse(bytes)
    }
    let byte = bytes[i]
    if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
      guard sawDigit else { return nil }
      var j = i + 1
      if j < count && (bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+")) { j += 1 }
      let exponentNegative = j > i + 1 && bytes[i + 1] == UInt8(ascii: "-")
      let exponentStart = j
      var exponent = 0
      while j < count && bytes[j] &- UInt8(ascii: "0") < 10 {
        if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[j] &- UInt8(ascii: "0")) }
        j += 1
      }
      guard j == count && j > exponentStart else { return nil }
      // mantissa × 10^scale with both factors exact: one correctly rounded step.
      let scale = (exponentNegative ? -exponent : exponent) - fractionDigits
      if significantDigits <= 15 && scale >= -22 && scale <= 22 {
        let magnitude = Double(mantissa)
        let value = scale < 0 ? magnitude / exactPowerOfTen(-scale) : magnitude * exactPowerOfTen(scale)
        return negative ? -value : value
      }
      return slowParse(bytes)
    }
    // nan / inf / infinity
    guard i == signLength else { return nil }
    var word = ""
    for k in signLength ..< count {
      let b = bytes[k] | 0x20
      guard b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") else { return nil }
      word.unicodeScalars.append(Unicode.Scalar(b))
    }
    switch word {
    case "nan": return .nan
    case "inf", "infinity": return negative ? -.infinity : .infinity
    default: return nil
    }
  }

  /// The standard library's correctly rounded parser (locale-independent),
  /// for the rare text the fast paths leave (already validated).
  private static func slowParse(_ bytes: UnsafeRawBufferPointer) -> Double? {
    Double(String(decoding: bytes, as: UTF8.self))
  }
}
