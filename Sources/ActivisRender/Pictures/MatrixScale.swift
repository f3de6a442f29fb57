import ActivisCore

/// The one value scale every cell of a matrix picture shares, so that any
/// two cells can be compared.
///
/// When the means are (nearly) all non-negative, the scale runs from
/// `min(0, smallest)` to the largest mean. When negative means are at least
/// 5% of the largest magnitude, the scale is diverging: symmetric around
/// zero, so that zero sits in its middle and sign shows as hue.
struct MatrixScale: Equatable, Sendable {
  /// The smallest and largest finite means shown.
  let low: Float
  let high: Float
  /// Whether negative values get a hue of their own.
  let isDiverging: Bool

  init(values: some Sequence<Float>) {
    var low: Float = 0, high: Float = 0
    for value in values where value.isFinite {
      low = Swift.min(low, value)
      high = Swift.max(high, value)
    }
    self.low = low
    self.high = high
    isDiverging = low < 0 && -low >= 0.05 * Swift.max(high, -low)
  }

  /// The scale of the given rows over the given neurons.
  init(matrix: MatrixResult, columns: [Int]) {
    self.init(values: matrix.rows.lazy.flatMap { row in columns.lazy.map { row.statistics.mean[$0] } })
  }

  /// The ends of the colour ramp: ±magnitude when diverging.
  var rampEnds: (low: Float, high: Float) {
    guard isDiverging else { return (low, high) }
    let magnitude = Swift.max(high, -low)
    return (-magnitude, magnitude)
  }

  /// Where `value` falls on the colour ramp, 0…1; nil when not finite.
  func rampPosition(_ value: Float) -> Double? {
    guard value.isFinite else { return nil }
    let (a, b) = rampEnds
    guard b > a else { return 0.5 }
    return Swift.min(1, Swift.max(0, Double((value - a) / (b - a))))
  }
}
