import Foundation
import ActivisTestSupport
import Testing
@testable import ActivisLanguage

@Suite struct ParserRobustnessTests {
  /// Pieces of the language, right and wrong, to throw together.
  static let vocabulary: [String] = CommandCatalog.commandNames + Parser.predicateKeywords + [
    "where", "layer", "by", "sort", "neurons", "variance", "cluster", "top", "of", "sample",
    "perplexity", "iterations", "learning", "rate", "seed", "init", "tsne", "pca", "random",
    "depth", "expand", "collapse", "format", "csv", "svg", "and", "or", "starts", "matches",
    "LOC", "whatis", "Qué", "名前", "a/b:0", "#38", "#", "#99999999999999999999", "17", "-3",
    "0.5", "1e999", "1e", "10..50", "..", "(", ")", "((", "))", ";", "=", "!=", "<", "<=", ">",
    ">=", "!", "'", ",", "\"", "\"What is\"", "\"a\\\"b\"", "\"\\\\\"", "--", "-- x", "#!", "\t",
    "../x", "out/a.svg", "\u{0}", "\u{7}", "👍🏽", "",
  ]

  static func soup(_ generator: inout SplitMix64) -> String {
    let count = Int.random(in: 0...24, using: &generator)
    var words: [String] = []
    for _ in 0..<count {
      words.append(vocabulary.randomElement(using: &generator) ?? "")
    }
    let separator = Bool.random(using: &generator) ? " " : ""
    return words.joined(separator: separator)
  }

  /// Checks what must hold for any line: ranges inside it, formatting and
  /// completion that do not trap. Returns the line if a range is wrong.
  @discardableResult
  static func check(_ line: String) -> String? {
    let parsed = Parser.parse(line: line)
    let length = line.utf8.count
    var wrong = false
    for diagnostic in parsed.diagnostics {
      if let range = diagnostic.range {
        wrong = wrong || !(0 <= range.start && range.start <= range.end && range.end <= length)
      }
      _ = DiagnosticFormatter.format(diagnostic, line: line, file: "f", lineNumber: 1,
                                     useColor: false)
    }
    wrong = wrong || parsed.commands.contains { $0.range.end > length }
    _ = Completion.context(line: line, cursor: length)
    _ = Completion.context(line: line, cursor: length / 2)
    return wrong ? line : nil
  }

  @Test func tokenSoupNeverTrapsOrHangs() {
    var generator = SplitMix64(seed: 20_171_001)
    let wrong = (0..<20_000).compactMap { _ in Self.check(Self.soup(&generator)) }
    #expect(wrong == [])
  }

  @Test func validPrefixesThenSoup() {
    var generator = SplitMix64(seed: 7)
    let starts = CommandCatalog.entries.flatMap(\.examples)
    let wrong = (0..<5_000).compactMap { _ in
      Self.check((starts.randomElement(using: &generator) ?? "") + " " + Self.soup(&generator))
    }
    #expect(wrong == [])
  }

  @Test func randomBytesNeverTrap() {
    var generator = SplitMix64(seed: 42)
    let wrong = (0..<3_000).compactMap { _ in
      let count = Int.random(in: 0...60, using: &generator)
      let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      return Self.check(String(decoding: bytes, as: UTF8.self))
    }
    #expect(wrong == [])
  }

  @Test func everyPrefixOfEveryExampleIsHandled() {
    for example in CommandCatalog.entries.flatMap(\.examples) {
      let bytes = Array(example.utf8)
      for end in 0...bytes.count {
        let prefix = String(decoding: bytes[0..<end], as: UTF8.self)
        #expect(Self.check(prefix) == nil)
        _ = Completion.context(line: example, cursor: end)
      }
    }
  }

  @Test func longLinesParseIntoEveryCommand() {
    let line = Array(repeating: "add #1 #2 LOC", count: 5_000).joined(separator: "; ")
    let parsed = Parser.parse(line: line)
    #expect(parsed.commands.count == 5_000)
    #expect(parsed.diagnostics.isEmpty)
    // Command k starts at offset 15k (13 characters, then "; ").
    #expect(parsed.commands.enumerated().allSatisfy { $0.element.range.start == 15 * $0.offset })
  }
}
