import ActivisCore
import ActivisTestSupport
import Testing

/// `InstanceRanking.top` against a full sort in a plain loop.
@Suite struct InstanceRankingTests {
  @Test func ranksByValueThenRow() {
    let column: [Float] = [3, .nan, 5, 3, -1, 5, .infinity, 0]
    let all = InstanceSet.all(column.count)
    #expect(InstanceRanking.top(3, of: column, members: all) == [6, 2, 5])
    #expect(InstanceRanking.top(4, of: column, members: all, lowest: true) == [4, 7, 0, 3])
    #expect(InstanceRanking.top(100, of: column, members: all).count == 7)  // NaN left out
    let some = InstanceSet(capacity: column.count, rows: [0, 1, 3, 4])
    #expect(InstanceRanking.top(2, of: column, members: some) == [0, 3])
  }

  /// Distances (`neighbors`) are ranked as `Double`.
  @Test func ranksDoubles() {
    let column: [Double] = [0.5, .nan, -2, 0.5, 7]
    let all = InstanceSet.all(column.count)
    #expect(InstanceRanking.top(2, of: column, members: all) == [4, 0])
    #expect(InstanceRanking.top(3, of: column, members: all, lowest: true) == [2, 0, 3])
  }

  @Test(arguments: 0 ..< 20) func agreesWithAFullSort(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let count = 1 + Int(random.next() % 300)
    // Few distinct values, so that ties are common.
    let column = (0 ..< count).map { _ -> Float in random.next() % 17 == 0 ? .nan : Float(random.next() % 9) - 4 }
    let members = InstanceSet(capacity: count) { _ in random.next() % 3 != 0 }
    let n = 1 + Int(random.next() % 40)
    for lowest in [false, true] {
      var candidates: [Int] = []
      for row in 0 ..< count where members.contains(row) && !column[row].isNaN { candidates.append(row) }
      candidates.sort { a, b in
        if column[a] != column[b] { return lowest ? column[a] < column[b] : column[a] > column[b] }
        return a < b
      }
      #expect(InstanceRanking.top(n, of: column, members: members, lowest: lowest) == Array(candidates.prefix(n)))
    }
  }
}
