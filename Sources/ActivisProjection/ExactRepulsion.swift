/// The repulsive half of the t-SNE gradient over all pairs, O(N²) per iteration.
enum ExactRepulsion {
  /// Writes Σⱼ wᵢⱼ² (yᵢ − yⱼ) for every point into `forces` (`rows × 2`) and returns the
  /// normaliser Z = Σ_{i≠j} wᵢⱼ.
  static func compute(
    embedding y: UnsafeBufferPointer<Double>, rows: Int,
    forces: UnsafeMutableBufferPointer<Double>, threads: Int
  ) -> Double {
    // Coordinates as separate x and y arrays, padded to whole SIMD vectors with far-away
    // points whose weights vanish (1 / (1 + 1e30)).
    let padded = (rows + 3) / 4
    let xs = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: padded)
    let ys = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: padded)
    defer {
      xs.deallocate()
      ys.deallocate()
    }
    let far = SIMD4<Double>(repeating: 1e15)
    xs.initialize(repeating: far, count: padded)
    ys.initialize(repeating: far, count: padded)
    let flatX = UnsafeMutableRawPointer(xs).assumingMemoryBound(to: Double.self)
    let flatY = UnsafeMutableRawPointer(ys).assumingMemoryBound(to: Double.self)
    for i in 0..<rows {
      flatX[i] = y[2 * i]
      flatY[i] = y[2 * i + 1]
    }
    let blocks = Parallel.blockCount(count: rows, minimumSize: 32)
    return Parallel.sum(blocks: blocks, threads: threads) { b in
      var z = 0.0
      for i in Parallel.range(block: b, blocks: blocks, count: rows) {
        let xi = SIMD4<Double>(repeating: y[2 * i])
        let yi = SIMD4<Double>(repeating: y[2 * i + 1])
        var fx = SIMD4<Double>()
        var fy = SIMD4<Double>()
        var zi = SIMD4<Double>()
        for j in 0..<padded {
          let dx = xi - xs[j]
          let dy = yi - ys[j]
          let w = 1 / (1 + dx * dx + dy * dy)
          zi += w
          let w2 = w * w
          fx += w2 * dx
          fy += w2 * dy
        }
        forces[2 * i] = fx.sum()
        forces[2 * i + 1] = fy.sum()
        // The self-pair contributes w = 1 and no force.
        z += zi.sum() - 1
      }
      return z
    }
  }
}
