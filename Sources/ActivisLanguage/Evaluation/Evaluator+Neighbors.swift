import ActivisCore

extension Evaluator {
  /// `neighbors #id [top N] [euclidean|cosine] [of S]`: the nearest other
  /// instances in the selected layer, exact, and whether they share the
  /// instance's label and prediction.
  func neighbors(of id: Located<Int64>, top count: Located<Int>?, metric: RowDistances.Metric,
                 among scope: Located<String>?, at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    let layer = try workspace.requireLayer(at: range)
    let query = try instanceRow(id, in: bundle)
    var members = try scope.map { try PredicateEvaluator(workspace: workspace).members(of: $0) }
      ?? .all(bundle.instances.count)
    members = members.subtracting(InstanceSet(capacity: bundle.instances.count, rows: [query]))
    defer { session.progress?(nil) }
    // Its distance to itself is NaN exactly when it can be placed nowhere.
    guard let nearest = try RowDistances.nearest(count?.value ?? Self.defaultNeighbors, to: query, in: layer.matrix,
                                                 metric: metric, among: members)
    else {
      throw Diagnostic.error(Messages.neighborsOfUnplaceable(id.value, layer: layer.name, metric: metric.rawValue),
                             at: id.range)
    }
    let rows = nearest.rows
    let distances = Dictionary(uniqueKeysWithValues: zip(rows, nearest.distances))
    let table = Self.instanceRows(rows, in: bundle) { .double(distances[$0]!) }
    let instances = bundle.instances
    let among = scope.map { "'\($0.value)'" } ?? "all instances"
    var notes = ["\(metric.rawValue) distance in layer \(layer.name) from #\(id.value), nearest first, among \(among); "
      + "ties in row order"]
    if let labels = instances.labels, labels[query] >= 0 {
      let same = rows.filter { labels[$0] == labels[query] }.count
      notes.append("\(same) of \(rows.count) share its label \(bundle.classes[Int(labels[query])])")
    }
    if let predicted = instances.predicted, predicted[query] >= 0 {
      let same = rows.filter { predicted[$0] == predicted[query] }.count
      notes.append("\(same) of \(rows.count) share its prediction \(bundle.classes[Int(predicted[query])])")
    }
    let unplaced = nearest.unplaced
    if unplaced > 0 {
      notes.append("\(unplaced) \(unplaced == 1 ? "instance has" : "instances have") no distance "
        + "(NaN or infinite activations\(metric == .cosine ? ", or all zero" : "")) and \(unplaced == 1 ? "is" : "are") left out")
    }
    if let note = sampleNote("searched", in: bundle) { notes.append(note) }
    return .table(ResultTable(columns: ["id", "distance", "label", "predicted", "text"], rows: table, notes: notes))
  }

  /// Neighbours listed when `top` is not given.
  static let defaultNeighbors = 10
}
