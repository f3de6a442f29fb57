import ActivisCore

/// The instance selection panel as an SVG picture, as in the paper's panel
/// C: one square per instance, filled with its true class's colour and
/// bordered with its predicted class's colour; per true class, correctly
/// classified instances on the left (highest score first, left to right,
/// top to bottom) and misclassified ones on the right, grouped by the class
/// they were mistaken for. Every square has a tooltip; a group longer than
/// `maximumLines` lines ends with how many more there are.
package enum InstancePanelSVGRenderer {
  static let margin = SVGDocument.margin
  static let pitch = 13.0
  static let square = 10.0
  static let correctPerLine = 32
  static let misclassifiedPerLine = 16
  static let maximumLines = 12

  package static func render(_ panel: InstancePanel) -> String {
    let palette = ClassPalette(values: panel.classes)
    let nameWidth = Swift.max(90, Double(panel.classes.map(\.count).max() ?? 0) * 7.5 + 20)
    let correctLeft = margin + nameWidth
    let misclassifiedLeft = correctLeft + Double(correctPerLine) * pitch + 24
    let width = misclassifiedLeft + Double(misclassifiedPerLine) * pitch + 60 + margin
    var svg = SVGDocument()
    svg.text("instances by true class", x: margin, y: margin + 12, size: 14, bold: true)
    svg.text("fill = true class, border = predicted class", x: margin, y: margin + 28, size: 10,
             fill: "#555555")
    var y = margin + 50
    svg.text("correct, highest score first", x: correctLeft, y: y, size: 10, fill: "#444444")
    svg.text("misclassified", x: misclassifiedLeft, y: y, size: 10, fill: "#444444")
    y += 8
    for group in panel.groups {
      let name = panel.classes[group.label]
      let total = group.correct.count + group.misclassified.count
      svg.line(x1: margin, y1: y, x2: width - margin, y2: y, stroke: "#dddddd", width: 0.8)
      svg.text(name, x: margin, y: y + 14, size: 12, bold: true)
      svg.text("\(total): \(group.correct.count) ✓ \(group.misclassified.count) ✗", x: margin,
               y: y + 27, size: 9, fill: "#555555")
      let tip = { (entry: InstancePanel.Entry) in
        var text = "#\(entry.id) · true \(name) · predicted \(panel.classes[entry.predicted])"
        if let score = entry.score { text += " · score \(NumberText.compact(Double(score)))" }
        return text
      }
      let fill = palette.color(of: name).hex
      let leftLines = squares(&svg, group.correct, left: correctLeft, top: y + 5,
                              perLine: correctPerLine) { entry in
        (fill, fill, tip(entry))
      }
      let rightLines = squares(&svg, group.misclassified, left: misclassifiedLeft, top: y + 5,
                               perLine: misclassifiedPerLine) { entry in
        (fill, palette.color(of: panel.classes[entry.predicted]).hex, tip(entry))
      }
      y += 10 + Swift.max(Double(Swift.max(leftLines, rightLines)) * pitch, 26)
    }
    y += 8
    var x = margin
    for (index, name) in palette.names.enumerated() {
      svg.rect(x: x, y: y, width: square, height: square, fill: palette.color(at: index).hex,
               stroke: "#444444", strokeWidth: 0.5)
      svg.text(name, x: x + square + 4, y: y + 9, size: 10)
      x += square + 14 + Double(name.count) * 7
    }
    return svg.rendered(width: width, height: y + square + margin, title: "instances by true class")
  }

  /// Draws entries as squares, `perLine` per line, and returns the lines used.
  private static func squares(
    _ svg: inout SVGDocument, _ entries: [InstancePanel.Entry], left: Double, top: Double,
    perLine: Int, style: (InstancePanel.Entry) -> (fill: String, border: String, title: String)
  ) -> Int {
    let capacity = perLine * maximumLines
    let shown = entries.count > capacity ? capacity - 3 : entries.count
    for (index, entry) in entries.prefix(shown).enumerated() {
      let (fill, border, title) = style(entry)
      let x = left + Double(index % perLine) * pitch
      let y = top + Double(index / perLine) * pitch
      // A border thin enough that the fill (the true class) stays the larger part.
      svg.rect(x: x + 0.9, y: y + 0.9, width: square - 1.8, height: square - 1.8, fill: fill,
               stroke: border, strokeWidth: 1.8, title: title)
    }
    guard shown < entries.count else { return (entries.count + perLine - 1) / perLine }
    let x = left + Double(shown % perLine) * pitch
    let y = top + Double(shown / perLine) * pitch
    svg.text("+\(entries.count - shown)", x: x + 2, y: y + 9, size: 9, fill: "#444444")
    return maximumLines
  }
}
