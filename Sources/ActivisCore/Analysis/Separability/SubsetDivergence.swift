import Dispatch
import Foundation

/// How far a subset's mean activation pattern is from the rest of a
/// population, in a way that does not favour small subsets:
///
///   dⱼ = (mean of S − mean of R) / pooled sd,   the pooled variance being
///        (Σ_S (x − mean_S)² + Σ_R (x − mean_R)²) / (m + r − 2)   (Cohen's d),
///   divergence = √ max(0, (1/D) Σⱼ dⱼ² − (1/m + 1/r)),
///
/// computed on activations centred on their group's (class's) mean, with S
/// the subset (m rows), R the rest of the population (r rows), D the
/// neurons (a neuron with no spread has dⱼ = 0). 1/m + 1/r is what the
/// mean of dⱼ² is expected to be for a random subset of that size, so the
/// divergence is the root mean square effect beyond chance: 0 for a subset
/// no different from a random one, whatever its size.
public struct SubsetDivergence: Sendable {
  /// The population's rows, centred on their group's mean.
  private let centred: [Float]
  /// Per neuron, Σ x and Σ x² over the whole population.
  private let sums: [Double]
  private let squares: [Double]
  /// The number of population rows.
  public let count: Int
  public let width: Int

  /// The population: `rows × width` finite values, row after row, each
  /// row in a group (`groups[row]`, e.g. its class; all in one when nil).
  /// Each row is first centred on its group's mean, so that a subset is
  /// compared with the rest of its own group and is not set apart merely by
  /// being of one group more than another.
  public init(values: consuming [Float], rows rowCount: Int, width: Int, groups: [Int]? = nil) {
    precondition(values.count == rowCount * width, "rows × width values")
    let group = groups ?? [Int](repeating: 0, count: rowCount)
    precondition(group.count == rowCount, "one group per row")
    let groupCount = (group.max() ?? 0) + 1
    var means = [Double](repeating: 0, count: groupCount * width)
    var sizes = [Double](repeating: 0, count: groupCount)
    var shifted = values
    shifted.withUnsafeMutableBufferPointer { values in
      means.withUnsafeMutableBufferPointer { means in
        for row in 0 ..< rowCount {
          sizes[group[row]] += 1
          let mean = means.baseAddress! + group[row] * width, x = values.baseAddress! + row * width
          for j in 0 ..< width { mean[j] += Double(x[j]) }
        }
        for g in 0 ..< groupCount where sizes[g] > 0 {
          for j in g * width ..< (g + 1) * width { means[j] /= sizes[g] }
        }
        for row in 0 ..< rowCount {
          let mean = means.baseAddress! + group[row] * width, x = values.baseAddress! + row * width
          for j in 0 ..< width { x[j] -= Float(mean[j]) }
        }
      }
    }
    self.width = width
    count = rowCount
    (sums, squares) = Self.moments(shifted, rows: 0 ..< rowCount, width: width)
    centred = shifted
  }

  /// The divergence of the population rows `rows` from the others; nil when
  /// either side has fewer than 2 rows.
  public func divergence(of rows: [Int]) -> Double? {
    let m = rows.count, r = count - rows.count
    guard m >= 2, r >= 2, width > 0 else { return nil }
    let (inSums, inSquares) = Self.moments(centred, rows: rows, width: width)
    var total = 0.0
    for j in 0 ..< width {
      let meanIn = inSums[j] / Double(m)
      let meanOut = (sums[j] - inSums[j]) / Double(r)
      let within = (inSquares[j] - Double(m) * meanIn * meanIn)
        + (squares[j] - inSquares[j] - Double(r) * meanOut * meanOut)
      let variance = within / Double(m + r - 2)
      guard variance > 1e-24 else { continue }
      let difference = meanIn - meanOut
      total += difference * difference / variance
    }
    let excess = total / Double(width) - (1 / Double(m) + 1 / Double(r))
    return Swift.max(0, excess).squareRoot()
  }

  /// `divergence(of:)` of each of many subsets, on all cores.
  public func divergences(of subsets: [[Int]],
                          threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Double?] {
    let results = ThreadSlots<Double?>(count: subsets.count, initial: nil)
    let threadCount = Swift.max(1, Swift.min(threads, subsets.count))
    DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
      for index in stride(from: thread, to: subsets.count, by: threadCount) {
        results[index] = divergence(of: subsets[index])
      }
    }
    return results.values
  }

  /// Per column, Σ x and Σ x² over `rows`.
  private static func moments(_ values: [Float], rows: some Sequence<Int>, width: Int) -> ([Double], [Double]) {
    var sums = [Double](repeating: 0, count: width)
    var squares = [Double](repeating: 0, count: width)
    values.withUnsafeBufferPointer { values in
      sums.withUnsafeMutableBufferPointer { sums in
        squares.withUnsafeMutableBufferPointer { squares in
          guard let base = values.baseAddress, let s = sums.baseAddress, let q = squares.baseAddress else { return }
          for row in rows {
            let x = base + row * width
            for j in 0 ..< width {
              let value = Double(x[j])
              s[j] += value
              q[j] += value * value
            }
          }
        }
      }
    }
    return (sums, squares)
  }
}
