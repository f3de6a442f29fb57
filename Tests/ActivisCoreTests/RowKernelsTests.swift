import CGramKernel
import Testing

/// The C row kernels against plain loops, for every length from empty to
/// past a few vectors (whole vectors, then the values left over).
@Suite struct RowKernelsTests {
  @Test func squaredDistanceDotAndNormMatchPlainLoops() {
    var generator = SystemRandomNumberGenerator()
    for n in 0 ... 37 {
      let x = (0 ..< n).map { _ in Float.random(in: -3 ... 3, using: &generator) }
      let t = (0 ..< n).map { _ in Double.random(in: -3 ... 3, using: &generator) }
      var squared = 0.0, dot = 0.0, norm = 0.0
      for j in 0 ..< n {
        squared += (Double(x[j]) - t[j]) * (Double(x[j]) - t[j])
        dot += Double(x[j]) * t[j]
        norm += Double(x[j]) * Double(x[j])
      }
      let found = activis_squared_distance(x, t, n)
      var foundDot = 0.0, foundNorm = 0.0
      activis_dot_and_norm(x, t, n, &foundDot, &foundNorm)
      #expect(abs(found - squared) <= 1e-12 * (1 + squared), "n = \(n)")
      #expect(abs(foundDot - dot) <= 1e-12 * (1 + abs(dot)) && abs(foundNorm - norm) <= 1e-12 * (1 + norm), "n = \(n)")
    }
  }
  /// The single-precision kernels within the bound RowKernels.h states:
  /// (n/4 + 50)·2⁻²⁴ relative to the sum of the terms' magnitudes.
  @Test func singlePrecisionKernelsWithinTheirStatedBound() {
    var generator = SystemRandomNumberGenerator()
    for n in 0 ... 75 {
      let x = (0 ..< n).map { _ in Float.random(in: -3 ... 3, using: &generator) }
      let t = (0 ..< n).map { _ in Float.random(in: -3 ... 3, using: &generator) }
      var squared = 0.0, dot = 0.0, magnitudes = 0.0, norm = 0.0
      for j in 0 ..< n {
        let a = Double(x[j]), b = Double(t[j])
        squared += (a - b) * (a - b)
        dot += a * b
        magnitudes += abs(a * b)
        norm += a * a
      }
      let bound = (Double(n) / 4 + 50) * 0x1p-24
      let found = Double(activis_squared_distance_f32(x, t, n))
      var foundDot: Float = 0, foundNorm: Float = 0
      activis_dot_and_norm_f32(x, t, n, &foundDot, &foundNorm)
      #expect(abs(found - squared) <= bound * squared, "n = \(n): \(found) vs \(squared)")
      #expect(abs(Double(foundDot) - dot) <= bound * magnitudes, "n = \(n): \(foundDot) vs \(dot)")
      #expect(abs(Double(foundNorm) - norm) <= bound * norm, "n = \(n): \(foundNorm) vs \(norm)")
    }
  }
}
