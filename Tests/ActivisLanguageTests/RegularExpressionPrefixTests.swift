import Foundation
import Testing

@testable import ActivisLanguage

/// The text an anchored pattern's matches must start with, worked out by hand,
/// and the subsets it selects checked against ICU on every text.
@Suite struct RegularExpressionPrefixTests {
  @Test(arguments: [
    ("^How (many|much)", "How "), ("^What is", "What is"), ("^Wh(o|ere) ", "Wh"), ("^Hows?", "How"),
    ("^ab*c", "a"), ("^x{2}", ""), ("^a+", ""), ("^a|b", ""), ("How", ""), ("^\\d+", ""), ("^[A-Z]", ""),
    ("^(a|b)c|d", ""), ("^a[|]b", "a"), ("^a(b|c)", "a"), ("^Où", "O"), ("^", ""), ("^.x", ""),
  ])
  func requiredPrefix(pattern: String, prefix: String) {
    #expect(RegularExpressionPrefix.required(by: pattern) == Array(prefix.utf8), "\(pattern)")
  }

  @Test func subsetsAreWhatICUFindsInEveryText() throws {
    let fixture = try EvaluationFixture().loaded()
    for pattern in ["^Wh", "^What is", "^How (many|much)", "^Who|golf", "^W(h|x)o", "^Whe?r"] {
      try fixture.run("subset s = where text matches \"\(pattern)\"")
      let expression = try NSRegularExpression(pattern: pattern)
      let expected = (0 ..< EvaluationFixture.count).filter { row in
        let text = fixture.texts[row]
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
      }
      #expect(fixture.session.subset(named: "s")?.members.rows == expected, "\(pattern)")
    }
  }
}
