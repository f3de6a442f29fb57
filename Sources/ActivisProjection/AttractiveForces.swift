import Foundation

/// The attractive half of the t-SNE gradient: Σⱼ pᵢⱼ wᵢⱼ (yᵢ − yⱼ) with wᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²).
enum AttractiveForces {
  /// Writes the attraction of every point (times `scale`) into `forces` (`rows × 2`) and returns
  /// Σ pᵢⱼ log wᵢⱼ over the stored entries of P when `wantLogTerm` is set (0 otherwise).
  static func compute(
    affinities: Affinities, embedding y: UnsafeBufferPointer<Double>, rows: Int,
    scale: Double, forces: UnsafeMutableBufferPointer<Double>, wantLogTerm: Bool,
    threads: Int
  ) -> Double {
    let blocks = Parallel.blockCount(count: rows, minimumSize: 256)
    var partial = [Double](repeating: 0, count: blocks)
    affinities.rowStart.withUnsafeBufferPointer { start in
      affinities.columns.withUnsafeBufferPointer { cols in
        affinities.values.withUnsafeBufferPointer { vals in
          partial.withUnsafeMutableBufferPointer { partial in
            Parallel.forEach(blocks: blocks, threads: threads) { b in
              var logTerm = 0.0
              for i in Parallel.range(block: b, blocks: blocks, count: rows) {
                let xi = y[2 * i]
                let yi = y[2 * i + 1]
                var fx = 0.0
                var fy = 0.0
                for e in start[i]..<start[i + 1] {
                  let j = Int(cols[e])
                  let dx = xi - y[2 * j]
                  let dy = yi - y[2 * j + 1]
                  let w = 1 / (1 + dx * dx + dy * dy)
                  let pw = vals[e] * w
                  fx += pw * dx
                  fy += pw * dy
                  if wantLogTerm { logTerm += vals[e] * log(w) }
                }
                forces[2 * i] = scale * fx
                forces[2 * i + 1] = scale * fy
              }
              partial[b] = logTerm
            }
          }
        }
      }
    }
    return partial.reduce(0, +)
  }
}
