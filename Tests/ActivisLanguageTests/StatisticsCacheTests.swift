import ActivisCore
@testable import ActivisLanguage
import Testing

/// Cached statistics survive a change of the subsets only when the groups
/// of a statistics pass stay as they were; the numbers shown are always the
/// members' own (means by a plain loop over the fixture).
@Suite struct StatisticsCacheTests {
  func isCached(_ fixture: EvaluationFixture) -> Bool { !(fixture.session.workspace?.statistics.isEmpty ?? true) }

  @Test func redefiningToTheSameMembersKeepsTheCache() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset s = where correct; matrix")
    #expect(isCached(fixture))
    try fixture.run("subset s = where correct")
    #expect(isCached(fixture))
    try fixture.expectMatrixRow("s", holds: (0 ..< EvaluationFixture.count).filter {
      fixture.labels[$0] == fixture.predicted[$0]
    })
  }

  /// A subset with a class's members is no group of its own.
  @Test func aSubsetLikeAClassKeepsTheCache() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("matrix; subset t = where label = DESC")
    #expect(isCached(fixture))
    try fixture.expectMatrixRow("t", holds: (0 ..< EvaluationFixture.count).filter { fixture.labels[$0] == 1 })
  }

  @Test func otherMembersEmptyTheCache() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset s = where correct; matrix; subset s = where misclassified")
    #expect(!isCached(fixture))
    try fixture.expectMatrixRow("s", holds: (0 ..< EvaluationFixture.count).filter {
      fixture.labels[$0] != fixture.predicted[$0]
    })
    try fixture.run("subsets by length bins 2")
    #expect(!isCached(fixture))
    try fixture.run("matrix; remove s")  // a matrix row, not a subset: the groups stay
    #expect(isCached(fixture))
    try fixture.run("subsets by length bins 3")  // length_1 … length_3 replace length_1, length_2
    #expect(!isCached(fixture))
  }
}
