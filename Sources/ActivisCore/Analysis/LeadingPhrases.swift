import Dispatch
import Foundation

/// The phrases texts begin with — their first one, two, … words, a word
/// ending at the first whitespace character — counted over many texts
/// without a `String` per text.
public enum LeadingPhrases {
  /// How many of `rows` of `column` begin with each phrase of one to
  /// `words` words (a text that begins with whitespace, or has two
  /// whitespace characters in a row, has no phrase past that point), for
  /// the phrases that begin at least `minimum` of them; in no particular
  /// order. Counted on all cores, each thread a run of the rows.
  public static func counts(in column: TextColumn, rows: InstanceSet, words: Int, minimum: Int = 1,
                            threads: Int = ProcessInfo.processInfo.activeProcessorCount)
    -> [(phrase: String, count: Int)]
  {
    let shares = InstanceSet.wordShares(rows.words.count, threads: Swift.min(threads, rows.count / 4096 + 1))
    let parts = ThreadSlots<(ByteStringDictionary, [Int])?>(count: shares.count, initial: nil)
    DispatchQueue.concurrentPerform(iterations: shares.count) { thread in
      parts[thread] = counts(in: column, rows: rows, inWords: shares[thread], words: words)
    }
    guard var (dictionary, counts) = parts[0] else { return [] }
    for part in parts.values.dropFirst() {
      guard let (other, otherCounts) = part else { continue }
      for code in otherCounts.indices {
        let (merged, added) = other.key(code).withUnsafeBytes { dictionary.code(of: $0) }
        if added { counts.append(0) }
        counts[Int(merged)] += otherCounts[code]
      }
    }
    return counts.indices.filter { counts[$0] >= minimum }.map {
      (String(decoding: dictionary.key($0), as: UTF8.self), counts[$0])
    }
  }

  /// The phrases of the rows in the words `wordRange` of `rows`, coded, and
  /// how many rows begin with each.
  private static func counts(in column: TextColumn, rows: InstanceSet, inWords wordRange: Range<Int>, words: Int)
    -> (ByteStringDictionary, [Int])
  {
    var dictionary = ByteStringDictionary()
    var counts: [Int] = []
    column.utf8.withUnsafeBufferPointer { bytes in
      column.offsets.withUnsafeBufferPointer { offsets in
        rows.forEachRow(inWords: wordRange) { row in
          let start = offsets[row]
          let text = UnsafeBufferPointer(rebasing: bytes[start ..< offsets[row + 1]])
          forEachPhraseEnd(in: text, words: words) { end in
            let (code, added) = dictionary.code(of: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[..<end])))
            if added { counts.append(0) }
            counts[Int(code)] += 1
          }
        }
      }
    }
    return (dictionary, counts)
  }

  /// Calls `body` with the length in bytes of each leading phrase of
  /// `text`, shortest first: byte by byte while the text is ASCII, on its
  /// `Character`s from the first byte that is not.
  static func forEachPhraseEnd(in text: UnsafeBufferPointer<UInt8>, words: Int, _ body: (Int) -> Void) {
    var end = 0
    var reported = 0
    for _ in 0 ..< words {
      guard end < text.count else { return }
      guard text[end] < 0x80 else { return forEachPhraseEnd(in: text, words: words, longerThan: reported, body) }
      guard !isASCIIWhitespace(text[end]) else { return }
      while end < text.count && text[end] < 0x80 && !isASCIIWhitespace(text[end]) { end += 1 }
      guard end == text.count || text[end] < 0x80 else {
        return forEachPhraseEnd(in: text, words: words, longerThan: reported, body)
      }
      body(end)
      reported = end
      guard end < text.count else { return }
      // One whitespace character (CR LF is one).
      end += text[end] == 0x0D && end + 1 < text.count && text[end + 1] == 0x0A ? 2 : 1
    }
  }

  /// The same on the text's `Character`s, for the phrases longer than
  /// `reported` bytes.
  private static func forEachPhraseEnd(in text: UnsafeBufferPointer<UInt8>, words: Int, longerThan reported: Int,
                                       _ body: (Int) -> Void) {
    let string = String(decoding: text, as: UTF8.self)
    var end = string.startIndex
    for _ in 0 ..< words {
      guard end < string.endIndex, !string[end].isWhitespace else { return }
      end = string[end...].firstIndex(where: \.isWhitespace) ?? string.endIndex
      let length = string.utf8.distance(from: string.startIndex, to: end)
      if length > reported { body(length) }
      guard end < string.endIndex else { return }
      end = string.index(after: end)
    }
  }

  /// Space, tab, line feed, vertical tab, form feed, carriage return.
  @inline(__always)
  private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
  }
}
