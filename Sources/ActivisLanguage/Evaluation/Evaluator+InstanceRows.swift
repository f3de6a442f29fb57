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
    return rows.map { row in
      [.integer(instances.ids[row])] + (value.map { [$0(row)] } ?? [])
        + [className(instances.labels, row), className(instances.predicted, row),
           instances.text.map { .text($0.string(at: row)) } ?? .missing]
    }
  }
}
