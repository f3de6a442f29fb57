import Foundation
import Testing

@testable import ActivisLanguage

/// Patterns of plain characters, groups and alternatives, expanded by hand,
/// and matched against ICU on texts chosen to sit at each edge.
@Suite struct LiteralAlternativesTests {
  private typealias Alternative = LiteralAlternatives.Alternative

  private static func plain(_ text: String, anchored: Bool = false) -> Alternative {
    Alternative(bytes: Array(text.utf8), anchored: anchored)
  }

  @Test func expandsGroupsAndAlternatives() {
    #expect(LiteralAlternatives(pattern: "^How (many|much)")?.alternatives
      == [Self.plain("How many", anchored: true), Self.plain("How much", anchored: true)])
    #expect(LiteralAlternatives(pattern: "city|^town")?.alternatives
      == [Self.plain("city"), Self.plain("town", anchored: true)])
    #expect(LiteralAlternatives(pattern: "(?:a|b)(c|d)e")?.alternatives
      == ["ace", "ade", "bce", "bde"].map { Self.plain($0) })
    #expect(LiteralAlternatives(pattern: "Où\\?")?.alternatives == [Self.plain("Où?")])
    #expect(LiteralAlternatives(pattern: "a|")?.alternatives == [Self.plain("a"), Self.plain("")])
  }

  @Test(arguments: ["a.b", "ab?", "a*", "(ab)+", "a{2}", "\\d", "[ab]", "a$", "a^b", "(^a)", "(?i)a", "\\w",
                    "(a", "#x", "(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)"])
  func leavesEverythingElseToICU(pattern: String) {
    #expect(LiteralAlternatives(pattern: pattern) == nil, "\(pattern)")
  }

  @Test func matchesWhatICUMatches() throws {
    let texts = ["How many people?", "how many", "So How much", "How muc", "", "city", "a city.", "Town", "town hall",
                 "Où? là", "Ou? la", "ace", "xbdex", "What is a city?", "How\nmany"]
    let patterns = ["^How (many|much)", "How (many|much)", "city|^town", "(?:a|b)(c|d)e", "Où\\?", "a|", "^",
                    "is a (city|town)\\?", "^(What|How) "]
    for pattern in patterns {
      let literals = try #require(LiteralAlternatives(pattern: pattern), "\(pattern)")
      let expression = try NSRegularExpression(pattern: pattern)
      for text in texts {
        let expected = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        let found = Array(text.utf8).withUnsafeBufferPointer { bytes in
          bytes.baseAddress.map { literals.matches($0, count: bytes.count) }
            ?? literals.alternatives.contains { $0.bytes.isEmpty }
        }
        #expect(found == expected, "\(pattern) on '\(text)'")
      }
    }
  }
}
