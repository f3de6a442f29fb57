import Dispatch
import Foundation

/// Distances from one row of a layer to every row, exact, in one pass over
/// the layer on all cores (the layer is read in blocks, converted to `Float`
/// whatever its dtype or order, and released as the pass goes).
public enum RowDistances {
  /// How distance is measured.
  public enum Metric: String, Sendable, CaseIterable {
    /// √Σ(xᵢ − qᵢ)².
    case euclidean
    /// 1 − x·q / (|x| |q|).
    case cosine
  }

  /// The distance from row `query` to each row of `matrix`, in `Double`; NaN
  /// where a row has a NaN or infinite value, or (cosine) a norm of 0.
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public static func compute(from query: Int, in matrix: LayerMatrix, metric: Metric, threads: Int? = nil)
    throws -> [Double]
  {
    try compute(from: query, in: matrix, metric: metric, rows: 0 ..< matrix.rowCount, threads: threads)
  }

  /// The distance from row `query` to each of `rows` (the result's index 0
  /// is `rows.lowerBound`).
  public static func compute(from query: Int, in matrix: LayerMatrix, metric: Metric, rows selected: Range<Int>,
                             threads: Int? = nil) throws -> [Double]
  {
    let columns = matrix.columnCount
    let target = matrix.row(query).map(Double.init)
    let targetNorm = target.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let base = selected.lowerBound
    let rowCount = selected.count
    let threadCount = Swift.max(1, Swift.min(threads ?? ProcessInfo.processInfo.activeProcessorCount, rowCount / 1024))
    let rowsPerThread = (rowCount + threadCount - 1) / threadCount
    let blockRows = Swift.max(1, (4 << 20) / Swift.max(1, columns * 4))
    let interrupted = ManagedFlag()
    let distances = [Double](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
      nonisolated(unsafe) let output = buffer.baseAddress
      DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
        guard let output else { return }
        let start = thread * rowsPerThread
        let end = Swift.min(rowCount, start + rowsPerThread)
        guard start < end else { return }
        let block = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * Swift.max(1, columns))
        defer { block.deallocate() }
        var first = start
        while first < end {
          if Interruption.isRequested {
            interrupted.set()
            return
          }
          let rows = first ..< Swift.min(end, first + blockRows)
          let layerRows = (base + rows.lowerBound) ..< (base + rows.upperBound)
          matrix.copyRows(layerRows, into: block)
          for (offset, row) in rows.enumerated() {
            output[row] = distance(block + offset * columns, target, targetNorm: targetNorm, columns: columns,
                                   metric: metric)
          }
          matrix.releasePages(rows: layerRows)
          first = rows.upperBound
        }
      }
      initialized = rowCount
    }
    if interrupted.isSet { throw Interrupted() }
    return distances
  }

  private static func distance(_ values: UnsafeMutablePointer<Float>, _ target: [Double], targetNorm: Double,
                               columns: Int, metric: Metric) -> Double {
    var sum = 0.0, dot = 0.0, norm = 0.0
    for j in 0 ..< columns {
      let x = Double(values[j])
      switch metric {
      case .euclidean:
        let d = x - target[j]
        sum += d * d
      case .cosine:
        dot += x * target[j]
        norm += x * x
      }
    }
    switch metric {
    case .euclidean:
      return sum.isFinite ? sum.squareRoot() : .nan
    case .cosine:
      let denominator = norm.squareRoot() * targetNorm
      guard denominator > 0, dot.isFinite, denominator.isFinite else { return .nan }
      return 1 - dot / denominator
    }
  }
}
