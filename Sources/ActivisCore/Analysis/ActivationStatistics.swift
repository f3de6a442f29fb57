import Dispatch
import Foundation
import Synchronization

/// Per-neuron statistics of several groups of instances in one streaming
/// pass over a layer (the paper's SᵀA, with spread and extremes as well).
///
/// The rows are cut into a fixed number of chunks, which the threads take
/// in turn; within a chunk each row is read once and added to every group
/// containing it, and a group's statistics are the merge of its chunks'
/// (Chan et al.'s pairwise formula), in chunk order. Sums are kept in
/// `Float` for up to 64 rows at a time and then added into `Double` totals,
/// and values are shifted by a reference taken from the group's own rows
/// before squaring (see `SlotAccumulators`), so that means and variances
/// keep float32 accuracy over millions of rows. Non-finite values are left
/// out (see `RowStatistics`): the fast pass lets them poison the sums, and
/// only the affected (group, neuron) pairs are then recounted exactly.
///
/// A group's numbers depend on its members and the layer only: not on the
/// other groups of the pass, nor on the number of threads. So they can be
/// cached by member set and computed group by group, and a pass for a new
/// subset reads only that subset's rows.
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
    public init(countNonPositive: Bool = false, threads: Int? = nil) {
      self.countNonPositive = countNonPositive
      self.threads = Swift.max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }
  }

  /// The most chunks a pass is cut into, and the fewest rows of a chunk.
  /// Sixteen chunks balance two to sixteen threads when a group's rows
  /// gather in one part of the layer, for a merge of at most sixteen parts.
  static let maximumChunks = 16
  static let minimumChunkRows = 4096

  /// The chunks of a pass over `rowCount` rows: a function of the row count
  /// alone, so that no result depends on the machine's number of cores.
  static func chunks(rowCount: Int) -> [Range<Int>] {
    let count = Swift.max(1, Swift.min(maximumChunks, rowCount / minimumChunkRows))
    let size = (rowCount + count - 1) / Swift.max(1, count)
    return (0 ..< count).map { c in Swift.min(rowCount, c * size) ..< Swift.min(rowCount, (c + 1) * size) }
  }

  /// The statistics of each group, in order.
  ///
  /// - Complexity: one pass over the rows in some group, with O(Σ |g|·D)
  ///   arithmetic.
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
    let chunks = Self.chunks(rowCount: matrix.rowCount)
    let parts = ThreadSlots<[GroupMoments?]>(count: chunks.count, initial: [])
    let queue = ChunkQueue()
    let interrupted = ManagedFlag()
    // The first worker stands for the whole pass; only it reports.
    let pacer = progress.map { ProgressPacer($0) }
    DispatchQueue.concurrentPerform(iterations: Swift.min(options.threads, chunks.count)) { worker in
      let sums = SlotAccumulators(slots: groups.count, columns: columns, countNonPositive: options.countNonPositive)
      defer { sums.deallocate() }
      while let chunk = queue.take(below: chunks.count) {
        let report = worker == 0 ? pacer.map { pacer in
          { (fraction: Double) in pacer.update((Double(queue.finished) + fraction) / Double(chunks.count)) }
        } : nil
        guard accumulate(matrix, rows: chunks[chunk], groups: groups, windowBytes: options.windowBytes,
                         into: sums, report: report) else {
          interrupted.set()
          return
        }
        parts[chunk] = groups.indices.map { sums.count(slot: $0) > 0 ? sums.moments(slot: $0) : nil }
        sums.reset()
        queue.finish()
      }
    }
    if interrupted.isSet { throw Interrupted() }
    var merged = groups.map { _ in GroupMoments(columns: columns, countNonPositive: options.countNonPositive) }
    for part in parts.values {
      for (g, moments) in part.enumerated() { if let moments { merged[g].merge(moments) } }
    }
    var results = merged.map(\.statistics)
    try recountNonFinite(&results, matrix: matrix, groups: groups, options: options)
    return results
  }

  /// Walks `rows`, adding each to every group containing it. Returns false
  /// if interrupted.
  private static func accumulate(
    _ matrix: LayerMatrix, rows: Range<Int>, groups: [InstanceSet], windowBytes: Int?,
    into sums: SlotAccumulators, report: ((Double) -> Void)?
  ) -> Bool {
    let windows = RowWindows(matrix, rows: rows, windowBytes: windowBytes)
    defer { windows.close() }
    for k in 0 ..< windows.count {
      if Interruption.isRequested { return false }
      report?(Double(k) / Double(windows.count))
      // Rows still waiting from the window about to be let go are added now.
      if k >= 2 { sums.sweepRows(waitingSince: windows.window(k - 1).lowerBound) }
      let window = windows.window(k)
      // A window with no member is not read; one with few, when its rows are converted, only in part.
      let (members, runs) = memberRuns(in: window, of: groups, listed: windows.convertsRowsByRun)
      guard members > 0 else { continue }
      if members * 2 < window.count && windows.convertsRowsByRun {
        windows.open(k, runs: runs)
      } else {
        windows.open(k)
      }
      forEachMembership(in: window, of: groups) { row, group in
        sums.add(windows.values(row: row), row: row, to: group)
      }
    }
    sums.finish()
    return true
  }

  /// How many rows of `rows` are in some group, and, when `listed`, those
  /// rows as runs of consecutive rows.
  private static func memberRuns(in rows: Range<Int>, of groups: [InstanceSet], listed: Bool)
    -> (count: Int, runs: [Range<Int>])
  {
    var count = 0
    var runs: [Range<Int>] = []
    forEachWord(in: rows, of: groups) { first, word in
      count += word.nonzeroBitCount
      guard listed else { return }
      var rest = word
      while rest != 0 {
        // The run of set bits from the lowest one.
        let offset = rest.trailingZeroBitCount
        let end = offset + (~(rest >> UInt64(offset))).trailingZeroBitCount
        if let last = runs.last, last.upperBound == first + offset {
          runs[runs.count - 1] = last.lowerBound ..< first + end
        } else {
          runs.append(first + offset ..< first + end)
        }
        rest = end >= 64 ? 0 : rest & UInt64.max << UInt64(end)
      }
    }
    return (count, runs)
  }

  /// Calls `body(first, word)` for each 64-row word overlapping `rows`, with
  /// the bits of its rows (from `first`) in `rows` that some group contains.
  @inline(__always)
  private static func forEachWord(in rows: Range<Int>, of groups: [InstanceSet], _ body: (Int, UInt64) -> Void) {
    guard !rows.isEmpty else { return }
    for wordIndex in rows.lowerBound / 64 ... (rows.upperBound - 1) / 64 {
      let first = wordIndex * 64
      var inRange = UInt64.max
      if rows.lowerBound > first { inRange &= UInt64.max << UInt64(rows.lowerBound - first) }
      if rows.upperBound < first + 64 { inRange &= UInt64.max >> UInt64(first + 64 - rows.upperBound) }
      var any: UInt64 = 0
      for group in groups { any |= group.words[wordIndex] }
      body(first, any & inRange)
    }
  }

  /// Calls `body(row, g)` for each row of `rows`, in order, and each group
  /// `g` containing it, in order; rows in no group cost one bit test per
  /// 64 rows and group.
  @inline(__always)
  private static func forEachMembership(in rows: Range<Int>, of groups: [InstanceSet],
                                        _ body: (Int, Int) -> Void) {
    forEachWord(in: rows, of: groups) { first, word in
      var rest = word
      while rest != 0 {
        let bit = rest.trailingZeroBitCount
        rest &= rest &- 1
        for g in groups.indices where groups[g].words[first / 64] >> UInt64(bit) & 1 != 0 { body(first + bit, g) }
      }
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

/// The chunks of a pass, handed out in order to the threads that ask.
private final class ChunkQueue: Sendable {
  private let next = Atomic<Int>(0)
  private let done = Atomic<Int>(0)

  /// The next chunk not taken yet, or nil when all `count` are.
  func take(below count: Int) -> Int? {
    let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
    return chunk < count ? chunk : nil
  }

  /// Counts a chunk as done.
  func finish() { done.wrappingAdd(1, ordering: .relaxed) }

  /// The chunks done so far.
  var finished: Int { done.load(ordering: .relaxed) }
}

/// A flag set from several threads and read after they have joined.
final class ManagedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.withLock { value = true } }
  var isSet: Bool { lock.withLock { value } }
}
