/// Input checks shared by t-SNE and PCA.
///
/// Policy for bad activations: projections refuse any input containing NaN or ±infinity with
/// `ProjectionInputError.nonFiniteValues` (naming how many rows are affected). Callers that
/// want to project the rest call `finiteRows` and pass the remaining rows.
package enum ProjectionInput {
  /// Indices of the rows whose values are all finite, in ascending order.
  package static func finiteRows(_ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int)
    -> [Int]
  {
    var result: [Int] = []
    result.reserveCapacity(rows)
    for i in 0..<rows where rowIsFinite(data, row: i, columns: columns) { result.append(i) }
    return result
  }

  /// Checks the shape and finiteness of `data`, throwing `ProjectionInputError` on failure.
  package static func validate(_ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int)
    throws
  {
    guard rows > 0, columns > 0, data.count == rows * columns else {
      throw ProjectionInputError.shapeMismatch(count: data.count, rows: rows, columns: columns)
    }
    var bad = 0
    var first = -1
    for i in 0..<rows where !rowIsFinite(data, row: i, columns: columns) {
      if first < 0 { first = i }
      bad += 1
    }
    if bad > 0 { throw ProjectionInputError.nonFiniteValues(rows: bad, firstRow: first) }
  }

  @inline(__always)
  private static func rowIsFinite(_ data: UnsafeBufferPointer<Float>, row: Int, columns: Int)
    -> Bool
  {
    let base = row * columns
    for j in 0..<columns where !data[base + j].isFinite { return false }
    return true
  }
}
