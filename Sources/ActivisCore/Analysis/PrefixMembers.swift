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
    let wordCount = rows.words.count
    // Word w of prefix p is bits[w · prefixCount + p]: a row's prefixes share a few cache lines. Each
    // thread sets bits of its own words.
    let bits = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: Swift.max(1, prefixCount * wordCount))
    bits.initialize(repeating: 0)
    defer { bits.deallocate() }
    nonisolated(unsafe) let shared = bits
    let shares = InstanceSet.wordShares(wordCount, threads: Swift.min(threads, rows.count / 4096 + 1))
    DispatchQueue.concurrentPerform(iterations: shares.count) { thread in
      mark(in: column, among: rows, inWords: shares[thread], bits: shared)
    }
    return (0 ..< prefixCount).map { prefix in
      InstanceSet(capacity: rows.capacity, words: (0 ..< wordCount).map { bits[$0 * prefixCount + prefix] })
    }
  }

  /// Sets the bits of the rows in the words `wordRange` of `rows` for every
  /// prefix their text starts with.
  private func mark(in column: TextColumn, among rows: InstanceSet, inWords wordRange: Range<Int>,
                    bits: UnsafeMutableBufferPointer<UInt64>) {
    column.utf8.withUnsafeBufferPointer { bytes in
      column.offsets.withUnsafeBufferPointer { offsets in
        next.withUnsafeBufferPointer { next in
          symbol.withUnsafeBufferPointer { symbol in
            ending.withUnsafeBufferPointer { ending in
              rows.forEachRow(inWords: wordRange) { row in
                let word = row >> 6, bit: UInt64 = 1 << UInt64(row & 63)
                if ending[0] >= 0 { bits[word * prefixCount + Int(ending[0])] |= bit }
                var node = 0
                for offset in offsets[row] ..< offsets[row + 1] {
                  let child = Int(next[node &* symbolCount &+ symbol[Int(bytes[offset])]])
                  guard child >= 0 else { break }
                  node = child
                  if ending[node] >= 0 { bits[word * prefixCount + Int(ending[node])] |= bit }
                }
              }
            }
          }
        }
      }
    }
  }
}
