/// Exact statistics of classes and subsets over every row of a data set
/// too large to ship, with the bundle's instances a sample of it (format
/// 1.1, `aggregates` in the manifest; written by `python -m activis.spark`).
///
/// Each layer's statistics were computed over all `rows` rows; the bundle's
/// instances and activations are only the sample.
public struct BundleAggregates: Sendable {
  /// What a group of rows is.
  public enum Kind: String, Sendable {
    case `class`
    case subset
    /// Every row.
    case all
  }

  /// One class, subset or the whole data set.
  public struct Group: Sendable {
    public var name: String
    public var kind: Kind
    /// Rows of the whole data set in the group.
    public var count: Int
    /// A subset's condition, as the job was given it (Spark SQL).
    public var condition: String?
    /// A subset's members in the sample, as row indices of the instances.
    public var sampleRows: [Int]
  }

  /// Rows the aggregates cover (the whole data set).
  public var rows: Int
  public var groups: [Group]
  /// Per layer name, each group's statistics (in `groups` order).
  public var statistics: [String: [RowStatistics]]

  /// The statistics of group `group` in layer `layer`, if the aggregates hold that layer.
  public func statistics(layer: String, group: Int) -> RowStatistics? {
    statistics[layer].map { $0[group] }
  }

  /// The index of the class group called `name`.
  public func classGroup(_ name: String) -> Int? {
    groups.firstIndex { $0.kind == .class && $0.name == name }
  }

  /// The group covering every row.
  public var allGroup: Int? { groups.firstIndex { $0.kind == .all } }

  /// Statistics from one group's planes of an aggregates `.npy` (`mean`, `std`, `min`,
  /// `max`, `nonfinite`, each `width` values).
  static func rowStatistics(planes: [Float], width: Int, count: Int) -> RowStatistics {
    let plane = { (index: Int) in Array(planes[index * width ..< (index + 1) * width]) }
    let nonFinite = plane(4).map { Int($0) }
    return RowStatistics(count: count, mean: plane(0), standardDeviation: plane(1), minimum: plane(2),
                         maximum: plane(3), nonFiniteCounts: nonFinite.contains { $0 != 0 } ? nonFinite : [])
  }
}
