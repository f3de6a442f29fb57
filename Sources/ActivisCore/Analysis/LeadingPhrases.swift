import Foundation

/// The phrases texts begin with — their first one, two, … words, a word
/// ending at the first whitespace character — counted over many texts
/// without a `String` per text.
public enum LeadingPhrases {
  /// How many of `rows` of `column` begin with each phrase of one to
  /// `words` words (a text that begins with whitespace, or has two
  /// whitespace characters in a row, has no phrase past that point), for
  /// the phrases that begin at least `minimum` of them; in no particular
  /// order. Counted on all cores (see `LeadingPhraseIndex`).
  public static func counts(in column: TextColumn, rows: InstanceSet, words: Int, minimum: Int = 1,
                            threads: Int = ProcessInfo.processInfo.activeProcessorCount)
    -> [(phrase: String, count: Int)]
  {
    LeadingPhraseIndex(column: column, rows: rows, words: words, threads: threads).counts(minimum: minimum)
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
