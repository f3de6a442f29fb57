import ActivisCore

/// Settings that shape a rendering.
public struct RenderOptions: Sendable {
  public var format: OutputFormat
  /// Columns available; text is fitted to it.
  public var width: Int
  /// ANSI colour allowed.
  public var useColor: Bool

  public init(format: OutputFormat, width: Int = 120, useColor: Bool = false) {
    self.format = format
    self.width = Swift.max(40, width)
    self.useColor = useColor
  }
}
