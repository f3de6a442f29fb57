import Testing
@testable import ActivisLanguage

@Suite struct DiagnosticFormatterTests {
  /// Parses `line` and formats its first diagnostic.
  static func format(_ line: String, file: String? = nil, lineNumber: Int = 1,
                     useColor: Bool = false) -> String {
    guard let diagnostic = Parser.parse(line: line).diagnostics.first else { return "no error" }
    return DiagnosticFormatter.format(diagnostic, line: line, file: file, lineNumber: lineNumber,
                                      useColor: useColor)
  }

  @Test func scriptErrorAtEndOfLine() {
    #expect(Self.format("subset whatis = where", file: "analysis.avq", lineNumber: 3) == """
      analysis.avq:3:22: error: expected a predicate after 'where', found end of line
      subset whatis = where
                           ^
      """)
  }

  @Test func interactiveErrorUnderlinesTheToken() {
    #expect(Self.format("info foo", lineNumber: 2) == """
      2:6: error: unexpected 'foo' after 'info'
      info foo
           ^~~
      """)
  }

  @Test func columnsCountCharactersNotBytes() {
    #expect(Self.format(#"subset where text starts "Qué" und"#) == """
      1:32: error: unexpected 'und' after '"Qué"'
      subset where text starts "Qué" und
                                     ^~~
      """)
  }

  @Test func emojiIsOneColumnButTwoCells() {
    #expect(Self.format(#"subset where text contains "👍🏽é" 1e999"#) == """
      1:33: error: number '1e999' is out of range
      subset where text contains "👍🏽é" 1e999
                                       ^~~~~
      """)
  }

  @Test func nonASCIITokenIsUnderlinedByCharacters() {
    #expect(Self.format("instances Qué über") == """
      1:15: error: unexpected 'über' after 'Qué'
      instances Qué über
                    ^~~~
      """)
  }

  @Test func wideCharactersTakeTwoCellsButOneColumn() {
    #expect(Self.format("instances 名前 x") == """
      1:14: error: unexpected 'x' after '名前'
      instances 名前 x
                     ^
      """)
    #expect(Self.format("info 名前") == """
      1:6: error: unexpected '名前' after 'info'
      info 名前
           ^~~~
      """)
  }

  @Test func tabsStayAligned() {
    #expect(Self.format("info\t\tfoo") == "1:7: error: unexpected 'foo' after 'info'\n"
      + "info\t\tfoo\n" + "    \t\t^~~")
  }

  @Test func colourMarksTheSeverityOnly() {
    #expect(Self.format("info foo", useColor: true) == """
      1:6: \u{1B}[1;31merror:\u{1B}[0m unexpected 'foo' after 'info'
      info foo
           \u{1B}[1;32m^~~\u{1B}[0m
      """)
  }

  @Test func diagnosticWithoutRangePrintsOnlyItsLocation() {
    let diagnostic = Diagnostic.error("unknown layer 'conact'", at: nil)
    #expect(DiagnosticFormatter.format(diagnostic, line: "select layer conact",
                                       file: "a.avq", lineNumber: 4, useColor: false)
      == "a.avq:4: error: unknown layer 'conact'")
  }

  @Test func warningsAndOutOfRangeOffsets() {
    let diagnostic = Diagnostic(.warning, "odd", at: SourceRange(2, 99))
    #expect(DiagnosticFormatter.format(diagnostic, line: "abcd", file: nil, lineNumber: 1,
                                       useColor: false) == """
      1:3: warning: odd
      abcd
        ^~
      """)
  }
}
