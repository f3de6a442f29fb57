import Testing
@testable import ActivisProjection

/// `Sampling.rows`: checked by counting and by set relations, not by calling itself.
@Suite struct SamplingTests {
  @Test func fewerRowsThanTheLimitAreAllKept() {
    #expect(Sampling.rows([2, 5, 9], limit: 3, seed: 1) == [2, 5, 9])
    #expect(Sampling.rows([], limit: 3, seed: 1) == [])
  }

  @Test func aSampleHasTheLimitKeepsThePinnedAndIsAscending() {
    let rows = Array(stride(from: 0, to: 1000, by: 3))
    for seed in 0 ..< 20 as Range<UInt64> {
      let sample = Sampling.rows(rows, limit: 50, seed: seed, keeping: [999, 300, 7])
      #expect(sample.count == 50)
      #expect(sample == sample.sorted() && Set(sample).count == 50)
      #expect(Set(sample).isSubset(of: Set(rows)))
      #expect(sample.contains(999) && sample.contains(300) && !sample.contains(7))  // 7 is not a row
    }
  }

  @Test func theSeedDecides() {
    let rows = Array(0 ..< 500)
    #expect(Sampling.rows(rows, limit: 40, seed: 3) == Sampling.rows(rows, limit: 40, seed: 3))
    #expect(Sampling.rows(rows, limit: 40, seed: 3) != Sampling.rows(rows, limit: 40, seed: 4))
  }

  /// Every row is about equally likely: over many seeds each of 20 rows is drawn
  /// about half the time for a limit of 10.
  @Test func rowsAreDrawnEvenly() {
    var counts = [Int](repeating: 0, count: 20)
    for seed in 0 ..< 2000 as Range<UInt64> {
      for row in Sampling.rows(Array(0 ..< 20), limit: 10, seed: seed) { counts[row] += 1 }
    }
    #expect(counts.allSatisfy { $0 > 850 && $0 < 1150 }, "\(counts)")
  }
}

extension SamplingTests {
  /// The sample is the first `limit` rows of a partial Fisher–Yates shuffle of
  /// the whole array with the seeded generator, as a plain loop computes it.
  @Test func theSampleIsThatOfAPlainShuffle() {
    let rows = Array(stride(from: 5, to: 50_000, by: 7))
    for (limit, seed) in [(1, 0), (100, 1), (3_000, 2), (rows.count - 1, 3)] as [(Int, UInt64)] {
      var pool = rows
      var generator = SeededGenerator(seed: seed)
      for i in 0 ..< limit {
        let j = i + generator.nextInt(below: pool.count - i)
        pool.swapAt(i, j)
      }
      #expect(Sampling.rows(rows, limit: limit, seed: seed) == pool.prefix(limit).sorted())
    }
  }
}
