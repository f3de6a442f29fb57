import ActivisCore

extension Evaluator {
  /// `graph`, `graph <node>`, `graph depth N`, `graph expand|collapse <group>`.
  func graph(_ command: GraphCommand, at range: SourceRange) throws -> CommandResult {
    let bundle = try requireBundle(at: range)
    guard let graph = bundle.graph else {
      throw Diagnostic.error(Messages.noGraph(bundle.name), at: range)
    }
    var focus: String?
    switch command {
    case .overview: break
    case .node(let id):
      guard graph.index(of: id.value) != nil || graph.groupPaths.contains(id.value) else {
        throw Diagnostic.unknownName("graph node", id.value, among: graph.nodes.map(\.id) + graph.groupPaths, at: id.range)
      }
      focus = id.value
    case .depth(let depth):
      session.workspace?.graphDepth = .limit(depth.value)
      session.workspace?.expandedGroups = []
      session.workspace?.collapsedGroups = []
    case .expand(let group):
      try requireGroup(group, in: graph)
      session.workspace?.expandedGroups.insert(group.value)
      session.workspace?.collapsedGroups.remove(group.value)
    case .collapse(let group):
      try requireGroup(group, in: graph)
      session.workspace?.collapsedGroups.insert(group.value)
      session.workspace?.expandedGroups.remove(group.value)
    }
    var layers: [String: String] = [:]
    for layer in bundle.layers {
      if let node = layer.node { layers[node] = layer.name }
    }
    let view = try requireWorkspace(at: range)
    return .graph(GraphResult(graph: graph, depth: view.graphDepth, expanded: view.expandedGroups,
                              collapsed: view.collapsedGroups, layers: layers, focus: focus))
  }

  private func requireGroup(_ group: Located<String>, in graph: ModelGraph) throws {
    let groups = graph.groupPaths
    guard groups.contains(group.value) else {
      if groups.isEmpty {
        throw Diagnostic.error(Messages.noGroups, at: group.range)
      }
      throw Diagnostic.unknownName("group", group.value, among: groups, at: group.range)
    }
  }

  /// `color by label|predicted|correct|<attribute>|<subset>`: an attribute
  /// of that name first, else a subset.
  func colorBy(_ key: Located<ColorKey>) throws -> CommandResult {
    let bundle = try requireBundle(at: key.range)
    var resolved = key.value
    if case .attribute(let name) = key.value, bundle.instances.attribute(named: name) == nil {
      guard session.subset(named: name) != nil else {
        let known = bundle.instances.attributes.map(\.name) + session.subsets.map(\.name)
        throw Diagnostic.unknownName("attribute or subset", name, among: known, at: key.range)
      }
      resolved = .subset(name)
    }
    session.workspace?.colorKey = resolved
    let name = switch resolved {
    case .label: "label"
    case .predicted: "predicted"
    case .correct: "correct"
    case .attribute(let name): name
    case .subset(let name): "membership of subset '\(name)'"
    }
    return .message("projections are coloured by \(name)")
  }

  /// `help`, `help <command>`
  func help(_ topic: Located<String>?) throws -> CommandResult {
    guard let topic else { return .text(CommandCatalog.helpText()) }
    guard let text = CommandCatalog.helpText(for: topic.value) else {
      throw Diagnostic.unknownName("help topic", topic.value, among: CommandCatalog.topicNames, at: topic.range)
    }
    return .text(text)
  }
}
