/// One thread's running sums for every group of a statistics pass.
///
/// Storage is one allocation per quantity, `groups × columns` long, laid out
/// group after group so that adding a row touches contiguous memory the
/// compiler can vectorise. `Float` block sums hold at most `blockRows` rows
/// before they are added into the `Double` totals.
final class GroupAccumulators {
  static let blockRows = 64

  let groupCount: Int
  let columns: Int
  let countNonPositive: Bool

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
    blockSum = .allocate(capacity: size)
    blockSquares = .allocate(capacity: size)
    blockNonPositive = .allocate(capacity: size)
    sum = .allocate(capacity: size)
    squares = .allocate(capacity: size)
    nonPositive = .allocate(capacity: size)
    minimum = .allocate(capacity: size)
    maximum = .allocate(capacity: size)
    for pointer in [blockSum, blockSquares, blockNonPositive] { pointer.initialize(repeating: 0, count: size) }
    for pointer in [sum, squares, nonPositive] { pointer.initialize(repeating: 0, count: size) }
    minimum.initialize(repeating: .infinity, count: size)
    maximum.initialize(repeating: -.infinity, count: size)
    blockCount = [Int](repeating: 0, count: groups)
    count = [Int](repeating: 0, count: groups)
  }

  func deallocate() {
    for pointer in [blockSum, blockSquares, blockNonPositive, minimum, maximum] { pointer.deallocate() }
    for pointer in [sum, squares, nonPositive] { pointer.deallocate() }
  }

  /// Adds one row (already shifted by nothing) to group `g`.
  @inline(__always)
  func add(_ values: UnsafePointer<Float>, shift: UnsafePointer<Float>, to g: Int) {
    let offset = g * columns
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
    count[g] += 1
    blockCount[g] += 1
    if blockCount[g] == Self.blockRows { flush(g) }
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

  func flushAll() {
    for g in 0 ..< groupCount where blockCount[g] > 0 { flush(g) }
  }

  /// Adds another thread's totals (both flushed) into these.
  func merge(_ other: GroupAccumulators) {
    for j in 0 ..< groupCount * columns {
      sum[j] += other.sum[j]
      squares[j] += other.squares[j]
      nonPositive[j] += other.nonPositive[j]
      minimum[j] = Swift.min(minimum[j], other.minimum[j])
      maximum[j] = Swift.max(maximum[j], other.maximum[j])
    }
    for g in 0 ..< groupCount { count[g] += other.count[g] }
  }

  /// The finished statistics of group `g`. Non-finite results mark the
  /// neurons that need an exact recount.
  func statistics(group g: Int, shift: [Float]) -> RowStatistics {
    let n = Double(count[g])
    var mean = [Float](repeating: .nan, count: columns)
    var deviation = [Float](repeating: .nan, count: columns)
    var low = [Float](repeating: .nan, count: columns)
    var high = [Float](repeating: .nan, count: columns)
    var dead: [Float]? = countNonPositive ? [Float](repeating: .nan, count: columns) : nil
    if count[g] > 0 {
      let offset = g * columns
      for j in 0 ..< columns {
        let s = sum[offset + j]
        let q = squares[offset + j]
        let centred = s / n
        mean[j] = Float(Double(shift[j]) + centred)
        deviation[j] = Float(Swift.max(0, q / n - centred * centred).squareRoot())
        if !s.isFinite || !q.isFinite { deviation[j] = .nan; mean[j] = .nan }
        low[j] = minimum[offset + j]
        high[j] = maximum[offset + j]
        dead?[j] = Float(nonPositive[offset + j] / n)
      }
    }
    return RowStatistics(
      count: count[g], mean: mean, standardDeviation: deviation, minimum: low, maximum: high,
      nonPositiveFraction: dead)
  }
}
