/// Per-neuron statistics of one matrix row: a class, a subset or an instance.
///
/// Statistics are over the finite activations of the row's instances: NaN
/// and infinite values are left out of the count, mean, standard deviation,
/// minimum and maximum alike, and counted in `nonFiniteCounts`. A neuron with
/// no finite value has NaN for every statistic.
public struct RowStatistics: Equatable, Sendable {
  /// The number of instances the row aggregates.
  public var count: Int
  /// Mean activation of each neuron.
  public var mean: [Float]
  /// Population standard deviation (divisor n, numpy's default `ddof=0`).
  public var standardDeviation: [Float]
  public var minimum: [Float]
  public var maximum: [Float]
  /// Per neuron, the values left out for being NaN or infinite; empty when
  /// there were none at all.
  public var nonFiniteCounts: [Int]
  /// Per neuron, the fraction of finite values that are zero or below (a
  /// "dead" ReLU); present only when asked for.
  public var nonPositiveFraction: [Float]?

  public init(
    count: Int, mean: [Float], standardDeviation: [Float], minimum: [Float], maximum: [Float],
    nonFiniteCounts: [Int] = [], nonPositiveFraction: [Float]? = nil
  ) {
    self.count = count
    self.mean = mean
    self.standardDeviation = standardDeviation
    self.minimum = minimum
    self.maximum = maximum
    self.nonFiniteCounts = nonFiniteCounts
    self.nonPositiveFraction = nonPositiveFraction
  }

  /// All values left out for being NaN or infinite.
  public var nonFiniteTotal: Int { nonFiniteCounts.reduce(0, +) }

  /// The statistics of a single instance: its activations, spread zero.
  public init(instance values: [Float], countNonPositive: Bool = false) {
    let finite = values.map { $0.isFinite }
    self.count = 1
    self.mean = zip(values, finite).map { $1 ? $0 : .nan }
    self.standardDeviation = finite.map { $0 ? 0 : .nan }
    self.minimum = mean
    self.maximum = mean
    self.nonFiniteCounts = finite.contains(false) ? finite.map { $0 ? 0 : 1 } : []
    self.nonPositiveFraction = countNonPositive
      ? zip(values, finite).map { $1 ? ($0 <= 0 ? 1 : 0) : .nan } : nil
  }
}
