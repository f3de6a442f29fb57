import ActivisCore

/// How `compare A B` ranks the neurons of two groups.
enum ContrastRanking: String, CaseIterable {
  /// |mean(B) − mean(A)|.
  case difference
  /// |Cohen's d|.
  case effect
  /// |AUROC − ½|.
  case auroc
}

extension Evaluator {
  /// `compare A B [top N] [by difference|effect|auroc]` for two classes or
  /// subsets: per neuron the two means, their difference, Cohen's d and the
  /// exact AUROC; the `top` neurons by the chosen measure.
  func contrast(_ rows: [Session.MatrixRow], labels: [String], top: Int, ranking: ContrastRanking,
                layer: Layer, workspace: Workspace) throws -> CommandResult {
    let statistics = try self.statistics(of: rows, in: layer, workspace: workspace)
    let members = rows.map { row -> InstanceSet in
      if case .group(let set) = source(of: row, in: workspace) { return set }
      preconditionFailure("a contrast compares two groups")
    }
    let (a, b) = (statistics[0], statistics[1])
    let columns = layer.matrix.columnCount
    let difference = (0 ..< columns).map { Double(b.mean[$0]) - Double(a.mean[$0]) }
    let effect = (0 ..< columns).map { Self.cohensD(a, b, neuron: $0) }
    var auroc = [Double?](repeating: nil, count: columns)
    func computeAUROC(_ neurons: [Int]) throws {
      defer { session.progress?(nil) }
      let values = try GroupAUROC.compute(layer.matrix, a: members[0], b: members[1], neurons: neurons)
      for (neuron, value) in zip(neurons, values) { auroc[neuron] = value }
    }
    if ranking == .auroc { try computeAUROC(Array(0 ..< columns)) }
    func strength(_ j: Int) -> Double {
      switch ranking {
      case .difference: abs(difference[j])
      case .effect: abs(effect[j])
      case .auroc: abs((auroc[j] ?? .nan) - 0.5)
      }
    }
    let ranked = (0 ..< columns).filter { !strength($0).isNaN }
      .sorted { strength($0) != strength($1) ? strength($0) > strength($1) : $0 < $1 }
    let shown = Array(ranked.prefix(top))
    if ranking != .auroc { try computeAUROC(shown) }
    let table = shown.map { j -> [Cell] in
      [.text(layer.neuronNames[j]), .float(a.mean[j]), .float(b.mean[j]), .double(difference[j]),
       effect[j].isNaN ? .missing : .double(effect[j]), auroc[j].map { $0.isNaN ? .missing : .double($0) } ?? .missing]
    }
    var notes = [
      "layer \(layer.name), by |\(ranking.rawValue)\(ranking == .auroc ? " − 0.5" : "")|, largest first; "
        + "difference = mean \(labels[1]) − mean \(labels[0])",
      "effect = Cohen's d (the difference over the pooled sample standard deviation); auroc = the chance that "
        + "a member of \(labels[1]) is above one of \(labels[0]), ties half, exact; NaN values are left out",
    ] + zip(labels, zip(rows, statistics)).map { label, pair in
      "\(label): \(sizeDescription(of: pair.0, count: pair.1.count, in: layer, workspace: workspace))"
    }
    if let note = sampleNote("auroc is computed", in: workspace.bundle) {
      notes.append(note + "; means, difference and effect come from each row's statistics")
    }
    return .table(ResultTable(columns: ["neuron"] + labels + ["difference", "effect", "auroc"], rows: table,
                              notes: notes))
  }

  /// Cohen's d of one neuron: the difference of the means over the pooled
  /// sample standard deviation; NaN when it is 0 or a group has < 2 values.
  static func cohensD(_ a: RowStatistics, _ b: RowStatistics, neuron j: Int) -> Double {
    let na = Double(a.count - (a.nonFiniteCounts.isEmpty ? 0 : a.nonFiniteCounts[j]))
    let nb = Double(b.count - (b.nonFiniteCounts.isEmpty ? 0 : b.nonFiniteCounts[j]))
    guard na >= 2, nb >= 2 else { return .nan }
    let sa = Double(a.standardDeviation[j]), sb = Double(b.standardDeviation[j])
    // Population variances (divisor n) back to the sums of squares.
    let pooled = ((na * sa * sa + nb * sb * sb) / (na + nb - 2)).squareRoot()
    guard pooled > 0, pooled.isFinite else { return .nan }
    return (Double(b.mean[j]) - Double(a.mean[j])) / pooled
  }
}
