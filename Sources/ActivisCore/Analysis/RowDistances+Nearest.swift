import CGramKernel

extension RowDistances {
  /// The members nearest to one row, with their exact distances.
  public struct Nearest: Sendable {
    /// The rows, nearest first, ties in row order.
    public let rows: [Int]
    /// Their distances, as `compute` gives them.
    public let distances: [Double]
    /// Members with no distance (a NaN or infinite value, or for cosine a
    /// norm of 0), left out.
    public let unplaced: Int
  }

  /// The `count` members nearest to row `query` (which is measured like any
  /// other row), exactly as ranking `compute`'s distances would give them,
  /// or nil when the query itself has no distance.
  ///
  /// A first pass measures every row in single precision, which streams the
  /// layer at about the speed it can be read; the members whose single-
  /// precision distance is, within its error bound, no farther than the
  /// `count`-th nearest are then measured in double precision and ranked.
  /// Rows whose first measure is not finite (or, for cosine, whose norm is
  /// too small for its bound) are measured in double precision too.
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public static func nearest(_ count: Int, to query: Int, in matrix: LayerMatrix, metric: Metric,
                             among members: InstanceSet, threads: Int? = nil) throws -> Nearest?
  {
    precondition(count >= 1, "at least one neighbour")
    let queryValues = matrix.row(query)
    let target = queryValues.map(Double.init)
    let targetNorm = target.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard !distance(queryValues, target, targetNorm: targetNorm, metric: metric).isNaN else { return nil }
    let exact = { (row: Int) in distance(matrix.row(row), target, targetNorm: targetNorm, metric: metric) }
    guard let bounds = FirstPassBounds(query: queryValues, metric: metric) else {
      // A query too small for the single-precision bound: every member in double precision.
      let distances = try compute(from: query, in: matrix, metric: metric, threads: threads)
      var unplaced = 0
      members.forEachRow { if distances[$0].isNaN { unplaced += 1 } }
      let rows = InstanceRanking.top(count, of: distances, members: members, lowest: true)
      return Nearest(rows: rows, distances: rows.map { distances[$0] }, unplaced: unplaced)
    }
    let approximate = try firstPass(to: queryValues, in: matrix, bounds: bounds, threads: threads)
    let leading = InstanceRanking.top(count, of: approximate, members: members, lowest: true)
    let limit = leading.count < count ? Float.infinity : bounds.limit(approximate[leading.last!])
    var measured: [(row: Int, distance: Double)] = []
    var unplaced = 0
    members.forEachRow { row in
      let first = approximate[row]
      guard first.isNaN || first <= limit else { return }
      let distance = exact(row)
      if distance.isNaN { unplaced += 1 } else { measured.append((row, distance)) }
    }
    measured.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.row < $1.row }
    let nearest = measured.prefix(count)
    return Nearest(rows: nearest.map(\.row), distances: nearest.map(\.distance), unplaced: unplaced)
  }

  /// Every row's single-precision measure: the squared distance
  /// (euclidean) or the cosine distance; NaN where the bound does not hold.
  private static func firstPass(to query: [Float], in matrix: LayerMatrix, bounds: FirstPassBounds,
                                threads: Int?) throws -> [Float] {
    let columns = matrix.columnCount
    var measures = [Float](repeating: .nan, count: matrix.rowCount)
    try measures.withUnsafeMutableBufferPointer { output in
      nonisolated(unsafe) let output = output
      try query.withUnsafeBufferPointer { query in
        nonisolated(unsafe) let query = query.baseAddress!
        try forEachRow(of: matrix, in: 0 ..< matrix.rowCount, threads: threads) { row, values in
          output[row] = bounds.measure(values, query, columns: columns)
        }
      }
    }
    return measures
  }
}

/// The single-precision first pass of `RowDistances.nearest` and how far
/// its measures may be from the exact distances.
///
/// A term of the kernels' sums of n terms takes part in at most n/4 + 48
/// roundings (see RowKernels.h), so with γ = 2 (n/4 + 50) 2⁻²⁴ (twice the
/// first-order bound):
/// - euclidean: the measure m of a squared distance s lies within
///   s(1 ± γ) ± a, with a = n 2⁻¹²⁶ for terms in the subnormal range. If the
///   `count`-th smallest measure is T, the `count`-th smallest s is at most
///   (T + a)/(1 − γ), and every row within it measures at most
///   (T + a)(1 + γ)/(1 − γ) + a.
/// - cosine: by Cauchy–Schwarz the dot product is within γ|x||q|, each norm
///   within γ/2 + 2⁻²⁴ relative, so the measure is within δ = 2(2γ + 5·2⁻²⁴)
///   of the distance, and every row within the `count`-th nearest measures
///   at most T + 2δ. Norms below 2⁻³⁰, where products may lose digits below
///   the smallest normal float, get no measure.
struct FirstPassBounds {
  let metric: RowDistances.Metric
  let relative: Float
  let absolute: Float
  let queryNorm: Float

  /// Nil when the query's norm is too small for the cosine bound.
  init?(query: [Float], metric: RowDistances.Metric) {
    let n = Float(query.count)
    self.metric = metric
    relative = 2 * (n / 4 + 50) * Float.ulpOfOne / 2
    absolute = n * Float.leastNormalMagnitude
    var dot: Float = 0, norm: Float = 0
    activis_dot_and_norm_f32(query, query, query.count, &dot, &norm)
    queryNorm = norm.squareRoot()
    if metric == .cosine && !(norm >= Self.smallestSquaredNorm && norm.isFinite) { return nil }
  }

  static let smallestSquaredNorm = Float(sign: .plus, exponent: -60, significand: 1)

  /// The measure of one row; NaN when it is not finite or not bounded.
  @inline(__always)
  func measure(_ values: UnsafePointer<Float>, _ query: UnsafePointer<Float>, columns: Int) -> Float {
    switch metric {
    case .euclidean:
      let squared = activis_squared_distance_f32(values, query, columns)
      return squared.isFinite ? squared : .nan
    case .cosine:
      var dot: Float = 0, norm: Float = 0
      activis_dot_and_norm_f32(values, query, columns, &dot, &norm)
      guard norm >= Self.smallestSquaredNorm, norm.isFinite, dot.isFinite else { return .nan }
      return 1 - dot / (norm.squareRoot() * queryNorm)
    }
  }

  /// The largest measure a row within the nearest `count` can have, when
  /// the `count`-th smallest measure is `measure`.
  func limit(_ measure: Float) -> Float {
    let wide = Double(measure), gamma = Double(relative), a = Double(absolute)
    switch metric {
    case .euclidean:
      return Float((wide + a) * (1 + gamma) / (1 - gamma) + a).nextUp
    case .cosine:
      let delta = 2 * (2 * gamma + 5 * Double(Float.ulpOfOne) / 2)
      return Float(wide + 2 * delta).nextUp
    }
  }
}
