/// Reads `graph.json` into a validated `ModelGraph`.
enum GraphReader {
  /// Parses and validates a graph file's bytes.
  static func read(_ bytes: UnsafeRawBufferPointer, file: String) throws -> ModelGraph {
    let json = try JSONReader.parse(bytes, file: file, code: .malformedGraph)
    let top = ManifestFields(value: json, path: "", file: file, code: .malformedGraph)
    guard case .object = json else {
      throw top.fail("expected a JSON object with 'nodes' at the top, found \(json.kindDescription)")
    }
    guard let nodeValues = try top.array("nodes") else { throw top.fail("'nodes' is missing") }
    var nodes: [ModelGraph.Node] = []
    nodes.reserveCapacity(nodeValues.count)
    for (index, value) in nodeValues.enumerated() {
      nodes.append(try node(try top.element(value, of: "nodes", at: index)))
    }
    return try ModelGraph(nodes: nodes, file: file)
  }

  private static func node(_ fields: ManifestFields) throws -> ModelGraph.Node {
    let id = try fields.requiredString("id")
    guard !id.isEmpty else { throw fields.fail("\(fields.fieldPath("id")) is empty") }
    let kindText = try fields.requiredString("kind")
    guard let kind = ModelGraph.Kind(rawValue: kindText) else {
      throw fields.fail("\(fields.fieldPath("kind")) of node '\(id)' is '\(kindText)', "
                        + "expected 'operator' or 'data'")
    }
    var shape: [Int?]?
    if let dimensions = try fields.array("shape") {
      shape = try dimensions.enumerated().map { index, dimension in
        switch dimension {
        case .null: return nil
        case .number(let value) where value >= 0 && value < 1e15 && value.rounded(.down) == value:
          return Int(value)
        default:
          throw fields.fail("\(fields.fieldPath("shape"))[\(index)] of node '\(id)' must be a "
                            + "non-negative integer or null")
        }
      }
    }
    var attributes: [(key: String, value: JSONValue)] = []
    if let attrs = fields.member("attrs") {
      guard case .object(let members) = attrs else {
        throw fields.fail("\(fields.fieldPath("attrs")) of node '\(id)' must be an object")
      }
      attributes = members.sorted { $0.key < $1.key }
    }
    return ModelGraph.Node(
      id: id, kind: kind, op: try fields.string("op"), shape: shape, group: try fields.string("group"),
      attributes: attributes, inputs: try fields.strings("inputs") ?? [],
      outputs: try fields.strings("outputs") ?? [])
  }
}
