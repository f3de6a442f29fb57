import ActivisTestSupport

/// Bad `graph.json` files (docs/bundle-format.md, "graph.json" and "Refusals").
extension BadBundleCatalogue {
  /// `graph.json` replaced by `json`, listed by the manifest, with the layer `fc` at `node`.
  static func graph(_ name: String, _ json: String, node: String? = nil, says: String) -> Fault {
    Fault(name: name, says: says) { bundle in
      try bundle.writeGraph(json: json)
      try bundle.writeManifest(TestManifest(classes: classes, graph: "graph.json", layers: [.init(name: "fc", node: node)]))
    }
  }

  /// `{"nodes": [ … ]}` of the given node objects.
  static func nodes(_ nodes: String...) -> String { #"{"nodes": ["# + nodes.joined(separator: ", ") + "]}" }

  static let x = #"{"id": "x", "kind": "data"}"#
  static let y = #"{"id": "y", "kind": "data"}"#

  static let graphFaults: [Fault] = [
    graph("empty graph.json", "", says: "{b}/graph.json:1:1: malformed JSON: the file is empty (expected a JSON object)"),
    graph("truncated graph.json", #"{"nodes": [{"id": "a", "kind": "da"#, says: "{b}/graph.json:1:32: malformed JSON: unterminated string"),
    graph("no nodes", "{}", says: "{b}/graph.json: 'nodes' is missing"),
    graph("a node without an id", nodes(#"{"kind": "data"}"#), says: "{b}/graph.json: 'nodes[0].id' is missing"),
    graph("an empty node id", nodes(#"{"id": "", "kind": "data"}"#), says: "{b}/graph.json: 'nodes[0].id' is empty"),
    graph("a repeated node id", nodes(x, x), says: "{b}/graph.json: duplicate node id 'x'"),
    graph("a bad kind", nodes(#"{"id": "x", "kind": "tensor"}"#),
          says: "{b}/graph.json: 'nodes[0].kind' of node 'x' is 'tensor', expected 'operator' or 'data'"),
    graph("a negative shape", nodes(#"{"id": "x", "kind": "data", "shape": [null, -1]}"#),
          says: "{b}/graph.json: 'nodes[0].shape'[1] of node 'x' must be a non-negative integer or null"),
    graph("an input that is not a node", nodes(x, #"{"id": "op", "kind": "operator", "inputs": ["ghost"]}"#),
          says: "{b}/graph.json: node 'op' has an input 'ghost' that is not a node of the graph"),
    graph("an output that is not a node", nodes(x, #"{"id": "op", "kind": "operator", "outputs": ["ghost"]}"#),
          says: "{b}/graph.json: node 'op' has an output 'ghost' that is not a node of the graph"),
    graph("a cycle",
          nodes(x, y, #"{"id": "f", "kind": "operator", "inputs": ["x"], "outputs": ["y"]}"#,
                #"{"id": "g", "kind": "operator", "inputs": ["y"], "outputs": ["x"]}"#),
          says: "{b}/graph.json: the graph has a cycle through node 'x'"),
    graph("a layer's node not in the graph", nodes(x), node: "ghost",
          says: "{b}/activis.json: 'layers[0].node' is 'ghost', which is not a node of the graph"),
  ]
}
