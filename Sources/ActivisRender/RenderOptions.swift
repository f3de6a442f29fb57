/// How results are rendered.
public enum RenderFormat: String, Sendable, CaseIterable {
  /// Aligned text: boxes, shaded matrices, character pictures.
  case table
  case csv
  case tsv
  case json
}

/// Settings that shape a rendering.
public struct RenderOptions: Sendable {
  public var format: RenderFormat
  /// Columns available; text is fitted to it.
  public var width: Int
  /// ANSI colour allowed.
  public var useColor: Bool

  public init(format: RenderFormat, width: Int = 120, useColor: Bool = false) {
    self.format = format
    self.width = Swift.max(40, width)
    self.useColor = useColor
  }
}
