/// A span of one source line, as UTF-8 byte offsets into that line.
///
/// Lines and columns for messages are computed only when printing (see
/// `DiagnosticFormatter`); columns count characters, not bytes.
public struct SourceRange: Hashable, Sendable {
  public var start: Int
  public var end: Int
  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = end
  }
  /// An empty range at `offset` (a missing token).
  public static func at(_ offset: Int) -> SourceRange { SourceRange(offset, offset) }
  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(Swift.min(start, other.start), Swift.max(end, other.end))
  }
}

/// A value together with where it was written.
public struct Located<Value> {
  public var value: Value
  public var range: SourceRange
  public init(_ value: Value, _ range: SourceRange) {
    self.value = value
    self.range = range
  }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Sendable where Value: Sendable {}
