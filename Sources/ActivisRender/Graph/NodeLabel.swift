import ActivisCore

/// The words drawn in a node: a primary part that names it and a secondary
/// part that is dropped first when space runs out.
///
/// - operator: the op (`Conv1d`), then the node's short name;
/// - data: the short name, then the shape (`?×37×300`);
/// - data with activations: `★ <layer>`, then the short name;
/// - collapsed group: `▸ <path>`, then the node count (and `★n` when layers
///   are recorded inside).
///
/// A short name drops the group path when the id starts with it (torch.fx
/// names `encoder_layers_0_fc1` inside `encoder/layers/0`); the full id is in
/// the SVG tooltip and in `graph <node>`.
struct NodeLabel {
  var primary: String
  var secondary: String?
  /// The full description: id, op, shape, group.
  var title: String
  /// Whether the secondary part is kept when the line is abbreviated (a
  /// group's node count).
  var keepsSecondary = false

  init(node: GraphView.Node, graph: ModelGraph) {
    let source = node.graphIndex.map { graph.nodes[$0] }
    switch node.kind {
    case .group:
      primary = "▸ " + node.id
      var count = "\(node.memberCount) node" + (node.memberCount == 1 ? "" : "s")
      if !node.layers.isEmpty { count += " ★\(node.layers.count)" }
      secondary = count
      keepsSecondary = true
      title = "group \(node.id): \(node.memberCount) nodes"
      if !node.layers.isEmpty { title += "; layers " + node.layers.joined(separator: ", ") }
    case .operator:
      let short = Self.shortName(id: node.id, group: node.group)
      if let op = source?.op, !op.isEmpty {
        primary = op
        secondary = short.lowercased().hasPrefix(op.lowercased()) && short.count <= op.count + 3
          ? nil : short
        if secondary == nil { primary = short }
      } else {
        primary = short
        secondary = nil
      }
      title = node.id + (source?.op.map { " (\($0))" } ?? "")
    case .data:
      let short = Self.shortName(id: node.id, group: node.group)
      let shape = source?.shape.map(Self.shapeText)
      if let layer = node.layers.first {
        primary = "★ " + layer
        secondary = shape
      } else {
        primary = short
        secondary = shape
      }
      title = node.id + (source?.shape.map { " " + Self.shapeText($0) } ?? "")
      if let layer = node.layers.first { title += "; activations: layer \(layer)" }
    }
    if let group = node.group, node.kind != .group { title += "; group \(group)" }
  }

  /// One line of at most `limit` characters: both parts if they fit, else the
  /// primary part abbreviated.
  func line(limit: Int) -> String {
    if let secondary {
      let both = primary + " " + secondary
      if both.count <= limit { return both }
      if keepsSecondary, secondary.count + 4 <= limit {
        return Self.abbreviate(primary, to: limit - secondary.count - 1) + " " + secondary
      }
    }
    return Self.abbreviate(primary, to: limit)
  }

  /// Up to two lines of at most `limit` characters each.
  func lines(limit: Int) -> [String] {
    let first = Self.abbreviate(primary, to: limit)
    guard let secondary else { return [first] }
    return [first, Self.abbreviate(secondary, to: limit)]
  }

  /// Cuts the middle out of a long text, keeping its start and its end:
  /// `encoder_layers_11_fc2` → `encoder_…_fc2`.
  static func abbreviate(_ text: String, to limit: Int) -> String {
    guard text.count > limit else { return text }
    guard limit > 1 else { return limit == 1 ? "…" : "" }
    let keep = limit - 1
    let head = (keep + 1) / 2
    return String(text.prefix(head)) + "…" + String(text.suffix(keep - head))
  }

  /// `[nil, 37, 300]` → `?×37×300`.
  static func shapeText(_ shape: [Int?]) -> String {
    if shape.isEmpty { return "scalar" }
    return shape.map { $0.map(String.init) ?? "?" }.joined(separator: "×")
  }

  /// The id without its group path, when it starts with it and what is left
  /// does not start with a digit.
  static func shortName(id: String, group: String?) -> String {
    guard let group, !group.isEmpty else { return id }
    let components = group.split(separator: "/").map(String.init)
    for separator in ["/", ".", "_"] {
      let prefix = components.joined(separator: separator) + separator
      guard id.count > prefix.count, id.hasPrefix(prefix) else { continue }
      let rest = id.dropFirst(prefix.count)
      // `convs_0` in `convs` stays whole: a bare index says nothing.
      return rest.first?.isNumber == true ? id : String(rest)
    }
    return id
  }
}
