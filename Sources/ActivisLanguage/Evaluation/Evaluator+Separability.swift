import ActivisCore
import ActivisProjection

extension Evaluator {
  /// Labelled instances measured when `sample` is not given and there are more.
  static let defaultSeparabilitySample = 5000
  /// The smallest `sample`: enough for five folds of two classes.
  static let minimumSeparabilitySample = 10

  /// `separability [of S] [sample N]`: per layer, the cross-validated
  /// accuracy of a linear probe and the silhouette of the true classes.
  func separability(of scope: Located<String>?, sample: Located<Int>?, at range: SourceRange) throws
    -> CommandResult
  {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    guard let labels = bundle.instances.labels else { throw Diagnostic.error(Messages.noColumn("label"), at: range) }
    let members = try scope.map { try PredicateEvaluator(workspace: workspace).members(of: $0) }
      ?? .all(bundle.instances.count)
    let among = scope.map { "'\($0.value)'" } ?? "the bundle"
    let labelled = members.rows.filter { labels[$0] >= 0 }
    let limit = sample?.value ?? Self.defaultSeparabilitySample
    let rows = Self.stratifiedSample(labelled, labels: labels, limit: limit, minimum: LinearProbe.defaultFolds)
    try requireSeparableClasses(rows, labels: labels, classes: bundle.classes, among: among,
                                at: scope?.range ?? range)
    var table: [[Cell]] = []
    var notes = ["probe_accuracy: 5-fold stratified cross-validated accuracy of multinomial logistic regression "
      + "(L2, C = 1) on standardised activations; silhouette: mean silhouette coefficient, Euclidean, "
      + "true classes as clusters (−1 … 1)"]
    if rows.count < labelled.count {
      notes.append("on a stratified sample of \(rows.count) of the \(labelled.count) labelled instances of \(among) "
        + "('sample N' sets how many)")
    } else {
      notes.append("over the \(rows.count) labelled instances of \(among)")
    }
    defer { session.progress?(nil) }
    for layer in bundle.layers {
      let (data, kept, left) = try denseRows(rows, of: layer, labels: labels)
      if left > 0 {
        notes.append("layer \(layer.name): \(left) \(left == 1 ? "instance" : "instances") with NaN or infinite "
          + "activations left out")
      }
      try requireSeparableClasses(kept, labels: labels, classes: bundle.classes, among: among,
                                  at: scope?.range ?? range, layer: layer.name)
      let accuracy = try LinearProbe.accuracy(data)
      let silhouette = try Silhouette.score(data)
      table.append([.text(layer.name), .int(layer.matrix.columnCount), .double(accuracy), .double(silhouette)])
    }
    if let note = sampleNote("measured", in: bundle) { notes.append(note) }
    return .table(ResultTable(columns: ["layer", "neurons", "probe_accuracy", "silhouette"], rows: table,
                              notes: notes))
  }

  /// At least two classes, each with at least as many instances as folds.
  private func requireSeparableClasses(_ rows: [Int], labels: [Int32], classes: [String], among: String,
                                       at range: SourceRange, layer: String? = nil) throws {
    var counts = [Int](repeating: 0, count: classes.count)
    for row in rows { counts[Int(labels[row])] += 1 }
    let present = counts.indices.filter { counts[$0] > 0 }
    guard present.count >= 2 else {
      throw Diagnostic.error(Messages.separabilityNeedsTwoClasses(among, only: present.first.map { classes[$0] }),
                             at: range)
    }
    if let small = present.first(where: { counts[$0] < LinearProbe.defaultFolds }) {
      throw Diagnostic.error(Messages.classSmallerThanFolds(classes[small], counts[small], among: among,
                                                           folds: LinearProbe.defaultFolds, layer: layer), at: range)
    }
  }

  /// The activations of `rows` in `layer` with their classes (numbered
  /// among the classes present), rows with a NaN or infinite value left
  /// out; `kept` lists the rows that remain.
  private func denseRows(_ rows: [Int], of layer: Layer, labels: [Int32]) throws
    -> (rows: DenseRows, kept: [Int], left: Int)
  {
    let (values, positions) = try layer.matrix.finiteRows(rows)
    let keptLabels = positions.map { Int(labels[rows[$0]]) }
    let present = Array(Set(keptLabels)).sorted()
    let index = Dictionary(uniqueKeysWithValues: present.enumerated().map { ($1, $0) })
    let data = DenseRows(values: values, classes: keptLabels.map { index[$0]! }, width: layer.matrix.columnCount,
                         classCount: present.count)
    return (data, positions.map { rows[$0] }, rows.count - positions.count)
  }

  /// Up to `limit` of `rows` (ascending), each class keeping its share
  /// (largest remainders), but at least `minimum` or all it has; drawn per
  /// class with `Sampling.rows` and seed 0, so the same rows every time.
  static func stratifiedSample(_ rows: [Int], labels: [Int32], limit: Int, minimum: Int) -> [Int] {
    guard rows.count > limit else { return rows }
    var byClass: [Int32: [Int]] = [:]
    for row in rows { byClass[labels[row], default: []].append(row) }
    let classes = byClass.keys.sorted()
    let shares = classes.map { Double(limit) * Double(byClass[$0]!.count) / Double(rows.count) }
    var quotas = shares.map { Int($0) }
    let order = classes.indices.sorted { (shares[$0] - Double(quotas[$0]), -$0) > (shares[$1] - Double(quotas[$1]), -$1) }
    for i in order.prefix(limit - quotas.reduce(0, +)) { quotas[i] += 1 }
    return classes.indices.flatMap { i -> [Int] in
      let members = byClass[classes[i]]!
      return Sampling.rows(members, limit: Swift.max(quotas[i], Swift.min(minimum, members.count)), seed: 0)
    }.sorted()
  }
}
