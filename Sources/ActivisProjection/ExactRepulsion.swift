/// The repulsive half of the t-SNE gradient over all pairs, O(N²) per iteration.
enum ExactRepulsion {
  /// Writes Σⱼ wᵢⱼ² (yᵢ − yⱼ) for every point into `forces` (`rows × 2`) and returns the
  /// normaliser Z = Σ_{i≠j} wᵢⱼ.
  static func compute(
    embedding y: UnsafeBufferPointer<Double>, rows: Int,
    forces: UnsafeMutableBufferPointer<Double>, threads: Int
  ) -> Double {
    let blocks = Parallel.blockCount(count: rows, minimumSize: 32)
    return Parallel.sum(blocks: blocks, threads: threads) { b in
      var z = 0.0
      for i in Parallel.range(block: b, blocks: blocks, count: rows) {
        let xi = y[2 * i]
        let yi = y[2 * i + 1]
        var fx = 0.0
        var fy = 0.0
        var zi = 0.0
        for j in 0..<rows where j != i {
          let dx = xi - y[2 * j]
          let dy = yi - y[2 * j + 1]
          let w = 1 / (1 + dx * dx + dy * dy)
          zi += w
          let w2 = w * w
          fx += w2 * dx
          fy += w2 * dy
        }
        forces[2 * i] = fx
        forces[2 * i + 1] = fy
        z += zi
      }
      return z
    }
  }
}
