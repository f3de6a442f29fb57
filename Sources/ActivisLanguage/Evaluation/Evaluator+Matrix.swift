import ActivisCore

extension Evaluator {
  /// What one row of statistics aggregates.
  enum StatisticsSource {
    /// The instances of a class, a subset, or every instance.
    case group(InstanceSet)
    /// A single instance.
    case instance(row: Int)
    /// A group of the bundle's aggregates: exact over the whole data set.
    case aggregate(group: Int)
  }

  /// What a matrix row aggregates: its members now, or in `layer` its
  /// exact aggregates when the bundle has them.
  func source(of row: Session.MatrixRow, in workspace: Workspace, layer: Layer? = nil) -> StatisticsSource {
    if let layer, let group = workspace.aggregateGroup(of: row, in: layer) { return .aggregate(group: group) }
    return switch row {
    case .class(let index): .group(workspace.classMembers[index])
    case .subset(let name):
      .group(workspace.subset(named: name)?.members ?? InstanceSet(capacity: workspace.bundle.instances.count))
    case .instance(let row): .instance(row: row)
    }
  }

  /// The statistics of matrix rows in `layer`.
  func statistics(of rows: [Session.MatrixRow], in layer: Layer, workspace: Workspace) throws -> [RowStatistics] {
    try statistics(of: rows.map { source(of: $0, in: workspace, layer: layer) }, in: layer, workspace: workspace)
  }

  /// The statistics of each source in `layer`. One pass computes the groups
  /// not cached yet, and reads only their rows. A group's numbers depend on
  /// its members and the layer alone (see `ActivationStatistics`), and the
  /// cache is keyed by the layer and the exact member set, so what was
  /// computed before, or alongside, never changes an answer.
  func statistics(of sources: [StatisticsSource], in layer: Layer, workspace: Workspace,
                  countNonPositive: Bool = false) throws -> [RowStatistics]
  {
    func key(_ members: InstanceSet) -> StatisticsCache.Key {
      StatisticsCache.Key(layer: ObjectIdentifier(layer), members: members, countNonPositive: countNonPositive)
    }
    var missing: [InstanceSet] = []
    for source in sources {
      if case .group(let members) = source, workspace.statistics[key(members)] == nil, !missing.contains(members) {
        missing.append(members)
      }
    }
    if !missing.isEmpty {
      defer { session.progress?(nil) }
      let computed = try ActivationStatistics.compute(
        layer.matrix, groups: missing, options: .init(countNonPositive: countNonPositive),
        progress: { done, left in
          self.session.progress?("layer \(layer.name): \(Int(done * 100))% read, \(Int(left.rounded(.up))) s left")
        })
      for (members, statistics) in zip(missing, computed) { workspace.statistics[key(members)] = statistics }
    }
    return sources.compactMap { source in
      switch source {
      case .group(let members): workspace.statistics[key(members)]
      case .instance(let row): RowStatistics(instance: layer.matrix.row(row), countNonPositive: countNonPositive)
      case .aggregate(let group): workspace.bundle.aggregates?.statistics(layer: layer.name, group: group)
      }
    }
  }

  /// `matrix [neurons A..B] [sort by …]`
  func matrix(_ options: MatrixOptions, at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    let layer = try workspace.requireLayer(at: range)
    return .matrix(try matrix(of: layer, options, workspace: workspace))
  }

  /// `matrix layers A B … [sort by …]`: the same rows in several layers, one
  /// block of columns per layer, each ordered on its own.
  func matrix(layers names: [Located<String>], _ options: MatrixOptions, at range: SourceRange) throws
    -> CommandResult
  {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    let layers = try names.map { name in
      guard let layer = bundle.layer(named: name.value) else {
        let known = bundle.layers.map(\.name)
        // `srot by variance` after the layers is a misspelt option more likely than a layer.
        if Suggestions.nearest(to: name.value, among: known) == nil,
           Suggestions.nearest(to: name.value, among: ["sort"]) != nil {
          throw Diagnostic.error("unknown layer '\(name.value)'; did you mean 'sort by'?", at: name.range)
        }
        throw Diagnostic.unknownName("layer", name.value, among: known, at: name.range)
      }
      return layer
    }
    if let repeated = names.indices.first(where: { i in names[..<i].contains { $0.value == names[i].value } }) {
      throw Diagnostic.error(Messages.layerGivenTwice(names[repeated].value), at: names[repeated].range)
    }
    return .layeredMatrix(try layers.map { try matrix(of: $0, options, workspace: workspace) })
  }

  /// The matrix of the session's rows in `layer`.
  func matrix(of layer: Layer, _ options: MatrixOptions, workspace: Workspace) throws -> MatrixResult {
    let bundle = workspace.bundle
    let rows = session.matrixRows
    var columns = Array(0 ..< layer.matrix.columnCount)
    if let span = options.neurons {
      guard span.value.lowerBound >= 0, span.value.upperBound < layer.matrix.columnCount else {
        throw Diagnostic.error(Messages.neuronRangeOutside(layer: layer.name, columns: layer.matrix.columnCount,
                                                           span.value), at: span.range)
      }
      columns = Array(span.value)
    }
    let statistics = try self.statistics(of: rows, in: layer, workspace: workspace)
    var order = MatrixResult.ColumnOrder.stored
    if let requested = options.order {
      switch requested.value {
      case .stored: break
      case .row(let reference):
        let row = try resolveRow(reference, in: bundle)
        let means = try self.statistics(of: [row], in: layer, workspace: workspace)[0].mean
        columns = NeuronOrdering.descending(columns, by: means)
        order = .strongest(row: rowLabel(row, in: bundle))
      case .variance:
        columns = NeuronOrdering.byVariance(columns, rows: statistics.map(\.mean))
        order = .variance
      case .cluster:
        columns = NeuronOrdering.seriated(columns, rows: statistics.map(\.mean))
        order = .cluster
      }
    }
    let matrixRows = zip(rows, statistics).map { row, stats in
      MatrixResult.Row(label: rowLabel(row, in: bundle), kind: Self.kind(of: row), statistics: stats,
                       basis: basis(of: row, in: layer, workspace: workspace))
    }
    return MatrixResult(layer: layer.name, neuronNames: layer.neuronNames, columns: columns, rows: matrixRows,
                        order: order)
  }

  static func kind(of row: Session.MatrixRow) -> MatrixResult.RowKind {
    switch row {
    case .class: .class
    case .subset: .subset
    case .instance: .instance
    }
  }

  /// `compare <row> <row> … [top N]`: the neurons whose means differ most.
  func compare(_ references: [RowReference], top: Located<Int>?, ranking: Located<String>?, at range: SourceRange)
    throws -> CommandResult
  {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    let layer = try workspace.requireLayer(at: range)
    let rows = try references.map { try resolveRow($0, in: bundle) }
    let isGroup = { (row: Session.MatrixRow) -> Bool in if case .instance = row { false } else { true } }
    if rows.count == 2, rows.allSatisfy(isGroup) {
      return try contrast(rows, labels: rows.map { rowLabel($0, in: bundle) }, top: top?.value ?? 10,
                          ranking: ranking.flatMap { ContrastRanking(rawValue: $0.value) } ?? .difference,
                          layer: layer, workspace: workspace)
    }
    if let ranking, ranking.value != ContrastRanking.difference.rawValue {
      let reason = rows.count == 2
        ? "\(rows.first { !isGroup($0) }.map { rowLabel($0, in: bundle) } ?? "") is one instance"
        : "\(rows.count) rows were given"
      throw Diagnostic.error(Messages.rankingNeedsTwoGroups(ranking.value, reason: reason), at: ranking.range)
    }
    let statistics = try self.statistics(of: rows, in: layer, workspace: workspace)
    let labels = rows.map { rowLabel($0, in: bundle) }
    let entries = NeuronContrast.rank(means: statistics.map(\.mean), top: top?.value ?? 10)
    let differenceName = rows.count == 2 ? "difference" : "spread"
    let table = ResultTable(
      columns: ["neuron"] + labels + [differenceName],
      rows: entries.map { entry in
        [.text(layer.neuronNames[entry.neuron])] + entry.values.map { .float($0) } + [.float(entry.difference)]
      },
      notes: [rows.count == 2
        ? "mean activation in layer \(layer.name); difference = \(labels[1]) − \(labels[0]), largest first"
        : "mean activation in layer \(layer.name); spread = largest − smallest, largest first"]
        + zip(labels, zip(rows, statistics)).map { label, pair in
          "\(label): \(sizeDescription(of: pair.0, count: pair.1.count, in: layer, workspace: workspace))"
        })
    return .table(table)
  }

  /// `neurons [by <statistic>] [top N]`: per-neuron statistics over every
  /// instance of the layer.
  func neurons(_ query: NeuronQuery, at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    let layer = try workspace.requireLayer(at: range)
    let classRows = workspace.classMembers.indices.filter { !workspace.classMembers[$0].isEmpty }
    let everyInstance: StatisticsSource = bundle.aggregates?.allGroup
      .flatMap { group in bundle.aggregates?.statistics[layer.name] == nil ? nil : .aggregate(group: group) }
      ?? .group(.all(bundle.instances.count))
    // One pass: every instance and each class.
    let computed = try statistics(
      of: [everyInstance] + classRows.map { source(of: .class($0), in: workspace, layer: layer) }, in: layer,
      workspace: workspace, countNonPositive: true)
    let overall = computed[0]
    let perClass = Array(computed.dropFirst())
    let separation = NeuronOrdering.separation(overall: overall, classes: perClass)
    var columns = Array(0 ..< layer.matrix.columnCount)
    if let ranking = query.ranking {
      let key: [Float] = switch ranking.value {
      case .mean: overall.mean
      case .std: overall.standardDeviation
      case .min: overall.minimum
      case .max: overall.maximum
      case .dead: overall.nonPositiveFraction ?? []
      case .separation: separation
      }
      guard key.count == columns.count else {
        throw Diagnostic.error(Messages.notInAggregates(ranking.value.rawValue, layer: layer.name,
                                                        sample: bundle.instances.count), at: ranking.range)
      }
      columns = NeuronOrdering.descending(columns, by: key)
    }
    let shown = query.top.map { Array(columns.prefix($0.value)) } ?? columns
    let rows: [[Cell]] = shown.map { j in
      [.text(layer.neuronNames[j]), .float(overall.mean[j]), .float(overall.standardDeviation[j]),
       .float(overall.minimum[j]), .float(overall.maximum[j]),
       .float(overall.nonPositiveFraction?[j] ?? .nan), .float(separation[j])]
    }
    var notes = ["over \(overall.count) instances of layer \(layer.name); dead = fraction ≤ 0; "
      + "separation = between-class share of the variance"]
    if case .aggregate = everyInstance {
      notes = ["exact over \(GroupedNumber.text(overall.count)) rows of layer \(layer.name) (the bundle's aggregates); "
        + "separation = between-class share of the variance; dead (fraction ≤ 0) is not in the aggregates"]
    }
    let nonFinite = overall.nonFiniteTotal
    if nonFinite > 0 { notes.append("\(nonFinite) NaN or infinite values were left out") }
    return .table(ResultTable(columns: ["neuron", "mean", "std", "min", "max", "dead", "separation"],
                              rows: rows, notes: notes))
  }
}
