import ActivisCore

/// Counts in a grid (the confusion matrix), or values between 0 and 1 (CKA
/// between layers), as an SVG picture: one square per cell shaded by its
/// count (white for 0, dark blue for the largest) or value, the number
/// written in it (empty when undefined), the cells whose row and column have
/// the same label outlined, rows and columns labelled. Every cell has a tooltip.
package enum HeatmapSVGRenderer {
  static let margin = SVGDocument.margin

  package static func render(_ heatmap: Heatmap) -> String {
    let labelWidth = Swift.max(60, Double(heatmap.rowLabels.map(\.count).max() ?? 0) * 7.5 + 16)
    // Wide enough for every column label and a five-digit count.
    let cell = Swift.max(42, Double(heatmap.columnLabels.map(\.count).max() ?? 0) * 7.5 + 12)
    let left = margin + 18 + labelWidth
    let top = margin + 70
    let width = left + Double(heatmap.columnLabels.count) * cell + margin
    let height = top + Double(heatmap.rowLabels.count) * cell + margin
    let largest = Swift.max(1, heatmap.counts.joined().max() ?? 0)
    var svg = SVGDocument()
    svg.text(heatmap.title, x: margin, y: margin + 12, size: 14, bold: true)
    svg.text("\(heatmap.columnTitle) →", x: left, y: top - 34, size: 10, fill: "#555555")
    svg.text("\(heatmap.rowTitle) ↓", x: margin, y: top - 8, size: 10, fill: "#555555")
    for (j, label) in heatmap.columnLabels.enumerated() {
      svg.text(label, x: left + (Double(j) + 0.5) * cell, y: top - 8, size: 11, anchor: "middle", bold: true)
    }
    for (i, label) in heatmap.rowLabels.enumerated() {
      let y = top + Double(i) * cell
      svg.text(label, x: left - 8, y: y + cell / 2 + 4, size: 11, anchor: "end", bold: true)
      for j in heatmap.columnLabels.indices {
        let x = left + Double(j) * cell
        let (share, number) = Self.cell(heatmap, i, j, largest: largest)
        let shade = RGBColor(red: 1 - 0.85 * share, green: 1 - 0.6 * share, blue: 1 - 0.25 * share)
        let tip = "\(heatmap.rowTitle) \(label) · \(heatmap.columnTitle) \(heatmap.columnLabels[j]) · "
          + (number.isEmpty ? "undefined" : number)
        let outlined = label == heatmap.columnLabels[j]
        svg.rect(x: x, y: y, width: cell, height: cell, fill: shade.hex, stroke: outlined ? "#222222" : "#cccccc",
                 strokeWidth: outlined ? 1.6 : 0.6, title: tip)
        svg.text(number, x: x + cell / 2, y: y + cell / 2 + 4, size: 11, anchor: "middle",
                 fill: share > 0.55 ? "#ffffff" : "#222222", mono: true)
      }
    }
    return svg.rendered(width: width, height: height, title: heatmap.title)
  }

  /// A cell's shade (0 to 1) and the number written in it.
  static func cell(_ heatmap: Heatmap, _ i: Int, _ j: Int, largest: Int) -> (Double, String) {
    if let values = heatmap.values {
      guard let value = values[i][j] else { return (0, "") }
      return (Swift.min(1, Swift.max(0, value)), NumberText.formatFixed(value, decimals: 2))
    }
    let count = heatmap.counts[i][j]
    return (Double(count) / Double(largest), String(count))
  }
}
