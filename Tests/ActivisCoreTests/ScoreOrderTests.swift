import ActivisCore
import ActivisTestSupport
import Testing

/// `ScoreOrder.sorted` (the instance panel's order) against a comparison sort
/// written out in the test.
@Suite struct ScoreOrderTests {
  @Test func highestScoreFirstTiesById() {
    let scores: [Float] = [0.5, 0.9, -0.0, 0.5, 0, -2, .infinity, 0.9]
    let ids: [Int64] = [10, 11, 12, 13, 14, 15, 16, 17]
    let order = ScoreOrder.sorted(Array(0 ..< 8), scores: scores, ids: ids) { _, _ in false }
    #expect(order == [6, 1, 7, 0, 3, 2, 4, 5])
    #expect(ScoreOrder.sorted([2, 5, 7], scores: nil, ids: ids) { _, _ in false } == [2, 5, 7])
  }

  @Test(arguments: 0 ..< 20) func agreesWithAComparisonSort(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let count = 1 + Int(random.next() % 2000)
    // Few distinct scores, so that ties are common; negative ones too.
    let scores = (0 ..< count).map { _ in Float(Int(random.next() % 11) - 5) / 4 }
    let ascendingIds = (0 ..< count).map { Int64($0) * 3 + 7 }
    let rows = (0 ..< count).filter { _ in random.next() % 4 != 0 }
    var expected = rows
    expected.sort { a, b in scores[a] != scores[b] ? scores[a] > scores[b] : ascendingIds[a] < ascendingIds[b] }
    #expect(ScoreOrder.sorted(rows, scores: scores, ids: ascendingIds) { _, _ in false } == expected)

    // Ids out of row order: the comparator given is used.
    let shuffledIds = ascendingIds.reversed().map { $0 }
    let byComparator: (Int, Int) -> Bool = { a, b in
      scores[a] != scores[b] ? scores[a] > scores[b] : shuffledIds[a] < shuffledIds[b]
    }
    var expectedShuffled = rows
    expectedShuffled.sort(by: byComparator)
    #expect(ScoreOrder.sorted(rows, scores: scores, ids: shuffledIds, fallback: byComparator) == expectedShuffled)
  }
}
