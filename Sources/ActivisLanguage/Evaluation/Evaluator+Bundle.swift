import ActivisCore

extension Evaluator {
  /// `load <path>`: opens a bundle and makes it current in a fresh
  /// workspace: everything derived from the previous bundle is dropped in
  /// one step. A failed load keeps everything as it was.
  func load(_ path: Located<String>) throws -> CommandResult {
    let bundle: ActivationBundle
    do {
      bundle = try ActivationBundle.open(path.value, cache: session.instanceCache)
    } catch let error as BundleError {
      throw Diagnostic.error(Self.describe(error), at: path.range)
    }
    session.open(bundle)
    var lines = ["loaded \(bundle.name): \(bundle.instances.count) instances, \(bundle.classes.count) classes, "
      + "\(bundle.layers.count) \(bundle.layers.count == 1 ? "layer" : "layers")"]
    if let aggregates = bundle.aggregates {
      lines.append("the instances are a sample of \(GroupedNumber.text(aggregates.rows)) rows; class and exported "
        + "subset rows are exact over all of them ('info' tells more)")
    }
    if let layer = session.layer { lines.append("selected layer \(layer.name) (\(layer.matrix.columnCount) neurons)") }
    session.warnings += bundle.warnings.map(\.description)
    return .message(lines.joined(separator: "\n"))
  }

  /// `file[:line[:column]]: message`, the form a bundle error takes inside a
  /// diagnostic.
  static func describe(_ error: BundleError) -> String {
    var location = error.file
    if let line = error.line {
      location += ":\(line)"
      if let column = error.column { location += ":\(column)" }
    }
    return "\(location): \(error.message)"
  }

  /// `info`: the bundle at a glance.
  func info(at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    let instances = bundle.instances
    var rows: [[Cell]] = [
      [.text("name"), .text(bundle.name)],
      [.text("path"), .text(bundle.path)],
    ]
    if let description = bundle.description { rows.append([.text("description"), .text(description)]) }
    rows.append([.text("instances"), .int(instances.count)])
    rows.append([.text("instance table"), .text(bundle.instanceSource.description)])
    let classCounts = bundle.classes.indices.map { "\(bundle.classes[$0]) \(workspace.classMembers[$0].count)" }
    rows.append([.text("classes"), .text("\(bundle.classes.count): " + classCounts.joined(separator: ", "))])
    rows += aggregateRows(workspace)
    if let labels = instances.labels, let predicted = instances.predicted {
      let confusion = Confusion(classes: bundle.classes, labels: labels, predicted: predicted)
      if let accuracy = confusion.accuracy {
        rows.append([.text("accuracy"),
                     .text("\(formatPercent(accuracy * 100)) (\(confusion.correct) of \(confusion.labelled) correct)")])
      }
    }
    let layerList = bundle.layers.map { "\($0.name) (\($0.matrix.columnCount))" }.joined(separator: ", ")
    rows.append([.text("layers"), .text("\(bundle.layers.count): \(layerList)")])
    if let layer = session.layer { rows.append([.text("selected layer"), .text(layer.name)]) }
    if let graph = bundle.graph {
      let operators = graph.nodes.filter { $0.kind == .operator }.count
      rows.append([.text("graph"),
                   .text("\(graph.nodes.count) nodes (\(operators) operators, \(graph.nodes.count - operators) tensors), \(graph.edges.count) edges")])
    } else {
      rows.append([.text("graph"), .text("none")])
    }
    var columns: [String] = []
    if instances.text != nil { columns.append("text") }
    if instances.labels != nil { columns.append("label") }
    if instances.predicted != nil { columns.append("predicted") }
    columns += instances.scores.map { "score:\($0.className)" }
    columns += instances.attributes.map { attribute in
      switch attribute.values {
      case .numeric: "\(attribute.name) (numeric)"
      case .categorical(_, let categories): "\(attribute.name) (\(categories.count) categories)"
      }
    }
    rows.append([.text("columns"), .text(columns.joined(separator: ", "))])
    for warning in bundle.warnings { rows.append([.text("warning"), .text(warning.description)]) }
    return .table(ResultTable(columns: ["property", "value"], rows: rows))
  }

  /// `info`'s lines for a bundle with aggregates: what is exact, what is sampled.
  private func aggregateRows(_ workspace: Workspace) -> [[Cell]] {
    let bundle = workspace.bundle
    guard let aggregates = bundle.aggregates else { return [] }
    let groups = aggregates.groups.filter { $0.kind != .all }
      .map { "\($0.name) \(GroupedNumber.text($0.count))" }.joined(separator: ", ")
    let layers = bundle.layers.filter { aggregates.statistics[$0.name] != nil }.map(\.name)
    let sampled = bundle.layers.filter { aggregates.statistics[$0.name] == nil }.map(\.name)
    var rows: [[Cell]] = [
      [.text("aggregates"), .text("exact over \(GroupedNumber.text(aggregates.rows)) rows: \(groups)")],
      [.text("exact"), .text("class and exported subset rows of layers \(layers.joined(separator: ", "))")],
      [.text("sampled"), .text("instances (\(GroupedNumber.text(bundle.instances.count)) of "
        + "\(GroupedNumber.text(aggregates.rows)), stratified), subsets defined here, projections, the instance panel"
        + (sampled.isEmpty ? "" : ", layers \(sampled.joined(separator: ", "))"))],
    ]
    if bundle.instances.attribute(named: "weight") != nil {
      rows.append([.text("weights"), .text("'weight': the rows each sampled instance stands for")])
    }
    return rows
  }

  /// `layers`: the recorded layers.
  func layers(at range: SourceRange) throws -> CommandResult {
    let bundle = try requireBundle(at: range)
    let rows: [[Cell]] = bundle.layers.map { layer in
      let matrix = layer.matrix
      let shape = matrix.trailingShape.map(String.init).joined(separator: "×")
      return [
        .text(layer.name + (layer === session.layer ? " *" : "")),
        layer.node.map { .text($0) } ?? .missing,
        .int(matrix.columnCount),
        .text(shape),
        .text(matrix.scalarType.numpyName),
        .text(Self.byteCount(matrix.rowCount * matrix.rowByteCount)),
        .int(matrix.shards.count),
      ]
    }
    let notes = session.layer == nil ? ["select one with 'select layer <name>'"] : ["* selected"]
    return .table(ResultTable(columns: ["layer", "node", "neurons", "shape", "dtype", "size", "shards"],
                              rows: rows, notes: notes))
  }

  /// `12.3 MB`-style sizes (powers of 1,000, as `ls -h --si` prints).
  static func byteCount(_ bytes: Int) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(bytes) B" : "\((value * 10).rounded() / 10) \(units[unit])"
  }

  /// `select layer <name>`: by layer name, or by the graph node it records.
  func selectLayer(_ name: Located<String>) throws -> CommandResult {
    let bundle = try requireBundle(at: name.range)
    guard let layer = bundle.layer(named: name.value) ?? bundle.layers.first(where: { $0.node == name.value })
    else {
      throw Diagnostic.unknownName("layer", name.value, among: bundle.layers.map(\.name), at: name.range)
    }
    session.workspace?.layer = layer
    let shape = layer.matrix.trailingShape.count > 1
      ? " as " + layer.matrix.trailingShape.map(String.init).joined(separator: "×") : ""
    return .message("selected layer \(layer.name): \(layer.matrix.columnCount) neurons\(shape), \(layer.matrix.scalarType.numpyName)")
  }
}
