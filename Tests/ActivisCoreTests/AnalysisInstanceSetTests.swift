import ActivisCore
import ActivisTestSupport
import Testing

@Suite struct AnalysisInstanceSetTests {
  @Test func membershipCountAndRows() {
    var set = InstanceSet(capacity: 130)
    for row in [0, 63, 64, 129] { set.insert(row) }
    #expect(set.count == 4)
    #expect(set.rows == [0, 63, 64, 129])
    #expect(set.contains(63) && set.contains(64) && !set.contains(65))
    #expect(!set.contains(-1) && !set.contains(130))
  }

  @Test func complementStaysInsideTheUniverse() {
    let set = InstanceSet(capacity: 70, rows: [1, 2, 69])
    let complement = set.complement()
    #expect(complement.count == 67)
    #expect(!complement.contains(1) && complement.contains(0) && complement.contains(68))
    #expect(complement.complement() == set)
    #expect(InstanceSet.all(70).count == 70)
    #expect(InstanceSet.all(0).count == 0)
  }

  @Test func setAlgebraMatchesPlainSets() {
    var random = SplitMix64(seed: 7)
    let a = (0 ..< 300).filter { _ in random.next() % 3 == 0 }
    let b = (0 ..< 300).filter { _ in random.next() % 2 == 0 }
    let x = InstanceSet(capacity: 300, rows: a)
    let y = InstanceSet(capacity: 300, rows: b)
    #expect(x.union(y).rows == Set(a).union(b).sorted())
    #expect(x.intersection(y).rows == Set(a).intersection(b).sorted())
    #expect(x.subtracting(y).rows == Set(a).subtracting(b).sorted())
  }

  @Test func predicateInitialiser() {
    let evens = InstanceSet(capacity: 131) { $0 % 2 == 0 }
    #expect(evens.count == 66)
    #expect(evens.rows == Array(stride(from: 0, to: 131, by: 2)))
  }
}
