/// Ranges of about equal size over numeric values: the one quantile rule,
/// shared by `subsets by <attribute> bins N` and `color by <attribute>`.
///
/// The cuts are the values of rank ⌊k·n/count⌋ (k = 1 … count − 1) among the
/// n sorted non-NaN values, a cut equal to the previous one or to the
/// minimum dropped, so every range holds values. Range i covers
/// [cut i−1, cut i): its lower cut included, its upper cut excluded; the
/// first range has no lower bound and the last no upper bound. NaN (a
/// missing value) is in no range.
public struct QuantileBins: Equatable, Sendable {
  /// The cut points, ascending, each greater than the minimum.
  public let cuts: [Double]
  /// The smallest and largest value, for labels.
  public let minimum: Double
  public let maximum: Double

  /// The ranges of `values` for `count` bins (at least 1); nil when no value
  /// is a number.
  public init?(values: consuming [Double], count: Int) {
    precondition(count >= 1, "at least one bin")
    var numbers = values
    numbers.removeAll { $0.isNaN }
    guard var smallest = numbers.first else { return nil }
    var largest = smallest
    for value in numbers {
      smallest = Swift.min(smallest, value)
      largest = Swift.max(largest, value)
    }
    var cuts: [Double] = []
    // The cuts' ranks ascend, and selecting one leaves every value after it no smaller.
    var start = 0
    for k in 1 ..< count {
      let rank = k * numbers.count / count
      let cut = OrderStatistic.select(rank: rank, in: &numbers, from: start)
      start = rank
      if cut > smallest && cut != cuts.last { cuts.append(cut) }
    }
    self.cuts = cuts
    minimum = smallest
    maximum = largest
  }

  /// The number of ranges.
  public var count: Int { cuts.count + 1 }

  /// The range `value` falls in; nil for NaN.
  @inlinable
  public func bin(of value: Double) -> Int? {
    guard !value.isNaN else { return nil }
    var low = 0
    var high = cuts.count
    // The number of cuts not greater than `value`.
    while low < high {
      let middle = (low + high) / 2
      if cuts[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Range `bin`'s cuts: nil where it is unbounded.
  public func bounds(of bin: Int) -> (lower: Double?, upper: Double?) {
    (bin > 0 ? cuts[bin - 1] : nil, bin < cuts.count ? cuts[bin] : nil)
  }
}
