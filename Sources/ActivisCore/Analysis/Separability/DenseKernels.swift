/// Vector loops over `Float` in eight-lane SIMD, for the separability
/// measures.
enum DenseKernels {
  /// Σ aᵢ·bᵢ over `count` values.
  @inline(__always)
  static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
    var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>()
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    var j = 0
    while j + 16 <= count {
      acc0 += ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
        * rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
      acc1 += ra.loadUnaligned(fromByteOffset: j * 4 + 32, as: SIMD8<Float>.self)
        * rb.loadUnaligned(fromByteOffset: j * 4 + 32, as: SIMD8<Float>.self)
      j += 16
    }
    var sum = (acc0 + acc1).sum()
    while j < count {
      sum += a[j] * b[j]
      j += 1
    }
    return sum
  }

  /// y += s·x over `count` values.
  @inline(__always)
  static func addScaled(_ x: UnsafePointer<Float>, _ s: Float, into y: UnsafeMutablePointer<Float>, _ count: Int) {
    let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
    let scale = SIMD8<Float>(repeating: s)
    var j = 0
    while j + 8 <= count {
      let sum = ry.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
        + scale * rx.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
      ry.storeBytes(of: sum, toByteOffset: j * 4, as: SIMD8<Float>.self)
      j += 8
    }
    while j < count {
      y[j] += s * x[j]
      j += 1
    }
  }
}
