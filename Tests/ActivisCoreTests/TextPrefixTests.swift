import Testing

@testable import ActivisCore

/// Leading phrases and prefix members against plain loops over Swift
/// strings, on texts with the edge cases of words: non-ASCII letters and
/// spaces, combining marks, CR LF, tabs, doubled and leading whitespace.
@Suite struct TextPrefixTests {
  static let texts = [
    "What is the capital?", "What is", "What isn't it", "What  is", " What is", "What\tis the", "What\r\nis up",
    "Où est la gare?", "Où\u{00A0}est", "What é\u{301}t is", "What \u{301}is it", "Zürich is", "", "What",
    "What is the capital?", "How many", "How many\n", "How\u{2003}far", "naïve question here",
  ]

  static func column(_ texts: [String]) -> TextColumn {
    var bytes: [UInt8] = []
    var offsets = [0]
    for text in texts {
      bytes += Array(text.utf8)
      offsets.append(bytes.count)
    }
    return TextColumn(utf8: bytes, offsets: offsets)
  }

  /// The phrases of up to `words` words, by the definition on `Character`s.
  static func phrases(_ text: String, words: Int) -> [String] {
    var result: [String] = []
    var end = text.startIndex
    for _ in 0 ..< words {
      guard end < text.endIndex, !text[end].isWhitespace else { break }
      end = text[end...].firstIndex(where: \.isWhitespace) ?? text.endIndex
      result.append(String(text[..<end]))
      guard end < text.endIndex else { break }
      end = text.index(after: end)
    }
    return result
  }

  /// `count` texts of four words, each followed by a separator, drawn by a
  /// linear congruential generator from `seed`.
  static func randomTexts(_ count: Int, words: [String], separators: [String], seed: UInt64) -> [String] {
    var state = seed
    func pick(_ items: [String]) -> String {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return items[Int((state >> 33) % UInt64(items.count))]
    }
    return (0 ..< count).map { _ in (0 ..< 4).map { _ in pick(words) + pick(separators) }.joined() }
  }

  @Test func phraseCountsAreThoseOfCharacters() {
    let rows = InstanceSet(capacity: Self.texts.count, rows: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16,
                                                              17, 18])
    var expected: [String: Int] = [:]
    for row in rows.rows {
      for phrase in Self.phrases(Self.texts[row], words: 3) { expected[phrase, default: 0] += 1 }
    }
    let counted = LeadingPhraseIndex(column: Self.column(Self.texts), rows: rows, words: 3).counts()
    #expect(Dictionary(uniqueKeysWithValues: counted.map { ($0.phrase, $0.count) }) == expected)
    #expect(expected["What is"] == 3 && expected["What"] == 10 && expected["Où"] == 2 && expected["What \u{301}is"] == 1)
  }

  /// Latin letters (U+00C0 … U+024F) are read byte by byte like ASCII;
  /// any other character sends the text to its `Character`s. The phrases
  /// are those of the `Character`s either way.
  @Test func latinLettersAreReadByteByByte() {
    let cases = [("Where is São Paulo", true), ("Kraków ɏ x y", true), ("a×b ÷ À", true), ("ɐ is", false),
                 ("Où\u{00A0}est", false), ("é\u{301}t a", false), ("São \u{301}x", false), ("Sã", true)]
    for (text, plain) in cases {
      var ends: [Int] = []
      let byteByByte = Array(text.utf8).withUnsafeBufferPointer {
        LeadingPhrases.forEachPhraseEnd(in: $0, words: 3) { ends.append($0) }
      }
      #expect(byteByByte == plain, "\(text)")
      #expect(ends == Self.phrases(text, words: 3).map(\.utf8.count), "\(text)")
    }
  }

  @Test func prefixMembersAreTheTextsThatStartWithEach() {
    let prefixes = ["What", "What is", "What is the", "Où", "How many\n", "Z", "What isn't it", "naïve", "xyz"]
    let among = InstanceSet(capacity: Self.texts.count, rows: Array(0 ..< Self.texts.count).filter { $0 != 14 })
    let found = PrefixMembers(prefixes: prefixes.map { Array($0.utf8) })
      .members(in: Self.column(Self.texts), among: among)
    for (index, prefix) in prefixes.enumerated() {
      let expected = among.rows.filter { Array(Self.texts[$0].utf8).starts(with: Array(prefix.utf8)) }
      #expect(found[index].rows == expected, "\(prefix)")
    }
    #expect(found[1].rows == [0, 1, 2])
  }
}

extension TextPrefixTests {
  /// 12,500 random texts of a few words from a small vocabulary (with the
  /// edge cases' characters), counted and matched on one to three threads:
  /// the same counts and members as plain loops over the strings.
  @Test func countsAndMembersAreTheSameOnSeveralThreads() {
    let words = ["What", "is", "the", "Où", "é\u{301}t", "How", "many", "a", "", "a\u{01}b\u{7F}", "Supercalifragilistic",
                 "São", "Kraków", "ŁódŹ", "ǅa×b", "ɏ", "ɐx", "\u{C0}", "x\u{FF}", "ÿ\u{301}"]
    let separators = [" ", " ", " ", "\t", "\r\n", "\u{00A0}", "  ", " \u{301}"]
    let texts = Self.randomTexts(12_500, words: words, separators: separators, seed: 5)
    let column = Self.column(texts)
    let rows = InstanceSet(capacity: texts.count, rows: (0 ..< texts.count).filter { $0 % 7 != 3 })
    var expected: [String: Int] = [:]
    for row in rows.rows {
      for phrase in Self.phrases(texts[row], words: 3) { expected[phrase, default: 0] += 1 }
    }
    let bytes = texts.map { Array($0.utf8) }
    for threads in 1 ... 3 {
      let counted = LeadingPhraseIndex(column: column, rows: rows, words: 3, threads: threads).counts(minimum: 20)
      #expect(Dictionary(uniqueKeysWithValues: counted.map { ($0.phrase, $0.count) }) == expected.filter { $0.value >= 20 })
      let prefixes = counted.map(\.phrase).sorted()
      let found = PrefixMembers(prefixes: prefixes.map { Array($0.utf8) }).members(in: column, among: rows, threads: threads)
      for (index, prefix) in prefixes.enumerated() {
        let prefixBytes = Array(prefix.utf8)
        #expect(found[index].rows == rows.rows.filter { bytes[$0].starts(with: prefixBytes) })
      }
    }
  }
}

extension TextPrefixTests {
  /// The index's members of every phrase counted, and of strings that are
  /// not phrases of plain texts (non-ASCII, a space before a combining mark,
  /// leading or doubled whitespace, four words), on one to three threads:
  /// the texts that start with each, as a plain loop over the bytes finds them.
  @Test func indexMembersAreTheTextsThatStartWithEachPhrase() {
    let words = ["What", "is", "the", "Où", "c", "\u{301}d", "How", "many", "a", "", "a\u{01}b\u{7F}", "Supercalifragilistic",
                 "São", "Kraków", "ɏ", "ɐ", "\u{C0}\u{301}"]
    let separators = [" ", " ", " ", "\t", "\r\n", "\u{00A0}", "  ", "\r"]
    let texts = Self.randomTexts(8_500, words: words, separators: separators, seed: 9)
    let bytes = texts.map { Array($0.utf8) }
    let column = Self.column(texts)
    let rows = InstanceSet(capacity: texts.count, rows: (0 ..< texts.count).filter { $0 % 5 != 1 })
    let counted = LeadingPhraseIndex(column: column, rows: rows, words: 3).counts(minimum: 1).map(\.phrase).sorted()
    let phrases = counted + ["a c \u{301}d", "What  is", " What", "What is the c", "Wh", "Où", "\r", "Où\u{00A0}is",
                             "Sã", "São is", "What Kraków", "What São the São"]
      .filter { !counted.contains($0) }
    let expected = phrases.map { phrase in
      let prefix = Array(phrase.utf8)
      return rows.rows.filter { bytes[$0].starts(with: prefix) }
    }
    for threads in 1 ... 3 {
      let index = LeadingPhraseIndex(column: column, rows: rows, words: 3, threads: threads)
      let found = index.members(of: phrases, among: rows, threads: threads)
      for position in phrases.indices {
        #expect(found[position].rows == expected[position], "\(phrases[position].debugDescription)")
      }
      // Counts among a part of the rows indexed (and rows not indexed, which count for nothing).
      let part = InstanceSet(capacity: texts.count, rows: (0 ..< texts.count).filter { $0 % 3 == 0 })
      let counts = index.counts(of: phrases, among: part)
      #expect(counts == expected.map { rows in rows.filter { $0 % 3 == 0 }.count })
    }
    // A few rows' positions, by the trie.
    let sample = Array(stride(from: 5, to: texts.count, by: 37))
    let positions = PrefixMembers(prefixes: phrases.map { Array($0.utf8) }).positions(in: column, rows: sample)
    for (index, phrase) in phrases.enumerated() {
      let prefix = Array(phrase.utf8)
      #expect(positions[index] == sample.indices.filter { bytes[sample[$0]].starts(with: prefix) })
    }
  }
}
