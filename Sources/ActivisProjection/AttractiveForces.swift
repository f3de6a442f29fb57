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
    return affinities.rowStart.withUnsafeBufferPointer { start in
      affinities.columns.withUnsafeBufferPointer { cols in
        affinities.values.withUnsafeBufferPointer { vals in
          Parallel.sum(blocks: blocks, threads: threads) { b in
            var logTerm = 0.0
            for i in Parallel.range(block: b, blocks: blocks, count: rows) {
              let raw = UnsafeRawPointer(y.baseAddress!)
              let yi = raw.loadUnaligned(fromByteOffset: 16 * i, as: SIMD2<Double>.self)
              var f = SIMD2<Double>()
              if wantLogTerm {
                for e in start[i]..<start[i + 1] {
                  let yj = raw.loadUnaligned(
                    fromByteOffset: 16 * Int(cols[e]), as: SIMD2<Double>.self)
                  let d = yi - yj
                  let w = 1 / (1 + (d * d).sum())
                  let p = Double(vals[e])
                  f += (p * w) * d
                  logTerm += p * log(w)
                }
              } else {
                for e in start[i]..<start[i + 1] {
                  let yj = raw.loadUnaligned(
                    fromByteOffset: 16 * Int(cols[e]), as: SIMD2<Double>.self)
                  let d = yi - yj
                  let w = 1 / (1 + (d * d).sum())
                  f += (Double(vals[e]) * w) * d
                }
              }
              let fx = f.x
              let fy = f.y
              forces[2 * i] = scale * fx
              forces[2 * i + 1] = scale * fy
            }
            return logTerm
          }
        }
      }
    }
  }
}
