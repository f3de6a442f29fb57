import ActivisCore
import ActivisLanguage
import ActivisTestSupport
import Foundation
import Testing

/// The session cannot go stale: statistics follow the exact members, `load`
/// starts afresh, and a subset's definition is closed (its layer named, `in`
/// resolved when defined). Expected members come from plain loops over the
/// fixture's columns.
@Suite struct SessionStateTests {
  func rows(_ fixture: EvaluationFixture, where condition: (Int) -> Bool) -> [Int] {
    (0 ..< EvaluationFixture.count).filter(condition)
  }

  func matrixRow(_ fixture: EvaluationFixture, _ label: String) throws -> MatrixResult.Row? {
    guard case .matrix(let matrix)? = try fixture.result("matrix") else { return nil }
    return matrix.rows.first { $0.label == label }
  }

  /// Issue 11, sequence 1: a name reused after a split shows its new members.
  @Test func statisticsFollowTheMembersNotTheName() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subsets by length bins 5; matrix; subsets by length bins 2")
    try fixture.run("subset length_5 = where correct")
    try fixture.expectMatrixRow("length_5", holds: rows(fixture) { fixture.labels[$0] == fixture.predicted[$0] })
  }

  /// A subset redefined to other members after `matrix` shows the new ones.
  @Test func redefinitionAfterMatrixIsRecomputed() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset s = where label = NUM; matrix; subset s = where label = DESC")
    let row = try #require(try matrixRow(fixture, "s"))
    #expect(row.statistics.count == rows(fixture) { fixture.labels[$0] == 1 }.count)
  }

  /// Issue 11, sequence 2: `load` drops colours, subsets, rows and views.
  @Test func loadStartsAFreshWorkspace() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset whatis = where text starts \"What is\"; color by whatis; add #100")
    #expect(fixture.session.colorKey == .subset("whatis"))
    try fixture.run("load \"\(fixture.bundle.path)\"")
    #expect(fixture.session.colorKey == .label)
    #expect(fixture.session.subsets.isEmpty)
    #expect(fixture.session.matrixRows == [.class(0), .class(1), .class(2)])
    #expect(fixture.session.layer == nil)
    guard case .save(let script, _)? = try fixture.run("save out.avq") else {
      Issue.record("save gave no script")
      return
    }
    #expect(!script.contains("color by"))
  }

  /// A split that removes the subset the projection is coloured by goes back to labels.
  @Test func removingTheColouringSubsetColoursByLabel() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subsets by length bins 4; color by length_4; subsets by length bins 2")
    #expect(fixture.session.subset(named: "length_4") == nil)
    #expect(fixture.session.colorKey == .label)
  }

  /// Issue 11, sequence 3: a neuron condition keeps the layer it was defined in.
  @Test func neuronConditionsNameTheirLayer() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset hot = where neuron 3 > 1")
    try fixture.run("select layer other")
    let hot = try #require(fixture.session.subset(named: "hot"))
    #expect(hot.definition == "neuron 3 of layer hidden > 1")
    #expect(hot.members.rows == rows(fixture) { fixture.activations[$0][3] > 1 })
    try fixture.run("subset cold = where neuron 3 > 1")
    let other = EvaluationFixture.other(fixture.activations)
    #expect(fixture.session.subset(named: "cold")?.members.rows == rows(fixture) { other[$0][3] > 1 })
    #expect(fixture.session.subset(named: "cold")?.definition == "neuron 3 of layer other > 1")
  }

  /// `in X` means X's members when the subset is defined, whatever X becomes.
  @Test func inIsResolvedWhenDefined() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset x = where label = NUM; subset y = where in x and correct")
    try fixture.run("subset x = where label = ABBR")
    let expected = rows(fixture) { fixture.labels[$0] == 2 && fixture.predicted[$0] == 2 }
    #expect(fixture.session.subset(named: "y")?.members.rows == expected)
    #expect(fixture.session.subset(named: "y")?.definition == "label = NUM and correct")
    try fixture.run("subset y = where in y or label = DESC")
    #expect(fixture.session.subset(named: "y")?.definition == "label = NUM and correct or label = DESC")
    #expect(fixture.session.subset(named: "y")?.members.rows
      == rows(fixture) { (fixture.labels[$0] == 2 && fixture.predicted[$0] == 2) || fixture.labels[$0] == 1 })
  }

  /// Precedence survives expansion: an `or` definition inside `and` or `not` is parenthesised.
  @Test func expansionKeepsPrecedence() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset a = where label = NUM or label = DESC")
    try fixture.run("subset b = where in a and not in a or correct")
    #expect(fixture.session.subset(named: "b")?.definition
      == "(label = NUM or label = DESC) and not (label = NUM or label = DESC) or correct")
    try fixture.run("subset c = where not not in a")
    #expect(fixture.session.subset(named: "c")?.definition == "label = NUM or label = DESC")
  }

  /// An id list stays an id list inside another definition.
  @Test func listedSubsetsExpandToTheirFile() throws {
    let fixture = try EvaluationFixture().loaded()
    let ids = try fixture.bundle.outsidePath("ids.txt")
    try "\(fixture.id(4))\n\(fixture.id(9))\n".write(toFile: ids, atomically: false, encoding: .utf8)
    try fixture.run("subset picked = from \"\(ids)\"; subset both = where in picked and correct")
    let definition = try #require(fixture.session.subset(named: "both")?.definition)
    #expect(definition == "in file \(Lexer.quoted(ids)) and correct")
    try fixture.run("subset again = where \(definition)")
    #expect(fixture.session.subset(named: "again")?.members == fixture.session.subset(named: "both")?.members)
  }

  /// Doubling a definition through `in` many times is refused, not expanded without bound.
  @Test func exponentialExpansionIsRefused() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset s0 = where correct")
    var message: String?
    for level in 1 ... 20 where message == nil {
      message = fixture.failure("subset s\(level) = where in s\(level - 1) or in s\(level - 1)")
    }
    #expect(message?.contains("more than 10000 conditions") == true)
  }
}
