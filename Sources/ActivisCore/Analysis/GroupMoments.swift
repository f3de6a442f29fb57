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
