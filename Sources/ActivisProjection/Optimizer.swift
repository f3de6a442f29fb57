/// Gradient descent with momentum and adaptive per-coordinate gains (Jacobs 1988), as used by
/// t-SNE implementations; the update rule and step clipping follow openTSNE.
struct Optimizer {
  private var update: [Double]
  private var gains: [Double]

  /// State for `count` coordinates.
  init(count: Int) {
    update = [Double](repeating: 0, count: count)
    gains = [Double](repeating: 1, count: count)
  }

  @inline(__always)
  private static func sign(_ x: Double) -> Int { x > 0 ? 1 : (x < 0 ? -1 : 0) }

  /// Moves `embedding` (`rows × 2`) one step against `gradient`, then re-centres it.
  mutating func step(
    embedding y: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>,
    rows: Int, learningRate: Double, momentum: Double, minimumGain: Double,
    maximumStepNorm: Double?
  ) {
    update.withUnsafeMutableBufferPointer { update in
      gains.withUnsafeMutableBufferPointer { gains in
        var sumX = 0.0
        var sumY = 0.0
        for i in 0..<rows {
          for d in 0..<2 {
            let e = 2 * i + d
            let g = gradient[e]
            // Gains grow while the gradient keeps pointing against the last update.
            if Self.sign(g) != Self.sign(update[e]) {
              gains[e] += 0.2
            } else {
              gains[e] = gains[e] * 0.8 + minimumGain
            }
            update[e] = momentum * update[e] - learningRate * gains[e] * g
          }
          if let limit = maximumStepNorm {
            let ux = update[2 * i]
            let uy = update[2 * i + 1]
            let norm = (ux * ux + uy * uy).squareRoot()
            if norm > limit {
              update[2 * i] = ux / norm * limit
              update[2 * i + 1] = uy / norm * limit
            }
          }
          y[2 * i] += update[2 * i]
          y[2 * i + 1] += update[2 * i + 1]
          sumX += y[2 * i]
          sumY += y[2 * i + 1]
        }
        let meanX = sumX / Double(rows)
        let meanY = sumY / Double(rows)
        for i in 0..<rows {
          y[2 * i] -= meanX
          y[2 * i + 1] -= meanY
        }
      }
    }
  }
}
