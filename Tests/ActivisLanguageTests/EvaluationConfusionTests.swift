import ActivisCore
import ActivisLanguage
import Testing

/// `confusion [of S]` and the `accuracy` column of `subsets`, against plain
/// counts over the fixture's labels and predictions.
@Suite struct EvaluationConfusionTests {
  func counts(_ fixture: EvaluationFixture, where member: (Int) -> Bool = { _ in true }) -> [[Int]] {
    var counts = [[Int]](repeating: [0, 0, 0], count: 3)
    for row in 0 ..< EvaluationFixture.count where member(row) {
      counts[fixture.labels[row]][fixture.predicted[row]] += 1
    }
    return counts
  }

  func table(_ result: CommandResult?) -> ResultTable? {
    if case .table(let table)? = result { return table }
    return nil
  }

  @Test func countsEveryPairOfTrueAndPredictedClass() throws {
    let fixture = try EvaluationFixture().loaded()
    let table = try #require(table(try fixture.result("confusion")))
    #expect(table.columns == ["label", "ABBR", "DESC", "NUM"])
    let expected = counts(fixture)
    #expect(table.rows == (0 ..< 3).map { k in [.text(EvaluationFixture.classes[k])] + expected[k].map { .int($0) } })
    let correct = (0 ..< 3).reduce(0) { $0 + expected[$1][$1] }
    let accuracy = Double(correct) * 100 / Double(EvaluationFixture.count)
    #expect(table.notes.contains { $0.hasPrefix("accuracy ") && $0.contains("(\(correct) of \(EvaluationFixture.count) ") },
            "\(table.notes), \(accuracy)")
    let recallDESC = Double(expected[1][1]) / Double(expected[1].reduce(0, +)) * 100
    let shown = (recallDESC * 10).rounded() / 10
    let text = shown == shown.rounded() ? "\(Int(shown))%" : "\(shown)%"
    #expect(table.notes.contains { $0.hasPrefix("recall: ") && $0.contains("DESC \(text)") }, "\(table.notes)")
  }

  @Test func withinASubset() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset w = where text starts \"What is\"")
    let table = try #require(table(try fixture.result("confusion of w")))
    let expected = counts(fixture) { fixture.texts[$0].hasPrefix("What is") }
    #expect(table.rows.map { Array($0.dropFirst()) } == expected.map { $0.map { Cell.int($0) } })
  }

  @Test func subsetsShowTheirAccuracy() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subsets by predicted")
    let table = try #require(table(try fixture.result("subsets")))
    #expect(table.columns == ["name", "size", "accuracy", "definition"])
    for (row, k) in zip(table.rows, 0 ..< 3) {
      let members = (0 ..< EvaluationFixture.count).filter { fixture.predicted[$0] == k }
      let right = members.filter { fixture.labels[$0] == k }.count
      #expect(row[2] == .double(Double(right) / Double(members.count)), "\(row)")
    }
  }

  @Test func refusals() throws {
    let fixture = try EvaluationFixture().loaded()
    #expect(fixture.failure("confusion of nothing")?.hasPrefix("unknown subset or class 'nothing'") == true)
    #expect(fixture.failure("confusion of") == "expected a subset or class name after 'of', found end of line")
  }
}
