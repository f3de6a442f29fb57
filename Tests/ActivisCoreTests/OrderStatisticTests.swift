import Testing

@testable import ActivisCore

/// `OrderStatistic.select` against the sorted array, on inputs that defeat
/// naive pivots: sorted, reversed, all equal, organ pipes, few distinct values.
@Suite struct OrderStatisticTests {
  static func inputs() -> [[Double]] {
    var state: UInt64 = 11
    func random(_ modulus: UInt64) -> Double {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Double((state >> 33) % modulus)
    }
    let n = 5_000
    return [
      (0 ..< n).map(Double.init), (0 ..< n).reversed().map(Double.init), [Double](repeating: 3, count: n),
      (0 ..< n).map { Double(min($0, n - $0)) }, (0 ..< n).map { _ in random(7) },
      (0 ..< n).map { _ in random(1 << 30) - 5e8 }, [1], [2, 1], (0 ..< 17).map { _ in random(4) },
    ]
  }

  @Test func everyRankIsThatOfTheSortedValues() {
    for values in Self.inputs() {
      let sorted = values.sorted()
      for rank in Set([0, values.count / 3, values.count / 2, values.count - 1]) {
        var scratch = values
        #expect(OrderStatistic.select(rank: rank, in: &scratch) == sorted[rank])
        #expect(scratch.sorted() == sorted)
        #expect(scratch[..<rank].allSatisfy { $0 <= sorted[rank] } && scratch[rank...].allSatisfy { $0 >= sorted[rank] })
      }
    }
  }

  /// Ranks asked in ascending order, each call starting at the previous rank.
  @Test func ascendingRanksMayStartAtThePreviousOne() {
    for values in Self.inputs() where values.count > 100 {
      let sorted = values.sorted()
      var scratch = values
      var start = 0
      for k in 1 ..< 10 {
        let rank = k * values.count / 10
        #expect(OrderStatistic.select(rank: rank, in: &scratch, from: start) == sorted[rank])
        start = rank
      }
    }
  }
}
