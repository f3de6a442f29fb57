import ActivisCore
import ActivisLanguage
import ActivisTestSupport
import Testing

/// `separability` and `suggest` on the fixture, against plain loops and
/// the real parser.
@Suite struct EvaluationSeparabilityTests {
  func table(_ result: CommandResult?) throws -> ResultTable {
    guard case .table(let table)? = result else { throw Failure.noTable }
    return table
  }

  enum Failure: Error { case noTable }

  /// The mean silhouette of `rows` (all when nil) by a plain double loop.
  func silhouette(_ activations: [[Float]], labels: [Int]) -> Double {
    var total = 0.0
    for i in activations.indices {
      var sums = [Int: Double](), sizes = [Int: Int]()
      for j in activations.indices {
        let distance = zip(activations[i], activations[j]).map { Double($0) - Double($1) }.map { $0 * $0 }
          .reduce(0, +).squareRoot()
        sums[labels[j], default: 0] += distance
        sizes[labels[j], default: 0] += 1
      }
      let own = labels[i]
      let a = sums[own]! / Double(sizes[own]! - 1)
      let b = sums.keys.filter { $0 != own }.map { sums[$0]! / Double(sizes[$0]!) }.min()!
      total += (b - a) / max(a, b)
    }
    return total / Double(activations.count)
  }

  @Test func oneRowPerLayerWithTheSilhouetteOfAPlainLoop() throws {
    let fixture = try EvaluationFixture().loaded()
    let result = try table(try fixture.result("separability"))
    #expect(result.columns == ["layer", "neurons", "probe_accuracy", "silhouette"])
    #expect(result.rows.map { $0[0] } == [.text("hidden"), .text("other")])
    #expect(result.rows.map { $0[1] } == [.int(6), .int(6)])
    let layers = [fixture.activations, EvaluationFixture.other(fixture.activations)]
    for (row, activations) in zip(result.rows, layers) {
      // Class neurons 2 apart, noise within ±0.5: every held-out instance is classified right.
      #expect(row[2] == .double(1))
      guard case .double(let value) = row[3] else { Issue.record("no silhouette"); continue }
      #expect(abs(value - silhouette(activations, labels: fixture.labels)) < 1e-6)
    }
  }

  @Test func ofASubsetMeasuresItsInstances() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset w = where text starts \"What is\"")
    let rows = (0 ..< EvaluationFixture.count).filter { fixture.texts[$0].hasPrefix("What is") }
    let result = try table(try fixture.result("separability of w"))
    guard case .double(let value) = result.rows[0][3] else { Issue.record("no silhouette"); return }
    #expect(abs(value - silhouette(rows.map { fixture.activations[$0] }, labels: rows.map { fixture.labels[$0] })) < 1e-6)
    #expect(result.notes.contains { $0.contains("over the \(rows.count) labelled instances of 'w'") })
  }

  @Test func aSampleKeepsEveryClassAndSaysSo() throws {
    let fixture = try EvaluationFixture().loaded()
    let result = try table(try fixture.result("separability sample 30"))
    #expect(result.notes.contains { $0.contains("on a stratified sample of 30 of the 90 labelled instances") })
  }

  @Test func badInputIsOneMessage() throws {
    let fixture = try EvaluationFixture().loaded()
    #expect(fixture.failure("separability of NUM")
      == "'separability' needs labelled instances of at least two classes; 'NUM' has only NUM")
    try fixture.run("subset few = where label = NUM or (label = DESC and id < 110)")
    let desc = (0 ..< EvaluationFixture.count).filter { fixture.labels[$0] == 1 && fixture.id($0) < 110 }.count
    #expect(fixture.failure("separability of few")
      == "class 'DESC' has \(desc) labelled \(desc == 1 ? "instance" : "instances") in 'few', fewer than the 5 folds "
      + "of the probe; measure a subset without it (subset s = where label != DESC) or with more of it")
    #expect(fixture.failure("separability sample 3") == "expected an integer of at least 10 after 'sample', found '3'")
    #expect(fixture.failure("suggest for NOPE")?.hasPrefix("unknown class 'NOPE'") == true)
  }

  /// A row with NaN is left out and said so; a constant neuron is not divided by zero.
  @Test func nanRowsAreLeftOutAndConstantNeuronsAreHarmless() throws {
    let rows: [[Float]] = (0 ..< 20).map { i in [i < 10 ? 3 : 0, 1.5, Float(i % 7) * 0.01] }
      + [[.nan, 1.5, 0]]
    let labels = (0 ..< 21).map { $0 < 10 ? "A" : "B" }
    let bundle = try TestBundle.make(classes: ["A", "B"], labels: labels, predicted: labels,
                                     texts: labels.map { _ in "x" }, layers: [TestLayer(name: "fc", rows: rows)])
    defer { bundle.remove() }
    let fixture = try EvaluationFixture()
    try fixture.run("load \"\(bundle.path)\"")
    let result = try table(try fixture.result("separability"))
    #expect(result.rows[0][2] == .double(1))
    guard case .double(let value) = result.rows[0][3] else { Issue.record("no silhouette"); return }
    #expect(abs(value - silhouette(Array(rows.prefix(20)), labels: (0 ..< 20).map { $0 < 10 ? 0 : 1 })) < 1e-6)
    #expect(result.notes.contains("layer fc: 1 instance with NaN or infinite activations left out"))
  }

  /// Every definition, given to `subset`, selects exactly `size` instances.
  @Test(arguments: ["suggest top 50", "suggest for NUM top 50", "suggest for DESC"])
  func everyDefinitionSelectsItsSize(_ line: String) throws {
    let fixture = try EvaluationFixture().loaded()
    let result = try table(try fixture.result(line))
    #expect(result.columns == ["definition", "size", "accuracy", "divergence"])
    #expect(!result.rows.isEmpty)
    for row in result.rows {
      guard case .text(let definition) = row[0], case .integer(let size) = row[1] else {
        Issue.record("bad row \(row)")
        continue
      }
      if line.contains("for NUM") { #expect(definition.hasPrefix("label = NUM and ")) }
      try fixture.run("subset check = where \(definition)")
      let members = try #require(fixture.session.workspace?.subset(named: "check")?.members)
      #expect(members.count == Int(size), "\(definition)")
      // Accuracy: the members whose prediction is their label, among all members (every row is labelled).
      let correct = members.rows.filter { fixture.labels[$0] == fixture.predicted[$0] }.count
      #expect(row[2] == .double(Double(correct) / Double(members.count)), "\(definition)")
    }
  }

  /// The first suggestion's divergence, recomputed from the fixture with the
  /// formula of the help text (activations centred on their class's mean).
  @Test func divergenceFollowsTheFormula() throws {
    let fixture = try EvaluationFixture().loaded()
    let result = try table(try fixture.result("suggest top 1"))
    guard case .text(let definition) = result.rows[0][0], case .double(let divergence) = result.rows[0][3] else {
      Issue.record("no row")
      return
    }
    try fixture.run("subset top = where \(definition)")
    let members = try #require(fixture.session.workspace?.subset(named: "top")?.members)
    let n = EvaluationFixture.count, width = EvaluationFixture.columns
    var centred = fixture.activations.map { $0.map(Double.init) }
    for label in 0 ..< 3 {
      let rows = (0 ..< n).filter { fixture.labels[$0] == label }
      for j in 0 ..< width {
        let mean = rows.map { centred[$0][j] }.reduce(0, +) / Double(rows.count)
        for row in rows { centred[row][j] -= mean }
      }
    }
    let inside = (0 ..< n).filter { members.contains($0) }, outside = (0 ..< n).filter { !members.contains($0) }
    var sum = 0.0
    for j in 0 ..< width {
      let a = inside.map { centred[$0][j] }, b = outside.map { centred[$0][j] }
      let meanA = a.reduce(0, +) / Double(a.count), meanB = b.reduce(0, +) / Double(b.count)
      let pooled = (a.map { ($0 - meanA) * ($0 - meanA) }.reduce(0, +) + b.map { ($0 - meanB) * ($0 - meanB) }.reduce(0, +))
        / Double(n - 2)
      sum += (meanA - meanB) * (meanA - meanB) / pooled
    }
    let expected = max(0, sum / Double(width) - (1 / Double(inside.count) + 1 / Double(outside.count))).squareRoot()
    #expect(abs(divergence - expected) < 1e-6)
  }
}
