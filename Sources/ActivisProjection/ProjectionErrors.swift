/// Thrown by long projections when the caller's cancellation callback returns `true`.
///
/// Nothing is left behind: all working memory is released when the error propagates.
package struct ProjectionCancelled: Error, Equatable, CustomStringConvertible {
  /// Creates the error.
  package init() {}

  /// A short human-readable description.
  package var description: String { "projection cancelled" }
}

/// Why a projection refused its input.
package enum ProjectionInputError: Error, Equatable, CustomStringConvertible {
  /// `data.count` is not `rows × columns`, or a dimension is not positive.
  case shapeMismatch(count: Int, rows: Int, columns: Int)
  /// Some rows contain NaN or ±infinity. The projection refuses such input rather than guess;
  /// use `ProjectionInput.finiteRows` to find the rows to keep.
  case nonFiniteValues(rows: Int, firstRow: Int)
  /// Too few rows for the requested projection (e.g. t-SNE needs more rows than
  /// `3 × perplexity` would allow to be meaningful, and at least 4).
  case tooFewRows(rows: Int, minimum: Int)
  /// An option is out of range; the string names it.
  case invalidOption(String)
  /// Every row is the same, so there are no neighbourhoods to lay out (UMAP).
  case identicalRows(rows: Int)

  /// A short human-readable description.
  package var description: String {
    switch self {
    case .shapeMismatch(let count, let rows, let columns):
      return "input has \(count) values, expected \(rows) × \(columns)"
    case .nonFiniteValues(let rows, let firstRow):
      return "\(rows) row(s) contain NaN or infinite values (first: row \(firstRow)); "
        + "drop them before projecting"
    case .tooFewRows(let rows, let minimum):
      return "\(rows) row(s) is too few: at least \(minimum) needed"
    case .invalidOption(let message):
      return "invalid option: \(message)"
    case .identicalRows(let rows):
      return "all \(rows) rows have the same values; there are no neighbourhoods to lay out"
    }
  }
}
