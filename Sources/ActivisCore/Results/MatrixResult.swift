/// The neuron activation matrix: rows of classes, subsets and instances,
/// columns of neurons of one layer.
public struct MatrixResult: Sendable {
  /// What a row stands for.
  public enum RowKind: String, Sendable {
    case `class`
    case subset
    case instance
  }

  /// What a row's statistics cover, when the bundle's instances are a
  /// sample of a larger data set (a bundle with aggregates).
  public enum Basis: Equatable, Sendable {
    /// The bundle's instances (an ordinary bundle).
    case instances
    /// Exact, from the bundle's aggregates over this many rows.
    case exact(rows: Int)
    /// Computed on the bundle's sample of this many instances.
    case sample(size: Int)
  }

  public struct Row: Sendable {
    /// Class name, subset name or `#id`.
    public var label: String
    public var kind: RowKind
    public var statistics: RowStatistics
    public var basis: Basis
    public init(label: String, kind: RowKind, statistics: RowStatistics, basis: Basis = .instances) {
      self.label = label
      self.kind = kind
      self.statistics = statistics
      self.basis = basis
    }
  }

  public var layer: String
  /// Every neuron's name in the layer, by index.
  public var neuronNames: [String]
  /// The neuron indices shown, in display order.
  public var columns: [Int]
  public var rows: [Row]
  /// How the columns are ordered.
  public var order: ColumnOrder

  /// How a matrix's columns are ordered (`matrix sort by …`).
  public enum ColumnOrder: Equatable, Sendable, CustomStringConvertible {
    /// As the layer stores them.
    case stored
    /// By one row's mean activation, strongest first.
    case strongest(row: String)
    /// By variance across the rows, largest first.
    case variance
    /// Similar neurons side by side.
    case cluster

    /// In words, for titles: "as stored", "by LOC, strongest first".
    public var description: String {
      switch self {
      case .stored: "as stored"
      case .strongest(let row): "by \(row), strongest first"
      case .variance: "by variance across rows, largest first"
      case .cluster: "similar neurons side by side"
      }
    }

    /// Its name in JSON: `stored`, `row`, `variance`, `cluster`.
    public var name: String {
      switch self {
      case .stored: "stored"
      case .strongest: "row"
      case .variance: "variance"
      case .cluster: "cluster"
      }
    }
  }

  public init(layer: String, neuronNames: [String], columns: [Int], rows: [Row], order: ColumnOrder = .stored) {
    self.layer = layer
    self.neuronNames = neuronNames
    self.columns = columns
    self.rows = rows
    self.order = order
  }
}

/// Per true class, which instances were classified correctly and which were
/// mistaken for what (the paper's instance selection panel).
public struct InstancePanel: Sendable {
  public struct Entry: Equatable, Sendable {
    public var id: Int64
    /// Index of the predicted class.
    public var predicted: Int
    /// The score of the predicted class, when the bundle has scores.
    public var score: Float?
    public init(id: Int64, predicted: Int, score: Float?) {
      self.id = id
      self.predicted = predicted
      self.score = score
    }
  }

  public struct Group: Sendable {
    /// Index of the true class.
    public var label: Int
    /// Correctly classified, by score descending (id order without scores).
    public var correct: [Entry]
    /// Misclassified, grouped by predicted class, then by score descending.
    public var misclassified: [Entry]
    public init(label: Int, correct: [Entry], misclassified: [Entry]) {
      self.label = label
      self.correct = correct
      self.misclassified = misclassified
    }
  }

  public var classes: [String]
  public var groups: [Group]
  /// Lines printed under the panel (such as that the instances are a sample).
  public var notes: [String]
  public init(classes: [String], groups: [Group], notes: [String] = []) {
    self.classes = classes
    self.groups = groups
    self.notes = notes
  }
}

/// A 2-D projection of instance activations.
public struct ProjectionResult: Sendable {
  public var layer: String
  /// `t-SNE` or `PCA`, with its settings, for titles.
  public var method: String
  public var ids: [Int64]
  public var x: [Float]
  public var y: [Float]
  /// Class names of each point's label and prediction ("" when unknown).
  public var labels: [String]
  public var predicted: [String]
  /// Each point's text, or empty when the bundle has no text.
  public var texts: [String]
  /// The key each point is coloured by, and each point's key value.
  public var colorKey: String
  public var colorValues: [String]
  /// Rows to draw on top (added subsets and instances), as point indices.
  public var highlighted: [Int]
  /// Notes such as the explained variance or the final KL divergence.
  public var notes: [String]

  public init(
    layer: String, method: String, ids: [Int64], x: [Float], y: [Float], labels: [String],
    predicted: [String], texts: [String] = [], colorKey: String, colorValues: [String],
    highlighted: [Int] = [], notes: [String] = []
  ) {
    self.layer = layer
    self.method = method
    self.ids = ids
    self.x = x
    self.y = y
    self.labels = labels
    self.predicted = predicted
    self.texts = texts
    self.colorKey = colorKey
    self.colorValues = colorValues
    self.highlighted = highlighted
    self.notes = notes
  }
}

/// The graph drawing a `graph` command asked for.
public struct GraphResult: Sendable {
  /// How deep groups are shown before they collapse into one box.
  public enum Depth: Equatable, Sendable {
    /// As deep as keeps the overview to about a page.
    case automatic
    /// Groups nested deeper than this are collapsed.
    case limit(Int)
  }

  public var graph: ModelGraph
  public var depth: Depth
  public var expanded: Set<String>
  public var collapsed: Set<String>
  /// Data node id → name of the layer recorded there.
  public var layers: [String: String]
  /// One node (or group) to describe instead of drawing the overview.
  public var focus: String?

  public init(graph: ModelGraph, depth: Depth, expanded: Set<String>, collapsed: Set<String>,
              layers: [String: String], focus: String? = nil) {
    self.graph = graph
    self.depth = depth
    self.expanded = expanded
    self.collapsed = collapsed
    self.layers = layers
    self.focus = focus
  }
}
