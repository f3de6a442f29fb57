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
      for command in parsed.commands { _ = try Evaluator(session: session).evaluate(command) }
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

  /// Property: for random sessions (definitions and redefinitions with
  /// `in`, neuron conditions, layer switches, splits, rows, colours), save
  /// then replay gives the same subsets and exactly the same matrix.
  @Test(arguments: 0 ..< 40) func replayOfARandomSessionGivesTheSameMatrix(seed: UInt64) throws {
    let fixture = try EvaluationFixture().loaded()
    var random = SplitMix64(seed: seed)
    var lines: [String] = []
    for _ in 0 ..< 12 {
      let line = RandomSession.command(&random, fixture)
      lines.append(line)
      _ = fixture.failure(line)  // some commands are refused (an unknown name); the session carries on
    }
    let script = try savedScript(fixture)
    let replayed = try replay(script)
    let context = (["seed \(seed):"] + lines + ["-- saved:", script]).joined(separator: "\n")
    #expect(replayed.subsets.map(\.name) == fixture.session.subsets.map(\.name), "\(context)")
    #expect(replayed.subsets.map(\.members) == fixture.session.subsets.map(\.members), "\(context)")
    #expect(replayed.subsets.map(\.definition) == fixture.session.subsets.map(\.definition), "\(context)")
    #expect(replayed.matrixRows == fixture.session.matrixRows, "\(context)")
    #expect(replayed.colorKey == fixture.session.colorKey, "\(context)")
    let matrix = { (session: Session) -> [String] in
      guard case .result(.matrix(let result)) = try Evaluator(session: session).evaluate(
        Parser.parse(line: "matrix").commands[0]) else { return [] }
      return result.rows.map { "\($0.label) \($0.statistics.count) \($0.statistics.mean) \($0.statistics.standardDeviation)" }
    }
    #expect(try matrix(replayed) == matrix(fixture.session), "\(context)")
  }
}

/// Random commands over the evaluation fixture, for replay properties.
enum RandomSession {
  static let names = ["a", "b", "c", "length_2"]

  static func command(_ random: inout SplitMix64, _ fixture: EvaluationFixture) -> String {
    switch random.next() % 10 {
    case 0: return "select layer \(["hidden", "other"][Int(random.next() % 2)])"
    case 1: return "subsets by \(random.next() % 2 == 0 ? "length bins \(2 + random.next() % 3)" : "source")"
    case 2: return "add #\(fixture.id(Int(random.next() % UInt64(EvaluationFixture.count))))"
    case 3: return "remove \(pick(names + EvaluationFixture.classes, &random))"
    case 4: return "color by \(pick(names, &random))"
    default: return "subset \(pick(names, &random)) = where \(predicate(&random, depth: 0))"
    }
  }

  static func predicate(_ random: inout SplitMix64, depth: Int) -> String {
    let choice = depth > 2 ? random.next() % 7 : random.next() % 10
    switch choice {
    case 0: return "label = \(pick(EvaluationFixture.classes, &random))"
    case 1: return random.next() % 2 == 0 ? "correct" : "misclassified"
    case 2: return "neuron \(random.next() % 6) > \(Double(random.next() % 30) / 10 - 0.5)"
    case 3: return "text starts \"\(pick(EvaluationFixture.starts, &random))\""
    case 4: return "length >= \(random.next() % 15)"
    case 5: return "in \(pick(names + EvaluationFixture.classes, &random))"
    case 6: return "score NUM < \(Double(random.next() % 10) / 10)"
    case 7: return "not \(predicate(&random, depth: depth + 1))"
    case 8: return "(\(predicate(&random, depth: depth + 1)) or \(predicate(&random, depth: depth + 1)))"
    default: return "\(predicate(&random, depth: depth + 1)) and \(predicate(&random, depth: depth + 1))"
    }
  }

  static func pick(_ options: [String], _ random: inout SplitMix64) -> String {
    options[Int(random.next() % UInt64(options.count))]
  }
}
