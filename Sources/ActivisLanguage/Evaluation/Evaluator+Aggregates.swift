import ActivisCore

/// What is exact and what is sampled in a bundle with aggregates (format
/// 1.1): classes and exported subsets are exact over the whole data set;
/// subsets defined in the shell, single instances, projections and the
/// instance panel use the bundle's sample.
extension Evaluator {
  /// What a matrix row's statistics in `layer` cover.
  func basis(of row: Session.MatrixRow, in layer: Layer, workspace: Workspace) -> MatrixResult.Basis {
    guard let aggregates = workspace.bundle.aggregates else { return .instances }
    if workspace.aggregateGroup(of: row, in: layer) != nil { return .exact(rows: aggregates.rows) }
    return .sample(size: workspace.bundle.instances.count)
  }

  /// A row's size for notes: `205 instances (41%)` in an ordinary bundle;
  /// `120,000 rows (12%), exact` or `205 instances of the sample of 2,000 (10%)`.
  func sizeDescription(of row: Session.MatrixRow, count: Int, in layer: Layer, workspace: Workspace) -> String {
    switch basis(of: row, in: layer, workspace: workspace) {
    case .instances: sizeDescription(count, of: workspace.bundle.instances.count)
    case .exact(let rows): exactSizeDescription(count, of: rows)
    case .sample(let size): sampleSizeDescription(count, of: size)
    }
  }

  /// `120,000 rows (12%), exact`.
  func exactSizeDescription(_ count: Int, of rows: Int) -> String {
    let percent = rows > 0 ? " (\(formatPercent(Double(count) * 100 / Double(rows))))" : ""
    return "\(GroupedNumber.text(count)) \(count == 1 ? "row" : "rows")\(percent), exact"
  }

  /// `205 instances of the sample of 2,000 (10%)`.
  func sampleSizeDescription(_ count: Int, of size: Int) -> String {
    let percent = size > 0 ? " (\(formatPercent(Double(count) * 100 / Double(size))))" : ""
    return "\(count) \(count == 1 ? "instance" : "instances") of the sample of \(GroupedNumber.text(size))\(percent)"
  }

  /// A note for results computed from the instances, in a bundle whose
  /// instances are a sample; nil for an ordinary bundle.
  func sampleNote(_ what: String, in bundle: ActivationBundle) -> String? {
    guard let aggregates = bundle.aggregates else { return nil }
    return "\(what) on the sample of \(GroupedNumber.text(bundle.instances.count)) instances "
      + "(of \(GroupedNumber.text(aggregates.rows)) rows)"
  }
}
