/// Standardisation fitted on training rows: each column centred on its
/// training mean and divided by its training standard deviation (n in the
/// denominator, as scikit-learn's `StandardScaler`). A column that is
/// constant on the training rows carries no information; it is set to 0
/// everywhere, never divided by zero.
struct FeatureScaling {
  let means: [Double]
  /// 1 / sd, or 0 for a constant column.
  let inverseDeviations: [Float]

  /// Fitted on the rows of `data` where `include(row)` holds.
  init(_ data: DenseRows, rows: [Int]) {
    let width = data.width
    var sums = [Double](repeating: 0, count: width)
    data.values.withUnsafeBufferPointer { values in
      for row in rows {
        let base = row * width
        for j in 0 ..< width { sums[j] += Double(values[base + j]) }
      }
    }
    let count = Double(Swift.max(1, rows.count))
    let means = sums.map { $0 / count }
    var squares = [Double](repeating: 0, count: width)
    data.values.withUnsafeBufferPointer { values in
      for row in rows {
        let base = row * width
        for j in 0 ..< width {
          let d = Double(values[base + j]) - means[j]
          squares[j] += d * d
        }
      }
    }
    self.means = means
    inverseDeviations = squares.enumerated().map { j, sum in
      let deviation = (sum / count).squareRoot()
      // Relative to the column's size, so float noise in a constant column is still constant.
      return deviation > 1e-12 * Swift.max(1, abs(means[j])) ? Float(1 / deviation) : 0
    }
  }

  /// The rows `rows` of `data`, standardised, one after another.
  func apply(_ data: DenseRows, rows: [Int]) -> [Float] {
    let width = data.width
    let centres = means.map { Float($0) }
    var result = [Float](repeating: 0, count: rows.count * width)
    data.values.withUnsafeBufferPointer { values in
      result.withUnsafeMutableBufferPointer { output in
        for (index, row) in rows.enumerated() {
          let source = row * width, target = index * width
          for j in 0 ..< width {
            output[target + j] = (values[source + j] - centres[j]) * inverseDeviations[j]
          }
        }
      }
    }
    return result
  }
}
