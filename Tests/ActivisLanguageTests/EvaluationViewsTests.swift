import ActivisCore
import ActivisLanguage
import ActivisTestSupport
import Testing

@Suite struct EvaluationViewsTests {
  @Test func projectionOfASubsetPlacesExactlyItsMembers() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset w = where text starts \"What is\"")
    guard case .projection(let projection)? = try fixture.result("project pca of w") else {
      Issue.record("project should return a projection")
      return
    }
    let expected = (0 ..< EvaluationFixture.count).filter { fixture.texts[$0].hasPrefix("What is") }
    #expect(projection.ids == expected.map(fixture.id))
    #expect(projection.labels == expected.map { EvaluationFixture.classes[fixture.labels[$0]] })
    #expect(projection.x.count == expected.count && projection.y.count == expected.count)
    #expect(projection.notes.contains { $0.contains("explain") })
  }

  @Test func sampleKeepsAddedInstancesAndIsReproducible() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("add #278")  // the last instance, row 89
    guard case .projection(let first)? = try fixture.result("project pca sample 20 seed 3"),
          case .projection(let second)? = try fixture.result("project pca sample 20 seed 3"),
          case .projection(let other)? = try fixture.result("project pca sample 20 seed 4")
    else {
      Issue.record("project should return projections")
      return
    }
    #expect(first.ids.count == 20)
    #expect(first.ids.contains(278))
    #expect(first.highlighted.map { first.ids[$0] } == [278])
    #expect(first.ids == second.ids && first.x == second.x)
    #expect(first.ids != other.ids)
    #expect(Set(first.ids).count == 20)
  }

  @Test func tsneRunsOnTheSelectedLayer() throws {
    let fixture = try EvaluationFixture().loaded()
    guard case .projection(let projection)? = try fixture.result("project tsne perplexity 10 iterations 200 seed 1")
    else {
      Issue.record("project should return a projection")
      return
    }
    #expect(projection.ids.count == EvaluationFixture.count)
    #expect(projection.x.allSatisfy(\.isFinite) && projection.y.allSatisfy(\.isFinite))
    #expect(projection.method == "t-SNE (perplexity 10, 200 iterations, seed 1)")
    #expect(projection.layer == "hidden")
    try fixture.run("select layer other")
    guard case .projection(let other)? = try fixture.result("project tsne perplexity 10 iterations 200 seed 1") else {
      Issue.record("project should return a projection")
      return
    }
    #expect(other.layer == "other")
  }

  @Test func projectionOptionErrors() throws {
    let fixture = try EvaluationFixture().loaded()
    #expect(fixture.failure("project pca perplexity 5") == "'perplexity' is a t-SNE option; PCA has none")
    #expect(fixture.failure("project tsne sample 2") == "expected an integer of at least 4 after 'sample', found '2'")
    #expect(fixture.failure("project tsne of nothing") == "unknown subset or class 'nothing' (known: 'ABBR', 'DESC', 'NUM')")
    #expect(fixture.failure("project umap perplexity 5") == "'perplexity' is a t-SNE option; UMAP has none")
    #expect(fixture.failure("project tsne neighbors 5") == "'neighbors' is a UMAP option; t-SNE has none")
    #expect(fixture.failure("project pca min dist 0.5") == "'min dist' is a UMAP option; PCA has none")
    #expect(fixture.failure("project tsne init spectral") == "'init spectral' is a UMAP option; t-SNE has none")
    // PCA has no iterations, learning rate or initialisation: each is refused, not ignored.
    #expect(fixture.failure("project pca iterations 5") == "'iterations' is a t-SNE or UMAP option; PCA has none")
    #expect(fixture.failure("project pca learning rate 3") == "'learning rate' is a t-SNE or UMAP option; PCA has none")
    #expect(fixture.failure("project pca init random") == "'init' is a t-SNE or UMAP option; PCA has none")
    #expect(fixture.failure("project umap neighbors 1") == "expected an integer of at least 2 after 'neighbors', found '1'")
    #expect(fixture.failure("project umap min dist 0") == "expected a positive number after 'dist', found '0'")
    #expect(fixture.failure("project umap min dist 1.5") == "min dist must be in (0, 1]; found 1.5")
    #expect(fixture.failure("project umap neighbors 90") == "UMAP with neighbors 90 needs at least 91 instances; the bundle has 90")
    #expect(fixture.failure("project umap sample 10") == "UMAP with neighbors 15 needs at least 16 instances; the bundle has 10")
    try fixture.run("subset w = where text starts \"What is\"")
    #expect(fixture.failure("project umap of w neighbors 50")?.hasPrefix("UMAP with neighbors 50 needs at least 51 instances; 'w' has ") == true)
  }

  @Test func umapRunsOnTheSelectedLayer() throws {
    let fixture = try EvaluationFixture().loaded()
    guard case .projection(let projection)? = try fixture.result("project umap neighbors 10 min dist 0.2 seed 4 iterations 100")
    else {
      Issue.record("project should return a projection")
      return
    }
    #expect(projection.ids.count == EvaluationFixture.count)
    #expect(projection.x.allSatisfy(\.isFinite) && projection.y.allSatisfy(\.isFinite))
    #expect(projection.method == "UMAP (neighbors 10, min dist 0.2, seed 4)")
    #expect(projection.notes.contains { $0.hasPrefix("100 epochs from ") }, "\(projection.notes)")
    guard case .projection(let again)? = try fixture.result("project umap seed 4 min dist 0.2 neighbors 10 iterations 100")
    else {
      Issue.record("project should return a projection")
      return
    }
    #expect(again.x == projection.x && again.y == projection.y)
  }

  @Test func colourKeys() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("color by correct")
    guard case .projection(let projection)? = try fixture.result("project pca") else {
      Issue.record("project should return a projection")
      return
    }
    let expected = (0 ..< EvaluationFixture.count).map { fixture.labels[$0] == fixture.predicted[$0] ? "correct" : "misclassified" }
    #expect(projection.colorValues == expected)
    #expect(fixture.failure("color by lenght") == "unknown attribute or subset 'lenght'; did you mean 'length'?")
  }

  @Test func colourBySubsetMembership() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset whatis = where text starts \"What is\"")
    try fixture.run("color by whatis")
    guard case .projection(let projection)? = try fixture.result("project pca") else {
      Issue.record("no projection")
      return
    }
    #expect(projection.colorKey == "whatis")
    let expected = fixture.texts.map { $0.hasPrefix("What is") ? "in whatis" : "not in whatis" }
    #expect(expected.contains("in whatis") && expected.contains("not in whatis"))
    #expect(projection.colorValues == expected)
    // An attribute of the same name wins over a subset.
    try fixture.run("subset length = where correct")
    try fixture.run("color by length")
    guard case .projection(let byLength)? = try fixture.result("project pca") else {
      Issue.record("project should return a projection")
      return
    }
    #expect(!byLength.colorValues.contains("in length"))
  }

  @Test func graphNeedsAGraph() throws {
    let fixture = try EvaluationFixture().loaded()
    #expect(fixture.failure("graph") == "the bundle 'fixture' has no graph (no graph.json)")
  }
}

@Suite struct EvaluationGraphTests {
  static let graph = """
    {"nodes": [
      {"id": "x", "kind": "data", "shape": [null, 4]},
      {"id": "lin", "kind": "operator", "op": "Linear", "inputs": ["x"], "outputs": ["h"], "group": "encoder/block"},
      {"id": "h", "kind": "data", "shape": [null, 3], "group": "encoder/block"}
    ]}
    """

  func fixture() throws -> (TestBundle, Session) {
    let bundle = try TestBundle.make(
      labels: ["A", "B"], predicted: ["A", "A"],
      layers: [TestLayer(name: "hidden", rows: [[1, 2, 3], [4, 5, 6]], node: "h")], graph: Self.graph)
    let session = Session()
    for line in ["load \"\(bundle.path)\""] {
      for command in Parser.parse(line: line).commands { _ = try Evaluator(session: session).evaluate(command) }
    }
    return (bundle, session)
  }

  func run(_ line: String, _ session: Session) throws -> CommandOutput? {
    let parsed = Parser.parse(line: line)
    if let error = parsed.diagnostics.first { throw error }
    return try parsed.commands.map { try Evaluator(session: session).evaluate($0) }.last
  }

  @Test func overviewTiesLayersToTheirNodes() throws {
    let (bundle, session) = try fixture()
    defer { bundle.remove() }
    guard case .result(.graph(let result))? = try run("graph", session) else {
      Issue.record("graph should return a graph")
      return
    }
    #expect(result.layers == ["h": "hidden"])
    #expect(result.depth == .automatic && result.focus == nil)
    guard case .result(.graph(let node))? = try run("graph lin", session) else {
      Issue.record("graph lin should return a graph")
      return
    }
    #expect(node.focus == "lin")
  }

  @Test func expandAndCollapseCheckGroupNames() throws {
    let (bundle, session) = try fixture()
    defer { bundle.remove() }
    _ = try run("graph depth 1; graph expand encoder/block", session)
    #expect(session.workspace?.graphDepth == .limit(1))
    #expect(session.workspace?.expandedGroups == ["encoder/block"])
    _ = try run("graph collapse encoder/block", session)
    #expect(session.workspace?.expandedGroups == [] && session.workspace?.collapsedGroups == ["encoder/block"])
    #expect(throws: Diagnostic.error("unknown group 'encoder/blok'; did you mean 'encoder/block'?", at: SourceRange(13, 25))) {
      try run("graph expand encoder/blok", session)
    }
  }
}
