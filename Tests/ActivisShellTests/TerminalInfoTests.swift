import Testing
@testable import ActivisShell

@Suite struct TerminalInfoTests {
  @Test func colourOnlyOnATerminalWithoutNoColor() {
    #expect(TerminalInfo.allowsColor(outputIsTerminal: true, noColorOption: false,
                                     environment: [:]))
    #expect(TerminalInfo.allowsColor(outputIsTerminal: true, noColorOption: false,
                                     environment: ["NO_COLOR": ""]))
    #expect(!TerminalInfo.allowsColor(outputIsTerminal: true, noColorOption: false,
                                      environment: ["NO_COLOR": "1"]))
    #expect(!TerminalInfo.allowsColor(outputIsTerminal: true, noColorOption: true,
                                      environment: [:]))
    #expect(!TerminalInfo.allowsColor(outputIsTerminal: false, noColorOption: false,
                                      environment: [:]))
  }

  @Test func widthFromTheTerminalThenColumns() {
    #expect(TerminalInfo.width(terminalColumns: 120, environment: ["COLUMNS": "80"]) == 120)
    #expect(TerminalInfo.width(terminalColumns: nil, environment: ["COLUMNS": "80"]) == 80)
    #expect(TerminalInfo.width(terminalColumns: nil, environment: ["COLUMNS": "wide"]) == nil)
    #expect(TerminalInfo.width(terminalColumns: nil, environment: ["COLUMNS": "0"]) == nil)
    #expect(TerminalInfo.width(terminalColumns: 0, environment: [:]) == nil)
  }

  @Test func bundlePathsAreQuotedForLoad() {
    #expect(CommandQuoting.loadCommand(for: "trec-cnn") == #"load "trec-cnn""#)
    #expect(CommandQuoting.loadCommand(for: #"a "b"\c"#) == #"load "a \"b\"\\c""#)
    #expect(CommandQuoting.isBarePath("../b/x.avq"))
    #expect(!CommandQuoting.isBarePath("my dir"))
    #expect(!CommandQuoting.isBarePath("-x"))
    #expect(!CommandQuoting.isBarePath("a;b"))
    #expect(!CommandQuoting.isBarePath(""))
  }

  @Test func colouredPromptsHideTheirEscapesFromLibedit() {
    #expect(PromptMarkup.forLineEditor("activis> ") == "activis> ")
    #expect(PromptMarkup.forLineEditor("\u{1B}[1;34mtrec\u{1B}[0m> ")
              == "\u{01}\u{1B}[1;34m\u{02}trec\u{01}\u{1B}[0m\u{02}> ")
    #expect(PromptMarkup.forLineEditor("\u{01}\u{1B}[1m\u{02}x") == "\u{01}\u{1B}[1m\u{02}x")
    #expect(PromptMarkup.forLineEditor("a\u{1B}") == "a\u{01}\u{1B}\u{02}")
  }
}
