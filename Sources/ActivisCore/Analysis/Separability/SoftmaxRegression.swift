import Dispatch
import Foundation

/// Multinomial logistic regression with an L2 penalty on the weights (not
/// the intercepts), fitted by L-BFGS from zero: it minimises
///
///   (1/n) Σᵢ [log Σₖ exp zᵢₖ − zᵢ,yᵢ] + ‖W‖² / (2·C·n),   zᵢₖ = wₖ·xᵢ + bₖ,
///
/// scikit-learn's `LogisticRegression(C=C)` objective (lbfgs solver, 100
/// iterations, gradient tolerance 1e-4) divided by n.
struct SoftmaxRegression {
  /// Weights, `classCount × width`, row after row.
  let weights: [Float]
  let intercepts: [Float]
  let width: Int
  let classCount: Int

  /// Fits `features` (`labels.count × width`, standardised) to `labels`.
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  init(features: [Float], labels: [Int], width: Int, classCount: Int, inverseRegularization c: Double = 1,
       threads: Int? = nil) throws {
    self.width = width
    self.classCount = classCount
    let objective = Objective(features: features, labels: labels, width: width, classCount: classCount,
                              penalty: 1 / (c * Double(Swift.max(1, labels.count))),
                              threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    let start = [Double](repeating: 0, count: classCount * (width + 1))
    let outcome = try LBFGS().minimize(from: start) { point, gradient in
      try Interruption.check()
      return objective.evaluate(point, gradient: &gradient)
    }
    weights = outcome.point[0 ..< classCount * width].map { Float($0) }
    intercepts = outcome.point[(classCount * width)...].map { Float($0) }
  }

  /// The class with the largest score for each row of `features` (the
  /// first on a tie).
  func predict(_ features: [Float]) -> [Int] {
    let rows = features.count / Swift.max(1, width)
    var scores = [Float](repeating: 0, count: classCount)
    return features.withUnsafeBufferPointer { x in
      weights.withUnsafeBufferPointer { w in
        (0 ..< rows).map { row in
          for k in 0 ..< classCount {
            scores[k] = intercepts[k] + DenseKernels.dot(x.baseAddress! + row * width, w.baseAddress! + k * width, width)
          }
          var best = 0
          for k in 1 ..< classCount where scores[k] > scores[best] { best = k }
          return best
        }
      }
    }
  }

  /// The penalised mean cross-entropy and its gradient, over rows split
  /// between threads.
  private struct Objective {
    let features: [Float]
    let labels: [Int]
    let width: Int
    let classCount: Int
    let penalty: Double
    let threads: Int

    func evaluate(_ point: [Double], gradient: inout [Double]) -> Double {
      let k = classCount, d = width, n = labels.count
      let weights = point[0 ..< k * d].map { Float($0) }
      let intercepts = Array(point[(k * d)...])
      let chunks = Swift.max(1, Swift.min(threads, n / 256))
      let perChunk = (n + chunks - 1) / Swift.max(1, chunks)
      var partialGradients = [[Float]](repeating: [], count: chunks)
      var partialIntercepts = [[Double]](repeating: [], count: chunks)
      var partialLoss = [Double](repeating: 0, count: chunks)
      partialGradients.withUnsafeMutableBufferPointer { gradients in
        partialIntercepts.withUnsafeMutableBufferPointer { interceptGradients in
          partialLoss.withUnsafeMutableBufferPointer { losses in
            nonisolated(unsafe) let gradients = gradients, interceptGradients = interceptGradients, losses = losses
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
              let rows = (chunk * perChunk) ..< Swift.min(n, (chunk + 1) * perChunk)
              var g = [Float](repeating: 0, count: k * d)
              var gb = [Double](repeating: 0, count: k)
              var loss = 0.0
              var z = [Double](repeating: 0, count: k)
              var residual = [Float](repeating: 0, count: k)
              features.withUnsafeBufferPointer { x in
                weights.withUnsafeBufferPointer { w in
                  g.withUnsafeMutableBufferPointer { g in
                    for row in rows {
                      let xi = x.baseAddress! + row * d
                      var top = -Double.infinity
                      for c in 0 ..< k {
                        z[c] = intercepts[c] + Double(DenseKernels.dot(xi, w.baseAddress! + c * d, d))
                        top = Swift.max(top, z[c])
                      }
                      var total = 0.0
                      for c in 0 ..< k { total += Foundation.exp(z[c] - top) }
                      loss += top + Foundation.log(total) - z[labels[row]]
                      for c in 0 ..< k {
                        let p = Foundation.exp(z[c] - top) / total - (c == labels[row] ? 1 : 0)
                        residual[c] = Float(p)
                        gb[c] += p
                      }
                      for c in 0 ..< k where residual[c] != 0 {
                        DenseKernels.addScaled(xi, residual[c], into: g.baseAddress! + c * d, d)
                      }
                    }
                  }
                }
              }
              gradients[chunk] = g
              interceptGradients[chunk] = gb
              losses[chunk] = loss
            }
          }
        }
      }
      let scale = 1 / Double(Swift.max(1, n))
      var value = partialLoss.reduce(0, +) * scale
      for i in 0 ..< k * d {
        var sum = 0.0
        for chunk in 0 ..< chunks { sum += Double(partialGradients[chunk][i]) }
        gradient[i] = sum * scale + penalty * point[i]
        value += 0.5 * penalty * point[i] * point[i]
      }
      for c in 0 ..< k {
        gradient[k * d + c] = partialIntercepts.reduce(0) { $0 + $1[c] } * scale
      }
      return value
    }
  }
}
