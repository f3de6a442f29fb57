import ActivisCore

/// The text of `graph <node>`: one node and its neighbourhood, or a summary
/// of one group.
///
/// ```
/// concat_out  data node
///   shape        ?×300
///   group        (none)
///   activations  ★ layer concat
///   inputs       concat  cat
///   outputs      dropout_dropout  Dropout
/// ```
package enum GraphNodeDetail {
  /// Describes the node with this id, or the group with this path.
  ///
  /// - Parameters:
  ///   - id: a node id, or a group path (`encoder/layers/0`).
  ///   - graph: the model graph.
  ///   - layers: data node id → layer name, for the nodes with activations.
  /// - Returns: several lines without a final newline; `nil` when the graph
  ///   has no such node or group.
  package static func describe(
    node id: String, in graph: ModelGraph, layers: [String: String]
  ) -> String? {
    if let index = graph.index(of: id) {
      return describeNode(index, in: graph, layers: layers)
    }
    return describeGroup(id, in: graph, layers: layers)
  }

  private static func describeNode(
    _ index: Int, in graph: ModelGraph, layers: [String: String]
  ) -> String {
    let node = graph.nodes[index]
    var rows: [(String, String)] = []
    if let op = node.op { rows.append(("op", op)) }
    if let shape = node.shape { rows.append(("shape", NodeLabel.shapeText(shape))) }
    rows.append(("group", node.group ?? "(none)"))
    for (key, value) in node.attributes { rows.append((key, format(value))) }
    if node.kind == .data {
      rows.append(("activations", layers[node.id].map { "★ layer \($0)" } ?? "none recorded"))
    }
    var inputs: [Int] = []
    var outputs: [Int] = []
    for edge in graph.edges {
      if edge.to == index { inputs.append(edge.from) }
      if edge.from == index { outputs.append(edge.to) }
    }
    rows += neighbourRows("inputs", inputs, graph: graph, layers: layers)
    rows += neighbourRows("outputs", outputs, graph: graph, layers: layers)
    let kind = node.kind == .operator ? "operator" : "data node"
    return "\(node.id)  \(kind)\n" + table(rows)
  }

  private static func describeGroup(
    _ path: String, in graph: ModelGraph, layers: [String: String]
  ) -> String? {
    let trimmed = path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    guard !trimmed.isEmpty else { return nil }
    var inside = Set<Int>()
    var subgroups = Set<String>()
    for (index, node) in graph.nodes.enumerated() {
      guard let group = node.group else { continue }
      let normal = group.split(separator: "/", omittingEmptySubsequences: true)
        .joined(separator: "/")
      if normal == trimmed {
        inside.insert(index)
      } else if normal.hasPrefix(trimmed + "/") {
        inside.insert(index)
        let rest = normal.dropFirst(trimmed.count + 1)
        subgroups.insert(String(rest.split(separator: "/").first ?? ""))
      }
    }
    guard !inside.isEmpty else { return nil }
    let operators = inside.filter { graph.nodes[$0].kind == .operator }.count
    var rows: [(String, String)] = [
      ("nodes", "\(inside.count) (\(operators) operators, \(inside.count - operators) data)")
    ]
    if !subgroups.isEmpty { rows.append(("subgroups", subgroups.sorted().joined(separator: ", "))) }
    let recorded = inside.sorted().compactMap { index -> String? in
      layers[graph.nodes[index].id].map { "★ \($0) (\(graph.nodes[index].id))" }
    }
    if !recorded.isEmpty { rows.append(("activations", recorded.joined(separator: ", "))) }
    var inputs: [Int] = []
    var outputs: [Int] = []
    var seenIn = Set<Int>(), seenOut = Set<Int>()
    for edge in graph.edges {
      if inside.contains(edge.to), !inside.contains(edge.from), seenIn.insert(edge.from).inserted {
        inputs.append(edge.from)
      }
      if inside.contains(edge.from), !inside.contains(edge.to), seenOut.insert(edge.to).inserted {
        outputs.append(edge.to)
      }
    }
    rows += neighbourRows("inputs", inputs, graph: graph, layers: layers)
    rows += neighbourRows("outputs", outputs, graph: graph, layers: layers)
    return "\(trimmed)  group\n" + table(rows)
  }

  private static func neighbourRows(
    _ title: String, _ indices: [Int], graph: ModelGraph, layers: [String: String]
  ) -> [(String, String)] {
    if indices.isEmpty { return [(title, "(none)")] }
    return indices.enumerated().map { offset, index in
      let node = graph.nodes[index]
      var text = node.id
      if let op = node.op { text += "  " + op }
      if let shape = node.shape { text += "  " + NodeLabel.shapeText(shape) }
      if let layer = layers[node.id] { text += "  ★ " + layer }
      return (offset == 0 ? title : "", text)
    }
  }

  private static func table(_ rows: [(String, String)]) -> String {
    let width = rows.map(\.0.count).max() ?? 0
    return rows.map { key, value in
      "  " + key + String(repeating: " ", count: width - key.count + 2) + value
    }.joined(separator: "\n")
  }

  /// A JSON value as the user would write it.
  static func format(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number):
      if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
      return String(number)
    case .string(let text): return "\"" + text + "\""
    case .array(let items): return "[" + items.map(format).joined(separator: ", ") + "]"
    case .object(let fields):
      return "{" + fields.map { "\($0.key): " + format($0.value) }.joined(separator: ", ") + "}"
    }
  }
}
