import ActivisCore
import ActivisLanguage
import Testing

/// `matrix layers A B …`: each block holds the session's rows in one layer,
/// their means computed here with plain loops, and is ordered on its own.
@Suite struct EvaluationMatrixLayersTests {
  func blocks(_ result: CommandResult?) -> [MatrixResult]? {
    if case .layeredMatrix(let blocks)? = result { return blocks }
    return nil
  }

  @Test func eachBlockIsThatLayersMatrixOfTheSameRows() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset golf = where text contains \"golf\"")
    let blocks = try #require(blocks(try fixture.result("matrix layers other hidden")))
    #expect(blocks.map(\.layer) == ["other", "hidden"])
    let layers = ["other": EvaluationFixture.other(fixture.activations), "hidden": fixture.activations]
    var members = (0 ..< 3).map { c in (0 ..< EvaluationFixture.count).filter { fixture.labels[$0] == c } }
    members.append((0 ..< EvaluationFixture.count).filter { fixture.texts[$0].contains("golf") })
    for block in blocks {
      #expect(block.rows.map(\.label) == ["ABBR", "DESC", "NUM", "golf"])
      #expect(block.columns == Array(0 ..< EvaluationFixture.columns))
      let values = layers[block.layer]!
      for (row, rows) in zip(block.rows, members) {
        for j in 0 ..< EvaluationFixture.columns {
          let mean = rows.reduce(0.0) { $0 + Double(values[$1][j]) } / Double(rows.count)
          #expect(abs(Double(row.statistics.mean[j]) - mean) < 1e-6)
        }
      }
    }
  }

  @Test func sortByOrdersEachBlockByItsOwnLayer() throws {
    let fixture = try EvaluationFixture().loaded()
    let sorted = try #require(blocks(try fixture.result("matrix sort by NUM layers hidden other")))
    let alsoAfter = try #require(blocks(try fixture.result("matrix layers hidden other sort by NUM")))
    #expect(sorted.map { $0.columns } == alsoAfter.map { $0.columns })
    // NUM's planted neuron is 2 in `hidden`; `other` reverses and mirrors the
    // neurons, so there NUM is lowest at neuron 3 and that column comes last.
    #expect(sorted[0].columns.first == 2)
    #expect(sorted[1].columns.last == 3)
  }

  @Test func refusesUnknownAndRepeatedLayers() throws {
    let fixture = try EvaluationFixture().loaded()
    #expect(fixture.failure("matrix layers hidden hiden")?.hasPrefix("unknown layer 'hiden'") == true)
    #expect(fixture.failure("matrix layers hidden hidden") == "layer 'hidden' is given twice")
    #expect(fixture.failure("matrix layers hidden srot by variance")
      == "unknown layer 'srot'; did you mean 'sort by'?")
    #expect(fixture.failure("matrix layers sort by NUM")
      == "'matrix layers' needs at least one layer name, e.g. 'matrix layers conv1 concat'")
  }
}
