import ActivisCore
@testable import ActivisLanguage
import ActivisTestSupport
import Testing

/// `subsets by`: one subset per class, category or value range, against
/// plain loops over the fixture's columns.
@Suite struct EvaluationSubsetSplitTests {
  func rows(of name: String, in fixture: EvaluationFixture) -> [Int] {
    fixture.session.subset(named: name)?.members.rows ?? []
  }

  /// Redefines each subset from its printed definition and checks that the
  /// language selects the same instances.
  func definitionsReadBack(_ names: [String], in fixture: EvaluationFixture) throws {
    for name in names {
      let subset = try #require(fixture.session.subset(named: name))
      try fixture.run("subset check = where \(subset.definition)")
      #expect(rows(of: "check", in: fixture) == subset.members.rows, "\(name): \(subset.definition)")
    }
  }

  @Test func oneSubsetPerCategoryAndPerPredictedClass() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subsets by source; subsets by predicted")
    for value in ["wiki", "news", "forum"] {
      #expect(rows(of: "source_\(value)", in: fixture) == fixture.source.indices.filter { fixture.source[$0] == value })
    }
    for (index, name) in EvaluationFixture.classes.enumerated() {
      #expect(rows(of: "predicted_\(name)", in: fixture) == fixture.predicted.indices.filter { fixture.predicted[$0] == index })
    }
    #expect(fixture.session.subset(named: "source_news")?.definition == "source = news")
    #expect(fixture.session.matrixRows.contains(.subset("predicted_DESC")))
    try definitionsReadBack(["source_wiki", "predicted_NUM"], in: fixture)
  }

  @Test(arguments: [2, 3, 4, 5])
  func numericRangesCutAtRanksAndLeaveMissingValuesOut(bins: Int) throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subsets by length bins \(bins)")
    // The cut points by hand: the values of rank k·n/bins, without repeats
    // and above the minimum.
    let values = fixture.length.compactMap { $0 }.sorted()
    var cuts: [Double] = []
    for k in 1 ..< bins where values[k * values.count / bins] > values[0] {
      if cuts.last != values[k * values.count / bins] { cuts.append(values[k * values.count / bins]) }
    }
    let bounds = [-Double.infinity] + cuts + [Double.infinity]
    var covered = 0
    for bin in 0 ..< bounds.count - 1 {
      let expected = fixture.length.indices.filter { row in
        fixture.length[row].map { $0 >= bounds[bin] && $0 < bounds[bin + 1] } ?? false
      }
      #expect(!expected.isEmpty)
      #expect(rows(of: "length_\(bin + 1)", in: fixture) == expected, "bin \(bin + 1) of \(bins)")
      covered += expected.count
    }
    #expect(covered == values.count, "every instance with a length in exactly one range")
    #expect(fixture.session.subset(named: "length_\(bounds.count)") == nil)
    try definitionsReadBack((1 ..< bounds.count).map { "length_\($0)" }, in: fixture)
  }

  @Test func fewerRangesRemoveTheRangesLeftFromBefore() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subsets by length bins 5")
    try fixture.run("subset mine = where length > 3")
    guard case .message(let said)? = try fixture.result("subsets by length bins 2") else {
      Issue.record("no message")
      return
    }
    #expect(said.contains("removed length_3, length_4, length_5"))
    #expect(fixture.session.subsets.map(\.name) == ["length_1", "length_2", "mine"])
    #expect(!fixture.session.matrixRows.contains(.subset("length_3")))
  }

  @Test func refusals() throws {
    let fixture = try EvaluationFixture().loaded()
    #expect(fixture.failure("subsets by lenght") == "unknown attribute 'lenght'; did you mean 'length'?")
    #expect(fixture.failure("subsets by source bins 3") == "'bins' is for numeric attributes; 'source' has categories")
    #expect(fixture.failure("subsets by length bins 65") == "at most 64 bins")
  }

  @Test func namesAndLiteralsReadBack() {
    #expect(Evaluator.subsetName("source", "New York!") == "source_New_York_")
    #expect(Evaluator.subsetName("2019", "a") == "_2019_a")
    #expect(SourceText.literal("wiki") == "wiki")
    #expect(SourceText.literal("and") == "\"and\"")
    #expect(SourceText.literal("label", field: true) == "label")
    #expect(SourceText.literal("say \"hi\"\\") == #""say \"hi\"\\""#)
    #expect(SourceText.number(5) == "5" && SourceText.number(-0.25) == "-0.25" && SourceText.number(1e-5) == "1e-05")
    var taken: Set = ["a", "a_2"]
    #expect(Evaluator.unused("a", among: &taken) == "a_3" && taken.contains("a_3"))
  }

  @Test func tooManyValuesIsOneMessage() throws {
    let count = 70
    let bundle = try TestBundle.make(
      labels: (0 ..< count).map { $0 % 2 == 0 ? "A" : "B" },
      attributes: [(name: "city", values: (0 ..< count).map { "c\($0)" })])
    defer { bundle.remove() }
    let fixture = try EvaluationFixture()
    try fixture.run("load \"\(bundle.path)\"")
    #expect(fixture.failure("subsets by city") == "'city' has 70 values; 'subsets by' defines at most 64 subsets")
    #expect(fixture.session.subsets.isEmpty)
  }

  /// `color by length` and `subsets by length` put every instance, one on a
  /// cut point included, in the same range (one quantile rule).
  @Test func colourRangesAreTheSplitsRanges() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subsets by length; color by length")
    guard case .projection(let projection)? = try fixture.result("project pca sample 1000") else {
      Issue.record("no projection")
      return
    }
    var rangesOfSubset: [String: Set<String>] = [:]
    for (id, colour) in zip(projection.ids, projection.colorValues) {
      let row = Int((id - 100) / 2)
      guard fixture.length[row] != nil else {
        #expect(colour == "")
        continue
      }
      let subset = try #require(fixture.session.subsets.first { $0.members.contains(row) })
      rangesOfSubset[subset.name, default: []].insert(colour)
    }
    #expect(rangesOfSubset.count == 4)
    #expect(rangesOfSubset.values.allSatisfy { $0.count == 1 }, "\(rangesOfSubset)")
  }
}
