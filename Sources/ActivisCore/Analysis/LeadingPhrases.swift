/// The phrases texts begin with — their first one, two, … words, a word
/// ending at the first whitespace character — found in a text's bytes
/// without making a `String` of it (`LeadingPhraseIndex` counts them).
enum LeadingPhrases {
  /// Calls `body` with the length in bytes of each leading phrase of
  /// `text`, shortest first: byte by byte while the text is ASCII or Latin
  /// letters (see `latinLetterEnd`), on its `Character`s from the first
  /// byte that is neither.
  ///
  /// - Returns: whether the phrases were all found byte by byte, so that the
  ///   text is ASCII and Latin letters up to and including the character
  ///   that ended the last one (which is ASCII).
  @discardableResult
  static func forEachPhraseEnd(in text: UnsafeBufferPointer<UInt8>, words: Int, _ body: (Int) -> Void) -> Bool {
    var end = 0
    var reported = 0
    for _ in 0 ..< words {
      guard end < text.count else { return true }
      guard !isASCIIWhitespace(text[end]) else { return true }
      // The word's bytes: ASCII other than whitespace, and Latin letters.
      while true {
        end = wordBytesEnd(in: text, from: end)
        while end < text.count && text[end] < 0x80 && !isASCIIWhitespace(text[end]) { end += 1 }
        guard end < text.count, text[end] >= 0x80 else { break }
        guard let next = latinLetterEnd(in: text, at: end) else {
          forEachPhraseEnd(in: text, words: words, longerThan: reported, body)
          return false
        }
        end = next
      }
      body(end)
      reported = end
      guard end < text.count else { return true }
      // One whitespace character (CR LF is one).
      end += text[end] == 0x0D && end + 1 < text.count && text[end + 1] == 0x0A ? 2 : 1
    }
    return true
  }

  /// The first byte from `start` on that is below 0x21 or above 0x7F (or
  /// the end), eight bytes at a time: every byte before it is printable
  /// ASCII, so it continues a word. The lowest byte flagged by the
  /// subtraction is exact (only a byte below 0x21 borrows).
  @inline(__always)
  private static func wordBytesEnd(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let raw = UnsafeRawBufferPointer(text)
    var end = start
    while end + 8 <= raw.count {
      let word = raw.loadUnaligned(fromByteOffset: end, as: UInt64.self)
      let below = (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080
      let stops = (word & 0x8080_8080_8080_8080) | below
      if stops != 0 { return end + stops.trailingZeroBitCount / 8 }
      end += 8
    }
    return end
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

  /// The end of the Latin letter whose UTF-8 bytes begin at `start` (one of
  /// U+00C0 … U+024F: À … ɏ, with × and ÷), or nil for any other character.
  /// These are neither whitespace nor join a neighbour into one `Character`
  /// (a mark that would join the next is no Latin letter, and is read on
  /// the `Character`s), so they split words as ASCII letters do.
  @inline(__always)
  private static func latinLetterEnd(in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
    guard start + 1 < text.count else { return nil }
    let lead = text[start], next = text[start + 1]
    guard next & 0xC0 == 0x80 else { return nil }
    if lead >= 0xC3 && lead <= 0xC8 { return start + 2 }
    return lead == 0xC9 && next <= 0x8F ? start + 2 : nil
  }

  /// Space, tab, line feed, vertical tab, form feed, carriage return.
  @inline(__always)
  private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
  }
}
