import Foundation
import Testing
@testable import ActivisLanguage

/// grammar/activis.ebnf says what the declarations say.
@Suite struct GrammarFileTests {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../grammar/activis.ebnf").standardizedFileURL.path

  /// The file's commands part, or the file with `productions` put there.
  static func section(of text: String, replacedBy productions: String? = nil) -> String? {
    guard let begin = text.range(of: " */\n", range: (text.range(of: "/* BEGIN COMMANDS")?.upperBound ?? text.endIndex) ..< text.endIndex),
          let end = text.range(of: "\n/* END COMMANDS */") else { return nil }
    if let productions { return text.replacingCharacters(in: begin.upperBound ..< end.lowerBound, with: productions) }
    return String(text[begin.upperBound ..< end.lowerBound])
  }

  @Test func commandProductionsMatchTheDeclarations() throws {
    let text = try String(contentsOfFile: Self.path, encoding: .utf8)
    let generated = SyntaxText.grammarProductions
    if ProcessInfo.processInfo.environment["ACTIVIS_UPDATE_GRAMMAR"] == "1",
       let updated = Self.section(of: text, replacedBy: generated) {
      try updated.write(toFile: Self.path, atomically: true, encoding: .utf8)
    }
    let section = try #require(Self.section(of: try String(contentsOfFile: Self.path, encoding: .utf8)))
    #expect(section == generated, "grammar/activis.ebnf has drifted: run ACTIVIS_UPDATE_GRAMMAR=1 swift test --filter GrammarFileTests")
  }

  /// Every production names a command the parser knows, and every command has one.
  @Test func everyCommandHasAProduction() throws {
    let section = try #require(Self.section(of: try String(contentsOfFile: Self.path, encoding: .utf8)))
    for declaration in CommandDeclaration.all {
      #expect(section.contains("'\(declaration.name)'"), "\(declaration.name)")
    }
  }
}
