import ActivisCore

/// Maps a projection's points onto a grid of `columns` × `rows` cells, the
/// data's bounding box filling the grid, with row 0 at the top (largest y).
struct PointGrid {
  let columns: Int
  let rows: Int
  private let projection: ProjectionResult
  private let xRange: (Float, Float)
  private let yRange: (Float, Float)

  init(_ projection: ProjectionResult, columns: Int, rows: Int) {
    self.projection = projection
    self.columns = columns
    self.rows = rows
    xRange = Self.range(projection.x)
    yRange = Self.range(projection.y)
  }

  /// The finite extent of the values, (0, 1) when there is none.
  static func range(_ values: [Float]) -> (Float, Float) {
    let finite = values.filter(\.isFinite)
    return (finite.min() ?? 0, finite.max() ?? 1)
  }

  /// The fraction 0…1 of `value` in `range` (0.5 for a flat range).
  static func fraction(_ value: Float, in range: (Float, Float)) -> Double {
    guard range.1 > range.0, value.isFinite else { return 0.5 }
    return Double((value - range.0) / (range.1 - range.0))
  }

  /// The point's x and y as fractions of the bounding box, y upward.
  func fractions(of point: Int) -> (x: Double, y: Double) {
    (Self.fraction(projection.x[point], in: xRange), Self.fraction(projection.y[point], in: yRange))
  }

  /// The cell of a point: (column, row), row 0 at the top.
  func position(of point: Int) -> (column: Int, row: Int) {
    let (x, y) = fractions(of: point)
    let column = Int((x * Double(columns - 1)).rounded())
    let row = rows - 1 - Int((y * Double(rows - 1)).rounded())
    return (Swift.min(columns - 1, Swift.max(0, column)), Swift.min(rows - 1, Swift.max(0, row)))
  }
}
