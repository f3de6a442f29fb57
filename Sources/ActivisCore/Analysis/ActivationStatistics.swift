import Dispatch
import Foundation

/// Per-neuron statistics of several groups of instances in one streaming
/// pass over a layer (the paper's SᵀA, with spread and extremes as well).
///
/// The instances are first split into disjoint cells by the groups they
/// belong to (`RowPartition`), so each row of the mapped matrix is read once,
/// by one of the threads, and added once, to its cell; a group's statistics
/// are the merge of its cells' (Chan et al.'s pairwise formula). Sums are kept
/// in `Float` for up to 64 rows at a time and then added into `Double`
/// totals, and values are shifted by a reference taken from the cell itself
/// before squaring (see `SlotAccumulators`), so that means and variances
/// keep float32 accuracy over millions of rows. Non-finite values are left
/// out (see `RowStatistics`): the fast pass lets them poison the sums, and
/// only the affected (group, neuron) pairs are then recounted exactly.
public enum ActivationStatistics {
  /// How the pass runs.
  public struct Options: Sendable {
    /// Also count, per neuron, the values that are zero or below.
    public var countNonPositive: Bool
    /// Threads to use; defaults to the active processors.
    public var threads: Int
    /// Bytes per window of rows kept readable (tests set it small to cross
    /// many windows); nil for `RowWindows.defaultWindowBytes`.
    var windowBytes: Int?
    /// The most cells the partition may have (tests set it small to leave
    /// groups separate); nil for a budget of `cellBudgetBytes`.
    var maximumCells: Int?
    public init(countNonPositive: Bool = false, threads: Int? = nil) {
      self.countNonPositive = countNonPositive
      self.threads = Swift.max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }
  }

  /// Bytes of running sums a thread may spend on cells: about what stays in the caches.
  /// (24 overlapping subsets of 1M × 1024 float32: 0.86 s with 8 MB, against 1.11 s with
  /// 64 MB, where cells outgrow the cache, and 0.96 s with 2 MB, where more groups are
  /// left separate.)
  static let cellBudgetBytes = 8 << 20

  /// The statistics of each group, in order.
  ///
  /// - Complexity: one pass over the N × D matrix; O(N·D) arithmetic when
  ///   every group is in the partition, plus O(|g|·D) for each separate group.
  /// - Parameter progress: called, on one of the pass's threads, with the
  ///   fraction done and the seconds left, when the pass runs longer than
  ///   half a second (at most four times a second).
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public static func compute(
    _ matrix: LayerMatrix, groups: [InstanceSet], options: Options = Options(),
    progress: ((_ fractionDone: Double, _ secondsLeft: Double) -> Void)? = nil
  ) throws -> [RowStatistics] {
    for group in groups {
      precondition(group.capacity == matrix.rowCount, "group over a different number of instances")
    }
    let columns = matrix.columnCount
    let bytesPerCell = Swift.max(1, columns) * (options.countNonPositive ? 48 : 36)
    let maximumCells = options.maximumCells
      ?? Swift.max(groups.count + 1, Swift.min(4096, cellBudgetBytes / bytesPerCell))
    let partition = RowPartition(groups: groups, rowCount: matrix.rowCount, maximumCells: maximumCells)
    let slotGroups = partition.slotGroups
    let threadCount = Swift.min(options.threads, Swift.max(1, matrix.rowCount / 4096))
    let partials = (0 ..< threadCount).map { _ in
      SlotAccumulators(slots: slotGroups.count, columns: columns, countNonPositive: options.countNonPositive)
    }
    defer { partials.forEach { $0.deallocate() } }
    let interrupted = ManagedFlag()
    let rowsPerThread = (matrix.rowCount + threadCount - 1) / threadCount
    // The first thread's share stands for the whole pass; only it reports.
    let pacer = progress.map { ProgressPacer($0) }
    DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
      let start = thread * rowsPerThread
      let end = Swift.min(matrix.rowCount, start + rowsPerThread)
      guard start < end else { return }
      let completed = accumulate(matrix, rows: start ..< end, partition: partition, groups: groups,
                                 windowBytes: options.windowBytes, into: partials[thread],
                                 pacer: thread == 0 ? pacer : nil)
      if !completed { interrupted.set() }
    }
    if interrupted.isSet { throw Interrupted() }
    var merged = groups.map { _ in GroupMoments(columns: columns, countNonPositive: options.countNonPositive) }
    for partial in partials {
      for (slot, members) in slotGroups.enumerated() where !members.isEmpty && partial.count(slot: slot) > 0 {
        let moments = partial.moments(slot: slot)
        for g in members { merged[g].merge(moments) }
      }
    }
    var results = merged.map(\.statistics)
    try recountNonFinite(&results, matrix: matrix, groups: groups, options: options)
    return results
  }

  /// Walks `rows`, adding each to its cell and to the separate groups
  /// containing it. Returns false if interrupted.
  private static func accumulate(
    _ matrix: LayerMatrix, rows: Range<Int>, partition: RowPartition, groups: [InstanceSet],
    windowBytes: Int?, into sums: SlotAccumulators, pacer: ProgressPacer?
  ) -> Bool {
    let windows = RowWindows(matrix, rows: rows, windowBytes: windowBytes)
    defer { windows.close() }
    let counted = partition.cellGroups.map { !$0.isEmpty }
    let separate = partition.separateGroups.map { groups[$0] }
    let firstSeparateSlot = partition.cellGroups.count
    return partition.cellOfRow.withUnsafeBufferPointer { cellOfRow in
      for k in 0 ..< windows.count {
        if Interruption.isRequested { return false }
        pacer?.update(Double(k) / Double(windows.count))
        // Rows still waiting from the window about to be let go are added now.
        if k >= 2 { sums.sweepRows(waitingSince: windows.window(k - 1).lowerBound) }
        windows.open(k)
        for row in windows.window(k) {
          let cell = Int(cellOfRow[row])
          if counted[cell] { sums.add(windows.values(row: row), row: row, to: cell) }
          for (index, group) in separate.enumerated() where group.contains(row) {
            sums.add(windows.values(row: row), row: row, to: firstSeparateSlot + index)
          }
        }
      }
      sums.finish()
      return true
    }
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
      let windows = RowWindows(matrix, rows: 0 ..< matrix.rowCount)
      defer { windows.close() }
      var visited = 0
      for window in 0 ..< windows.count {
        windows.open(window)
        for row in windows.window(window) where groups[g].contains(row) {
          visited += 1
          if visited & 4095 == 0 { try Interruption.check() }
          let values = windows.values(row: row)
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
final class ManagedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.withLock { value = true } }
  var isSet: Bool { lock.withLock { value } }
}
