import Dispatch
import Foundation

/// Per-neuron statistics of several groups of instances in one streaming
/// pass over a layer (the paper's SᵀA, with spread and extremes as well).
///
/// Each row of the mapped matrix is read once, in order, by one of the
/// threads; the row is added to every group that contains it. Sums are kept
/// in `Float` for up to 64 rows at a time and then added into `Double`
/// totals, and values are shifted by a reference taken from the group itself
/// before squaring (see `GroupAccumulators`), so that means and variances
/// keep float32 accuracy over millions of rows. Non-finite values are left out (see
/// `RowStatistics`): the fast pass lets them poison the sums, and only the
/// affected (group, neuron) pairs are then recounted exactly.
public enum ActivationStatistics {
  /// How the pass runs.
  public struct Options: Sendable {
    /// Also count, per neuron, the values that are zero or below.
    public var countNonPositive: Bool
    /// Threads to use; defaults to the active processors.
    public var threads: Int
    public init(countNonPositive: Bool = false, threads: Int? = nil) {
      self.countNonPositive = countNonPositive
      self.threads = Swift.max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }
  }

  /// The statistics of each group, in order.
  ///
  /// - Complexity: one pass over the N × D matrix; O(N·D·g) arithmetic where
  ///   g is the average number of groups an instance belongs to.
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public static func compute(
    _ matrix: LayerMatrix, groups: [InstanceSet], options: Options = Options()
  ) throws -> [RowStatistics] {
    for group in groups {
      precondition(group.capacity == matrix.rowCount, "group over a different number of instances")
    }
    let columns = matrix.columnCount
    let threadCount = Swift.min(options.threads, Swift.max(1, matrix.rowCount / 4096))
    let partials = (0 ..< threadCount).map { _ in
      GroupAccumulators(groups: groups.count, columns: columns, countNonPositive: options.countNonPositive)
    }
    defer { partials.forEach { $0.deallocate() } }
    let interrupted = ManagedFlag()
    let rowsPerThread = (matrix.rowCount + threadCount - 1) / threadCount
    DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
      let start = thread * rowsPerThread
      let end = Swift.min(matrix.rowCount, start + rowsPerThread)
      guard start < end else { return }
      let completed = accumulate(matrix, rows: start ..< end, groups: groups, into: partials[thread])
      if !completed { interrupted.set() }
    }
    if interrupted.isSet { throw Interrupted() }
    var results = (0 ..< groups.count).map { g in
      var moments = partials[0].moments(group: g)
      for partial in partials.dropFirst() { moments.merge(partial.moments(group: g)) }
      return moments.statistics
    }
    try recountNonFinite(&results, matrix: matrix, groups: groups, options: options)
    return results
  }

  /// Walks `rows` and adds each into the groups containing it. Returns false
  /// if interrupted.
  private static func accumulate(
    _ matrix: LayerMatrix, rows: Range<Int>, groups: [InstanceSet], into accumulators: GroupAccumulators
  ) -> Bool {
    let reader = RowReader(scalarType: matrix.scalarType, columns: matrix.columnCount)
    defer { reader.deallocate() }
    let rowBytes = matrix.rowByteCount
    var memberships = [Int](repeating: 0, count: groups.count)
    var completed = true
    // Rows read are released from memory every `window` rows (about 16 MB).
    let window = Swift.max(64, (16 << 20) / Swift.max(1, rowBytes))
    var unreleased = rows.lowerBound
    groups.withUnsafeBufferPointer { groups in
      matrix.forEachBlock(in: rows) { block, base in
        guard completed else { return }
        for row in block {
          if row - unreleased >= window {
            accumulators.addWaitingRows()
            matrix.releasePages(rows: unreleased ..< row)
            unreleased = row
            if Interruption.isRequested {
              completed = false
              return
            }
          }
          var memberCount = 0
          for g in 0 ..< groups.count where groups[g].contains(row) {
            memberships[memberCount] = g
            memberCount += 1
          }
          guard memberCount > 0 else { continue }
          let values = reader.floats(at: base + (row - block.lowerBound) * rowBytes)
          for m in 0 ..< memberCount {
            accumulators.add(values, to: memberships[m], stable: reader.readsInPlace)
          }
        }
      }
    }
    if completed { accumulators.flushAll() }
    matrix.releasePages(rows: unreleased ..< rows.upperBound)
    return completed
  }

  /// Recomputes, over finite values only, every (group, neuron) whose fast
  /// sums came out non-finite.
  private static func recountNonFinite(
    _ results: inout [RowStatistics], matrix: LayerMatrix, groups: [InstanceSet], options: Options
  ) throws {
    for g in results.indices {
      let affected = results[g].mean.indices.filter { !results[g].mean[$0].isFinite }
      guard !affected.isEmpty, results[g].count > 0 else { continue }
      var exact = [ExactAccumulator](repeating: ExactAccumulator(), count: affected.count)
      let reader = RowReader(scalarType: matrix.scalarType, columns: matrix.columnCount)
      defer { reader.deallocate() }
      var visited = 0
      try matrix.forEachBlock(in: 0 ..< matrix.rowCount) { block, base in
        for row in block where groups[g].contains(row) {
          visited += 1
          if visited & 4095 == 0 { try Interruption.check() }
          let values = reader.floats(at: base + (row - block.lowerBound) * matrix.rowByteCount)
          for (k, j) in affected.enumerated() { exact[k].add(values[j]) }
        }
      }
      if results[g].nonFiniteCounts.isEmpty {
        results[g].nonFiniteCounts = [Int](repeating: 0, count: matrix.columnCount)
      }
      for (k, j) in affected.enumerated() {
        let e = exact[k]
        results[g].mean[j] = e.mean
        results[g].standardDeviation[j] = e.standardDeviation
        results[g].minimum[j] = e.finiteCount > 0 ? e.minimum : .nan
        results[g].maximum[j] = e.finiteCount > 0 ? e.maximum : .nan
        results[g].nonFiniteCounts[j] = e.nonFiniteCount
        if options.countNonPositive {
          results[g].nonPositiveFraction?[j] =
            e.finiteCount > 0 ? Float(Double(e.nonPositiveCount) / Double(e.finiteCount)) : .nan
        }
      }
    }
  }
}

/// Welford's running statistics of one neuron, finite values only.
private struct ExactAccumulator {
  var finiteCount = 0
  var nonFiniteCount = 0
  var nonPositiveCount = 0
  var runningMean = 0.0
  var squaredDeviations = 0.0
  var minimum = Float.infinity
  var maximum = -Float.infinity

  mutating func add(_ value: Float) {
    guard value.isFinite else {
      nonFiniteCount += 1
      return
    }
    finiteCount += 1
    if value <= 0 { nonPositiveCount += 1 }
    let x = Double(value)
    let delta = x - runningMean
    runningMean += delta / Double(finiteCount)
    squaredDeviations += delta * (x - runningMean)
    minimum = Swift.min(minimum, value)
    maximum = Swift.max(maximum, value)
  }

  var mean: Float { finiteCount > 0 ? Float(runningMean) : .nan }
  var standardDeviation: Float {
    finiteCount > 0 ? Float((squaredDeviations / Double(finiteCount)).squareRoot()) : .nan
  }
}

/// A flag set from several threads and read after they have joined.
private final class ManagedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.withLock { value = true } }
  var isSet: Bool { lock.withLock { value } }
}
