import ActivisCore
import ActivisLanguage
import ActivisTestSupport
import Testing

/// `diff <bundle> [all]` and `changed from "<bundle>"` against a second
/// bundle built here: some of the fixture's instances (in another order,
/// plus one of its own), layer `hidden` as the fixture's scaled and with its
/// neurons permuted (CKA exactly 1), layer `other` constant (CKA undefined),
/// and predictions changed on every fifth instance.
@Suite struct EvaluationDiffTests {
  /// Fixture rows the second bundle holds, in its order.
  static let shared = (0 ..< EvaluationFixture.count).filter { $0 % 3 != 0 }.reversed().map { $0 }

  static func second(_ fixture: EvaluationFixture) throws -> (TestBundle, [Int: Int]) {
    var predicted: [String] = []
    var changed: [Int: Int] = [:]
    for row in shared {
      var prediction = fixture.predicted[row]
      if row % 5 == 0 {
        prediction = (prediction + 1) % 3
        changed[row] = prediction
      }
      predicted.append(EvaluationFixture.classes[prediction])
    }
    let hidden = shared.map { row in fixture.activations[row].reversed().map { 2 * $0 } } + [[Float](repeating: 9, count: 6)]
    let constant = [[Float]](repeating: [1, 1], count: shared.count + 1)
    let bundle = try TestBundle.make(
      name: "epoch1", classes: EvaluationFixture.classes, ids: shared.map { fixture.id($0) } + [1],
      labels: shared.map { EvaluationFixture.classes[fixture.labels[$0]] } + ["NUM"], predicted: predicted + ["NUM"],
      layers: [TestLayer(name: "other", rows: constant), TestLayer(name: "hidden", rows: hidden)])
    return (bundle, changed)
  }

  func table(_ result: CommandResult?) -> ResultTable? {
    if case .table(let table)? = result { return table }
    return nil
  }

  @Test func comparesLayersOfTheSameNameOverTheSharedInstances() throws {
    let fixture = try EvaluationFixture().loaded()
    let (second, changed) = try Self.second(fixture)
    defer { second.remove() }
    let table = try #require(table(try fixture.result("diff \"\(second.path)\"")))
    #expect(table.columns == ["layer", "neurons", "other_neurons", "cka"])
    #expect(table.rows.count == 2)
    #expect(table.rows[0][0] == .text("hidden") && table.rows[0][1] == .int(6) && table.rows[0][2] == .int(6))
    guard case .double(let cka) = table.rows[0][3] else { Issue.record("\(table.rows[0])"); return }
    #expect(abs(cka - 1) < 1e-9)
    #expect(table.rows[1] == [.text("other"), .int(6), .int(2), .missing])
    #expect(table.notes.contains { $0.hasPrefix("linear CKA") && $0.contains("over \(Self.shared.count) instances") })
    let directory = String(second.path.split(separator: "/").last!)
    #expect(table.notes.contains("\(EvaluationFixture.count - Self.shared.count) instances only here and 1 only in \(directory) were left out"))
    #expect(table.notes.contains("other: CKA undefined, the activations are constant in \(directory) over the instances used"))
    // Predictions: the second bundle's (before) → the fixture's (now).
    var pairs: [String: Int] = [:]
    for (row, before) in changed {
      pairs["\(EvaluationFixture.classes[before]) → \(EvaluationFixture.classes[fixture.predicted[row]])", default: 0] += 1
    }
    let note = try #require(table.notes.first { $0.hasPrefix("predictions changed for \(changed.count) of \(Self.shared.count)") })
    for (pair, count) in pairs { #expect(note.contains("\(pair) \(count)"), "\(note)") }
  }

  @Test func changedFromMakesASubsetAndStoresTheAbsolutePath() throws {
    let fixture = try EvaluationFixture().loaded()
    let (second, changed) = try Self.second(fixture)
    defer { second.remove() }
    try fixture.run("subset moved = where changed from \"\(second.path)\"")
    let subset = try #require(fixture.session.workspace?.subset(named: "moved"))
    #expect(subset.members.count == changed.count)
    for row in changed.keys { #expect(subset.members.contains(row)) }
    #expect(subset.definition == "changed from \"\(second.path)\"")
  }

  @Test func allComparesEveryLayerWithEveryLayerAsAHeatmap() throws {
    let fixture = try EvaluationFixture().loaded()
    let (second, _) = try Self.second(fixture)
    defer { second.remove() }
    let table = try #require(table(try fixture.result("diff \"\(second.path)\" all")))
    #expect(table.columns == ["layer", "other", "hidden"])
    #expect(table.rows.map { $0[0] } == [.text("hidden"), .text("other")])
    #expect(table.rows[0][1] == .missing && table.rows[1][1] == .missing)
    let heatmap = try #require(table.heatmap)
    #expect(heatmap.values?[0][1].map { abs($0 - 1) < 1e-9 } == true)
    #expect(heatmap.values?[0][0] == .some(nil))
  }

  @Test func refusesBundlesWithoutSharedIdsOrLayers() throws {
    let fixture = try EvaluationFixture().loaded()
    let strangers = try TestBundle.make(ids: [1, 3], layers: [TestLayer(name: "hidden", rows: [[1], [2]])])
    let otherLayers = try TestBundle.make(ids: [100, 102], layers: [TestLayer(name: "fc", rows: [[1], [2]])])
    defer { strangers.remove(); otherLayers.remove() }
    #expect(fixture.failure("diff \"\(strangers.path)\"")
      == "'\(strangers.path)' shares no instance id with this bundle (90 and 2 instances); "
      + "'diff' compares the same instances seen by two models")
    #expect(fixture.failure("diff \"\(otherLayers.path)\"")?.hasPrefix("'\(otherLayers.path)' has no layer named as one of this bundle's (here: hidden, other; there: fc)") == true)
    #expect(fixture.failure("diff /nonexistent/bundle")?.hasPrefix("cannot compare with it: ") == true)
  }
}
