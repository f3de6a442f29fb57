import CGramKernel

/// One thread's running sums for the slots of a statistics pass (one per
/// group): per slot and neuron, the sum and the sum of squares of the
/// values' deviations from a reference, the extremes, and on request the
/// count of values ≤ 0.
///
/// Rows are added eight at a time. A slot's rows wait, by pointer, until it
/// has eight, and one sweep over the slot's sums then adds all of them, so
/// the sums are loaded and stored once per eight rows. The caller keeps a
/// waiting row readable until `sweepRows(waitingSince:)` or `finish()` has
/// been called. A sweep of fewer rows is padded with the slot's reference row:
/// its deviations are zero and its values are the slot's own (it is the
/// slot's first row), so padding changes no sum and no extreme.
///
/// The reference is the first row a slot receives, non-finite values as 0:
/// close to the slot's own values, so that sums of squares do not cancel
/// (a slot of one row has spread exactly 0). `Float` sums cover at most
/// `blockRows` rows before they are added into `Double` totals.
///
/// Not thread-safe: each thread owns its accumulators.
final class SlotAccumulators: @unchecked Sendable {
  /// Rows added by one sweep.
  static let sweepRows = 8
  /// Rows summed in `Float` before the sums move into `Double`.
  static let blockRows = 64

  let slotCount: Int
  let columns: Int
  let countNonPositive: Bool

  // Per slot × neuron, allocated for every slot, initialised when the slot
  // receives its first row (untouched slots cost no resident memory).
  private let reference: UnsafeMutablePointer<Float>
  private let blockSum: UnsafeMutablePointer<Float>
  private let blockSquares: UnsafeMutablePointer<Float>
  private let blockNonPositive: UnsafeMutablePointer<Float>
  private let sum: UnsafeMutablePointer<Double>
  private let squares: UnsafeMutablePointer<Double>
  private let nonPositive: UnsafeMutablePointer<Double>
  private let minimum: UnsafeMutablePointer<Float>
  private let maximum: UnsafeMutablePointer<Float>

  // Per slot.
  private let waiting: UnsafeMutablePointer<UnsafePointer<Float>>
  private let waitingCount: UnsafeMutablePointer<Int>
  private let waitingSince: UnsafeMutablePointer<Int>
  private let blockCount: UnsafeMutablePointer<Int>
  private let rowCount: UnsafeMutablePointer<Int>

  init(slots: Int, columns: Int, countNonPositive: Bool) {
    self.slotCount = slots
    self.columns = columns
    self.countNonPositive = countNonPositive
    let size = Swift.max(1, slots * columns)
    reference = .allocate(capacity: size)
    blockSum = .allocate(capacity: size)
    blockSquares = .allocate(capacity: size)
    blockNonPositive = .allocate(capacity: countNonPositive ? size : 1)
    sum = .allocate(capacity: size)
    squares = .allocate(capacity: size)
    nonPositive = .allocate(capacity: countNonPositive ? size : 1)
    minimum = .allocate(capacity: size)
    maximum = .allocate(capacity: size)
    waiting = .allocate(capacity: Swift.max(1, slots * Self.sweepRows))
    waitingCount = .allocate(capacity: Swift.max(1, slots))
    waitingSince = .allocate(capacity: Swift.max(1, slots))
    blockCount = .allocate(capacity: Swift.max(1, slots))
    rowCount = .allocate(capacity: Swift.max(1, slots))
    for counter in [waitingCount, waitingSince, blockCount, rowCount] {
      counter.initialize(repeating: 0, count: Swift.max(1, slots))
    }
  }

  func deallocate() {
    for pointer in [reference, blockSum, blockSquares, blockNonPositive, minimum, maximum] {
      pointer.deallocate()
    }
    for pointer in [sum, squares, nonPositive] { pointer.deallocate() }
    for counter in [waitingCount, waitingSince, blockCount, rowCount] { counter.deallocate() }
    waiting.deallocate()
  }

  /// Empties every slot, for the next chunk of rows; call after `finish()`.
  func reset() {
    rowCount.update(repeating: 0, count: Swift.max(1, slotCount))
  }

  /// The rows added to `slot` so far, waiting ones included.
  func count(slot: Int) -> Int { rowCount[slot] + waitingCount[slot] }

  /// Adds row `index`, whose values are at `values`, to `slot`. The values
  /// must stay readable until the row is swept.
  @inline(__always)
  func add(_ values: UnsafePointer<Float>, row index: Int, to slot: Int) {
    let waitingRows = waitingCount[slot]
    if waitingRows == 0 {
      if rowCount[slot] == 0 { start(slot, reference: values) }
      waitingSince[slot] = index
    }
    waiting[slot * Self.sweepRows + waitingRows] = values
    if waitingRows + 1 == Self.sweepRows {
      sweep(slot, rows: Self.sweepRows)
    } else {
      waitingCount[slot] = waitingRows + 1
    }
  }

  /// Sweeps every slot holding a row with an index below `row`, so that rows
  /// before `row` may become unreadable.
  func sweepRows(waitingSince row: Int) {
    for slot in 0 ..< slotCount where waitingCount[slot] > 0 && waitingSince[slot] < row {
      sweep(slot, rows: waitingCount[slot])
    }
  }

  /// Sweeps every waiting row and moves every block sum into the totals.
  func finish() {
    sweepRows(waitingSince: .max)
    for slot in 0 ..< slotCount where blockCount[slot] > 0 { moveBlock(slot) }
  }

  /// The slot's first row: its reference, and the initial state of its sums.
  private func start(_ slot: Int, reference values: UnsafePointer<Float>) {
    let offset = slot * columns
    for j in offset ..< offset + columns {
      let value = values[j - offset]
      reference[j] = value.isFinite ? value : 0
    }
    (blockSum + offset).initialize(repeating: 0, count: columns)
    (blockSquares + offset).initialize(repeating: 0, count: columns)
    (minimum + offset).initialize(repeating: .infinity, count: columns)
    (maximum + offset).initialize(repeating: -.infinity, count: columns)
    (sum + offset).initialize(repeating: 0, count: columns)
    (squares + offset).initialize(repeating: 0, count: columns)
    if countNonPositive {
      (blockNonPositive + offset).initialize(repeating: 0, count: columns)
      (nonPositive + offset).initialize(repeating: 0, count: columns)
    }
  }

  /// Adds the slot's first `rows` waiting rows, padded with its reference
  /// row to eight, in one sweep over its sums.
  @inline(__always)
  private func sweep(_ slot: Int, rows: Int) {
    let offset = slot * columns
    let t = UnsafePointer(reference + offset)
    let row = waiting + slot * Self.sweepRows
    for padding in rows ..< Self.sweepRows { row[padding] = t }
    // Per neuron j, with dᵣ = rowᵣ[j] − t[j]: s += ((d₀ + d₁) + (d₂ + d₃)) + ((d₄ + d₅) + (d₆ + d₇)),
    // q likewise of the dᵣ², the extremes least(least(least(x₀, x₁), least(x₂, x₃)), least(least(x₄, x₅),
    // least(least(x₆, x₇), low))) and the same with `most`: in C, a vector of neurons at a time, the
    // same IEEE operations in the same order (see SweepKernel.h).
    activis_sweep8(UnsafeRawPointer(row).assumingMemoryBound(to: UnsafePointer<Float>?.self), t,
                   blockSum + offset, blockSquares + offset, minimum + offset, maximum + offset, columns)
    if countNonPositive {
      let z = blockNonPositive + offset
      for k in 0 ..< rows {
        let values = row[k]
        for j in 0 ..< columns { z[j] += values[j] <= 0 ? 1 : 0 }
      }
    }
    waitingCount[slot] = 0
    rowCount[slot] += rows
    blockCount[slot] += Self.sweepRows
    if blockCount[slot] >= Self.blockRows { moveBlock(slot) }
  }

  /// Moves the slot's block sums into its totals.
  private func moveBlock(_ slot: Int) {
    let offset = slot * columns
    for j in offset ..< offset + columns {
      sum[j] += Double(blockSum[j])
      squares[j] += Double(blockSquares[j])
      blockSum[j] = 0
      blockSquares[j] = 0
    }
    if countNonPositive {
      for j in offset ..< offset + columns {
        nonPositive[j] += Double(blockNonPositive[j])
        blockNonPositive[j] = 0
      }
    }
    blockCount[slot] = 0
  }

  /// The slot's count, means and sums of squared deviations, in `Double`;
  /// call after `finish()`. Non-finite sums stay non-finite, marking the
  /// neurons that need an exact recount.
  func moments(slot: Int) -> GroupMoments {
    var moments = GroupMoments(columns: columns, countNonPositive: countNonPositive)
    let count = rowCount[slot]
    moments.count = count
    guard count > 0 else { return moments }
    let n = Double(count)
    let offset = slot * columns
    for j in 0 ..< columns {
      let s = sum[offset + j]
      moments.mean[j] = Double(reference[offset + j]) + s / n
      moments.squaredDeviations[j] = Swift.max(0, squares[offset + j] - s * s / n)
      if !s.isFinite || !squares[offset + j].isFinite { moments.squaredDeviations[j] = .nan }
      moments.minimum[j] = minimum[offset + j]
      moments.maximum[j] = maximum[offset + j]
      if countNonPositive { moments.nonPositive[j] = nonPositive[offset + j] }
    }
    return moments
  }
}
