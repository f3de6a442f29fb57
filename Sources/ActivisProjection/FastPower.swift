/// x^y for positive Float x, to about 1e-5 relative error, without calling libm: the
/// optimiser of UMAP needs d^(2b) for every sample, where `powf` would dominate the time.
///
/// log₂ x is the exponent bits plus a degree-6 polynomial in the mantissa (error 4.4e-6 on
/// [1, 2)); 2^z is 2^⌊z⌋ built in the exponent bits times a degree-5 polynomial in the
/// fraction (relative error 1.7e-7). Both polynomials are least-squares fits.
enum FastPower {
  /// `x` to the power `y`, for `x` > 0 (tiny `x` is raised to 1e-30 first).
  @inline(__always)
  static func power(_ x: Float, _ y: Float) -> Float {
    exp2(y * log2(Swift.max(x, 1e-30)))
  }

  /// log₂ x for normal positive `x`.
  @inline(__always)
  static func log2(_ x: Float) -> Float {
    let bits = x.bitPattern
    let exponent = Float(Int32(bitPattern: (bits >> 23) & 0xFF) - 127)
    let t = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000) - 1
    let p: Float =
      1.442_517_0 + t * (-0.717_898_38 + t * (0.456_894_17 + t * (-0.277_365_05
        + t * (0.121_914_14 + t * -0.026_066_301))))
    return exponent + t * p
  }

  /// 2^z, saturating to 0 below 2⁻¹²⁶ and to 2¹²⁷·2 above.
  @inline(__always)
  static func exp2(_ z: Float) -> Float {
    let clamped = Swift.min(127.99, Swift.max(-126, z))
    // ⌊z⌋ without a libm call: truncation, one less for negative non-integers.
    var whole = Float(Int32(clamped))
    if whole > clamped { whole -= 1 }
    let f = clamped - whole
    let p: Float =
      0.999_999_83 + f * (0.693_154_74 + f * (0.240_146_5 + f * (0.055_835_965
        + f * (0.008_987_259 + f * 0.001_875_376_6))))
    let scale = Float(bitPattern: UInt32(Int32(whole) + 127) << 23)
    return scale * p
  }
}
