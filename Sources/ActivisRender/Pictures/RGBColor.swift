/// A colour with red, green and blue in 0…1, written as `#rrggbb` in SVG and
/// as the nearest of the 256 xterm colours on a terminal.
struct RGBColor: Hashable, Sendable {
  var red: Double
  var green: Double
  var blue: Double

  /// A colour from `0xRRGGBB`.
  init(hex: UInt32) {
    red = Double((hex >> 16) & 0xFF) / 255
    green = Double((hex >> 8) & 0xFF) / 255
    blue = Double(hex & 0xFF) / 255
  }

  init(red: Double, green: Double, blue: Double) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// `#rrggbb`, for SVG attributes.
  var hex: String {
    let digits = Array("0123456789abcdef")
    var text = "#"
    for channel in [red, green, blue] {
      let byte = Int((Swift.min(1, Swift.max(0, channel)) * 255).rounded())
      text.append(digits[byte / 16])
      text.append(digits[byte % 16])
    }
    return text
  }

  /// The straight mix `self·(1−t) + other·t`.
  func mixed(with other: RGBColor, _ t: Double) -> RGBColor {
    RGBColor(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
             blue: blue + (other.blue - blue) * t)
  }

  /// Relative luminance (sRGB weights on the encoded values): 0 black, 1 white.
  var luminance: Double { 0.2126 * red + 0.7152 * green + 0.0722 * blue }

  /// The nearest colour of the xterm 256-colour palette: the 6×6×6 cube
  /// (16…231) or the grey ramp (232…255), whichever is closer.
  var xterm256: Int {
    let levels = [0.0, 95, 135, 175, 215, 255].map { $0 / 255 }
    func nearestLevel(_ value: Double) -> Int {
      levels.indices.min { abs(levels[$0] - value) < abs(levels[$1] - value) } ?? 0
    }
    let cube = [red, green, blue].map(nearestLevel)
    let cubeColor = RGBColor(red: levels[cube[0]], green: levels[cube[1]], blue: levels[cube[2]])
    let average = (red + green + blue) / 3
    let greyStep = Swift.min(23, Swift.max(0, Int(((average * 255 - 8) / 10).rounded())))
    let grey = Double(8 + 10 * greyStep) / 255
    let greyColor = RGBColor(red: grey, green: grey, blue: grey)
    if distance(to: greyColor) < distance(to: cubeColor) { return 232 + greyStep }
    return 16 + 36 * cube[0] + 6 * cube[1] + cube[2]
  }

  private func distance(to other: RGBColor) -> Double {
    let (r, g, b) = (red - other.red, green - other.green, blue - other.blue)
    return 2 * r * r + 4 * g * g + 3 * b * b
  }
}
