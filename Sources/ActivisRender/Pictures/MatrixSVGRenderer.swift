import ActivisCore

/// The neuron activation matrix as an SVG picture, in the paper's look:
/// one circle per row and neuron, darker for stronger mean activation (a
/// purple–white–brown diverging ramp when means go negative), on one scale
/// shown by the legend.
///
/// Rows are labelled with their size; class rows carry their class colour,
/// subset rows sit on a lavender band with italic labels, instance rows on a
/// blue band with square cells, each kind under a captioned rule. Neurons
/// come in bands of `perBand` under each other, with ticks every ten; every
/// cell has a tooltip with its row, neuron and value.
package enum MatrixSVGRenderer {
  /// Neurons per band and bands at most (beyond them a note says so).
  static let perBand = 50
  static let maximumBands = 40

  /// Positions of everything in the picture, in points.
  package struct Layout: Sendable {
    static let margin = SVGDocument.margin
    static let pitch = 11.0
    static let rowPitch = 13.0
    static let ruleHeight = 18.0
    static let tickHeight = 18.0
    static let bandGap = 16.0
    static let top = 86.0

    /// The neurons of each band.
    package let bands: [[Int]]
    /// Neurons left out (past `maximumBands`).
    package let hidden: Int
    let rowKinds: [MatrixResult.RowKind]
    let labelWidth: Double
    /// Left edge of the first cell column.
    let cellsLeft: Double
    /// Top of each band.
    let bandTops: [Double]
    /// Row offsets within a band, from the band's first row centre.
    let rowOffsets: [Double]
    package let width: Double
    package let height: Double

    package init(_ matrix: MatrixResult) {
      let bands = MatrixBands(columns: matrix.columns, perBand: perBand, maximumBands: maximumBands)
      self.bands = bands.bands
      hidden = bands.hidden.count
      rowKinds = matrix.rows.map(\.kind)
      let longest = matrix.rows.map(\.label.count).max() ?? 0
      labelWidth = Swift.max(48, Double(longest) * 7.2 + 18)
      cellsLeft = Self.margin + labelWidth + 44
      var offsets: [Double] = []
      var y = 0.0
      for (index, kind) in rowKinds.enumerated() {
        if index > 0 {
          y += Self.rowPitch
          if kind != rowKinds[index - 1] { y += Self.ruleHeight }
        }
        offsets.append(y)
      }
      rowOffsets = offsets
      let bandHeight = Self.tickHeight + (offsets.last ?? 0) + Self.rowPitch
      bandTops = self.bands.indices.map { Self.top + Double($0) * (bandHeight + Self.bandGap) }
      let widest = self.bands.map(\.count).max() ?? 0
      width = Swift.max(560, cellsLeft + Double(widest) * Self.pitch + Self.margin)
      height = (bandTops.last ?? Self.top) + bandHeight + (hidden > 0 ? 24 : 8) + Self.margin
    }

    /// The centre of the cell of `row` in band `band`, position `position`.
    package func cellCenter(row: Int, band: Int, position: Int) -> (x: Double, y: Double) {
      (cellsLeft + (Double(position) + 0.5) * Self.pitch, rowCenter(row: row, band: band))
    }

    func rowCenter(row: Int, band: Int) -> Double {
      bandTops[band] + Self.tickHeight + Self.rowPitch / 2 + rowOffsets[row]
    }
  }

  /// The SVG document.
  package static func render(_ matrix: MatrixResult) -> String {
    let layout = Layout(matrix)
    let scale = MatrixScale(matrix: matrix, columns: layout.bands.flatMap { $0 })
    let ramp: ColorRamp = scale.isDiverging ? .paperDiverging : .paperGrey
    let palette = ClassPalette(values: matrix.rows.filter { $0.kind == .class }.map(\.label))
    var svg = SVGDocument()
    let title = "layer \(matrix.layer) · mean activation · \(matrix.columns.count) of "
      + "\(matrix.neuronNames.count) neurons, \(matrix.order)"
    svg.text(title, x: Layout.margin, y: Layout.margin + 12, size: 14, bold: true)
    legend(&svg, scale: scale, ramp: ramp, y: Layout.margin + 30)
    if matrix.rows.isEmpty {
      svg.text("no rows: add subsets or instances with 'add'", x: Layout.margin, y: Layout.top + 12)
    }
    for (band, columns) in layout.bands.enumerated() {
      ticks(&svg, columns: columns, names: matrix.neuronNames, layout: layout, band: band)
      for (index, row) in matrix.rows.enumerated() {
        let y = layout.rowCenter(row: index, band: band)
        if index > 0 && row.kind != matrix.rows[index - 1].kind {
          rule(&svg, kind: row.kind, y: y - Layout.rowPitch / 2 - Layout.ruleHeight / 2, layout: layout)
        }
        rowLabel(&svg, row: row, y: y, layout: layout, palette: palette)
        for (position, neuron) in columns.enumerated() {
          let value = row.statistics.mean[neuron]
          let center = layout.cellCenter(row: index, band: band, position: position)
          let tip = "\(row.label) · \(matrix.neuronNames[neuron]) · mean \(NumberText.exact(value))"
          cell(&svg, at: center, kind: row.kind, fill: scale.rampPosition(value).map {
            ramp.color(at: $0).hex
          }, title: tip)
        }
      }
    }
    if layout.hidden > 0 {
      svg.text("\(layout.hidden) more neurons not drawn; 'matrix neurons A..B' selects a range",
               x: Layout.margin, y: layout.height - Layout.margin - 4, size: 11, fill: "#555555")
    }
    return svg.rendered(width: layout.width, height: layout.height, title: title)
  }

  private static func cell(
    _ svg: inout SVGDocument, at center: (x: Double, y: Double), kind: MatrixResult.RowKind,
    fill: String?, title: String
  ) {
    let radius = Layout.pitch / 2 - 0.8
    guard let fill else {
      svg.text("?", x: center.x, y: center.y + 3.5, size: 9, anchor: "middle", fill: "#c00000")
      return
    }
    if kind == .instance {
      svg.rect(x: center.x - radius, y: center.y - radius, width: 2 * radius, height: 2 * radius,
               fill: fill, stroke: "#b0b0b0", strokeWidth: 0.5, title: title)
    } else {
      svg.circle(x: center.x, y: center.y, radius: radius, fill: fill, stroke: "#b0b0b0",
                 strokeWidth: 0.5, title: title)
    }
  }

  private static func rowLabel(
    _ svg: inout SVGDocument, row: MatrixResult.Row, y: Double, layout: Layout, palette: ClassPalette
  ) {
    let left = Layout.margin
    let bandWidth = layout.width - left - Layout.margin
    switch row.kind {
    case .class:
      svg.rect(x: left, y: y - 4.5, width: 9, height: 9, fill: palette.color(of: row.label).hex,
               stroke: "#444444", strokeWidth: 0.5)
    case .subset:
      svg.rect(x: left, y: y - Layout.rowPitch / 2, width: bandWidth, height: Layout.rowPitch,
               fill: "#efeaf7")
    case .instance:
      svg.rect(x: left, y: y - Layout.rowPitch / 2, width: bandWidth, height: Layout.rowPitch,
               fill: "#e8f1f8")
    }
    svg.text(row.label, x: left + 14, y: y + 4, size: 11, italic: row.kind == .subset,
             mono: row.kind == .instance)
    svg.text(String(row.statistics.count), x: layout.cellsLeft - 8, y: y + 4, size: 10,
             anchor: "end", fill: "#666666")
  }

  private static func rule(
    _ svg: inout SVGDocument, kind: MatrixResult.RowKind, y: Double, layout: Layout
  ) {
    let caption = kind == .subset ? "subsets" : kind == .instance ? "instances" : "classes"
    let captionEnd = Layout.margin + 16 + Double(caption.count) * 5.2
    svg.line(x1: Layout.margin, y1: y, x2: Layout.margin + 10, y2: y, stroke: "#999999", width: 0.8,
             dashed: true)
    svg.text(caption, x: Layout.margin + 13, y: y + 3, size: 9, fill: "#666666", italic: true)
    svg.line(x1: captionEnd, y1: y, x2: layout.width - Layout.margin, y2: y, stroke: "#999999",
             width: 0.8, dashed: true)
  }

  private static func ticks(
    _ svg: inout SVGDocument, columns: [Int], names: [String], layout: Layout, band: Int
  ) {
    let top = layout.bandTops[band]
    svg.text("neuron", x: layout.cellsLeft - 14, y: top + 11, size: 9, anchor: "end", fill: "#666666")
    for position in stride(from: 0, to: columns.count, by: 10) {
      let x = layout.cellsLeft + (Double(position) + 0.5) * Layout.pitch
      svg.line(x1: x, y1: top + Layout.tickHeight - 5, x2: x, y2: top + Layout.tickHeight - 1,
               stroke: "#666666", width: 0.8)
      svg.text(names[columns[position]], x: x, y: top + 10, size: 9, anchor: "middle", fill: "#333333")
    }
  }

  /// A bar of the ramp with the values of its ends (and zero when diverging).
  private static func legend(_ svg: inout SVGDocument, scale: MatrixScale, ramp: ColorRamp, y: Double) {
    let (low, high) = scale.rampEnds
    let left = Layout.margin + 72, steps = 40, step = 4.0
    svg.text("mean", x: Layout.margin, y: y + 9, size: 10, fill: "#444444")
    svg.text(NumberText.compact(Double(low)), x: left - 4, y: y + 9, size: 10, anchor: "end")
    for index in 0 ..< steps {
      let color = ramp.color(at: (Double(index) + 0.5) / Double(steps)).hex
      svg.rect(x: left + Double(index) * step, y: y, width: step + 0.3, height: 11, fill: color)
    }
    let right = left + Double(steps) * step
    svg.rect(x: left, y: y, width: right - left, height: 11, fill: "none", stroke: "#888888",
             strokeWidth: 0.5)
    svg.text(NumberText.compact(Double(high)), x: right + 4, y: y + 9, size: 10)
    if scale.isDiverging {
      svg.line(x1: (left + right) / 2, y1: y - 2, x2: (left + right) / 2, y2: y + 13, stroke: "#444444",
               width: 0.8)
    }
    let sign = scale.isDiverging ? " (purple below zero, brown above)" : ""
    svg.text("darker = stronger\(sign); circles: classes and subsets, squares: instances",
             x: Layout.margin, y: y + 26, size: 10, fill: "#555555")
  }
}
