import ActivisCore

/// A projection as an SVG scatter plot: one dot per instance, coloured by
/// the colour key (true class by default), a legend with counts, and the
/// instances added to the matrix drawn larger, ringed and labelled with
/// their id. Every dot has a tooltip with its id, label and prediction.
package enum ScatterPlotSVGRenderer {
  static let margin = SVGDocument.margin
  static let plotSize = 560.0
  static let top = 56.0

  package static func render(_ projection: ProjectionResult) -> String {
    let palette = ClassPalette(values: projection.colorValues)
    let grid = PointGrid(projection, columns: 2, rows: 2)
    let legendLeft = margin + plotSize + 24
    let longest = palette.names.map(\.count).max() ?? 0
    let width = legendLeft + Swift.max(160, Double(longest) * 7 + 60) + margin
    let title = "\(projection.method) of layer \(projection.layer), coloured by \(projection.colorKey)"
    var svg = SVGDocument()
    svg.text(title, x: margin, y: margin + 12, size: 14, bold: true)
    svg.rect(x: margin, y: top, width: plotSize, height: plotSize, fill: "#fafafa", stroke: "#999999",
             strokeWidth: 0.8)
    let inset = 10.0
    func position(_ point: Int) -> (x: Double, y: Double) {
      let (fx, fy) = grid.fractions(of: point)
      let span = plotSize - 2 * inset
      return (margin + inset + fx * span, top + inset + (1 - fy) * span)
    }
    func tip(_ point: Int) -> String {
      var text = "#\(projection.ids[point])"
      if !projection.labels[point].isEmpty { text += " · label \(projection.labels[point])" }
      if !projection.predicted[point].isEmpty { text += " · predicted \(projection.predicted[point])" }
      if point < projection.texts.count, !projection.texts[point].isEmpty { text += "\n" + projection.texts[point] }
      return text
    }
    let highlighted = Set(projection.highlighted)
    svg.open(["fill-opacity": "0.85"])
    for point in projection.ids.indices where !highlighted.contains(point) {
      let (x, y) = position(point)
      svg.circle(x: x, y: y, radius: 3.2, fill: palette.color(of: projection.colorValues[point]).hex,
                 stroke: "#333333", strokeWidth: 0.35, title: tip(point))
    }
    svg.close()
    for point in projection.highlighted.sorted() where projection.ids.indices.contains(point) {
      let (x, y) = position(point)
      svg.circle(x: x, y: y, radius: 6, fill: palette.color(of: projection.colorValues[point]).hex,
                 stroke: "#000000", strokeWidth: 1.8, title: tip(point))
      svg.text("#\(projection.ids[point])", x: x + 8, y: y - 6, size: 11, bold: true, mono: true,
               halo: true)
    }
    var y = top + 8
    svg.text(projection.colorKey, x: legendLeft, y: y + 4, size: 11, bold: true)
    for (index, name) in palette.names.enumerated() {
      y += 18
      let count = projection.colorValues.filter { $0 == name }.count
      svg.circle(x: legendLeft + 5, y: y, radius: 5, fill: palette.color(at: index).hex,
                 stroke: "#333333", strokeWidth: 0.5)
      svg.text("\(name.isEmpty ? "(unknown)" : name)  \(count)", x: legendLeft + 16, y: y + 4, size: 11)
    }
    if !highlighted.isEmpty {
      y += 22
      svg.circle(x: legendLeft + 5, y: y, radius: 6, fill: "#ffffff", stroke: "#000000",
                 strokeWidth: 1.8)
      svg.text("added to the matrix", x: legendLeft + 16, y: y + 4, size: 11)
    }
    var bottom = top + plotSize + 18
    for note in projection.notes {
      svg.text(note, x: margin, y: bottom, size: 10, fill: "#555555")
      bottom += 14
    }
    return svg.rendered(width: width, height: Swift.max(bottom, y + 20) + margin - 4, title: title)
  }
}
