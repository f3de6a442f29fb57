import ActivisCore

/// Everything the user has built in a shell session: the open bundle, the
/// selected layer, subsets, the matrix's rows, the last result, settings.
///
/// Errors never leave the session half-changed: each command validates
/// everything before it changes anything.
public final class Session {
  /// A named set of instances and the predicate text that defined it.
  public struct Subset: Sendable {
    public var name: String
    public var definition: String
    public var members: InstanceSet
    /// The field of the `subsets by` that defined it, if one did.
    public var splitField: String? = nil
    /// The absolute path of the id list it was read from (`subset … from`);
    /// nil when `definition` is a predicate.
    public var listFile: String? = nil
  }

  /// A row of the matrix, as the user added it.
  public enum MatrixRow: Equatable, Sendable {
    case `class`(Int)
    case subset(String)
    case instance(row: Int)
  }

  public internal(set) var bundle: ActivationBundle?
  public internal(set) var layer: Layer?
  /// Subsets in the order they were defined.
  public internal(set) var subsets: [Subset] = []
  /// The matrix rows, in order.
  public internal(set) var matrixRows: [MatrixRow] = []
  /// What the last result-producing command returned, for `export`.
  public internal(set) var lastResult: CommandResult?
  /// How results print on standard output.
  public internal(set) var format: OutputFormat
  /// What colours the points of a projection.
  public internal(set) var colorKey: ColorKey = .label
  /// Whether the shell reports each command's time (`set timer on`).
  public internal(set) var timer = false
  /// `graph depth N`, and groups expanded or collapsed by hand.
  public internal(set) var graphDepth: GraphResult.Depth = .automatic
  public internal(set) var expandedGroups: Set<String> = []
  public internal(set) var collapsedGroups: Set<String> = []

  /// Reports progress of long commands (a line, or nil when done); the
  /// shell sets it when standard error is a terminal.
  public var progress: ((String?) -> Void)?

  /// Statistics already computed, by layer and row.
  let statistics = StatisticsCache()
  /// Projections already computed, by layer, instances and options.
  let projections = ProjectionCache()
  /// Instances of each class by true label, built once per bundle.
  var classMembers: [InstanceSet] = []

  public init(format: OutputFormat = .table) {
    self.format = format
  }

  /// The subset with this name.
  public func subset(named name: String) -> Subset? { subsets.first { $0.name == name } }
}

/// Row statistics computed once per layer, row and definition, so that
/// `matrix` after `add` only reads what is new.
final class StatisticsCache {
  struct Key: Hashable {
    var layer: String
    var row: String
  }
  private var values: [Key: RowStatistics] = [:]

  func value(layer: String, row: String) -> RowStatistics? { values[Key(layer: layer, row: row)] }
  func store(_ statistics: RowStatistics, layer: String, row: String) {
    values[Key(layer: layer, row: row)] = statistics
  }
  /// Forgets a row in every layer (a subset was redefined).
  func forget(row: String) { values = values.filter { $0.key.row != row } }
  func removeAll() { values.removeAll() }
}
