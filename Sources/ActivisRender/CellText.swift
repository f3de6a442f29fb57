import ActivisCore

extension Cell {
  /// The exact text of a cell for CSV and TSV; empty when missing.
  var exactText: String {
    switch self {
    case .text(let text): text
    case .integer(let value): String(value)
    case .float(let value): NumberText.exact(value)
    case .double(let value): NumberText.exact(value)
    case .missing: ""
    }
  }

  /// A compact text of a cell for text tables.
  var displayText: String {
    switch self {
    case .text(let text): text
    case .integer(let value): String(value)
    case .float(let value): NumberText.compact(Double(value))
    case .double(let value): NumberText.compact(value)
    case .missing: "–"
    }
  }
}
