import ActivisCore

extension Evaluator {
  /// One table row per instance: its id, `value(row)` when given, then its
  /// label, prediction and text (the shape of `members`, `top` and `neighbors`).
  static func instanceRows(_ rows: [Int], in bundle: ActivationBundle, value: ((Int) -> Cell)? = nil) -> [[Cell]] {
    let instances = bundle.instances
    func className(_ codes: [Int32]?, _ row: Int) -> Cell {
      guard let code = codes?[row], code >= 0 else { return .missing }
      return .text(bundle.classes[Int(code)])
    }
    // Each row built in place: tens of thousands of rows are listed at once.
    return rows.map { row in
      var cells: [Cell] = []
      cells.reserveCapacity(value == nil ? 4 : 5)
      cells.append(.integer(instances.ids[row]))
      if let value { cells.append(value(row)) }
      cells.append(className(instances.labels, row))
      cells.append(className(instances.predicted, row))
      cells.append(instances.text.map { .text($0.string(at: row)) } ?? .missing)
      return cells
    }
  }
}
