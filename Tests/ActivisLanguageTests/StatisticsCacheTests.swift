import ActivisCore
@testable import ActivisLanguage
import Testing

/// Cached statistics are kept by exact member set for as long as a class or
/// subset has those members, whatever else changes; the numbers shown are
/// always the members' own (means by a plain loop over the fixture).
@Suite struct StatisticsCacheTests {
  func isCached(_ fixture: EvaluationFixture) -> Bool { !(fixture.session.workspace?.statistics.isEmpty ?? true) }

  func holds(_ fixture: EvaluationFixture, _ rows: [Int]) -> Bool {
    fixture.session.workspace?.statistics.holds(InstanceSet(capacity: EvaluationFixture.count, rows: rows)) ?? false
  }

  func correctRows(_ fixture: EvaluationFixture) -> [Int] {
    (0 ..< EvaluationFixture.count).filter { fixture.labels[$0] == fixture.predicted[$0] }
  }

  @Test func redefiningToTheSameMembersKeepsTheCache() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset s = where correct; matrix")
    #expect(holds(fixture, correctRows(fixture)))
    try fixture.run("subset s = where correct")
    #expect(holds(fixture, correctRows(fixture)))
    try fixture.expectMatrixRow("s", holds: correctRows(fixture))
  }

  /// A subset with a class's members is no group of its own.
  @Test func aSubsetLikeAClassKeepsTheCache() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("matrix; subset t = where label = DESC")
    #expect(isCached(fixture))
    try fixture.expectMatrixRow("t", holds: (0 ..< EvaluationFixture.count).filter { fixture.labels[$0] == 1 })
  }

  /// Other members forget the old set's numbers only; the classes' stay.
  @Test func otherMembersForgetOnlyTheOldSet() throws {
    let fixture = try EvaluationFixture().loaded()
    let descRows = (0 ..< EvaluationFixture.count).filter { fixture.labels[$0] == 1 }
    try fixture.run("subset s = where correct; matrix; subset s = where misclassified")
    #expect(!holds(fixture, correctRows(fixture)))
    #expect(holds(fixture, descRows))
    let misclassified = (0 ..< EvaluationFixture.count).filter { fixture.labels[$0] != fixture.predicted[$0] }
    try fixture.expectMatrixRow("s", holds: misclassified)
    #expect(holds(fixture, misclassified))
    try fixture.run("subsets by length bins 2")
    #expect(holds(fixture, descRows) && holds(fixture, misclassified))
    try fixture.run("matrix; remove s")  // a matrix row, not a subset: its numbers stay
    #expect(holds(fixture, misclassified))
    try fixture.run("subset s = where correct")
    #expect(!holds(fixture, misclassified) && holds(fixture, descRows))
  }

  /// A row's numbers are the same bytes whatever was computed before or
  /// alongside it: alone in a fresh session, or after other subsets.
  @Test func numbersDoNotDependOnHistory() throws {
    let alone = try EvaluationFixture().loaded()
    try alone.run("subset s = where correct; matrix")
    let after = try EvaluationFixture().loaded()
    try after.run("subset s = where misclassified; matrix; subset u = where length > 3; subset s = where correct; matrix")
    let row = { (fixture: EvaluationFixture) throws -> [RowStatistics] in
      let workspace = try #require(fixture.session.workspace)
      let layer = try #require(workspace.layer)
      return try Evaluator(session: fixture.session).statistics(of: workspace.matrixRows.filter {
        if case .subset("s") = $0 { return true }
        if case .class = $0 { return true }
        return false
      }, in: layer, workspace: workspace)
    }
    let a = try row(alone), b = try row(after)
    #expect(a.map(\.mean) == b.map(\.mean))
    #expect(a.map(\.standardDeviation) == b.map(\.standardDeviation))
  }
}
