/// What a command produced, as plain values: the renderers draw it as text,
/// CSV, TSV, JSON or SVG, and `export` writes it to a file.
public enum CommandResult: Sendable {
  /// A confirmation ("whatis: 112 instances"), shown in table format only.
  case message(String)
  /// Prose to print as it is (help, a node's description).
  case text(String)
  /// Rows and columns of typed cells.
  case table(ResultTable)
  /// The neuron activation matrix.
  case matrix(MatrixResult)
  /// The same rows in several layers: one matrix per layer, side by side.
  case layeredMatrix([MatrixResult])
  /// Per true class, the correctly and wrongly classified instances.
  case instancePanel(InstancePanel)
  /// A 2-D projection of instance activations.
  case projection(ProjectionResult)
  /// A drawing of the computation graph.
  case graph(GraphResult)

  /// Whether `export` can write this result (messages and prose cannot).
  public var isExportable: Bool {
    switch self {
    case .message, .text: false
    default: true
    }
  }
}

/// A table of typed cells, with optional notes printed under it.
public struct ResultTable: Sendable {
  public var columns: [String]
  public var rows: [[Cell]]
  /// Shown under the table in table format (e.g. "12 more rows").
  public var notes: [String]
  /// Counts to draw as a shaded grid when the table is exported as SVG (the
  /// confusion matrix); nil for tables without a picture.
  public var heatmap: Heatmap?

  public init(columns: [String], rows: [[Cell]], notes: [String] = [], heatmap: Heatmap? = nil) {
    self.columns = columns
    self.rows = rows
    self.notes = notes
    self.heatmap = heatmap
  }
}

/// Counts, or values between 0 and 1, in a grid of labelled rows and
/// columns, drawn as shades.
public struct Heatmap: Sendable, Equatable {
  public var title: String
  /// What the rows and the columns are (`true class`, `predicted class`).
  public var rowTitle: String
  public var columnTitle: String
  public var rowLabels: [String]
  public var columnLabels: [String]
  /// `counts[row][column]`.
  public var counts: [[Int]]
  /// `values[row][column]` between 0 and 1 (nil: undefined) when the grid
  /// holds values instead of counts.
  public var values: [[Double?]]?

  public init(title: String, rowTitle: String, columnTitle: String, rowLabels: [String], columnLabels: [String],
              counts: [[Int]], values: [[Double?]]? = nil) {
    self.values = values
    self.title = title
    self.rowTitle = rowTitle
    self.columnTitle = columnTitle
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.counts = counts
  }
}

/// One value of a result table.
public enum Cell: Hashable, Sendable {
  case text(String)
  case integer(Int64)
  case float(Float)
  case double(Double)
  case missing

  public static func int(_ value: Int) -> Cell { .integer(Int64(value)) }

  /// Whether the column should be right-aligned in text.
  public var isNumeric: Bool {
    switch self {
    case .integer, .float, .double: true
    case .text, .missing: false
    }
  }
}
