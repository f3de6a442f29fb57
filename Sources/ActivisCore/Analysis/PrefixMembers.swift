import Dispatch
import Foundation

/// The texts that start with each of many prefixes, found in one pass: each
/// text walks a trie of the prefixes' bytes as far as it goes, and belongs
/// to every prefix whose end it passes. The same sets as comparing each
/// prefix with each text's first bytes, in one walk instead of one per
/// prefix.
public struct PrefixMembers: Sendable {
  /// The trie as a table: the child of node `n` by byte `b` is
  /// `next[n · symbolCount + symbol[b]]`, or -1; symbol 0 stands for every
  /// byte that no prefix has, so it leads nowhere.
  private let next: [Int32]
  private let symbol: [Int]
  private let symbolCount: Int
  /// The prefix ending at each node, or -1.
  private let ending: [Int32]
  private let prefixCount: Int

  /// For `prefixes` (distinct, UTF-8 bytes of each).
  public init(prefixes: [[UInt8]]) {
    prefixCount = prefixes.count
    var symbol = [Int](repeating: 0, count: 256)
    var symbolCount = 1
    for byte in prefixes.joined() where symbol[Int(byte)] == 0 {
      symbol[Int(byte)] = symbolCount
      symbolCount += 1
    }
    var next = [Int32](repeating: -1, count: symbolCount)
    var ending: [Int32] = [-1]
    for (index, prefix) in prefixes.enumerated() {
      var node = 0
      for byte in prefix {
        let edge = node * symbolCount + symbol[Int(byte)]
        if next[edge] < 0 {
          next[edge] = Int32(ending.count)
          ending.append(-1)
          next += repeatElement(-1, count: symbolCount)
        }
        node = Int(next[edge])
      }
      ending[node] = Int32(index)
    }
    self.next = next
    self.symbol = symbol
    self.symbolCount = symbolCount
    self.ending = ending
  }

  /// Per prefix, the rows of `among` whose text in `column` starts with it;
  /// on all cores, each thread a run of the rows.
  public func members(in column: TextColumn, among rows: InstanceSet,
                      threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [InstanceSet] {
    let sets = InterleavedSets(setCount: prefixCount, capacity: rows.capacity)
    let shares = InstanceSet.wordShares(rows.words.count, threads: Swift.min(threads, rows.count / 4096 + 1))
    DispatchQueue.concurrentPerform(iterations: shares.count) { thread in
      mark(in: column, among: rows, inWords: shares[thread], into: sets)
    }
    return sets.finish()
  }

  /// Per prefix, the positions in `rows` of the rows whose text in
  /// `column` starts with it, ascending: for a few rows of a large table,
  /// without sets over all of its rows.
  public func positions(in column: TextColumn, rows: [Int]) -> [[Int]] {
    var positions = [[Int]](repeating: [], count: prefixCount)
    withWalk(over: column) { walk in
      for (position, row) in rows.enumerated() { walk.forEachPrefix(ofRow: row) { positions[$0].append(position) } }
    }
    return positions
  }

  /// Puts each row of `rows` in the words `wordRange` into the sets of the
  /// prefixes its text starts with (prefix `p`'s set is `sets` number `p`).
  func mark(in column: TextColumn, among rows: InstanceSet, inWords wordRange: Range<Int>, into sets: InterleavedSets) {
    forEachPrefix(in: column, among: rows, inWords: wordRange) { row, prefix in sets.insert(row, into: prefix) }
  }

  /// Calls `body(row, prefix)` for each row of `rows` in the words
  /// `wordRange` and each prefix its text in `column` starts with.
  func forEachPrefix(in column: TextColumn, among rows: InstanceSet, inWords wordRange: Range<Int>,
                     _ body: (_ row: Int, _ prefix: Int) -> Void) {
    withWalk(over: column) { walk in
      rows.forEachRow(inWords: wordRange) { row in walk.forEachPrefix(ofRow: row) { body(row, $0) } }
    }
  }

  /// Calls `body` with a walk of the trie over the texts of `column`.
  private func withWalk<Result>(over column: TextColumn, _ body: (Walk) -> Result) -> Result {
    column.utf8.withUnsafeBufferPointer { bytes in
      column.offsets.withUnsafeBufferPointer { offsets in
        next.withUnsafeBufferPointer { next in
          symbol.withUnsafeBufferPointer { symbol in
            ending.withUnsafeBufferPointer { ending in
              body(Walk(bytes: bytes, offsets: offsets, next: next, symbol: symbol, ending: ending,
                        symbolCount: symbolCount))
            }
          }
        }
      }
    }
  }

  /// The trie's tables and a column's texts, valid within `withWalk`.
  private struct Walk {
    let bytes: UnsafeBufferPointer<UInt8>
    let offsets: UnsafeBufferPointer<Int>
    let next: UnsafeBufferPointer<Int32>
    let symbol: UnsafeBufferPointer<Int>
    let ending: UnsafeBufferPointer<Int32>
    let symbolCount: Int

    /// Calls `body` with each prefix that row `row`'s text starts with,
    /// shortest first.
    @inline(__always)
    func forEachPrefix(ofRow row: Int, _ body: (Int) -> Void) {
      if ending[0] >= 0 { body(Int(ending[0])) }
      var node = 0
      for offset in offsets[row] ..< offsets[row + 1] {
        let child = Int(next[node &* symbolCount &+ symbol[Int(bytes[offset])]])
        guard child >= 0 else { break }
        node = child
        if ending[node] >= 0 { body(Int(ending[node])) }
      }
    }
  }
}
