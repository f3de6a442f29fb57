import Dispatch
import Foundation

/// The leading phrases of many texts (see `LeadingPhrases`), found in one
/// pass on all cores with one dictionary lookup per text, and then the texts
/// that start with chosen phrases without reading the texts again.
///
/// Most texts are *plain*: ASCII and Latin letters up to and including the
/// character after their longest phrase, so that its words were found byte
/// by byte (see `LeadingPhrases`). A plain text's phrases are the prefixes
/// of its longest phrase that end at the whitespace inside it, so only the
/// longest is looked up and counted, and the shorter ones are counted once
/// per distinct longest phrase. A plain phrase `P` (one a plain text can
/// have) begins a plain text exactly when it is a prefix of the text's
/// longest phrase `Q`: the words of `P` and of the text are split at the
/// same single whitespace characters, so if `P` ran past `Q` it would take
/// in what ended `Q` (the end of the text, a last word's whitespace, or a
/// whitespace where a word should start). Other texts are counted phrase
/// by phrase and matched by walking a trie (`PrefixMembers`).
public struct LeadingPhraseIndex: Sendable {
  private let column: TextColumn
  private let words: Int
  /// Per row of the universe: the code of its longest phrase in `longest`
  /// for a plain text, `none` for an empty text or a row not indexed, `odd`
  /// for a text that is not plain or has no phrase.
  private let rowCodes: [Int32]
  private static let none: Int32 = -1
  private static let odd: Int32 = -2
  /// The distinct longest phrases of the plain texts.
  private let longest: ByteStringDictionary
  /// How many texts begin with each phrase.
  private let phraseCounts: [(phrase: [UInt8], count: Int)]

  /// Indexes the phrases of one to `words` words of `rows` of `column`.
  public init(column: TextColumn, rows: InstanceSet, words: Int,
              threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
    self.column = column
    self.words = words
    var codes = [Int32](repeating: Self.none, count: rows.capacity)
    let shares = InstanceSet.wordShares(rows.words.count, threads: Swift.min(threads, rows.count / 4096 + 1))
    let parts = ThreadSlots<ThreadPart?>(count: shares.count, initial: nil)
    codes.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let codes = buffer
      DispatchQueue.concurrentPerform(iterations: shares.count) { thread in
        parts[thread] = ThreadPart(column: column, rows: rows, inWords: shares[thread], words: words, codes: codes)
      }
    }
    // One dictionary of longest phrases; each thread's codes renumbered into it.
    var longest = ByteStringDictionary()
    var longestCounts: [Int] = []
    var longestEnds: [[Int]] = []
    var oddCounts: [(ByteStringDictionary, [Int])] = []
    for (thread, part) in parts.values.enumerated() {
      guard let part else { continue }
      let renumbered = part.longest.count == 0 ? [] : (0 ..< part.longest.count).map { local -> Int32 in
        let (code, added) = part.longest.key(local).withUnsafeBytes { longest.code(of: $0) }
        if added {
          longestCounts.append(0)
          longestEnds.append(part.ends[local])
        }
        longestCounts[Int(code)] += part.counts[local]
        return code
      }
      for wordIndex in shares[thread] {
        for row in wordIndex * 64 ..< Swift.min(rows.capacity, wordIndex * 64 + 64) where codes[row] >= 0 {
          codes[row] = renumbered[Int(codes[row])]
        }
      }
      oddCounts.append((part.oddPhrases, part.oddCounts))
    }
    // Every phrase: the prefixes of each longest one, and those of the other texts.
    var phrases = ByteStringDictionary()
    var counts: [Int] = []
    func add(_ phrase: UnsafeRawBufferPointer, _ count: Int) {
      let (code, added) = phrases.code(of: phrase)
      if added { counts.append(0) }
      counts[Int(code)] += count
    }
    for code in 0 ..< longest.count {
      let key = Array(longest.key(code))
      for end in longestEnds[code] { key[..<end].withUnsafeBytes { add($0, longestCounts[code]) } }
    }
    for (dictionary, oddCount) in oddCounts {
      for code in oddCount.indices { dictionary.key(code).withUnsafeBytes { add($0, oddCount[code]) } }
    }
    phraseCounts = counts.indices.map { (Array(phrases.key($0)), counts[$0]) }
    self.longest = longest
    rowCodes = codes
  }

  /// The phrases that begin at least `minimum` of the texts, and how many
  /// they begin; in no particular order.
  public func counts(minimum: Int = 1) -> [(phrase: String, count: Int)] {
    phraseCounts.filter { $0.count >= minimum }.map { (String(decoding: $0.phrase, as: UTF8.self), $0.count) }
  }

  /// Per phrase (distinct), the rows of `among` (rows indexed) whose text
  /// starts with it; on all cores.
  ///
  /// A plain text with longest phrase Q starts with a phrase P exactly when
  /// P is a prefix of Q, or Q a shorter prefix of P and the text starts
  /// with P; the second never holds for a plain P (see the type's notes),
  /// so only the texts of such a Q are compared with a P that is not plain.
  /// Texts that are not plain walk the trie of every phrase.
  public func members(of phrases: [String], among rows: InstanceSet,
                      threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [InstanceSet] {
    let matcher = PhraseMatcher(phrases, longest: longest, words: words)
    let sets = InterleavedSets(setCount: phrases.count, capacity: rows.capacity)
    let oddRows = InstanceSet(capacity: rows.capacity) { rows.contains($0) && rowCodes[$0] == Self.odd }
    let shares = InstanceSet.wordShares(rows.words.count, threads: Swift.min(threads, rows.count / 4096 + 1))
    DispatchQueue.concurrentPerform(iterations: shares.count) { thread in
      rowCodes.withUnsafeBufferPointer { codes in
        rows.forEachRow(inWords: shares[thread]) { row in
          let code = Int(codes[row])
          guard code >= 0 else { return }
          matcher.within.forEach(code) { sets.insert(row, into: $0) }
          matcher.forEachCompared(code: code, row: row, in: column) { sets.insert(row, into: $0) }
        }
      }
      matcher.trie.mark(in: column, among: oddRows, inWords: shares[thread], into: sets)
    }
    return sets.finish()
  }

  /// Per phrase, how many rows of `among` (rows indexed) have a text that
  /// starts with it: `members(of:among:)`'s sizes, from a count per
  /// longest phrase, without sets.
  public func counts(of phrases: [String], among rows: InstanceSet) -> [Int] {
    let matcher = PhraseMatcher(phrases, longest: longest, words: words)
    var counts = [Int](repeating: 0, count: phrases.count)
    var perCode = [Int](repeating: 0, count: longest.count)
    var oddRows = InstanceSet(capacity: rows.capacity)
    rowCodes.withUnsafeBufferPointer { codes in
      rows.forEachRow { row in
        let code = Int(codes[row])
        if code >= 0 {
          perCode[code] += 1
          matcher.forEachCompared(code: code, row: row, in: column) { counts[$0] += 1 }
        } else if code == Int(Self.odd) {
          oddRows.insert(row)
        }
      }
    }
    for code in perCode.indices where perCode[code] > 0 { matcher.within.forEach(code) { counts[$0] += perCode[code] } }
    matcher.trie.forEachPrefix(in: column, among: oddRows, inWords: 0 ..< oddRows.words.count) { counts[$1] += 1 }
    return counts
  }

  /// Whether `phrase` is one a plain text can have: plain, and its own
  /// longest phrase of at most `words` words.
  private static func isPlainPhrase(_ phrase: [UInt8], words: Int) -> Bool {
    var last = 0
    let plain = phrase.withUnsafeBufferPointer { LeadingPhrases.forEachPhraseEnd(in: $0, words: words) { last = $0 } }
    return plain && !phrase.isEmpty && last == phrase.count
  }

  /// Which of some phrases a row's text starts with, from its code (see
  /// `members(of:among:)`).
  private struct PhraseMatcher {
    let prefixes: [[UInt8]]
    /// Per longest phrase: the phrases that are prefixes of it.
    let within: FlatLists
    /// Per longest phrase: the phrases to compare with its texts.
    let compared: FlatLists
    /// The trie of every phrase, for texts that are not plain.
    let trie: PrefixMembers

    init(_ phrases: [String], longest: ByteStringDictionary, words: Int) {
      let prefixes = phrases.map { Array($0.utf8) }
      let plain = prefixes.map { LeadingPhraseIndex.isPlainPhrase($0, words: words) }
      within = FlatLists(count: longest.count) { code in
        let key = longest.key(code)
        return prefixes.indices.filter { key.starts(with: prefixes[$0]) }
      }
      compared = FlatLists(count: longest.count) { code in
        let key = longest.key(code)
        return prefixes.indices.filter { !plain[$0] && prefixes[$0].count > key.count && prefixes[$0].starts(with: key) }
      }
      trie = PrefixMembers(prefixes: prefixes)
      self.prefixes = prefixes
    }

    /// Calls `body` with each phrase to compare with row `row`'s text (of
    /// longest phrase `code`) that it starts with.
    @inline(__always)
    func forEachCompared(code: Int, row: Int, in column: TextColumn, _ body: (Int) -> Void) {
      compared.forEach(code) { prefix in
        let text = column.utf8[column.offsets[row] ..< column.offsets[row + 1]]
        if text.starts(with: prefixes[prefix]) { body(prefix) }
      }
    }
  }

  /// One thread's share of the rows: their longest phrases (plain texts),
  /// with the phrase ends inside each, and the phrases of the other texts.
  private struct ThreadPart {
    var longest = ByteStringDictionary()
    var counts: [Int] = []
    var ends: [[Int]] = []
    var oddPhrases = ByteStringDictionary()
    var oddCounts: [Int] = []

    /// Indexes the rows of `rows` in the words `wordRange`, writing each
    /// row's code (in this part's `longest`) into `codes`.
    init(column: TextColumn, rows: InstanceSet, inWords wordRange: Range<Int>, words: Int,
         codes: UnsafeMutableBufferPointer<Int32>) {
      var phraseEnds = [Int](repeating: 0, count: words)
      column.utf8.withUnsafeBufferPointer { bytes in
        column.offsets.withUnsafeBufferPointer { offsets in
          rows.forEachRow(inWords: wordRange) { row in
            let text = UnsafeBufferPointer(rebasing: bytes[offsets[row] ..< offsets[row + 1]])
            var found = 0
            let plain = LeadingPhrases.forEachPhraseEnd(in: text, words: words) { end in
              phraseEnds[found] = end
              found += 1
            }
            // A text that begins with whitespace has no phrase, but a string may begin it.
            guard found > 0 else { return codes[row] = text.isEmpty ? LeadingPhraseIndex.none : LeadingPhraseIndex.odd }
            let last = phraseEnds[found - 1]
            if plain {
              let (code, added) = longest.code(of: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(text)[..<last]))
              if added {
                counts.append(0)
                ends.append(Array(phraseEnds[..<found]))
              }
              counts[Int(code)] += 1
              codes[row] = code
            } else {
              for end in phraseEnds[..<found] {
                let (code, added) = oddPhrases.code(of: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(text)[..<end]))
                if added { oddCounts.append(0) }
                oddCounts[Int(code)] += 1
              }
              codes[row] = LeadingPhraseIndex.odd
            }
          }
        }
      }
    }
  }
}

/// Lists of small integers, one per index, laid out in one array.
private struct FlatLists: Sendable {
  private let starts: [Int]
  private let items: [Int]

  /// The list `list(i)` for each `i` in `0 ..< count`.
  init(count: Int, _ list: (Int) -> [Int]) {
    var starts = [0]
    var items: [Int] = []
    for index in 0 ..< count {
      items += list(index)
      starts.append(items.count)
    }
    self.starts = starts
    self.items = items
  }

  /// Calls `body` with each item of list `index`.
  @inline(__always)
  func forEach(_ index: Int, _ body: (Int) -> Void) {
    for position in starts[index] ..< starts[index + 1] { body(items[position]) }
  }
}
