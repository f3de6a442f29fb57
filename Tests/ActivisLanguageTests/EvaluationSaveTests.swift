import ActivisCore
import ActivisLanguage
import ActivisTestSupport
import Foundation
import Testing

/// `save <file>`: the script rebuilds the session it was saved from.
@Suite struct EvaluationSaveTests {
  /// The script `save` asks the shell to write.
  func savedScript(_ fixture: EvaluationFixture) throws -> String {
    guard case .save(let script, let path)? = try fixture.run("save out.avq") else {
      Issue.record("save gave no script")
      return ""
    }
    #expect(path.value == "out.avq")
    return script
  }

  /// Runs every line of `script` in a new session.
  func replay(_ script: String) throws -> Session {
    let session = Session()
    for line in script.split(separator: "\n").map(String.init) {
      let parsed = Parser.parse(line: line)
      if let error = parsed.diagnostics.first { throw error }
      for command in parsed.commands { _ = try Evaluator(session: session).evaluate(command, source: line) }
    }
    return session
  }

  func expectSameState(_ replayed: Session, _ original: Session) {
    #expect(replayed.bundle?.path == original.bundle.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path })
    #expect(replayed.layer?.name == original.layer?.name)
    #expect(replayed.subsets.map(\.name) == original.subsets.map(\.name))
    #expect(replayed.subsets.map(\.members) == original.subsets.map(\.members))
    #expect(replayed.matrixRows == original.matrixRows)
    #expect(replayed.colorKey == original.colorKey)
  }

  @Test func replayRebuildsSubsetsRowsLayerAndColours() throws {
    let fixture = try EvaluationFixture().loaded()
    let ids = try fixture.bundle.outsidePath("ids.txt")
    try "\(fixture.id(4))\n\(fixture.id(9))\n".write(toFile: ids, atomically: false, encoding: .utf8)
    try fixture.run("subset whatis = where text starts \"What is\" and not label = NUM")
    try fixture.run("subset \"two words\" = from \"\(ids)\"")
    try fixture.run("subsets by length bins 3")
    try fixture.run("add #\(fixture.id(5)) #\(fixture.id(7)); remove DESC; color by whatis")
    let script = try savedScript(fixture)
    #expect(script.hasPrefix("#!/usr/bin/env activis\n"))
    #expect(script.contains("subset \"two words\" = from \"\(ids)\"\n"))
    #expect(script.contains("remove DESC\nadd #\(fixture.id(5)) #\(fixture.id(7))\n"))
    expectSameState(try replay(script), fixture.session)
  }

  @Test func rowsInANewOrderAreAllAddedAgain() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset late = where correct; remove ABBR late; add late ABBR")
    let script = try savedScript(fixture)
    #expect(script.contains("remove ABBR DESC NUM late\nadd DESC NUM late ABBR\n"))
    expectSameState(try replay(script), fixture.session)
  }

  @Test func nothingToSaveWithoutABundle() throws {
    let fixture = try EvaluationFixture()
    #expect(fixture.failure("save out.avq") == "nothing to save: no bundle is loaded")
  }
}
