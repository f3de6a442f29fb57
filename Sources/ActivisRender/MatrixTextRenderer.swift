import ActivisCore

/// The neuron activation matrix as text.
///
/// When every neuron fits as a number, cells are numbers. Otherwise each
/// cell is one character: a shade (stronger = denser) without colour, or a
/// coloured block on a colour terminal (a viridis-like ramp, or a diverging
/// blue–grey–orange ramp when means go negative). All cells share one scale
/// (`MatrixScale`), given by the legend. Neurons that do not fit the width
/// continue in bands below, each with its tick labels, up to about a screen;
/// a note then says how to see the rest. Subset and instance rows follow the
/// class rows under a captioned dotted rule.
package enum MatrixTextRenderer {
  /// Shades from weakest to strongest.
  static let ramp: [Character] = [" ", "·", "░", "▒", "▓", "█"]
  /// Lines of bands drawn at most before the rest is left to a note.
  static let maximumLines = 64
  static let maximumBands = 4

  package static func render(_ matrix: MatrixResult, width: Int, useColor: Bool = false) -> String {
    let labelWidth = Swift.max(4, matrix.rows.map(\.label.count).max() ?? 0)
    let sizeWidth = Swift.max(4, matrix.rows.map { String($0.statistics.count).count }.max() ?? 0)
    let numberWidth = 8
    let title = "layer \(matrix.layer) · mean activation · \(matrix.columns.count) of "
      + "\(matrix.neuronNames.count) neurons, \(matrix.order)\n"
    if matrix.rows.isEmpty {
      return title + "(no rows: the bundle has no labels; add subsets or instances with 'add')\n"
    }
    if labelWidth + sizeWidth + 4 + matrix.columns.count * (numberWidth + 1) <= width {
      return title + numbers(matrix) + nonFiniteNote(matrix) + basisNote(matrix)
    }
    let layout = Layout(matrix: matrix, labelWidth: labelWidth, sizeWidth: sizeWidth, width: width)
    return title + shades(matrix, layout: layout, style: TerminalStyle(useColor: useColor))
      + nonFiniteNote(matrix) + basisNote(matrix)
  }

  /// Which rows are exact over the whole data set and which were computed on
  /// the sample (a bundle with aggregates); nothing for an ordinary bundle.
  static func basisNote(_ matrix: MatrixResult) -> String {
    var exact: [String: [String]] = [:]
    var sampled: [String: [String]] = [:]
    var order: [String] = []
    for row in matrix.rows {
      let key: String
      switch row.basis {
      case .instances: continue
      case .exact(let rows):
        key = "exact over \(GroupedNumber.text(rows)) rows (the bundle's aggregates)"
        exact[key, default: []].append(row.label)
      case .sample(let size):
        guard row.kind != .instance else { continue }
        key = "on the sample of \(GroupedNumber.text(size)) instances"
        sampled[key, default: []].append(row.label)
      }
      if !order.contains(key) { order.append(key) }
    }
    return order.map { key in
      "\(key): \((exact[key] ?? sampled[key] ?? []).joined(separator: ", "))\n"
    }.joined()
  }

  /// Which rows had NaN or infinite activations left out of their means, and how many.
  static func nonFiniteNote(_ matrix: MatrixResult) -> String {
    let counts = matrix.rows.filter { $0.statistics.nonFiniteTotal > 0 }
      .map { "\($0.label) \($0.statistics.nonFiniteTotal)" }
    guard !counts.isEmpty else { return "" }
    return "NaN or infinite values left out of the means (and of std, min, max): "
      + counts.joined(separator: ", ") + "\n"
  }

  /// Where things go in the shaded form.
  struct Layout {
    let labelWidth: Int
    let sizeWidth: Int
    /// Columns available.
    let width: Int
    let bands: MatrixBands
    let scale: MatrixScale
    var margin: String { String(repeating: " ", count: labelWidth + sizeWidth + 3) }

    init(matrix: MatrixResult, labelWidth: Int, sizeWidth: Int, width: Int) {
      self.labelWidth = labelWidth
      self.sizeWidth = sizeWidth
      self.width = width
      let perBand = Swift.max(10, width - labelWidth - sizeWidth - 3)
      let separators = zip(matrix.rows, matrix.rows.dropFirst()).filter { $0.kind != $1.kind }.count
      let linesPerBand = matrix.rows.count + separators + 2
      let bandCount = Swift.min(maximumBands, Swift.max(1, maximumLines / linesPerBand))
      bands = MatrixBands(columns: matrix.columns, perBand: perBand, maximumBands: bandCount)
      scale = MatrixScale(matrix: matrix, columns: bands.shown)
    }
  }

  /// A table of numbers; a rule separates the kinds of rows (classes,
  /// subsets, instances).
  private static func numbers(_ matrix: MatrixResult) -> String {
    let table = ResultTable(
      columns: ["row", "size"] + matrix.columns.map { matrix.neuronNames[$0] },
      rows: matrix.rows.map { row in
        [.text(row.label), .int(row.statistics.count)]
          + matrix.columns.map { .float(row.statistics.mean[$0]) }
      })
    var lines = TableRenderer.render(table, width: Int.max).split(separator: "\n").map(String.init)
    // Top rule, header, header rule, then one line per row.
    guard lines.count == matrix.rows.count + 4 else { return lines.map { $0 + "\n" }.joined() }
    let rule = lines[2]
    for index in matrix.rows.indices.dropFirst().reversed()
    where matrix.rows[index].kind != matrix.rows[index - 1].kind {
      lines.insert(rule, at: 3 + index)
    }
    return lines.map { $0 + "\n" }.joined()
  }

  private static func shades(_ matrix: MatrixResult, layout: Layout, style: TerminalStyle) -> String {
    var output = ""
    for (number, band) in layout.bands.bands.enumerated() {
      if number > 0 { output += "\n" }
      output += layout.margin + tickLabels(band, names: matrix.neuronNames) + "\n"
      var previousKind = matrix.rows.first?.kind
      for row in matrix.rows {
        if row.kind != previousKind {
          output += layout.margin + style.dim(rule(caption: caption(row.kind), width: band.count)) + "\n"
        }
        previousKind = row.kind
        output += rowHead(row, labelWidth: layout.labelWidth, sizeWidth: layout.sizeWidth, style: style)
        output += cells(band.map { row.statistics.mean[$0] }, scale: layout.scale, style: style) + "\n"
      }
    }
    var notes = legend(layout.scale, style: style)
    if !layout.bands.hidden.isEmpty { notes += hint(matrix, bands: layout.bands) }
    return output + TextWrapping.lines(notes, separator: "; ", width: layout.width)
  }

  /// A row's label (bold unless a class), padded, then its size right-aligned,
  /// and the two spaces before its cells.
  static func rowHead(_ row: MatrixResult.Row, labelWidth: Int, sizeWidth: Int, style: TerminalStyle) -> String {
    let label = row.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
    let size = String(row.statistics.count)
    return (row.kind == .class ? label : style.bold(label)) + " "
      + String(repeating: " ", count: Swift.max(0, sizeWidth - size.count)) + size + "  "
  }

  static func caption(_ kind: MatrixResult.RowKind) -> String {
    switch kind {
    case .class: "classes"
    case .subset: "subsets"
    case .instance: "instances"
    }
  }

  /// `┄┄ subsets ┄┄┄…` across `width` columns.
  static func rule(caption: String, width: Int) -> String {
    let head = "┄┄ " + caption + " "
    guard head.count < width else { return String(repeating: "┄", count: width) }
    return head + String(repeating: "┄", count: width - head.count)
  }

  /// One character per value; runs of one terminal colour share one escape
  /// sequence.
  static func cells(_ values: [Float], scale: MatrixScale, style: TerminalStyle) -> String {
    guard style.useColor else { return String(values.map { shade($0, scale: scale) }) }
    var output = ""
    var run = ""
    var runColor: RGBColor?
    func flush() {
      output += runColor.map { style.paint(run, $0) } ?? run
      run = ""
    }
    for value in values {
      let color = scale.rampPosition(value).map { terminalRamp(scale).color(at: $0) }
      if color?.xterm256 != runColor?.xterm256 {
        flush()
        runColor = color
      }
      run += color == nil ? "?" : "█"
    }
    flush()
    return output
  }

  static func terminalRamp(_ scale: MatrixScale) -> ColorRamp {
    scale.isDiverging ? .terminalDiverging : .terminalSequential
  }

  /// The shade of a value: its place on the scale, or on a diverging scale
  /// its magnitude, with `negativeRamp` below zero.
  static func shade(_ value: Float, scale: MatrixScale) -> Character {
    guard let position = scale.rampPosition(value) else { return "?" }
    guard scale.isDiverging else { return ramp[level(position, steps: ramp.count)] }
    let magnitude = abs(position - 0.5) * 2
    return value < 0
      ? negativeRamp[level(magnitude, steps: negativeRamp.count)]
      : ramp[level(magnitude, steps: ramp.count)]
  }

  /// Shades below zero on a diverging scale, from weakest to strongest.
  static let negativeRamp: [Character] = [" ", "-", "=", "≡"]

  private static func level(_ position: Double, steps: Int) -> Int {
    Swift.min(steps - 1, Swift.max(0, Int((position * Double(steps - 1)).rounded())))
  }

  /// The legend, in clauses: the ramp with its ends, then non-finite.
  static func legend(_ scale: MatrixScale, style: TerminalStyle) -> [String] {
    let (low, high) = scale.rampEnds
    let lowText = NumberText.compact(Double(low)), highText = NumberText.compact(Double(high))
    if style.useColor {
      let steps = (0 ..< 24).map { low + (high - low) * Float($0) / 23 }
      let bar = cells(steps, scale: scale, style: style)
      return ["scale " + lowText + " " + bar + " " + highText
        + (scale.isDiverging ? " (zero in the middle)" : ""), "'?' not finite"]
    }
    let shades = "'" + String(ramp) + "'"
    guard scale.isDiverging else {
      return ["shades \(lowText) \(shades) \(highText) (denser is stronger)", "'?' not finite"]
    }
    let negative = "'" + String(negativeRamp.dropFirst()) + "'"
    return ["shades 0 \(shades) \(highText)", "below zero \(negative) to \(lowText)", "'?' not finite"]
  }

  /// What is not shown and how to see it, in clauses.
  private static func hint(_ matrix: MatrixResult, bands: MatrixBands) -> [String] {
    let shown = bands.shown
    let first = shown.first.map { matrix.neuronNames[$0] } ?? ""
    let last = shown.last.map { matrix.neuronNames[$0] } ?? ""
    var hint = ["showing \(shown.count) of \(matrix.columns.count) neurons (\(first) … \(last))"]
    let contiguous = zip(shown, shown.dropFirst()).allSatisfy { $1 == $0 + 1 }
    if matrix.order == .stored, contiguous, let next = shown.last.map({ $0 + 1 }),
       next < matrix.neuronNames.count {
      let end = Swift.min(matrix.neuronNames.count - 1, next + shown.count - 1)
      hint.append("'matrix neurons \(next)..\(end)' for the next ones")
    }
    return hint + ["'matrix sort by <row>' to bring the strongest first", "'--format csv' for all"]
  }

  /// Neuron names above every tenth column, where they fit.
  private static func tickLabels(_ columns: [Int], names: [String]) -> String {
    var line = [Character](repeating: " ", count: columns.count)
    var position = 0
    while position < columns.count {
      let label = "↓" + names[columns[position]]
      if position + label.count <= columns.count {
        for (offset, character) in label.enumerated() where position + offset < line.count {
          line[position + offset] = character
        }
      }
      position += 10
    }
    return String(line)
  }
}
