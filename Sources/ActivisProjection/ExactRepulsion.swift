/// The repulsive half of the t-SNE gradient over all pairs, O(N²) per iteration.
enum ExactRepulsion {
  /// Writes Σⱼ wᵢⱼ² (yᵢ − yⱼ) for every point into `forces` (`rows × 2`) and returns the
  /// normaliser Z = Σ_{i≠j} wᵢⱼ.
  ///
  /// Each pair is computed once and gives its force to both points. Rows are cut into a
  /// fixed number of parts of about equal numbers of pairs (row i meets the rows after
  /// it); each part adds into its own buffer and the buffers are summed in part order,
  /// so the result does not depend on the number of threads.
  static func compute(
    embedding y: UnsafeBufferPointer<Double>, rows: Int,
    forces: UnsafeMutableBufferPointer<Double>, threads: Int
  ) -> Double {
    // Coordinates as separate x and y arrays of Float, eight points per vector (the
    // forces' float rounding is far below what the optimiser notices), padded to whole
    // vectors with far-away points whose weights vanish.
    let vectors = (rows + 7) / 8
    let xs = UnsafeMutablePointer<SIMD8<Float>>.allocate(capacity: 2 * vectors)
    let ys = xs + vectors
    defer { xs.deallocate() }
    xs.initialize(repeating: SIMD8(repeating: 1e15), count: 2 * vectors)
    let flatX = UnsafeMutableRawPointer(xs).assumingMemoryBound(to: Float.self)
    let flatY = UnsafeMutableRawPointer(ys).assumingMemoryBound(to: Float.self)
    for i in 0..<rows {
      flatX[i] = Float(y[2 * i])
      flatY[i] = Float(y[2 * i + 1])
    }
    let parts = Parallel.blockCount(count: rows, minimumSize: 64, maximum: 16)
    let starts = pairBalancedStarts(rows: rows, parts: parts)
    // Per part: x forces then y forces, `vectors` vectors each.
    let buffers = UnsafeMutablePointer<SIMD8<Float>>.allocate(capacity: parts * 2 * vectors)
    defer { buffers.deallocate() }
    let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
    let halfZ = Parallel.sum(blocks: parts, threads: threads) { part in
      let fxs = buffers + part * 2 * vectors
      let fys = fxs + vectors
      fxs.initialize(repeating: SIMD8(), count: 2 * vectors)
      var z = 0.0
      for i in starts[part]..<starts[part + 1] {
        let xi = SIMD8<Float>(repeating: flatX[i])
        let yi = SIMD8<Float>(repeating: flatY[i])
        var fx = SIMD8<Float>()
        var fy = SIMD8<Float>()
        var zi = SIMD8<Float>()
        /// Adds the pairs of row i with the points of vector j, but for `excluded` lanes.
        @inline(__always) func pairs(_ j: Int, excluding excluded: SIMDMask<SIMD8<Int32>>? = nil) {
          let dx = xi - xs[j]
          let dy = yi - ys[j]
          var w = 1 / (1 + dx * dx + dy * dy)
          if let excluded { w.replace(with: 0, where: excluded) }
          zi += w
          let w2 = w * w
          let gx = w2 * dx
          let gy = w2 * dy
          fx += gx
          fy += gy
          fxs[j] -= gx
          fys[j] -= gy
        }
        // The vector holding row i + 1 may also hold rows up to i: their weights are 0.
        let first = (i + 1) / 8
        if first < vectors { pairs(first, excluding: lanes &+ Int32(8 * first) .<= Int32(i)) }
        for j in (first + 1)..<Swift.max(first + 1, vectors) { pairs(j) }
        let flat = UnsafeMutableRawPointer(fxs).assumingMemoryBound(to: Float.self)
        flat[i] += fx.sum()
        flat[8 * vectors + i] += fy.sum()
        z += Double(zi.sum())
      }
      return z
    }
    let flat = UnsafeMutableRawPointer(buffers).assumingMemoryBound(to: Float.self)
    for i in 0..<rows {
      var fx = 0.0
      var fy = 0.0
      for part in 0..<parts {
        fx += Double(flat[part * 16 * vectors + i])
        fy += Double(flat[part * 16 * vectors + 8 * vectors + i])
      }
      forces[2 * i] = fx
      forces[2 * i + 1] = fy
    }
    return 2 * halfZ
  }

  /// The first row of each part and `rows` at the end: row i has `rows − 1 − i` pairs
  /// with later rows, and each part gets about `1 / parts` of all of them.
  static func pairBalancedStarts(rows: Int, parts: Int) -> [Int] {
    let total = rows * (rows - 1) / 2
    var starts = [0]
    var pairs = 0
    for i in 0..<rows where starts.count < parts {
      if pairs >= starts.count * total / parts { starts.append(i) }
      pairs += rows - 1 - i
    }
    while starts.count < parts { starts.append(rows) }
    return starts + [rows]
  }
}
