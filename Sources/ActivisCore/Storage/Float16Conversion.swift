/// Conversion of IEEE 754 binary16 bit patterns to `Float`, by bit
/// manipulation (exact: every half value is a float value).
public enum Float16Conversion {
  /// The `Float` for half-precision `bits`: normals, subnormals, signed
  /// zeros, infinities and NaNs (payload kept in the high mantissa bits).
  @inlinable
  public static func float(fromBits bits: UInt16) -> Float {
    let sign = UInt32(bits & 0x8000) << 16
    let exponent = UInt32(bits >> 10) & 0x1F
    let mantissa = UInt32(bits & 0x3FF)
    if exponent == 0 {
      // Zero or subnormal: mantissa × 2^-24, exact in Float.
      let magnitude = Float(mantissa) * 0x1p-24
      return Float(bitPattern: sign | magnitude.bitPattern)
    }
    if exponent == 0x1F {
      return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    }
    return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
  }
}
