import ActivisCore

extension Evaluator {
  /// `graph`, `graph <node>`, `graph depth N`, `graph expand|collapse <group>`.
  func graph(_ command: GraphCommand, at range: SourceRange) throws -> CommandResult {
    let bundle = try requireBundle(at: range)
    guard let graph = bundle.graph else {
      throw Diagnostic.error("the bundle '\(bundle.name)' has no graph (no 'graph' in its activis.json)", at: range)
    }
    throw Diagnostic.error("drawing the graph (\(graph.nodes.count) nodes) is not available in this build yet", at: range)
  }

  /// `project tsne|pca …`
  func project(_ request: ProjectionRequest, at range: SourceRange) throws -> CommandResult {
    _ = try requireLayer(at: range)
    throw Diagnostic.error("projections are not available in this build yet", at: request.method.range)
  }

  /// `color by label|predicted|correct|<attribute>`
  func colorBy(_ key: Located<ColorKey>) throws -> CommandResult {
    let bundle = try requireBundle(at: key.range)
    if case .attribute(let name) = key.value, bundle.instances.attribute(named: name) == nil {
      throw unknownName("attribute", name, among: bundle.instances.attributes.map(\.name), at: key.range)
    }
    session.colorKey = key.value
    let name = switch key.value {
    case .label: "label"
    case .predicted: "predicted"
    case .correct: "correct"
    case .attribute(let name): name
    }
    return .message("projections are coloured by \(name)")
  }

  /// `help`, `help <command>`
  func help(_ topic: Located<String>?) throws -> CommandResult {
    guard let topic else { return .text(CommandCatalog.helpText()) }
    guard let text = CommandCatalog.helpText(for: topic.value) else {
      throw unknownName("help topic", topic.value, among: CommandCatalog.topicNames, at: topic.range)
    }
    return .text(text)
  }
}
