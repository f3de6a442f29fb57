import ActivisCore
import ActivisLanguage
import Testing

/// `top N for neuron K [lowest] [of S]` against plain loops over the fixture.
@Suite struct EvaluationTopTests {
  /// The ids the fixture's rows give, ranked by a plain sort.
  func expectedIDs(_ fixture: EvaluationFixture, neuron: Int, count: Int, lowest: Bool = false,
                   where member: (Int) -> Bool = { _ in true }) -> [Int64] {
    let rows = (0 ..< EvaluationFixture.count).filter(member).sorted { a, b in
      let x = fixture.activations[a][neuron], y = fixture.activations[b][neuron]
      if x != y { return lowest ? x < y : x > y }
      return a < b
    }
    return rows.prefix(count).map(fixture.id)
  }

  func ids(_ result: CommandResult?) -> [Int64] {
    guard case .table(let table)? = result else { return [] }
    return table.rows.compactMap { if case .integer(let id) = $0[0] { id } else { nil } }
  }

  @Test func highestLowestAndWithinASubset() throws {
    let fixture = try EvaluationFixture().loaded()
    #expect(ids(try fixture.result("top 7 for neuron 2")) == expectedIDs(fixture, neuron: 2, count: 7))
    #expect(ids(try fixture.result("top 4 for neuron n5 lowest")) == expectedIDs(fixture, neuron: 5, count: 4, lowest: true))
    #expect(ids(try fixture.result("top 3 for neuron 1 of NUM"))
      == expectedIDs(fixture, neuron: 1, count: 3) { fixture.labels[$0] == 2 })
    try fixture.run("subset w = where text starts \"Who was\"")
    #expect(ids(try fixture.result("top 5 for neuron 0 lowest of w"))
      == expectedIDs(fixture, neuron: 0, count: 5, lowest: true) { fixture.texts[$0].hasPrefix("Who was") })
  }

  @Test func theRowCarriesActivationLabelPredictionAndText() throws {
    let fixture = try EvaluationFixture().loaded()
    guard case .table(let table)? = try fixture.result("top 1 for neuron 3") else {
      Issue.record("no table")
      return
    }
    let row = try #require(expectedIDs(fixture, neuron: 3, count: 1).first.map { Int(($0 - 100) / 2) })
    #expect(table.columns == ["id", "activation", "label", "predicted", "text"])
    #expect(table.rows == [[.integer(fixture.id(row)), .float(fixture.activations[row][3]),
                            .text(EvaluationFixture.classes[fixture.labels[row]]),
                            .text(EvaluationFixture.classes[fixture.predicted[row]]), .text(fixture.texts[row])]])
  }

  @Test func badInputIsOneMessage() throws {
    let fixture = try EvaluationFixture().loaded()
    #expect(fixture.failure("top 3 for neuron 9") == "layer 'hidden' has neurons 0 to 5; there is no neuron 9")
    #expect(fixture.failure("top 3 for neuron n9")?.hasPrefix("unknown neuron 'n9'") == true)
    #expect(fixture.failure("top 0 for neuron 1") == "expected a positive integer after 'top', found '0'")
    #expect(fixture.failure("top 3 for neuron 1 of nothing")?.hasPrefix("unknown subset or class 'nothing'") == true)
    #expect(fixture.failure("top 3 for neuron 1 lowest lowest") == "duplicate option 'lowest'")
  }
}
