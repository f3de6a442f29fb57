import ActivisCore
import Testing

/// The one quantile rule: cuts at ranks ⌊k·n/count⌋, ranges [lower, upper).
@Suite struct QuantileBinsTests {
  @Test func cutsAreTheValuesAtEvenRanks() throws {
    // Sorted: 1 2 3 4 5 6 7 8; ranks 2, 4, 6 hold 3, 5, 7.
    let bins = try #require(QuantileBins(values: [8, 1, 7, 2, 6, 3, 5, 4, .nan], count: 4))
    #expect(bins.cuts == [3, 5, 7])
    #expect(bins.minimum == 1 && bins.maximum == 8)
    #expect([1, 2, 3, 4, 5, 6, 7, 8].map { bins.bin(of: $0) } == [0, 0, 1, 1, 2, 2, 3, 3])
    #expect(bins.bin(of: .nan) == nil)
    #expect(bins.bounds(of: 0) == (nil, 3) && bins.bounds(of: 3) == (7, nil))
  }

  /// A value equal to a cut is in the range above it, in every caller.
  @Test func valuesOnACutGoUp() throws {
    let values: [Double] = [0, 0, 0, 5, 5, 5, 9, 9]
    let bins = try #require(QuantileBins(values: values, count: 3))
    // Ranks 2 and 5 hold 0 (the minimum: dropped) and 5.
    #expect(bins.cuts == [5])
    #expect(values.map { bins.bin(of: $0) } == [0, 0, 0, 1, 1, 1, 1, 1])
  }

  @Test func repeatedValuesLeaveFewerRanges() throws {
    let bins = try #require(QuantileBins(values: [2, 2, 2, 2], count: 4))
    #expect(bins.cuts.isEmpty && bins.count == 1)
    #expect(bins.bin(of: 2) == 0)
    #expect(QuantileBins(values: [.nan, .nan], count: 2) == nil)
  }

  /// Every range holds values, and they are in order, for many random inputs
  /// (checked against a plain loop over the sorted values).
  @Test func rangesPartitionTheValues() throws {
    var state: UInt64 = 7
    for trial in 0 ..< 200 {
      let count = 2 + trial % 7
      let values = (0 ..< (1 + trial % 40)).map { _ -> Double in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double((state >> 33) % 12)
      }
      let bins = try #require(QuantileBins(values: values, count: count))
      var sizes = [Int](repeating: 0, count: bins.count)
      for value in values {
        let bin = try #require(bins.bin(of: value))
        let (lower, upper) = bins.bounds(of: bin)
        #expect(lower.map { value >= $0 } ?? true)
        #expect(upper.map { value < $0 } ?? true)
        sizes[bin] += 1
      }
      #expect(sizes.allSatisfy { $0 > 0 }, "values \(values), \(count) bins")
    }
  }
}

extension QuantileBinsTests {
  /// The cuts are the sorted values at ranks ⌊k·n/count⌋, repeats and the
  /// minimum dropped, as a plain loop over the sorted values finds them.
  @Test func cutsAreTheSortedValuesAtTheirRanks() throws {
    var state: UInt64 = 3
    for trial in 0 ..< 100 {
      let values = (0 ..< (50 + 37 * trial)).map { index -> Double in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return index % 11 == 0 ? .nan : Double((state >> 33) % UInt64(3 + trial * 5))
      }
      let count = 2 + trial % 9
      let sorted = values.filter { !$0.isNaN }.sorted()
      var expected: [Double] = []
      for k in 1 ..< count where sorted[k * sorted.count / count] > sorted[0] {
        if expected.last != sorted[k * sorted.count / count] { expected.append(sorted[k * sorted.count / count]) }
      }
      let bins = try #require(QuantileBins(values: values, count: count))
      #expect(bins.cuts == expected)
      #expect(bins.minimum == sorted.first && bins.maximum == sorted.last)
    }
  }
}
