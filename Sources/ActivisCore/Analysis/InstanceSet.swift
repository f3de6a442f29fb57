import Dispatch
import Foundation

/// A set of instances (rows of a bundle) as a bitset: one bit per instance.
///
/// Subsets, classes and selections are all `InstanceSet`s over the same
/// universe `0 ..< capacity`, so combining them (`and`, `or`, `not`) is a
/// word-wise operation and membership is one bit test in the hot loops.
public struct InstanceSet: Equatable, Hashable, Sendable {
  /// The number of instances in the universe (not the number in the set).
  public let capacity: Int
  /// `capacity` bits, 64 per word; bits past `capacity` are always zero.
  public private(set) var words: [UInt64]

  /// The empty set over `0 ..< capacity`.
  public init(capacity: Int) {
    precondition(capacity >= 0, "capacity must not be negative")
    self.capacity = capacity
    self.words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
  }

  /// The set of the given rows.
  public init(capacity: Int, rows: some Sequence<Int>) {
    self.init(capacity: capacity)
    for row in rows { insert(row) }
  }

  /// The set of rows `i` where `isMember(i)` holds.
  ///
  /// - Complexity: O(capacity) calls of `isMember`.
  /// Inlinable, so that the test is inlined into the caller's loop.
  @inlinable
  public init(capacity: Int, where isMember: (Int) throws -> Bool) rethrows {
    precondition(capacity >= 0, "capacity must not be negative")
    var words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    for wordIndex in words.indices {
      var word: UInt64 = 0
      let base = wordIndex * 64
      for bit in 0 ..< Swift.min(64, capacity - base) where try isMember(base + bit) {
        word |= 1 << UInt64(bit)
      }
      words[wordIndex] = word
    }
    self.init(capacity: capacity, words: words)
  }

  /// The set of rows `i` where `isMember(i)` holds, tested on all cores, each
  /// thread a run of whole words; for tests that cost microseconds (a regular
  /// expression). The error thrown is the one of the lowest row that threw.
  public init(capacity: Int, concurrentlyWhere isMember: @Sendable (Int) throws -> Bool,
              threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
    self.init(capacity: capacity)
    let shares = Self.wordShares(words.count, threads: Swift.min(threads, words.count / 64))
    let errors = ThreadErrors(count: shares.count)
    words.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let destination = buffer.baseAddress
      DispatchQueue.concurrentPerform(iterations: shares.count) { thread in
        guard let destination else { return }
        for wordIndex in shares[thread] {
          var word: UInt64 = 0
          let base = wordIndex * 64
          do {
            for bit in 0 ..< Swift.min(64, capacity - base) where try isMember(base + bit) {
              word |= 1 << UInt64(bit)
            }
          } catch {
            errors.record(error, thread: thread)
            return
          }
          destination[wordIndex] = word
        }
      }
    }
    if let error = errors.first { throw error }
  }

  /// The set whose bits are `words` (`(capacity + 63) / 64` of them; bits
  /// past `capacity` are ignored).
  @usableFromInline
  init(capacity: Int, words: [UInt64]) {
    precondition(words.count == (capacity + 63) / 64, "one word per 64 instances")
    self.capacity = capacity
    self.words = words
    clearBitsPastCapacity()
  }

  /// The words `0 ..< wordCount` in up to `threads` runs of about equal
  /// length, each a share of a parallel loop (none empty unless all are),
  /// starting at multiples of eight words (a cache line).
  static func wordShares(_ wordCount: Int, threads: Int) -> [Range<Int>] {
    let threadCount = Swift.max(1, Swift.min(threads, wordCount))
    let perThread = ((wordCount + threadCount - 1) / threadCount + 7) / 8 * 8
    let shares = (0 ..< threadCount).map {
      Swift.min(wordCount, $0 * perThread) ..< Swift.min(wordCount, ($0 + 1) * perThread)
    }
    return wordCount == 0 ? shares : shares.filter { !$0.isEmpty }
  }

  /// Every instance.
  public static func all(_ capacity: Int) -> InstanceSet {
    InstanceSet(empty: capacity).complement()
  }

  private init(empty capacity: Int) { self.init(capacity: capacity) }

  /// The number of instances in the set.
  public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

  public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

  @inline(__always)
  public func contains(_ row: Int) -> Bool {
    guard row >= 0 && row < capacity else { return false }
    return words[row >> 6] & (1 << UInt64(row & 63)) != 0
  }

  public mutating func insert(_ row: Int) {
    precondition(row >= 0 && row < capacity, "row \(row) outside 0..<\(capacity)")
    words[row >> 6] |= 1 << UInt64(row & 63)
  }

  /// The number of instances in both sets, without making their intersection.
  public func intersectionCount(_ other: InstanceSet) -> Int {
    precondition(capacity == other.capacity, "instance sets over different bundles")
    var count = 0
    for index in words.indices { count += (words[index] & other.words[index]).nonzeroBitCount }
    return count
  }

  public func union(_ other: InstanceSet) -> InstanceSet { combined(with: other, |) }
  public func intersection(_ other: InstanceSet) -> InstanceSet { combined(with: other, &) }
  public func subtracting(_ other: InstanceSet) -> InstanceSet { combined(with: other) { $0 & ~$1 } }

  /// Every instance of the universe that is not in the set.
  public func complement() -> InstanceSet {
    var result = self
    for index in result.words.indices { result.words[index] = ~result.words[index] }
    result.clearBitsPastCapacity()
    return result
  }

  /// The rows in the set, ascending.
  public var rows: [Int] {
    var rows: [Int] = []
    rows.reserveCapacity(count)
    forEachRow { rows.append($0) }
    return rows
  }

  /// Calls `body` with each row in the set, ascending. Inlinable, so that
  /// loops over a million members in other modules make no call per row.
  @inlinable @inline(__always)
  public func forEachRow(_ body: (Int) throws -> Void) rethrows {
    for (wordIndex, var word) in words.enumerated() {
      while word != 0 {
        let bit = word.trailingZeroBitCount
        try body(wordIndex << 6 | bit)
        word &= word - 1
      }
    }
  }

  /// `forEachRow(_:)` over the rows of the words `wordRange` only (rows
  /// `64 · wordRange.lowerBound ..< 64 · wordRange.upperBound`).
  @inline(__always)
  func forEachRow(inWords wordRange: Range<Int>, _ body: (Int) throws -> Void) rethrows {
    for wordIndex in wordRange {
      var word = words[wordIndex]
      while word != 0 {
        try body(wordIndex << 6 | word.trailingZeroBitCount)
        word &= word - 1
      }
    }
  }

  private func combined(with other: InstanceSet, _ operation: (UInt64, UInt64) -> UInt64) -> InstanceSet {
    precondition(capacity == other.capacity, "instance sets over different bundles")
    var result = self
    for index in result.words.indices {
      result.words[index] = operation(words[index], other.words[index])
    }
    return result
  }

  private mutating func clearBitsPastCapacity() {
    let used = capacity & 63
    if used != 0, let last = words.indices.last {
      words[last] &= (1 << UInt64(used)) - 1
    }
  }
}
