/// A span of one source line, as UTF-8 byte offsets into that line.
///
/// Lines and columns for messages are computed only when printing (see
/// `DiagnosticFormatter`); columns count characters, not bytes.
package struct SourceRange: Hashable, Sendable {
  package var start: Int
  package var end: Int
  package init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = end
  }
  /// An empty range at `offset` (a missing token).
  package static func at(_ offset: Int) -> SourceRange { SourceRange(offset, offset) }
  /// The smallest range covering both.
  package func union(_ other: SourceRange) -> SourceRange {
    SourceRange(Swift.min(start, other.start), Swift.max(end, other.end))
  }
}

/// A value together with where it was written.
package struct Located<Value> {
  package var value: Value
  package var range: SourceRange
  package init(_ value: Value, _ range: SourceRange) {
    self.value = value
    self.range = range
  }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Sendable where Value: Sendable {}
