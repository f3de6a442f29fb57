import ActivisCore

/// One layer for `TestBundle.make`: its values, how they are stored, and its
/// manifest entry.
public struct TestLayer: Sendable {
  /// The layer name (`layers[].name`).
  public var name: String
  /// All values in C order, row after row.
  public var values: [Double]
  /// The full shape, first axis = instances.
  public var shape: [Int]
  /// The stored element type.
  public var dtype: ScalarType
  /// How many `.npy` shards the rows are split into (as evenly as possible);
  /// 1 writes `activations/<name>.npy` as `file`, more write
  /// `activations/<name>.000.npy`, … as `files`.
  public var shards: Int
  /// The `.npy` format version, 1, 2 or 3.
  public var version: Int
  /// `layers[].node`.
  public var node: String?
  /// `layers[].neurons`.
  public var neurons: [String]?

  /// A layer from rows of equal length (an N × D matrix).
  public init(
    name: String, rows: [[Float]], dtype: ScalarType = .float32, shards: Int = 1, version: Int = 1,
    node: String? = nil, neurons: [String]? = nil
  ) {
    let width = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == width }, "TestLayer rows must have equal length")
    self.init(name: name, values: rows.flatMap { $0.map(Double.init) }, shape: [rows.count, width],
              dtype: dtype, shards: shards, version: version, node: node, neurons: neurons)
  }

  /// A layer from flat C-order values and a shape such as `[N, C, L]`.
  public init(
    name: String, values: [Double], shape: [Int], dtype: ScalarType = .float32, shards: Int = 1,
    version: Int = 1, node: String? = nil, neurons: [String]? = nil
  ) {
    precondition(!shape.isEmpty && shape.reduce(1, *) == values.count, "shape must match values")
    precondition(shards >= 1, "at least one shard")
    self.name = name
    self.values = values
    self.shape = shape
    self.dtype = dtype
    self.shards = shards
    self.version = version
    self.node = node
    self.neurons = neurons
  }

  /// The bundle-relative file names the shards are written to.
  public var files: [String] {
    shards == 1 ? ["activations/\(name).npy"]
      : (0 ..< shards).map { "activations/\(name).\(Self.threeDigits($0)).npy" }
  }

  /// Row ranges of each shard.
  public var shardRows: [Range<Int>] {
    let n = shape[0]
    return (0 ..< shards).map { n * $0 / shards ..< n * ($0 + 1) / shards }
  }

  private static func threeDigits(_ i: Int) -> String {
    let digits = String(i)
    return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
  }
}
