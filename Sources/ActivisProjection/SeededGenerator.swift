import Foundation

/// A small, fast, seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// The same seed always yields the same sequence on every platform, which is what makes
/// projections reproducible.
package struct SeededGenerator: RandomNumberGenerator {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// Creates a generator whose whole sequence is determined by `seed`.
  package init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// Returns the next 64 random bits.
  package mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// A uniform double in [0, 1).
  package mutating func nextUniform() -> Double {
    Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
  }

  /// A standard normal deviate (Box–Muller; one of the pair is discarded for simplicity).
  package mutating func nextGaussian() -> Double {
    var u = nextUniform()
    while u <= 0 { u = nextUniform() }
    let v = nextUniform()
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }

  /// A uniform integer in `0..<bound` (`bound` > 0), with negligible bias.
  package mutating func nextInt(below bound: Int) -> Int {
    Int(truncatingIfNeeded: (next() >> 1) % UInt64(bound))
  }
}
