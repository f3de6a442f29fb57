/// Squared Euclidean distances between rows of dense Float matrices.
enum Distance {
  /// The squared Euclidean distance between the `count`-long vectors at `a` and `b`.
  @inline(__always)
  static func squared(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int)
    -> Float
  {
    var acc0 = SIMD8<Float>()
    var acc1 = SIMD8<Float>()
    var j = 0
    let ra = UnsafeRawPointer(a)
    let rb = UnsafeRawPointer(b)
    while j + 16 <= count {
      let d0 =
        ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
        - rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
      let d1 =
        ra.loadUnaligned(fromByteOffset: j * 4 + 32, as: SIMD8<Float>.self)
        - rb.loadUnaligned(fromByteOffset: j * 4 + 32, as: SIMD8<Float>.self)
      acc0 += d0 * d0
      acc1 += d1 * d1
      j += 16
    }
    if j + 8 <= count {
      let d0 =
        ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
        - rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
      acc0 += d0 * d0
      j += 8
    }
    var sum = (acc0 + acc1).sum()
    while j < count {
      let d = a[j] - b[j]
      sum += d * d
      j += 1
    }
    return sum
  }
}
