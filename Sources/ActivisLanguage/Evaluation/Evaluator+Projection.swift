import ActivisCore
import ActivisProjection

extension Evaluator {
  /// Instances projected when the user gives no `sample`: enough for a
  /// faithful picture, few enough to stay interactive.
  static let defaultProjectionSample = 5000

  /// `project tsne|pca|umap [of <subset>] [sample N] [perplexity X] …`: a 2-D
  /// projection of the selected layer's instance activations, cached per
  /// layer, instances and options.
  func project(_ request: ProjectionRequest, at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    let layer = try workspace.requireLayer(at: range)
    let settings = try ProjectionSettings(request)
    var members = InstanceSet.all(bundle.instances.count)
    var scope = "the bundle"
    if let subset = request.subset {
      members = try PredicateEvaluator(workspace: workspace).members(of: subset)
      scope = "'\(subset.value)'"
    }
    let rows = sampledRows(members, limit: settings.sample ?? Self.defaultProjectionSample, seed: settings.seed)
    guard rows.count >= 4 else {
      throw Diagnostic.error(Messages.tooFewToProject(scope, rows.count), at: range)
    }
    let key = ProjectionCache.Key(layer: ObjectIdentifier(layer), rows: rows, settings: settings)
    let projection: ProjectionCache.Entry
    if let cached = workspace.projections.value(for: key) {
      projection = cached
    } else {
      projection = try compute(settings, rows: rows, layer: layer, scope: scope, at: request.method.range)
      workspace.projections.store(projection, for: key)
    }
    return .projection(result(projection, layer: layer, bundle: bundle, scope: scope, total: members.count,
                              settings: settings))
  }

  /// Up to `limit` rows of `members`, always keeping the instances added to
  /// the matrix (`Sampling.rows`).
  func sampledRows(_ members: InstanceSet, limit: Int, seed: UInt64) -> [Int] {
    let pinned = session.matrixRows.compactMap { row -> Int? in
      if case .instance(let index) = row { return index }
      return nil
    }
    return Sampling.rows(members.rows, limit: limit, seed: seed, keeping: pinned)
  }

  private func compute(
    _ settings: ProjectionSettings, rows: [Int], layer: Layer, scope: String, at range: SourceRange
  ) throws -> ProjectionCache.Entry
  {
    let columns = layer.matrix.columnCount
    var data = [Float](repeating: 0, count: rows.count * columns)
    try data.withUnsafeMutableBufferPointer { buffer in
      if let start = buffer.baseAddress { try layer.matrix.copyRows(rows, into: start) }
    }
    // Rows with NaN or infinite activations cannot be placed; leave them out and say so.
    let finite = data.withUnsafeBufferPointer {
      ProjectionInput.finiteRows($0, rows: rows.count, columns: columns)
    }
    var kept = rows
    if finite.count < rows.count {
      kept = finite.map { rows[$0] }
      data = finite.flatMap { i in data[(i * columns) ..< ((i + 1) * columns)] }
    }
    guard kept.count >= 4 else {
      throw Diagnostic.error(Messages.tooFewFinite(kept.count),
                             at: range)
    }
    var notes: [String] = []
    if kept.count < rows.count {
      let left = rows.count - kept.count
      notes.append("\(left) \(left == 1 ? "instance" : "instances") with NaN or infinite activations "
        + "\(left == 1 ? "was" : "were") left out")
    }
    let coordinates: [Float]
    do {
      switch settings.method {
      case .pca:
        let result = try PCA.project(data, rows: kept.count, columns: columns, components: 2, seed: settings.seed)
        coordinates = result.coordinates
        let explained = result.explainedVarianceRatio.map { formatPercent($0 * 100) }
        notes.append("PC1 and PC2 explain \(explained.joined(separator: " and ")) of the variance")
      case .tsne:
        let result = try TSNE.embed(
          data, rows: kept.count, columns: columns, options: settings.tsneOptions,
          progress: { report in self.session.progress?(Self.describe(report)) },
          isCancelled: { Interruption.isRequested })
        coordinates = result.coordinates
        notes.append("final KL divergence \(Self.rounded(result.klDivergence, digits: 3)) after \(result.iterations) iterations")
      case .umap:
        let options = settings.umapOptions
        guard kept.count > options.neighbors else {
          throw Diagnostic.error(
            Messages.tooFewForNeighbors(kept.count < rows.count ? "the finite rest" : scope, kept.count,
                                        neighbors: options.neighbors), at: range)
        }
        let result = try UMAP.embed(
          data, rows: kept.count, columns: columns, options: options,
          progress: { report in self.session.progress?(Self.describe(report)) },
          isCancelled: { Interruption.isRequested })
        coordinates = result.coordinates
        notes.append(Self.umapNote(result, asked: options.initialization))
      }
    } catch is ProjectionCancelled {
      throw Interrupted()
    } catch let error as ProjectionInputError {
      throw Diagnostic.error(Messages.cannotProject("\(error)"), at: range)
    }
    session.progress?(nil)
    return ProjectionCache.Entry(rows: kept, coordinates: coordinates, notes: notes)
  }

  /// "t-SNE: iteration 250 of 750, KL 1.234, 3 s left"
  static func describe(_ report: TSNEProgress) -> String? {
    switch report.stage {
    case .affinities: return "t-SNE: finding neighbours…"
    case .optimization:
      var text = "t-SNE: iteration \(report.iteration) of \(report.totalIterations)"
      if let kl = report.klDivergence { text += ", KL \(rounded(kl, digits: 3))" }
      if let left = report.estimatedRemaining { text += ", \(Int(left.rounded(.up))) s left" }
      return text
    }
  }

  /// "UMAP: epoch 100 of 500, 3 s left"
  static func describe(_ report: UMAPProgress) -> String? {
    switch report.stage {
    case .graph: return "UMAP: finding neighbours…"
    case .initialization: return "UMAP: starting layout…"
    case .optimization:
      var text = "UMAP: epoch \(report.epoch) of \(report.totalEpochs)"
      if let left = report.estimatedRemaining { text += ", \(Int(left.rounded(.up))) s left" }
      return text
    }
  }

  /// "500 epochs from a spectral layout" (or the PCA one when the graph fell apart).
  static func umapNote(_ result: UMAPResult, asked: UMAPOptions.Initialization) -> String {
    let start: String
    switch result.initialization {
    case .spectral: start = "a spectral layout"
    case .random: start = "a random layout"
    case .pca:
      start = asked == .spectral
        ? "the PCA plane (the neighbour graph is not connected, so no spectral layout)" : "the PCA plane"
    }
    return "\(result.epochs) epochs from \(start)"
  }

  static func rounded(_ value: Double, digits: Int) -> String {
    var scale = 1.0
    for _ in 0 ..< digits { scale *= 10 }
    return "\((value * scale).rounded() / scale)"
  }

  private func result(
    _ entry: ProjectionCache.Entry, layer: Layer, bundle: ActivationBundle, scope: String, total: Int,
    settings: ProjectionSettings
  ) -> ProjectionResult {
    let instances = bundle.instances
    func className(_ column: [Int32]?, _ row: Int) -> String {
      guard let index = column?[row], index >= 0 else { return "" }
      return bundle.classes[Int(index)]
    }
    let labels = entry.rows.map { className(instances.labels, $0) }
    let predicted = entry.rows.map { className(instances.predicted, $0) }
    let (keyName, keyValues) = colorValues(rows: entry.rows, labels: labels, predicted: predicted, bundle: bundle)
    let pinned = Set(session.matrixRows.compactMap { row -> Int? in
      if case .instance(let index) = row { return index }
      return nil
    })
    var notes = ["\(entry.rows.count) of \(total) instances of \(scope) in layer \(layer.name)"
      + (entry.rows.count < total ? " (a sample, seed \(settings.seed); 'sample N' for more)" : "")]
    notes += entry.notes
    if let note = sampleNote("projected", in: bundle) { notes.append(note) }
    return ProjectionResult(
      layer: layer.name, method: settings.description,
      ids: entry.rows.map { instances.ids[$0] },
      x: stride(from: 0, to: entry.coordinates.count, by: 2).map { entry.coordinates[$0] },
      y: stride(from: 1, to: entry.coordinates.count, by: 2).map { entry.coordinates[$0] },
      labels: labels, predicted: predicted,
      texts: instances.text.map { column in entry.rows.map { column.string(at: $0) } } ?? [],
      colorKey: keyName, colorValues: keyValues,
      highlighted: entry.rows.indices.filter { pinned.contains(entry.rows[$0]) }, notes: notes)
  }

  /// The colour key's name and each point's value of it.
  private func colorValues(rows: [Int], labels: [String], predicted: [String], bundle: ActivationBundle)
    -> (String, [String])
  {
    switch session.colorKey {
    case .label: return ("label", labels)
    case .predicted: return ("predicted", predicted)
    case .correct:
      return ("correct", zip(labels, predicted).map { label, prediction in
        label.isEmpty || prediction.isEmpty ? "" : (label == prediction ? "correct" : "misclassified")
      })
    case .subset(let name):
      guard let members = session.subset(named: name)?.members else { return (name, rows.map { _ in "" }) }
      return (name, rows.map { members.contains($0) ? "in \(name)" : "not in \(name)" })
    case .attribute(let name):
      guard let attribute = bundle.instances.attribute(named: name) else { return (name, rows.map { _ in "" }) }
      switch attribute.values {
      case .categorical(let codes, let categories):
        return (name, rows.map { codes[$0] >= 0 ? categories[Int(codes[$0])] : "" })
      case .numeric(let values):
        return (name, Self.quantiles(values, rows: rows))
      }
    }
  }

  /// Each row's quartile range of `values` ("3–7" for [3, 7)), with the
  /// cuts of `subsets by <attribute>` over every instance, so that a colour
  /// and a subset of the same range hold the same instances.
  static func quantiles(_ values: [Double], rows: [Int]) -> [String] {
    guard let bins = QuantileBins(values: values, count: 4) else { return rows.map { _ in "" } }
    func text(_ value: Double?, or end: Double) -> String { rounded(value ?? end, digits: 2) }
    return rows.map { row in
      guard let bin = bins.bin(of: values[row]) else { return "" }
      let (lower, upper) = bins.bounds(of: bin)
      return "\(text(lower, or: bins.minimum))–\(text(upper, or: bins.maximum))"
    }
  }
}
