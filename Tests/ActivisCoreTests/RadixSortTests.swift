@testable import ActivisCore
import ActivisTestSupport
import Testing

/// The sort keys and the radix sort behind `compare`'s AUROC and the
/// instance panel's score order, against plain loops.
@Suite struct RadixSortTests {
  @Test(arguments: [0, 1, 2, 255, 256, 1000, 70_000])
  func sortsUInt32KeysAscending(count: Int) {
    var random = SplitMix64(seed: UInt64(count))
    var keys = (0 ..< count).map { i -> UInt32 in
      switch i % 5 {
      case 0: return UInt32.max
      case 1: return 0
      default: return UInt32(truncatingIfNeeded: random.next())
      }
    }
    let expected = keys.sorted()  // the standard library's comparison sort
    var scratch = [UInt32](repeating: 0, count: count)
    RadixSort.sort(&keys, scratch: &scratch, count: count, byBitsFrom: 0)
    #expect(keys == expected)
  }

  /// Keys equal in the sorted bits keep their order (the low 32 bits here
  /// are each key's place).
  @Test func sortsUInt64KeysByTheirHighBitsStably() {
    let high: [UInt64] = [7, 3, 7, 0, 3, 0xFFFF_FFFF, 7, 0]
    var keys = high.enumerated().map { place, value in value << 32 | UInt64(place) }
    var scratch = [UInt64](repeating: 0, count: keys.count)
    RadixSort.sort(&keys, scratch: &scratch, count: keys.count, byBitsFrom: 32)
    #expect(keys.map { $0 & 0xFFFF_FFFF } == [3, 7, 1, 4, 0, 2, 6, 5])
  }

  @Test func orderedBitsFollowTheValues() {
    let tiny = Float.leastNonzeroMagnitude
    let values: [Float] = [-.infinity, -3e38, -2, -1, -tiny, -0.0, 0, tiny, 1, 1.5, 3e38, .infinity]
    for x in values {
      for y in values {
        #expect((x < y) == (x.orderedBits < y.orderedBits), "\(x) \(y)")
        #expect((x == y) == (x.orderedBits == y.orderedBits), "\(x) \(y)")
      }
    }
  }

  /// a = 1 2 2 5, b = 2 2 3: below the two 2s one value of a each, below
  /// 3 three (5 pairs); each 2 of b equals two of a (4 pairs).
  @Test func countsPairsBelowAndEqualByMerging() {
    let a: [UInt32] = [1, 2, 2, 5], b: [UInt32] = [2, 2, 3]
    #expect(GroupAUROC.pairs(a, 4, b, 3) == (below: 5, equal: 4))
    #expect(GroupAUROC.pairs(b, 3, a, 4) == (below: 3, equal: 4))  // only 5 is above them, all three
    #expect(GroupAUROC.pairs(a, 0, b, 3) == (below: 0, equal: 0))
    #expect(GroupAUROC.pairs([0, 0, 0], 3, [0, 0], 2) == (below: 0, equal: 6))
  }
}
