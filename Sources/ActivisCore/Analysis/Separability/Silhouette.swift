import CGramKernel
import Dispatch
import Foundation

/// The mean silhouette coefficient of rows grouped by class, with Euclidean
/// distance — the definition of scikit-learn's `silhouette_score`: for row
/// i, a = its mean distance to the other rows of its class, b = the
/// smallest mean distance to the rows of another class, s = (b − a) /
/// max(a, b); s = 0 for a row alone in its class and where a = b = 0.
public enum Silhouette {
  /// The mean of s over every row. Needs at least two classes with rows.
  ///
  /// - Complexity: O(n² · width), each pair once, on `threads` threads.
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public static func score(_ data: DenseRows, threads: Int? = nil) throws -> Double {
    let n = data.count, k = data.classCount
    // Without neurons every distance is 0, and so is every s.
    guard n > 1, data.width > 0 else { return 0 }
    let sums = try classDistanceSums(data, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    let sizes = data.classSizes
    var total = 0.0
    for i in 0 ..< n {
      let own = data.classes[i]
      guard sizes[own] > 1 else { continue }
      let a = sums[i * k + own] / Double(sizes[own] - 1)
      var b = Double.infinity
      for c in 0 ..< k where c != own && sizes[c] > 0 { b = Swift.min(b, sums[i * k + c] / Double(sizes[c])) }
      let larger = Swift.max(a, b)
      if larger > 0 && larger.isFinite { total += (b - a) / larger }
    }
    return total / Double(n)
  }

  /// Rows per tile of the pair loop.
  private static let tile = 64

  /// `sums[i·k + c]`: the sum of the distances from row i to the rows of class c.
  private static func classDistanceSums(_ data: DenseRows, threads: Int) throws -> [Double] {
    let n = data.count, k = data.classCount, d = data.width
    let tiles = (n + tile - 1) / tile
    // Tile pairs (I ≤ J), dealt to threads in turn.
    let pairs = (0 ..< tiles).flatMap { first in (first ..< tiles).map { (first, $0) } }
    let workers = Swift.max(1, Swift.min(threads, pairs.count))
    var partial = [[Double]](repeating: [], count: workers)
    let stopped = ManagedFlag()
    partial.withUnsafeMutableBufferPointer { partial in
      nonisolated(unsafe) let partial = partial
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var sums = [Double](repeating: 0, count: n * k)
        var squared = [Float](repeating: 0, count: tile * tile)
        data.values.withUnsafeBufferPointer { values in
          let x = values.baseAddress!
          for index in stride(from: worker, to: pairs.count, by: workers) {
            if index % 64 == 0 && Interruption.isRequested { stopped.set(); break }
            let (first, second) = pairs[index]
            let rowsI = (first * tile) ..< Swift.min(n, (first + 1) * tile)
            let rowsJ = (second * tile) ..< Swift.min(n, (second + 1) * tile)
            // Every distance between the two tiles (each tile's rows lie one after another).
            activis_squared_distances_f32(x + rowsI.lowerBound * d, rowsI.count, x + rowsJ.lowerBound * d, rowsJ.count,
                                          d, &squared)
            for i in rowsI {
              let ci = data.classes[i]
              let row = (i - rowsI.lowerBound) * rowsJ.count - rowsJ.lowerBound
              for j in (first == second ? i + 1 : rowsJ.lowerBound) ..< rowsJ.upperBound {
                let distance = Double(squared[row + j]).squareRoot()
                sums[i * k + data.classes[j]] += distance
                sums[j * k + ci] += distance
              }
            }
          }
        }
        partial[worker] = sums
      }
    }
    if stopped.isSet { throw Interrupted() }
    var sums = partial[0]
    for worker in 1 ..< workers { for i in sums.indices { sums[i] += partial[worker][i] } }
    return sums
  }
}
