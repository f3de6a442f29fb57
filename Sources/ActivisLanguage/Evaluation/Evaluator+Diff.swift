import ActivisCore

extension Evaluator {
  /// `diff <path> [all]`: the same instances seen by another model or
  /// checkpoint. Per layer name both bundles have, the linear CKA between
  /// the two activation matrices over the shared instances; with `all`, every
  /// layer here against every layer there, as a shaded grid. The notes say
  /// how many instances were used and which predictions changed.
  func diff(_ path: Located<String>, all: Bool, at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    let absolute = SessionScript.absolutePath(path.value)
    let other = try openOther(Located(absolute, path.range))
    // The directory's name tells a checkpoint from the model (their manifests may share a name).
    let otherName = absolute.split(separator: "/").last.map(String.init) ?? other.name
    let pairing = BundlePairing(bundle.instances, other.instances)
    guard pairing.count > 0 else {
      throw Diagnostic.error(Messages.diffNoSharedIDs(path.value, here: bundle.instances.count,
                                                      there: other.instances.count), at: path.range)
    }
    let pairs: [(Int, Int)] = all
      ? bundle.layers.indices.flatMap { i in other.layers.indices.map { (i, $0) } }
      : bundle.layers.indices.compactMap { i in
        other.layers.firstIndex { $0.name == bundle.layers[i].name }.map { (i, $0) }
      }
    guard !pairs.isEmpty else {
      throw Diagnostic.error(Messages.diffNoCommonLayers(path.value, here: bundle.layers.map(\.name),
                                                         there: other.layers.map(\.name)), at: path.range)
    }
    let outcome = try LinearCKA.compare(bundle.layers.map(\.matrix), rows: pairing.rows,
                                        with: other.layers.map(\.matrix), rows: pairing.otherRows, pairs: pairs)
    var notes = diffNotes(pairing, outcome: outcome, other: other, otherName: otherName, path: absolute)
    for (pair, value) in zip(pairs, outcome.values) {
      if case .undefined(let here, let there) = value {
        let name = all ? "\(bundle.layers[pair.0].name) × \(other.layers[pair.1].name)" : bundle.layers[pair.0].name
        notes.append(Messages.ckaUndefined(name, firstConstant: here, secondConstant: there, otherName: otherName))
      }
    }
    func cell(_ value: LinearCKA.Value) -> Cell {
      if case .similarity(let cka) = value { return .double(cka) }
      return .missing
    }
    guard all else {
      let rows: [[Cell]] = zip(pairs, outcome.values).map { pair, value in
        [.text(bundle.layers[pair.0].name), .int(bundle.layers[pair.0].matrix.columnCount),
         .int(other.layers[pair.1].matrix.columnCount), cell(value)]
      }
      return .table(ResultTable(columns: ["layer", "neurons", "other_neurons", "cka"], rows: rows, notes: notes))
    }
    let width = other.layers.count
    let grid = bundle.layers.indices.map { i in (0 ..< width).map { outcome.values[i * width + $0] } }
    let heatmap = Heatmap(
      title: "linear CKA: \(bundle.name) × \(otherName)", rowTitle: "layer here",
      columnTitle: "layer of \(otherName)", rowLabels: bundle.layers.map(\.name),
      columnLabels: other.layers.map(\.name), counts: grid.map { $0.map { _ in 0 } },
      values: grid.map { $0.map { value in
        if case .similarity(let cka) = value { return cka }
        return nil
      } })
    let rows: [[Cell]] = bundle.layers.indices.map { i in [.text(bundle.layers[i].name)] + grid[i].map(cell) }
    notes.insert("rows: layers here; columns: layers of \(otherName); shades ' ·░▒▓█' from CKA 0 to 1", at: 0)
    return .table(ResultTable(columns: ["layer"] + other.layers.map(\.name), rows: rows, notes: notes,
                              heatmap: heatmap))
  }

  /// Opens the bundle to compare with, read-only like any bundle.
  func openOther(_ path: Located<String>) throws -> ActivationBundle {
    do {
      return try ActivationBundle.open(path.value)
    } catch let error as BundleError {
      throw Diagnostic.error(Messages.diffCannotOpen(Self.describe(error)), at: path.range)
    }
  }

  /// What was compared, what was left out, and which predictions changed.
  private func diffNotes(_ pairing: BundlePairing, outcome: LinearCKA.Outcome, other: ActivationBundle,
                         otherName: String, path: String) -> [String] {
    let bundle = session.workspace!.bundle
    var notes = ["linear CKA (1 = the same up to rotation and scale) over \(outcome.usedRows) instances "
      + "that both bundles have"]
    if pairing.onlyHere > 0 || pairing.onlyThere > 0 {
      notes.append("\(pairing.onlyHere) instances only here and \(pairing.onlyThere) only in \(otherName) were left out")
    }
    if outcome.nonFiniteRows > 0 {
      notes.append("\(outcome.nonFiniteRows) instances with NaN or infinite activations in a compared layer were left out")
    }
    let changes = pairing.predictionChanges(here: bundle, there: other)
    guard bundle.instances.predicted != nil, other.instances.predicted != nil else {
      notes.append("predictions: a bundle has no 'predicted' column")
      return notes
    }
    let changed = changes.reduce(0) { $0 + $1.count }
    notes.append("predictions changed for \(changed) of \(pairing.count) instances (\(otherName) → here)"
      + (changes.isEmpty ? "" : ": " + changes.map { "\($0.from) → \($0.to) \($0.count)" }.joined(separator: ", ")))
    if changed > 0 {
      notes.append("subset changed = where changed from \(Lexer.quoted(path))   -- makes them a subset")
    }
    return notes
  }
}
