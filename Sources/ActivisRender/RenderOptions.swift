import ActivisCore

/// Settings that shape a rendering.
package struct RenderOptions: Sendable {
  package var format: OutputFormat
  /// Columns available; text is fitted to it.
  package var width: Int
  /// ANSI colour allowed.
  package var useColor: Bool

  package init(format: OutputFormat, width: Int = 120, useColor: Bool = false) {
    self.format = format
    self.width = Swift.max(40, width)
    self.useColor = useColor
  }
}
