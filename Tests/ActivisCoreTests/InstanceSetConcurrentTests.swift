import ActivisCore
import ActivisTestSupport
import Foundation
import Testing

/// `InstanceSet(capacity:concurrentlyWhere:)` against a plain loop.
@Suite struct InstanceSetConcurrentTests {
  struct Stop: Error, Equatable { let row: Int }

  @Test(arguments: [0, 1, 63, 64, 65, 5000, 100_003]) func sameMembersAsAPlainLoop(capacity: Int) throws {
    let isMember: @Sendable (Int) -> Bool = { ($0 * 7919) % 13 < 5 }
    for threads in [1, 2, 3, 8] {
      let set = try InstanceSet(capacity: capacity, concurrentlyWhere: isMember, threads: threads)
      var expected: [Int] = []
      for row in 0 ..< capacity where isMember(row) { expected.append(row) }
      #expect(set.rows == expected)
      #expect(set.count == expected.count)
    }
  }

  @Test func theLowestRowThatThrowsIsReported() {
    // Rows 70,000 and 20,000 throw; with four threads they fall to different threads.
    #expect(throws: Stop(row: 20_000)) {
      try InstanceSet(capacity: 100_000, concurrentlyWhere: { row in
        if row == 70_000 || row == 20_000 { throw Stop(row: row) }
        return true
      }, threads: 4)
    }
  }
}
