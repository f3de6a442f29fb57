/// Scans decimal numbers in bytes, reading runs of digits eight at a time.
enum DecimalScanner {
  /// A decimal as `mantissa × 10^scale`: the mantissa is exact when
  /// `digits <= 19` (leading zeros count as digits).
  struct Decimal {
    var negative: Bool
    var mantissa: UInt64
    var digits: Int
    var scale: Int
  }

  /// Scans `[+-]digits[.digits][(e|E)[+-]digits]`, `.5` or `5.` from the
  /// start of `count` bytes at `base`, up to the first byte that cannot
  /// continue it.
  ///
  /// - Returns: the decimal and the offset of that byte (`count` when the
  ///   number runs to the end), or nil when no number starts there, or an
  ///   exponent has no digits.
  @inline(__always)
  static func prefix(_ base: UnsafePointer<UInt8>, count: Int) -> (decimal: Decimal, end: Int)? {
    guard count > 0 else { return nil }
    var i = 0
    let negative = base[0] == UInt8(ascii: "-")
    if negative || base[0] == UInt8(ascii: "+") { i = 1 }
    var mantissa: UInt64 = 0
    let integerStart = i
    readDigits(base, count: count, at: &i, into: &mantissa)
    var digits = i - integerStart
    var scale = 0
    if i < count && base[i] == UInt8(ascii: ".") {
      i += 1
      let fractionStart = i
      readDigits(base, count: count, at: &i, into: &mantissa)
      scale = fractionStart - i
      digits -= scale
    }
    guard digits > 0 else { return nil }
    if i < count && (base[i] | 0x20) == UInt8(ascii: "e") {
      i += 1
      let exponentNegative = i < count && base[i] == UInt8(ascii: "-")
      if i < count && (exponentNegative || base[i] == UInt8(ascii: "+")) { i += 1 }
      let exponentStart = i
      var exponent = 0
      while i < count, case let digit = base[i] &- UInt8(ascii: "0"), digit < 10 {
        if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
        i += 1
      }
      guard i > exponentStart else { return nil }
      scale += exponentNegative ? -exponent : exponent
    }
    return (Decimal(negative: negative, mantissa: mantissa, digits: digits, scale: scale), i)
  }

  /// Reads the run of digits at `i` into `mantissa` (`mantissa × 10 +
  /// digit` for each, wrapping past 19 digits), eight at a time; leaves `i`
  /// at the first byte that is not a digit (or `count`).
  @inline(__always)
  static func readDigits(
    _ base: UnsafePointer<UInt8>, count: Int, at i: inout Int, into mantissa: inout UInt64
  ) {
    while i < count {
      let word: UInt64
      if i + 8 <= count {
        word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
      } else if count >= 8 {
        // The last bytes, from a word ending at `count`: zero bytes follow them.
        let last = UInt64(littleEndian: UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self))
        word = last >> (UInt64(8 - (count - i)) * 8)
      } else {
        while i < count, case let digit = base[i] &- UInt8(ascii: "0"), digit < 10 {
          mantissa = mantissa &* 10 &+ UInt64(digit)
          i += 1
        }
        return
      }
      let run = digitRunLength(word)
      guard run > 0 else { return }
      if run == 8 {
        mantissa = mantissa &* 100_000_000 &+ valueOfEightDigits(word)
        i += 8
        continue
      }
      // The run's digits as the last of eight, after leading zeros.
      let dropped = UInt64(8 - run) * 8
      let padded = (word << dropped) | (0x3030_3030_3030_3030 >> (64 - dropped))
      mantissa = mantissa &* powerOfTen(run) &+ valueOfEightDigits(padded)
      i += run
      return
    }
  }

  /// How many of the eight bytes of `word` (first byte lowest) are ASCII
  /// digits before the first that is not.
  @inline(__always)
  static func digitRunLength(_ word: UInt64) -> Int {
    let nibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    let threes: UInt64 = 0x3030_3030_3030_3030
    // A digit's high nibble is 3, and adding 6 does not carry into it. A
    // carry out of a byte that is not a digit only reaches later bytes.
    let notDigits = ((word & nibbles) ^ threes) | (((word &+ 0x0606_0606_0606_0606) & nibbles) ^ threes)
    return notDigits == 0 ? 8 : notDigits.trailingZeroBitCount / 8
  }

  /// The value of eight ASCII digits in a word, the first in its lowest byte.
  @inline(__always)
  static func valueOfEightDigits(_ word: UInt64) -> UInt64 {
    var value = word &- 0x3030_3030_3030_3030
    // Pairs of digits, then pairs of pairs, then the two halves.
    value = (value &* 10 &+ (value >> 8)) & 0x00FF_00FF_00FF_00FF
    value = (value &* 100 &+ (value >> 16)) & 0x0000_FFFF_0000_FFFF
    return (value &* 10_000 &+ (value >> 32)) & 0xFFFF_FFFF
  }

  /// 10^n for n in 1 ... 7.
  @inline(__always)
  private static func powerOfTen(_ n: Int) -> UInt64 {
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
}
