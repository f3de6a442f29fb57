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

  /// Σ (aᵢ − bᵢ)² over `count` values, for four `b`s at once (one pass over `a`).
  @inline(__always)
  static func squaredDistances4(_ a: UnsafePointer<Float>, _ b0: UnsafePointer<Float>, _ b1: UnsafePointer<Float>,
                                _ b2: UnsafePointer<Float>, _ b3: UnsafePointer<Float>, _ count: Int)
    -> SIMD4<Float>
  {
    var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
    let ra = UnsafeRawPointer(a)
    let r0 = UnsafeRawPointer(b0), r1 = UnsafeRawPointer(b1), r2 = UnsafeRawPointer(b2), r3 = UnsafeRawPointer(b3)
    var j = 0
    while j + 8 <= count {
      let offset = j * 4
      let x = ra.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
      let d0 = x - r0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
      let d1 = x - r1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
      let d2 = x - r2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
      let d3 = x - r3.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
      s0 += d0 * d0
      s1 += d1 * d1
      s2 += d2 * d2
      s3 += d3 * d3
      j += 8
    }
    var result = SIMD4<Float>(s0.sum(), s1.sum(), s2.sum(), s3.sum())
    while j < count {
      let d = SIMD4<Float>(a[j] - b0[j], a[j] - b1[j], a[j] - b2[j], a[j] - b3[j])
      result += d * d
      j += 1
    }
    return result
  }

  /// Σ (aᵢ − bᵢ)² over `count` values.
  @inline(__always)
  static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
    var acc = SIMD8<Float>()
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    var j = 0
    while j + 8 <= count {
      let d = ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
        - rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
      acc += d * d
      j += 8
    }
    var sum = acc.sum()
    while j < count {
      let d = a[j] - b[j]
      sum += d * d
      j += 1
    }
    return sum
  }
}
