import ActivisCore
import ActivisLanguage
import ActivisTestSupport
import Foundation
import Testing

/// A bundle with aggregates (format 1.1): six sampled instances of a data set
/// of 1,000 rows, two classes, one exported subset, one layer of 2 neurons.
private final class AggregatesFixture {
  let bundle: TestBundle
  let session = Session()
  /// The sample's activations (rows of ids 10 … 15).
  static let sample: [[Float]] = [[1, 0], [3, 0], [5, 2], [0, 4], [0, 6], [2, 8]]
  /// Per group (a, b, big, all) the planes mean, std, min, max, nonfinite, written to the .npy.
  static let planes: [[[Double]]] = [
    [[2.5, 0.25], [1.5, 0.5], [-1, -2], [9, 3], [0, 0]],
    [[0.5, 6.5], [0.75, 2], [-3, 0], [4, 12], [0, 3]],
    [[1.25, 4], [1, 1], [-3, -2], [9, 12], [0, 1]],
    [[1.5, 3.375], [1.25, 3], [-3, -2], [9, 12], [0, 3]],
  ]

  init() throws {
    bundle = try TestBundle.make(
      classes: ["a", "b"], ids: [10, 11, 12, 13, 14, 15], labels: ["a", "a", "a", "b", "b", "b"],
      predicted: ["a", "b", "a", "b", "b", "a"], texts: ["x", "y", "x", "y", "x", "y"],
      layers: [TestLayer(name: "fc", rows: Self.sample)])
    try bundle.writeNpy("aggregates/fc.npy", values: Self.planes.flatMap { $0.flatMap { $0 } }, shape: [4, 5, 2],
                        dtype: .float64)
    try bundle.writeManifest(json: """
      {"format": "activis-bundle", "version": "1.1", "classes": ["a", "b"],
       "layers": [{"name": "fc", "file": "activations/fc.npy"}],
       "aggregates": {"rows": 1000, "planes": ["mean", "std", "min", "max", "nonfinite"],
         "groups": [{"name": "a", "kind": "class", "count": 400}, {"name": "b", "kind": "class", "count": 600},
                    {"name": "big", "kind": "subset", "condition": "x > 1", "count": 250, "sample": [12, 15]},
                    {"name": "all", "kind": "all", "count": 1000}],
         "layers": [{"name": "fc", "file": "aggregates/fc.npy"}]}}
      """)
  }

  deinit { bundle.remove() }

  @discardableResult
  func run(_ line: String) throws -> CommandOutput? {
    let parsed = Parser.parse(line: line)
    if let error = parsed.diagnostics.first { throw error }
    var last: CommandOutput?
    for command in parsed.commands { last = try Evaluator(session: session).evaluate(command) }
    return last
  }

  /// Opens the bundle.
  func loaded() throws -> AggregatesFixture {
    try run("load \"\(bundle.path)\"")
    return self
  }

  func matrix(_ line: String = "matrix") throws -> MatrixResult? {
    guard case .result(.matrix(let matrix))? = try run(line) else { return nil }
    return matrix
  }
}

private enum FixtureError: Error { case noTable }

@Suite struct EvaluationAggregatesTests {
  @Test func classAndExportedSubsetRowsAreTheAggregatesExactly() throws {
    let fixture = try AggregatesFixture().loaded()
    let matrix = try #require(try fixture.matrix())
    #expect(matrix.rows.map(\.label) == ["a", "b", "big"])
    #expect(matrix.rows.map(\.statistics.count) == [400, 600, 250])
    #expect(matrix.rows.map(\.basis) == [.exact(rows: 1000), .exact(rows: 1000), .exact(rows: 1000)])
    for (row, planes) in zip(matrix.rows, AggregatesFixture.planes) {
      #expect(row.statistics.mean == planes[0].map { Float($0) })
      #expect(row.statistics.standardDeviation == planes[1].map { Float($0) })
      #expect(row.statistics.minimum == planes[2].map { Float($0) })
      #expect(row.statistics.maximum == planes[3].map { Float($0) })
    }
    #expect(matrix.rows[1].statistics.nonFiniteCounts == [0, 3])
  }

  @Test func subsetsDefinedInTheShellAreComputedOnTheSampleAndSaySo() throws {
    let fixture = try AggregatesFixture().loaded()
    let message = try fixture.run("subset ys = where text starts \"y\"")
    #expect(message.flatMap { if case .result(.message(let text)) = $0 { text } else { nil } }
      == "ys: 3 instances of the sample of 6 (50%)")
    let matrix = try #require(try fixture.matrix())
    let ys = try #require(matrix.rows.last)
    // ids 11, 13, 15: rows [3, 0], [0, 4], [2, 8].
    #expect(ys.basis == .sample(size: 6))
    #expect(ys.statistics.count == 3)
    #expect(ys.statistics.mean == [Float(5) / 3, 4])
    // `in big` reads the exported subset's members in the sample (ids 12 and 15).
    try fixture.run("subset both = where in big and in ys")
    #expect(fixture.session.subset(named: "both")?.members.rows == [5])
  }

  @Test(arguments: ["top 2 for neuron 0", "neighbors #10 top 2", "members a"])
  func instanceListsSayTheyComeFromTheSample(_ line: String) throws {
    let fixture = try AggregatesFixture().loaded()
    try fixture.run("select layer fc")
    guard case .result(.table(let table))? = try fixture.run(line) else { throw FixtureError.noTable }
    #expect(table.notes.last?.hasSuffix("on the sample of 6 instances (of 1,000 rows)") == true, "\(table.notes)")
  }

  @Test func theInstancePanelSaysItShowsTheSample() throws {
    let fixture = try AggregatesFixture().loaded()
    guard case .result(.instancePanel(let panel))? = try fixture.run("instances") else {
      Issue.record("instances should give a panel")
      return
    }
    #expect(panel.notes == ["listed on the sample of 6 instances (of 1,000 rows)"])
  }

  @Test func neuronsAreExactAndDeadIsRefused() throws {
    let fixture = try AggregatesFixture().loaded()
    guard case .result(.table(let table))? = try fixture.run("neurons") else { throw FixtureError.noTable }
    #expect(table.rows[0][1] == .float(1.5) && table.rows[1][1] == .float(3.375))
    #expect(table.notes[0].hasPrefix("exact over 1,000 rows of layer fc"))
    #expect(throws: Diagnostic.self) { try fixture.run("neurons by dead") }
  }

  @Test func saveLeavesExportedSubsetsToTheBundle() throws {
    let fixture = try AggregatesFixture()
    try fixture.run("load \"\(fixture.bundle.path)\"; subset ys = where text starts \"y\"")
    guard case .save(let script, _)? = try fixture.run("save out.avq") else {
      Issue.record("no script")
      return
    }
    #expect(!script.contains("subset big"))
    #expect(script.contains("subset ys = where text starts \"y\""))
    let replayed = Session()
    for line in script.split(separator: "\n") {
      for command in Parser.parse(line: String(line)).commands { _ = try Evaluator(session: replayed).evaluate(command) }
    }
    #expect(replayed.subsets.map(\.name) == ["big", "ys"])
    #expect(replayed.matrixRows == fixture.session.matrixRows)
  }

  @Test func badAggregatesAreRefusedWithOneMessage() throws {
    let fixture = try AggregatesFixture()
    try fixture.bundle.writeNpy("aggregates/fc.npy", values: [Double](repeating: 0, count: 30), shape: [3, 5, 2],
                                dtype: .float64)
    let error = #expect(throws: BundleError.self) { try ActivationBundle.open(fixture.bundle.path) }
    #expect(error?.code == .shapeMismatch)
    #expect(error?.message == "aggregates of layer 'fc' have shape (3, 5, 2); expected (4, 5, 2): groups × "
      + "(mean, std, min, max, nonfinite) × neurons")
  }

  @Test(arguments: [
    (#""kind": "class", "count": 400"#, #""kind": "team", "count": 400"#,
     "'aggregates.groups[0].kind' is 'team', expected 'class', 'subset' or 'all'"),
    ("[12, 15]", "[12, 99]", "'aggregates.groups[2].sample' lists id 99, which is not an instance"),
    (#""name": "a", "kind""#, #""name": "zz", "kind""#,
     "'aggregates.groups[0].name' is 'zz', which is not one of the classes"),
  ])
  func malformedAggregatesNameTheField(original: String, replacement: String, message: String) throws {
    let fixture = try AggregatesFixture()
    let manifest = try String(contentsOfFile: fixture.bundle.path("activis.json"), encoding: .utf8)
    try fixture.bundle.writeManifest(json: manifest.replacingOccurrences(of: original, with: replacement))
    let error = #expect(throws: BundleError.self) { try ActivationBundle.open(fixture.bundle.path) }
    #expect(error?.message == message)
  }

  @Test func aBundleWithoutAggregatesHasNone() throws {
    let bundle = try TestBundle.make(labels: ["a", "b"], layers: [TestLayer(name: "fc", rows: [[1], [2]])])
    defer { bundle.remove() }
    #expect(try ActivationBundle.open(bundle.path).aggregates == nil)
  }
}
