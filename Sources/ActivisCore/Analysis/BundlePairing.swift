/// The instances two bundles share, matched by id: row `rows[k]` of this
/// bundle and row `otherRows[k]` of the other hold the same instance, in this
/// bundle's row order.
public struct BundlePairing: Sendable {
  /// Rows in this bundle, ascending.
  public let rows: [Int]
  /// The same instances' rows in the other bundle.
  public let otherRows: [Int]
  /// Instances of this bundle that the other lacks, and the other way round.
  public let onlyHere: Int
  public let onlyThere: Int

  /// Matches `instances` with `other` by id.
  public init(_ instances: InstanceTable, _ other: InstanceTable) {
    var rows: [Int] = []
    var otherRows: [Int] = []
    for (row, id) in instances.ids.enumerated() {
      if let match = other.row(ofID: id) {
        rows.append(row)
        otherRows.append(match)
      }
    }
    self.rows = rows
    self.otherRows = otherRows
    onlyHere = instances.count - rows.count
    onlyThere = other.count - rows.count
  }

  /// How many instances both have.
  public var count: Int { rows.count }

  /// Per (prediction in the other bundle, prediction here) class-name pair
  /// that differ, the shared instances with it, most frequent first (then by
  /// name); instances without a prediction on either side are left out.
  public func predictionChanges(here: ActivationBundle, there: ActivationBundle) -> [(from: String, to: String, count: Int)] {
    guard let now = here.instances.predicted, let before = there.instances.predicted else { return [] }
    var counts: [PredictionChange: Int] = [:]
    for (row, otherRow) in zip(rows, otherRows) {
      let a = Int(before[otherRow]), b = Int(now[row])
      guard a >= 0, b >= 0 else { continue }
      let change = PredictionChange(from: there.classes[a], to: here.classes[b])
      if change.from != change.to { counts[change, default: 0] += 1 }
    }
    return counts.map { (from: $0.key.from, to: $0.key.to, count: $0.value) }
      .sorted { ($1.count, $0.from, $0.to) < ($0.count, $1.from, $1.to) }
  }

  /// The rows of this bundle whose prediction differs from the other's
  /// (by class name); instances without a prediction on either side are not members.
  public func changedRows(here: ActivationBundle, there: ActivationBundle) -> [Int] {
    guard let now = here.instances.predicted, let before = there.instances.predicted else { return [] }
    return zip(rows, otherRows).compactMap { row, otherRow in
      let a = Int(before[otherRow]), b = Int(now[row])
      return a >= 0 && b >= 0 && there.classes[a] != here.classes[b] ? row : nil
    }
  }

  private struct PredictionChange: Hashable {
    let from: String
    let to: String
  }
}
