import ActivisCore
import ActivisTestSupport
import Testing

/// Opens a one-instance bundle with this `graph.json`.
private func open(graph: String) throws -> ActivationBundle {
  let bundle = try TestBundle.make(labels: ["a"], layers: [TestLayer(name: "fc", rows: [[1]])],
                                   graph: graph)
  defer { bundle.remove() }
  return try ActivationBundle.open(bundle.path)
}

private func refusal(graph: String) -> BundleError? {
  let error = #expect(throws: BundleError.self) { try open(graph: graph) }
  #expect(error?.file.hasSuffix("/graph.json") == true, "names graph.json: \(error?.file ?? "")")
  return error
}

@Suite struct GraphFileTests {
  @Test func nodesEdgesShapesAndAttributes() throws {
    let graph = try #require(try open(graph: """
      {"nodes": [
        {"id": "tokens", "kind": "data", "shape": [null, 37]},
        {"id": "embed", "kind": "operator", "op": "Embedding", "inputs": ["tokens"],
         "outputs": ["embed_out"], "group": "encoder", "attrs": {"dim": 300, "pad": null, "a": [1, "x"]}},
        {"id": "embed_out", "kind": "data", "shape": [null, 37, 300], "group": "encoder"},
        {"id": "pool", "kind": "operator", "op": "Max", "inputs": ["embed_out", "tokens"]}
      ]}
      """).graph)
    #expect(graph.nodes.map(\.id) == ["tokens", "embed", "embed_out", "pool"])
    #expect(graph.nodes[0].shape == [nil, 37])
    #expect(graph.nodes[1].kind == .operator && graph.nodes[1].op == "Embedding")
    #expect(graph.nodes[1].group == "encoder")
    #expect(graph.nodes[1].attributes.map(\.key) == ["a", "dim", "pad"])
    #expect(graph.nodes[1].attributes[0].value == .array([.number(1), .string("x")]))
    #expect(graph.nodes[1].attributes[2].value == .null)
    let edges = Set(graph.edges.map { [$0.from, $0.to] })
    #expect(edges == [[0, 1], [1, 2], [2, 3], [0, 3]])
    #expect(graph.index(of: "pool") == 3)
  }

  @Test func nullFieldsAreAbsent() throws {
    let graph = try #require(try open(graph: """
      {"nodes": [{"id": "x", "kind": "data", "op": null, "shape": null, "group": null,
                  "attrs": {"eps": NaN}, "inputs": null}]}
      """).graph)
    #expect(graph.nodes[0].op == nil && graph.nodes[0].shape == nil && graph.nodes[0].inputs.isEmpty)
    #expect(graph.nodes[0].attributes.map(\.key) == ["eps"])
  }

  @Test func malformedJSONSaysWhere() {
    let error = refusal(graph: "{\"nodes\": [\n  {\"id\": \"x\", \"kind\": \"data\",}\n]}")
    #expect(error?.code == .malformedGraph)
    #expect(error?.line == 2 && error?.column == 30)
    #expect(error?.message == "malformed JSON: expected a quoted key, found '}'")
  }

  @Test func duplicateID() {
    let error = refusal(graph: #"{"nodes": [{"id": "x", "kind": "data"}, {"id": "x", "kind": "data"}]}"#)
    #expect(error?.code == .malformedGraph)
    #expect(error?.message == "duplicate node id 'x'")
  }

  @Test func unknownReference() {
    let error = refusal(graph: #"{"nodes": [{"id": "op", "kind": "operator", "inputs": ["ghost"]}]}"#)
    #expect(error?.code == .unknownGraphNode)
    #expect(error?.message == "node 'op' has an input 'ghost' that is not a node of the graph")
  }

  @Test func cycle() {
    let error = refusal(graph: """
      {"nodes": [
        {"id": "in", "kind": "data"},
        {"id": "a", "kind": "operator", "inputs": ["in", "b_out"], "outputs": ["a_out"]},
        {"id": "a_out", "kind": "data"},
        {"id": "b", "kind": "operator", "inputs": ["a_out"], "outputs": ["b_out"]},
        {"id": "b_out", "kind": "data"}
      ]}
      """)
    #expect(error?.code == .graphCycle)
    let onCycle = ["a", "a_out", "b", "b_out"].map { "the graph has a cycle through node '\($0)'" }
    #expect(onCycle.contains(error?.message ?? ""), "\(error?.message ?? "")")
  }

  @Test(arguments: [
    (#"{"nodes": [{"id": "x", "kind": "tensor"}]}"#, "'nodes[0].kind' of node 'x' is 'tensor', expected 'operator' or 'data'"),
    (#"{"nodes": [{"kind": "data"}]}"#, "'nodes[0].id' is missing"),
    (#"{"nodes": [{"id": "x", "kind": "data", "shape": [2, -1]}]}"#, "'nodes[0].shape'[1] of node 'x' must be a non-negative integer or null"),
    (#"{"nodes": [{"id": "x", "kind": "data", "inputs": "y"}]}"#, "'nodes[0].inputs' must be an array of strings, not a string"),
    (#"{"edges": []}"#, "'nodes' is missing"),
    (#"{"nodes": [3]}"#, "'nodes[0]' must be an object, not a number"),
  ])
  func malformedNodes(json: String, message: String) {
    let error = refusal(graph: json)
    #expect(error?.code == .malformedGraph)
    #expect(error?.message == message)
  }
}
