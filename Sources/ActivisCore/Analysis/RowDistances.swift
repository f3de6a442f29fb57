import CGramKernel
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
    var distances = [Double](repeating: .nan, count: selected.count)
    try distances.withUnsafeMutableBufferPointer { output in
      nonisolated(unsafe) let output = output
      try target.withUnsafeBufferPointer { target in
        nonisolated(unsafe) let target = target
        try forEachRow(of: matrix, in: selected, threads: threads) { row, values in
          output[row - base] = distance(values, target.baseAddress!, targetNorm: targetNorm, columns: columns,
                                        metric: metric)
        }
      }
    }
    return distances
  }

  /// Calls `body` with every row of `selected` and its values (readable
  /// only during the call), on all cores in one pass over the layer: rows
  /// are read in place when the layer is native float32 (else converted a
  /// window at a time), and let go of as the pass goes.
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  static func forEachRow(of matrix: LayerMatrix, in selected: Range<Int>, threads: Int?,
                         _ body: @Sendable (Int, UnsafePointer<Float>) -> Void) throws {
    let rowCount = selected.count
    let threadCount = Swift.max(1, Swift.min(threads ?? ProcessInfo.processInfo.activeProcessorCount, rowCount / 1024))
    let rowsPerThread = (rowCount + threadCount - 1) / threadCount
    let interrupted = ManagedFlag()
    DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
      let start = selected.lowerBound + thread * rowsPerThread
      let end = Swift.min(selected.upperBound, start + rowsPerThread)
      guard start < end else { return }
      let windows = RowWindows(matrix, rows: start ..< end)
      defer { windows.close() }
      for k in 0 ..< windows.count {
        if Interruption.isRequested {
          interrupted.set()
          return
        }
        windows.open(k)
        for row in windows.window(k) { body(row, windows.values(row: row)) }
      }
    }
    if interrupted.isSet { throw Interrupted() }
  }

  /// The exact distance from `values` to the target (see `compute`).
  static func distance(_ values: [Float], _ target: [Double], targetNorm: Double, metric: Metric) -> Double {
    values.withUnsafeBufferPointer { values in
      target.withUnsafeBufferPointer { target in
        distance(values.baseAddress!, target.baseAddress!, targetNorm: targetNorm, columns: values.count,
                 metric: metric)
      }
    }
  }

  private static func distance(_ values: UnsafePointer<Float>, _ target: UnsafePointer<Double>, targetNorm: Double,
                               columns: Int, metric: Metric) -> Double {
    switch metric {
    case .euclidean:
      let sum = squaredDistance(values, target, count: columns)
      return sum.isFinite ? sum.squareRoot() : .nan
    case .cosine:
      let (dot, norm) = dotAndNorm(values, target, count: columns)
      let denominator = norm.squareRoot() * targetNorm
      guard denominator > 0, dot.isFinite, denominator.isFinite else { return .nan }
      return 1 - dot / denominator
    }
  }

  /// Σ(xⱼ − tⱼ)² in `Double` (`activis_squared_distance`: the widest
  /// vectors the processor has).
  @inline(__always)
  private static func squaredDistance(_ x: UnsafePointer<Float>, _ t: UnsafePointer<Double>, count: Int) -> Double {
    activis_squared_distance(x, t, count)
  }

  /// (Σ xⱼ tⱼ, Σ xⱼ²) in `Double` (`activis_dot_and_norm`).
  @inline(__always)
  private static func dotAndNorm(_ x: UnsafePointer<Float>, _ t: UnsafePointer<Double>, count: Int)
    -> (dot: Double, norm: Double)
  {
    var dot = 0.0, norm = 0.0
    activis_dot_and_norm(x, t, count, &dot, &norm)
    return (dot, norm)
  }
}
