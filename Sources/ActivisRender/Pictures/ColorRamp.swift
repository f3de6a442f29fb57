/// A continuous colour scale: colours at evenly spaced stops, mixed linearly
/// in between. Position 0 is the weakest (or most negative) value.
struct ColorRamp: Sendable {
  let stops: [RGBColor]

  init(_ hexes: [UInt32]) {
    precondition(hexes.count >= 2, "a ramp needs at least two stops")
    stops = hexes.map(RGBColor.init(hex:))
  }

  /// The colour at `position` in 0…1 (clamped).
  func color(at position: Double) -> RGBColor {
    let clamped = position.isFinite ? Swift.min(1, Swift.max(0, position)) : 0
    let scaled = clamped * Double(stops.count - 1)
    let index = Swift.min(stops.count - 2, Int(scaled))
    return stops[index].mixed(with: stops[index + 1], scaled - Double(index))
  }

  /// Paper: light grey to near black, darker is stronger (as in ActiVis).
  static let paperGrey = ColorRamp([0xF4F4F4, 0xBDBDBD, 0x737373, 0x252525])
  /// Paper, with negative values: purple below zero, white at zero, brown
  /// above (ColorBrewer-like PuOr, readable with the common colour
  /// blindnesses).
  static let paperDiverging = ColorRamp([0x2D004B, 0x8073AC, 0xF7F7F7, 0xE08214, 0x7F3B08])
  /// Terminal: a perceptually uniform dark-purple-to-yellow ramp (like
  /// viridis), readable on dark and light backgrounds.
  static let terminalSequential = ColorRamp(
    [0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725])
  /// Terminal, with negative values: blue below zero, dark grey at zero,
  /// orange to yellow above; brightness grows with the magnitude.
  static let terminalDiverging = ColorRamp([0x9CC9FF, 0x3169B0, 0x303030, 0xC0621A, 0xFFD23F])
}
