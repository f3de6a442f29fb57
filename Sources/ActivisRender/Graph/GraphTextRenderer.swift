/// Draws a graph layout in a terminal with box-drawing characters.
///
/// **Direction: top to bottom.** The SVG overview flows left to right as in
/// the paper, but a terminal is narrow and scrolls vertically: model graphs
/// are long chains (dozens of blocks) that are only a few nodes wide, so a
/// chain drawn downwards uses the height that scrolling gives for free and
/// leaves the width for labels, while the same chain drawn sideways would be
/// hundreds of columns wide after a handful of nodes.
///
/// **Encoding.** Operators are square boxes `┌─┐`, tensors (data nodes)
/// rounded boxes `╭─╮`, collapsed groups double boxes `╔═╗` labelled
/// `▸ path` with their node count. A data node with recorded activations is
/// labelled `★ <layer name>` (yellow when colour is on). Edges leave a box at
/// `┬` and end in an arrow `▼` on the target; a line that runs straight
/// through another one (`─│─`) crosses it without joining.
///
/// **Width.** The drawing is made to fit `width` columns by abbreviating
/// labels (middle ellipsis, `enc…_fc2`), from 30 characters down to 7. Should
/// the graph still be wider (a rank with dozens of parallel nodes), labels go
/// back to 14 characters and the drawing is cut into vertical strips of at
/// most `width` columns printed one after the other, each headed by the
/// columns it shows, so nothing is lost or wrapped by the terminal. Long
/// graphs simply scroll.
package enum GraphTextRenderer {
  /// Label lengths tried, longest first, until the drawing fits.
  static let labelLimits = [30, 24, 18, 14, 10, 7]
  /// Label length used when even the shortest labels do not fit.
  static let stripLabelLimit = 14

  /// The drawing as text, one line per row, ending without a newline.
  ///
  /// - Parameters:
  ///   - layout: a layout of any metrics; it is re-measured in character
  ///     cells.
  ///   - width: the columns available (at least 20 are used).
  ///   - useColor: whether to add ANSI colours.
  package static func render(_ layout: GraphLayout, width: Int = 120, useColor: Bool) -> String {
    let drawing = draw(layout, width: width)
    let columns = max(20, width)
    guard drawing.canvas.width > columns else {
      return drawing.canvas.rows(useColor: useColor).joined(separator: "\n")
    }
    var parts: [String] = []
    var start = 0
    while start < drawing.canvas.width {
      let end = min(drawing.canvas.width, start + columns)
      let header = String("┄┄ columns \(start + 1)–\(end) of \(drawing.canvas.width) ┄┄"
        .prefix(columns))
      parts.append(useColor ? "\u{1B}[2m" + header + "\u{1B}[0m" : header)
      parts.append(contentsOf: drawing.canvas.rows(columns: start ..< end, useColor: useColor))
      start = end
    }
    return parts.joined(separator: "\n")
  }

  /// A finished drawing and the layout it shows (for tests).
  struct Drawing {
    var layout: GraphLayout
    var canvas: TextCanvas
  }

  /// Fits the layout to the width and draws it on a canvas.
  static func draw(_ layout: GraphLayout, width: Int) -> Drawing {
    let fitted = fit(layout, width: max(20, width))
    return Drawing(layout: fitted, canvas: paint(fitted))
  }

  /// The longest labels with which the drawing fits the width.
  static func fit(_ layout: GraphLayout, width: Int) -> GraphLayout {
    var candidate = layout
    if !layout.metrics.isCharacterGrid || layout.metrics.labelLimit > labelLimits[0] {
      candidate = layout.measured(with: .text(labelLimit: labelLimits[0]))
    }
    for limit in labelLimits where candidate.width > Double(width) {
      guard limit < candidate.metrics.labelLimit else { continue }
      candidate = layout.measured(with: .text(labelLimit: limit))
    }
    if candidate.width > Double(width) {
      // It will be cut into strips anyway: keep the labels readable.
      candidate = layout.measured(with: .text(labelLimit: stripLabelLimit))
    }
    return candidate
  }

  static func paint(_ layout: GraphLayout) -> TextCanvas {
    var canvas = TextCanvas(width: Int(layout.width), height: Int(layout.height))
    for (edgeIndex, edge) in layout.edges.enumerated() {
      let points = edge.points.map { (x: Int($0.x), y: Int($0.y)) }
      guard points.count >= 1 else { continue }
      for segment in 0 ..< points.count - 1 {
        let net = segment < edge.nets.count ? edge.nets[segment] : edgeIndex
        canvas.line(from: points[segment], to: points[segment + 1], net: net)
      }
      // The first cell touches the source's border: make the line reach it.
      let start = points[0]
      let leavesDownwards = Int(layout.nodes[edge.from].frame.maxY) == start.y
      canvas.connect(x: start.x, y: start.y, up: leavesDownwards)
    }
    for node in layout.nodes { drawBox(node, on: &canvas) }
    for edge in layout.edges {
      guard let first = edge.points.first, let last = edge.points.last else { continue }
      let source = layout.nodes[edge.from].frame
      let x = Int(first.x)
      if Int(first.y) == Int(source.maxY) {
        canvas.put(port(layout.nodes[edge.from].kind, down: true), x: x, y: Int(source.maxY) - 1,
                   style: boxStyle(layout.nodes[edge.from]))
      } else {
        canvas.put(port(layout.nodes[edge.from].kind, down: false), x: x, y: Int(source.y),
                   style: boxStyle(layout.nodes[edge.from]))
      }
      let target = layout.nodes[edge.to].frame
      let arrow = Int(last.y) < Int(target.y) ? "▼" : "▲"
      canvas.put(arrow, x: Int(last.x), y: Int(last.y), style: .edge)
    }
    return canvas
  }

  private static func port(_ kind: GraphView.NodeKind, down: Bool) -> String {
    switch kind {
    case .group: down ? "╤" : "╧"
    default: down ? "┬" : "┴"
    }
  }

  private static func boxStyle(_ node: GraphLayout.Node) -> TextCanvas.Style {
    switch node.kind {
    case .operator: .operatorBox
    case .data: node.layers.isEmpty ? .dataBox : .highlight
    case .group: .group
    }
  }

  private static func drawBox(_ node: GraphLayout.Node, on canvas: inout TextCanvas) {
    let frame = node.frame
    let border: String
    switch node.kind {
    case .operator: border = "┌┐└┘─│"
    case .data: border = "╭╮╰╯─│"
    case .group: border = "╔╗╚╝═║"
    }
    let style = boxStyle(node)
    canvas.box(x: Int(frame.x), y: Int(frame.y), width: Int(frame.width),
               height: Int(frame.height), border: border, style: style)
    let label = node.lines.first ?? ""
    let inner = Int(frame.width) - 2
    let x = Int(frame.x) + 1 + max(0, (inner - label.count) / 2)
    let textStyle: TextCanvas.Style
    switch node.kind {
    case .operator: textStyle = .operatorText
    case .data: textStyle = node.layers.isEmpty ? .plain : .highlight
    case .group: textStyle = .group
    }
    canvas.put(label, x: x, y: Int(frame.y) + 1, style: textStyle)
  }
}
