/// One thread's running sums for every group of a statistics pass.
///
/// Storage is one allocation per quantity, `groups × columns` long, laid out
/// group after group so that adding a row touches contiguous memory the
/// compiler can vectorise. Values are shifted by the first row the group
/// receives, a reference close to the group's own values, so that the sums
/// of squares do not cancel (a group of one has spread exactly 0). `Float`
/// block sums hold at most `blockRows` rows before they are added into the
/// `Double` totals. Rows are added two at a time: a group's first row waits
/// for its second (by pointer when it stays valid, else copied), so the
/// running sums are loaded and stored once per pair.
final class GroupAccumulators {
  static let blockRows = 64

  let groupCount: Int
  let columns: Int
  let countNonPositive: Bool

  private let shift: UnsafeMutablePointer<Float>
  private let waitingCopies: UnsafeMutablePointer<Float>
  private var waiting: [UnsafePointer<Float>?]
  private let blockSum: UnsafeMutablePointer<Float>
  private let blockSquares: UnsafeMutablePointer<Float>
  private let blockNonPositive: UnsafeMutablePointer<Float>
  private let sum: UnsafeMutablePointer<Double>
  private let squares: UnsafeMutablePointer<Double>
  private let nonPositive: UnsafeMutablePointer<Double>
  private let minimum: UnsafeMutablePointer<Float>
  private let maximum: UnsafeMutablePointer<Float>
  private var blockCount: [Int]
  private(set) var count: [Int]

  init(groups: Int, columns: Int, countNonPositive: Bool) {
    self.groupCount = groups
    self.columns = columns
    self.countNonPositive = countNonPositive
    let size = Swift.max(1, groups * columns)
    shift = .allocate(capacity: size)
    waitingCopies = .allocate(capacity: size)
    waiting = [UnsafePointer<Float>?](repeating: nil, count: groups)
    blockSum = .allocate(capacity: size)
    blockSquares = .allocate(capacity: size)
    blockNonPositive = .allocate(capacity: size)
    sum = .allocate(capacity: size)
    squares = .allocate(capacity: size)
    nonPositive = .allocate(capacity: size)
    minimum = .allocate(capacity: size)
    maximum = .allocate(capacity: size)
    for pointer in [shift, waitingCopies, blockSum, blockSquares, blockNonPositive] {
      pointer.initialize(repeating: 0, count: size)
    }
    for pointer in [sum, squares, nonPositive] { pointer.initialize(repeating: 0, count: size) }
    minimum.initialize(repeating: .infinity, count: size)
    maximum.initialize(repeating: -.infinity, count: size)
    blockCount = [Int](repeating: 0, count: groups)
    count = [Int](repeating: 0, count: groups)
  }

  func deallocate() {
    for pointer in [shift, waitingCopies, blockSum, blockSquares, blockNonPositive, minimum, maximum] {
      pointer.deallocate()
    }
    for pointer in [sum, squares, nonPositive] { pointer.deallocate() }
  }

  /// Adds one row to group `g`. With `stable` the values must stay readable
  /// until `addWaitingRows()`; otherwise they are copied if kept.
  @inline(__always)
  func add(_ values: UnsafePointer<Float>, to g: Int, stable: Bool) {
    if let first = waiting[g] {
      addPair(first, values, to: g)
      waiting[g] = nil
    } else if stable {
      waiting[g] = values
    } else {
      let copy = waitingCopies + g * columns
      copy.update(from: values, count: columns)
      waiting[g] = UnsafePointer(copy)
    }
  }

  /// Adds every row still waiting for a pair on its own.
  func addWaitingRows() {
    for g in 0 ..< groupCount {
      if let row = waiting[g] {
        addSingle(row, to: g)
        waiting[g] = nil
      }
    }
  }

  /// Adds rows `a` and `b` to group `g` in one sweep over its sums.
  @inline(__always)
  private func addPair(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, to g: Int) {
    let offset = g * columns
    let shift = self.shift + offset
    if count[g] == 0 { setShift(shift, from: a) }
    let s = blockSum + offset
    let q = blockSquares + offset
    let lo = minimum + offset
    let hi = maximum + offset
    for j in 0 ..< columns {
      let x = a[j], y = b[j]
      let dx = x - shift[j], dy = y - shift[j]
      s[j] += dx + dy
      q[j] += dx * dx + dy * dy
      let low = x < lo[j] ? x : lo[j]
      lo[j] = y < low ? y : low
      let high = x > hi[j] ? x : hi[j]
      hi[j] = y > high ? y : high
    }
    if countNonPositive {
      let z = blockNonPositive + offset
      for j in 0 ..< columns { z[j] += (a[j] <= 0 ? 1 : 0) + (b[j] <= 0 ? 1 : 0) }
    }
    counted(2, group: g)
  }

  /// Adds one row to group `g` on its own (a row left without a pair).
  private func addSingle(_ values: UnsafePointer<Float>, to g: Int) {
    let offset = g * columns
    let shift = self.shift + offset
    if count[g] == 0 { setShift(shift, from: values) }
    let s = blockSum + offset
    let q = blockSquares + offset
    let lo = minimum + offset
    let hi = maximum + offset
    for j in 0 ..< columns {
      let v = values[j]
      let d = v - shift[j]
      s[j] += d
      q[j] += d * d
      lo[j] = v < lo[j] ? v : lo[j]
      hi[j] = v > hi[j] ? v : hi[j]
    }
    if countNonPositive {
      let z = blockNonPositive + offset
      for j in 0 ..< columns { z[j] += values[j] <= 0 ? 1 : 0 }
    }
    counted(1, group: g)
  }

  /// The group's reference: its first row, non-finite values as 0.
  private func setShift(_ shift: UnsafeMutablePointer<Float>, from values: UnsafePointer<Float>) {
    for j in 0 ..< columns { shift[j] = values[j].isFinite ? values[j] : 0 }
  }

  private func counted(_ rows: Int, group g: Int) {
    count[g] += rows
    blockCount[g] += rows
    if blockCount[g] >= Self.blockRows { flush(g) }
  }

  /// Moves group `g`'s block sums into the totals.
  private func flush(_ g: Int) {
    let offset = g * columns
    for j in offset ..< offset + columns {
      sum[j] += Double(blockSum[j])
      squares[j] += Double(blockSquares[j])
      nonPositive[j] += Double(blockNonPositive[j])
      blockSum[j] = 0
      blockSquares[j] = 0
      blockNonPositive[j] = 0
    }
    blockCount[g] = 0
  }

  /// Adds rows still waiting for a pair, then moves every block sum into
  /// the totals.
  func flushAll() {
    addWaitingRows()
    for g in 0 ..< groupCount where blockCount[g] > 0 { flush(g) }
  }

  /// Group `g`'s count, means and sums of squared deviations, in `Double`;
  /// call after `flushAll()`. Non-finite sums stay non-finite, marking the
  /// neurons that need an exact recount.
  func moments(group g: Int) -> GroupMoments {
    var moments = GroupMoments(columns: columns, countNonPositive: countNonPositive)
    let n = Double(count[g])
    moments.count = count[g]
    guard count[g] > 0 else { return moments }
    let offset = g * columns
    for j in 0 ..< columns {
      let s = sum[offset + j]
      moments.mean[j] = Double(shift[offset + j]) + s / n
      moments.squaredDeviations[j] = Swift.max(0, squares[offset + j] - s * s / n)
      if !s.isFinite || !squares[offset + j].isFinite { moments.squaredDeviations[j] = .nan }
      moments.minimum[j] = minimum[offset + j]
      moments.maximum[j] = maximum[offset + j]
      moments.nonPositive[j] = nonPositive[offset + j]
    }
    return moments
  }
}

/// A group's statistics in mergeable form: the count, the mean and the sum
/// of squared deviations from it (combined across threads with Chan et
/// al.'s pairwise formula), extremes and the count of values ≤ 0.
struct GroupMoments {
  var count = 0
  var mean: [Double]
  var squaredDeviations: [Double]
  var minimum: [Float]
  var maximum: [Float]
  var nonPositive: [Double]
  let countNonPositive: Bool

  init(columns: Int, countNonPositive: Bool) {
    mean = [Double](repeating: 0, count: columns)
    squaredDeviations = [Double](repeating: 0, count: columns)
    minimum = [Float](repeating: .infinity, count: columns)
    maximum = [Float](repeating: -.infinity, count: columns)
    nonPositive = [Double](repeating: 0, count: columns)
    self.countNonPositive = countNonPositive
  }

  /// Adds another part of the same group.
  mutating func merge(_ other: GroupMoments) {
    guard other.count > 0 else { return }
    guard count > 0 else {
      self = other
      return
    }
    let a = Double(count), b = Double(other.count), n = a + b
    for j in mean.indices {
      let delta = other.mean[j] - mean[j]
      mean[j] += delta * b / n
      squaredDeviations[j] += other.squaredDeviations[j] + delta * delta * a * b / n
      minimum[j] = Swift.min(minimum[j], other.minimum[j])
      maximum[j] = Swift.max(maximum[j], other.maximum[j])
      nonPositive[j] += other.nonPositive[j]
    }
    count += other.count
  }

  /// The finished statistics; NaN where the group is empty or a sum was
  /// poisoned by a non-finite value.
  var statistics: RowStatistics {
    let n = Double(count)
    let columns = mean.count
    var result = RowStatistics(
      count: count, mean: [Float](repeating: .nan, count: columns),
      standardDeviation: [Float](repeating: .nan, count: columns),
      minimum: [Float](repeating: .nan, count: columns), maximum: [Float](repeating: .nan, count: columns),
      nonPositiveFraction: countNonPositive ? [Float](repeating: .nan, count: columns) : nil)
    guard count > 0 else { return result }
    for j in 0 ..< columns where mean[j].isFinite && squaredDeviations[j].isFinite {
      result.mean[j] = Float(mean[j])
      result.standardDeviation[j] = Float((squaredDeviations[j] / n).squareRoot())
      result.minimum[j] = minimum[j]
      result.maximum[j] = maximum[j]
      result.nonPositiveFraction?[j] = Float(nonPositive[j] / n)
    }
    return result
  }
}
