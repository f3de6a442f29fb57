import ActivisTestSupport
import Testing

@testable import ActivisCore

/// `RowDistances.nearest` (a single-precision pass, then double precision
/// for the rows its bound cannot rule out) against distances computed in
/// `Double` by a plain loop here and ranked by sorting, on rows built so that
/// single precision cannot rank them: near-ties far below its rounding, and
/// rows whose values overflow or underflow a `Float` product.
@Suite struct NearestRowsTests {
  static let columns = 37

  /// Rows of `columns` values: noise, then near-ties of the query, exact
  /// copies of it, a NaN row, an infinite row, values too large and too
  /// small for `Float` squares, and an all-zero row.
  static func rows(query: [Float]) -> [[Float]] {
    var generator = SplitMix64(seed: 17)
    var rows = (0 ..< 600).map { _ in (0 ..< columns).map { _ in Float.random(in: -1 ... 1, using: &generator) } }
    let direction = (0 ..< columns).map { _ in Float.random(in: -1 ... 1, using: &generator) }
    // Euclidean near-ties: the query plus the same small offsets, rotated by k places, and
    // k·2⁻³⁰ more in the first place. Every value is exact in a Float (the query is in steps
    // of 2⁻⁷ and 0 first, the offsets in steps of 2⁻²⁰), so the exact squared distances
    // are one sum plus about 5e-9·k relatively, while single-precision sums of the rotated
    // terms round differently, by more than that.
    precondition(query[0] == 0 && query.allSatisfy { $0 * 128 == ($0 * 128).rounded() })
    let offsets = direction.map { ($0 * 0.01 * 0x1p20).rounded() * 0x1p-20 }
    for k in 0 ..< 40 {
      var row = (0 ..< columns).map { query[$0] + offsets[($0 + k) % columns] }
      row[0] += Float(k) * 0x1p-30
      rows[(k * 37) % 600] = row
    }
    // Cosine near-ties: query + direction × 1e-3 (1 + k/1000), angles about 1e-6 apart.
    for k in 0 ..< 30 {
      let scale = 0.001 * (1 + Float(k) / 1000)
      rows[(k * 53 + 11) % 600] = zip(query, direction).map { $0 * 3 + $1 * scale }
    }
    rows[5] = query
    rows[77] = query
    rows[100] = Array(repeating: .nan, count: columns)
    rows[101] = Array(repeating: 1, count: columns - 1) + [.infinity]
    rows[102] = direction.map { $0 * 4e19 }
    rows[103] = direction.map { $0 * 1e-30 }
    rows[104] = Array(repeating: 0, count: columns)
    return rows
  }

  /// Distances in `Double` from a plain loop; NaN where there is none.
  static func distance(_ x: [Float], _ q: [Float], metric: RowDistances.Metric) -> Double {
    var squared = 0.0, dot = 0.0, norm = 0.0, queryNorm = 0.0
    for j in x.indices {
      let a = Double(x[j]), b = Double(q[j])
      squared += (a - b) * (a - b)
      dot += a * b
      norm += a * a
      queryNorm += b * b
    }
    switch metric {
    case .euclidean: return squared.isFinite ? squared.squareRoot() : .nan
    case .cosine:
      let denominator = norm.squareRoot() * queryNorm.squareRoot()
      return denominator > 0 && denominator.isFinite && dot.isFinite ? 1 - dot / denominator : .nan
    }
  }

  @Test(arguments: RowDistances.Metric.allCases)
  func nearestAsSortingExactDistancesRanksThem(metric: RowDistances.Metric) throws {
    var generator = SplitMix64(seed: 3)
    let query = [0] + (1 ..< Self.columns).map { _ in Float(Int.random(in: -128 ... 128, using: &generator)) / 128 }
    var rows = Self.rows(query: query)
    rows[0] = query
    let bundle = try TestBundle.make(layers: [TestLayer(name: "x", rows: rows)])
    defer { bundle.remove() }
    let matrix = try #require(try ActivationBundle.open(bundle.path).layer(named: "x")?.matrix)
    let distances = rows.map { Self.distance($0, query, metric: metric) }
    for members in [InstanceSet(capacity: rows.count, where: { $0 != 0 }), InstanceSet(capacity: rows.count, where: { $0 % 3 != 0 })] {
      let ranked = members.rows.filter { !distances[$0].isNaN }
        .sorted { distances[$0] != distances[$1] ? distances[$0] < distances[$1] : $0 < $1 }
      let unplaced = members.rows.filter { distances[$0].isNaN }.count
      for count in [1, 3, 10, 45, 2_000] {
        let nearest = try #require(try RowDistances.nearest(count, to: 0, in: matrix, metric: metric,
                                                            among: members, threads: 2))
        #expect(nearest.rows == Array(ranked.prefix(count)), "\(metric), top \(count)")
        for (row, found) in zip(nearest.rows, nearest.distances) {
          #expect(abs(found - distances[row]) <= 1e-12 * (1 + distances[row]), "\(metric), row \(row)")
        }
        #expect(nearest.unplaced == unplaced, "\(metric), top \(count)")
      }
    }
  }

  @Test func queryWithoutADistanceAndQueryTooSmallForSinglePrecision() throws {
    var generator = SplitMix64(seed: 5)
    let query = [0] + (1 ..< Self.columns).map { _ in Float(Int.random(in: -128 ... 128, using: &generator)) / 128 }
    let rows = Self.rows(query: query)
    let bundle = try TestBundle.make(layers: [TestLayer(name: "x", rows: rows)])
    defer { bundle.remove() }
    let matrix = try #require(try ActivationBundle.open(bundle.path).layer(named: "x")?.matrix)
    let everyone = InstanceSet(capacity: rows.count, where: { _ in true })
    for unplaceable in [100, 101] {
      for metric in RowDistances.Metric.allCases {
        #expect(try RowDistances.nearest(3, to: unplaceable, in: matrix, metric: metric, among: everyone) == nil)
      }
    }
    #expect(try RowDistances.nearest(3, to: 104, in: matrix, metric: .cosine, among: everyone) == nil)
    // Row 103 (norm about 1e-30) is below the cosine pass's bound: every row in double precision.
    let tiny = rows[103]
    let distances = rows.map { Self.distance($0, tiny, metric: .cosine) }
    let others = InstanceSet(capacity: rows.count, where: { $0 != 103 })
    let ranked = others.rows.filter { !distances[$0].isNaN }
      .sorted { distances[$0] != distances[$1] ? distances[$0] < distances[$1] : $0 < $1 }
    let nearest = try #require(try RowDistances.nearest(12, to: 103, in: matrix, metric: .cosine, among: others))
    #expect(nearest.rows == Array(ranked.prefix(12)))
    #expect(nearest.unplaced == others.rows.filter { distances[$0].isNaN }.count)
  }
}
