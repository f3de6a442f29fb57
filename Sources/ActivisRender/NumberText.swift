/// How numbers are written in every output.
package enum NumberText {
  /// The shortest text that reads back as exactly this `Float`
  /// (`0.1`, `1e-05`, `nan`, `inf`), as the CSV shapes require.
  package static func exact(_ value: Float) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return trimmed(value.description)
  }

  /// The shortest text that reads back as exactly this `Double`.
  package static func exact(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return trimmed(value.description)
  }

  /// `3.0` → `3`: integral values without a fraction.
  private static func trimmed(_ text: String) -> String {
    text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  /// A compact form for text tables: at most `digits` significant digits.
  package static func compact(_ value: Double, digits: Int = 4) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e6 || magnitude < 1e-4 { return formatScientific(value, digits: digits) }
    let integerDigits = Swift.max(1, Int(log10(magnitude).rounded(.down)) + 1)
    let decimals = Swift.max(0, digits - integerDigits)
    return formatFixed(value, decimals: decimals)
  }

  /// Fixed notation with trailing zeros removed.
  static func formatFixed(_ value: Double, decimals: Int) -> String {
    let scale = pow(10.0, Double(decimals))
    let rounded = (value * scale).rounded() / scale
    var text = String(format: "%.\(decimals)f", rounded)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  static func formatScientific(_ value: Double, digits: Int) -> String {
    String(format: "%.\(Swift.max(0, digits - 1))g", value)
  }
}

import Foundation
