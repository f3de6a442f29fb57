import ActivisCore
import ActivisLanguage
import Testing

@Suite struct EvaluationMatrixTests {
  func mean(_ fixture: EvaluationFixture, rows: [Int], neuron: Int) -> Double {
    rows.reduce(0.0) { $0 + Double(fixture.activations[$1][neuron]) } / Double(rows.count)
  }

  @Test func classSubsetAndInstanceRowsAreMeansOfTheirInstances() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset golf = where text contains \"golf\"")
    try fixture.run("add #104")
    guard case .matrix(let matrix)? = try fixture.result("matrix") else {
      Issue.record("matrix should return a matrix")
      return
    }
    #expect(matrix.rows.map(\.label) == ["ABBR", "DESC", "NUM", "golf", "#104"])
    #expect(matrix.rows.map(\.kind) == [.class, .class, .class, .subset, .instance])
    var expectedRows = (0 ..< 3).map { c in (0 ..< EvaluationFixture.count).filter { fixture.labels[$0] == c } }
    expectedRows.append((0 ..< EvaluationFixture.count).filter { fixture.texts[$0].contains("golf") })
    expectedRows.append([2])
    for (row, members) in zip(matrix.rows, expectedRows) {
      #expect(row.statistics.count == members.count)
      for j in 0 ..< EvaluationFixture.columns {
        #expect(abs(Double(row.statistics.mean[j]) - mean(fixture, rows: members, neuron: j)) < 1e-6)
      }
    }
  }

  @Test func sortByRowPutsItsStrongestNeuronFirst() throws {
    let fixture = try EvaluationFixture().loaded()
    guard case .matrix(let matrix)? = try fixture.result("matrix sort by NUM") else {
      Issue.record("matrix should return a matrix")
      return
    }
    // Neuron 2 is planted for NUM (label index 2).
    #expect(matrix.columns.first == 2)
    guard case .matrix(let range)? = try fixture.result("matrix neurons 1..3") else {
      Issue.record("matrix should return a matrix")
      return
    }
    #expect(range.columns == [1, 2, 3])
  }

  @Test func removeAndAddRows() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("remove ABBR DESC")
    try fixture.run("add #100 #102")
    #expect(fixture.session.matrixRows == [.class(2), .instance(row: 0), .instance(row: 1)])
    #expect(fixture.failure("remove ABBR") == "'ABBR' is not a row of the matrix")
    try fixture.run("add ABBR")
    #expect(fixture.session.matrixRows.last == .class(0))
  }

  @Test func compareRanksNeuronsByDifference() throws {
    let fixture = try EvaluationFixture().loaded()
    guard case .table(let table)? = try fixture.result("compare ABBR NUM top 2") else {
      Issue.record("compare should return a table")
      return
    }
    #expect(table.columns == ["neuron", "ABBR", "NUM", "difference", "effect", "auroc"])
    // Planted: neuron 0 for ABBR and neuron 2 for NUM differ by about 2.
    #expect(Set(table.rows.map { $0[0] }) == [.text("n0"), .text("n2")])
  }

  @Test func neuronsRankedBySeparation() throws {
    let fixture = try EvaluationFixture().loaded()
    guard case .table(let table)? = try fixture.result("neurons by separation top 3") else {
      Issue.record("neurons should return a table")
      return
    }
    #expect(table.rows.count == 3)
    #expect(Set(table.rows.map { $0[0] }) == [.text("n0"), .text("n1"), .text("n2")])
    guard case .float(let mean) = table.rows[0][1],
      case .text(let name) = table.rows[0][0], let neuron = Int(name.dropFirst())
    else {
      Issue.record("expected a neuron name and a mean: \(table.rows[0])")
      return
    }
    #expect(abs(Double(mean) - self.mean(fixture, rows: Array(0 ..< EvaluationFixture.count), neuron: neuron)) < 1e-6)
  }

  @Test func instancePanelGroupsCorrectAndMisclassified() throws {
    let fixture = try EvaluationFixture().loaded()
    guard case .instancePanel(let panel)? = try fixture.result("instances NUM") else {
      Issue.record("instances should return a panel")
      return
    }
    let num = (0 ..< EvaluationFixture.count).filter { fixture.labels[$0] == 2 }
    let wrong = num.filter { fixture.predicted[$0] != 2 }
    #expect(panel.groups.count == 1)
    #expect(Set(panel.groups[0].correct.map(\.id)) == Set(num.filter { fixture.predicted[$0] == 2 }.map(fixture.id)))
    #expect(Set(panel.groups[0].misclassified.map(\.id)) == Set(wrong.map(fixture.id)))
    #expect(panel.groups[0].misclassified.allSatisfy { $0.predicted != 2 })
  }
}
