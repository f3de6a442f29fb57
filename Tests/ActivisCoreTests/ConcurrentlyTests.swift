import Foundation
import Testing

@testable import ActivisCore

/// `Concurrently.run`: both results, from two threads at once, and errors.
@Suite struct ConcurrentlyTests {
  struct Failure: Error, Equatable { let which: Int }

  @Test func bothResultsComeBack() throws {
    let (sum, text) = try Concurrently.run({ (1 ... 1000).reduce(0, +) }, { String(repeating: "a", count: 3) })
    #expect(sum == 500_500 && text == "aaa")
  }

  /// Each waits until the other has started: they cannot run one after the
  /// other (where there are two cores to run them on).
  @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2))
  func theTwoRunAtTheSameTime() throws {
    let started = ManagedFlag(), other = ManagedFlag()
    func wait(for flag: ManagedFlag) -> Bool {
      for _ in 0 ..< 5_000 where !flag.isSet { usleep(1_000) }
      return flag.isSet
    }
    let (first, second) = try Concurrently.run({ started.set(); return wait(for: other) },
                                               { other.set(); return wait(for: started) })
    #expect(first && second)
  }

  @Test func theFirstErrorIsThrown() {
    #expect(throws: Failure(which: 1)) {
      try Concurrently.run({ () throws -> Int in throw Failure(which: 1) }, { () throws -> Int in throw Failure(which: 2) })
    }
    #expect(throws: Failure(which: 2)) { try Concurrently.run({ 1 }, { () throws -> Int in throw Failure(which: 2) }) }
  }

  @Test func mapGivesResultsInOrderAndTheLowestIndexsError() throws {
    #expect(try Concurrently.map(50) { $0 * $0 } == (0 ..< 50).map { $0 * $0 })
    #expect(try Concurrently.map(0) { $0 }.isEmpty)
    #expect(throws: Failure(which: 3)) {
      try Concurrently.map(20) { index -> Int in
        if index == 3 || index == 11 { throw Failure(which: index) }
        return index
      }
    }
  }
}
