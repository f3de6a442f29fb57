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
    let rowCount = selected.count
    let threadCount = Swift.max(1, Swift.min(threads ?? ProcessInfo.processInfo.activeProcessorCount, rowCount / 1024))
    let rowsPerThread = (rowCount + threadCount - 1) / threadCount
    let interrupted = ManagedFlag()
    let distances = [Double](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
      nonisolated(unsafe) let output = buffer.baseAddress
      target.withUnsafeBufferPointer { targetBuffer in
        nonisolated(unsafe) let targetValues = targetBuffer.baseAddress
        DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
          guard let output, let targetValues else { return }
          let start = thread * rowsPerThread
          let end = Swift.min(rowCount, start + rowsPerThread)
          guard start < end else { return }
          // Rows are read in place when the layer is native float32 (else converted a
          // window at a time), and let go of as the pass goes.
          let windows = RowWindows(matrix, rows: (base + start) ..< (base + end))
          defer { windows.close() }
          for k in 0 ..< windows.count {
            if Interruption.isRequested {
              interrupted.set()
              return
            }
            windows.open(k)
            for row in windows.window(k) {
              output[row - base] = distance(windows.values(row: row), targetValues, targetNorm: targetNorm,
                                            columns: columns, metric: metric)
            }
          }
        }
      }
      initialized = rowCount
    }
    if interrupted.isSet { throw Interrupted() }
    return distances
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
