import Testing
@testable import ActivisLanguage

@Suite struct SuggestionsTests {
  static let cases: [(String, [String], String?)] = [
    ("matirx", ["matrix", "members"], "matrix"),
    ("lod", ["load", "layers"], "load"),
    ("MATRX", ["matrix"], "matrix"),
    ("conact", ["concat", "fc"], "concat"),
    ("x", ["matrix", "load"], nil),
    ("abcd", ["wxyz"], nil),
    ("info", ["info"], nil),
    ("", ["info"], nil),
    ("seperation", ["separation", "std"], "separation"),
    ("ab", ["ac", "ab2"], "ac"),
    ("perplexty", ["of", "perplexity"], "perplexity"),
    ("Qé", ["Qué"], "Qué"),
  ]

  @Test(arguments: cases)
  func suggestsNearest(_ word: String, _ candidates: [String], _ expected: String?) {
    #expect(Suggestions.nearest(to: word, among: candidates) == expected)
  }

  @Test func editDistanceCountsASwapAsOne() {
    #expect(Suggestions.editDistance(Array("ab"), Array("ba")) == 1)
    #expect(Suggestions.editDistance(Array("kitten"), Array("sitting")) == 3)
    #expect(Suggestions.editDistance(Array(""), Array("abc")) == 3)
  }

  @Test func quotedLists() {
    #expect(Suggestions.quotedList(["a"]) == "'a'")
    #expect(Suggestions.quotedList(["a", "b"]) == "'a' or 'b'")
    #expect(Suggestions.quotedList(["a", "b", "c"]) == "'a', 'b' or 'c'")
  }
}
