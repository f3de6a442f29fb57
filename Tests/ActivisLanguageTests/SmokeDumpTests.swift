import Testing
@testable import ActivisLanguage

@Suite struct SmokeDumpTests {
  @Test func dump() {
    for line in ["load trec-cnn", "load ../b/x; info", "subset whatis = where", "matirx",
                 "subset w = where text starts \"What is\" and not (label = DESC or correct)",
                 "info foo", "show 38", "project tsne seed 7 init pca learning rate 200",
                 "matrix sort by LOC neurons 1..5", "export svg out/whatis.svg -- c",
                 "subset where \"Qué", "help matirx", "compare a b top 3"] {
      let p = Parser.parse(line: line)
      print(line, "=>", p.commands.map(\.command), p.diagnostics)
    }
  }
}
