/// Writes a graph layout as an SVG 1.1 document, in the look of the paper's
/// overview: data flows left to right, operators are dark rectangles, tensors
/// light rounded nodes, tensors with recorded activations yellow and labelled
/// with their layer name.
///
/// Collapsed groups are dashed boxes with their path and node count. An
/// expanded group is drawn as a labelled frame around its nodes when that
/// frame holds no node from outside the group (the layout does not keep
/// groups together, and a frame around strangers would mislead). Every node
/// and edge has a `<title>` (the full id, op, shape and group), which viewers
/// show on hover. Labels are 12-point monospaced text, readable when printed.
package enum GraphSVGRenderer {
  static let margin = 16.0

  /// The SVG document.
  ///
  /// - Parameter layout: a layout in points (`GraphLayout.Metrics.svg`); a
  ///   layout in character cells is re-measured first.
  package static func render(_ layout: GraphLayout) -> String {
    let layout = layout.metrics.isCharacterGrid ? layout.measured(with: .svg) : layout
    let frames = groupFrames(layout)
    var low = GraphLayout.Point(x: 0, y: 0)
    var high = GraphLayout.Point(x: layout.width, y: layout.height)
    for frame in frames {
      low = .init(x: min(low.x, frame.rect.x), y: min(low.y, frame.rect.y))
      high = .init(x: max(high.x, frame.rect.maxX), y: max(high.y, frame.rect.maxY))
    }
    let left = margin - low.x
    let top = margin - low.y
    let width = high.x - low.x + 2 * margin
    let height = high.y - low.y + 2 * margin
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(SVGDocument.number(width))" \
      height="\(SVGDocument.number(height))" viewBox="0 0 \(SVGDocument.number(width)) \(SVGDocument.number(height))" \
      font-family="\(SVGDocument.monoFont)" font-size="12">

      """
    out += """
      <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" \
      markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">\
      <path d="M0,1 L10,5 L0,9 z" fill="#6b7280"/></marker></defs>
      <rect x="0" y="0" width="\(SVGDocument.number(width))" height="\(SVGDocument.number(height))" fill="#ffffff"/>
      <g transform="translate(\(SVGDocument.number(left)),\(SVGDocument.number(top)))">

      """
    for frame in frames {
      out += """
        <g class="group"><title>\(SVGDocument.escape("group " + frame.path))</title>\
        <rect x="\(SVGDocument.number(frame.rect.x))" y="\(SVGDocument.number(frame.rect.y))" \
        width="\(SVGDocument.number(frame.rect.width))" height="\(SVGDocument.number(frame.rect.height))" rx="6" \
        fill="#5e81ac" fill-opacity="0.06" stroke="#5e81ac" stroke-opacity="0.45"/>\
        <text x="\(SVGDocument.number(frame.rect.x + 5))" y="\(SVGDocument.number(frame.rect.y + 11))" font-size="10" \
        fill="#4c6a92">\(SVGDocument.escape(frame.path))</text></g>

        """
    }
    for edge in layout.edges {
      let from = layout.nodes[edge.from], to = layout.nodes[edge.to]
      let strokeWidth = 1.2 + min(2.4, Double(edge.multiplicity - 1) * 0.4)
      let count = edge.multiplicity > 1 ? " (\(edge.multiplicity) edges)" : ""
      out += """
        <path d="\(path(edge.points, leftToRight: layout.metrics.direction == .leftToRight))" \
        fill="none" stroke="#6b7280" stroke-width="\(SVGDocument.number(strokeWidth))" \
        marker-end="url(#arrow)"><title>\(SVGDocument.escape(from.id + " → " + to.id + count))</title></path>

        """
    }
    for node in layout.nodes { out += nodeElement(node, lineHeight: layout.metrics.lineHeight) }
    out += "</g>\n</svg>\n"
    return out
  }

  private static func nodeElement(_ node: GraphLayout.Node, lineHeight: Double) -> String {
    let frame = node.frame
    let fill: String, stroke: String, textColor: String, radius: Double
    var extra = ""
    var weight = ""
    switch node.kind {
    case .operator:
      (fill, stroke, textColor, radius) = ("#37404f", "#1f2530", "#ffffff", 2)
    case .data where !node.layers.isEmpty:
      (fill, stroke, textColor, radius) = ("#ffd84d", "#b58900", "#1f2530", frame.height / 2)
      weight = " font-weight=\"bold\""
    case .data:
      (fill, stroke, textColor, radius) = ("#eef1f5", "#9aa3b0", "#1f2530", frame.height / 2)
    case .group:
      (fill, stroke, textColor, radius) = (
        node.layers.isEmpty ? "#f5f7fb" : "#fff4c2", "#5e81ac", "#2e3440", 4)
      extra = " stroke-dasharray=\"5,3\""
    }
    var out = """
      <g class="node"><title>\(SVGDocument.escape(node.title))</title>\
      <rect x="\(SVGDocument.number(frame.x))" y="\(SVGDocument.number(frame.y))" width="\(SVGDocument.number(frame.width))" \
      height="\(SVGDocument.number(frame.height))" rx="\(SVGDocument.number(radius))" fill="\(fill)" stroke="\(stroke)" \
      stroke-width="1.2"\(extra)/>
      """
    let centerX = frame.x + frame.width / 2
    let textTop = frame.y + (frame.height - Double(node.lines.count) * lineHeight) / 2
    for (index, line) in node.lines.enumerated() {
      let baseline = textTop + Double(index + 1) * lineHeight - 3.5
      let size = index == 0 ? "" : " font-size=\"10.5\" fill-opacity=\"0.8\""
      out += """
        <text x="\(SVGDocument.number(centerX))" y="\(SVGDocument.number(baseline))" text-anchor="middle" \
        fill="\(textColor)"\(index == 0 ? weight : "")\(size)>\(SVGDocument.escape(line))</text>
        """
    }
    return out + "</g>\n"
  }

  /// A curve through the route: each step between ranks is a cubic whose
  /// tangents follow the data flow; runs inside a rank are straight.
  private static func path(_ points: [GraphLayout.Point], leftToRight: Bool) -> String {
    guard let first = points.first else { return "" }
    var d = "M\(SVGDocument.number(first.x)),\(SVGDocument.number(first.y))"
    for (a, b) in zip(points, points.dropFirst()) {
      let along = leftToRight ? b.x - a.x : b.y - a.y
      let across = leftToRight ? b.y - a.y : b.x - a.x
      if across == 0 || along == 0 {
        d += " L\(SVGDocument.number(b.x)),\(SVGDocument.number(b.y))"
      } else if leftToRight {
        let half = along / 2
        d += " C\(SVGDocument.number(a.x + half)),\(SVGDocument.number(a.y)) \(SVGDocument.number(b.x - half)),\(SVGDocument.number(b.y))"
          + " \(SVGDocument.number(b.x)),\(SVGDocument.number(b.y))"
      } else {
        let half = along / 2
        d += " C\(SVGDocument.number(a.x)),\(SVGDocument.number(a.y + half)) \(SVGDocument.number(b.x)),\(SVGDocument.number(b.y - half))"
          + " \(SVGDocument.number(b.x)),\(SVGDocument.number(b.y))"
      }
    }
    return d
  }

  /// A labelled frame around an expanded group's nodes.
  struct GroupFrame {
    var path: String
    var rect: GraphLayout.Rect
  }

  /// Frames for the expanded groups, outer groups first.
  ///
  /// Built from the innermost groups out: a frame encloses its nodes and the
  /// frames of its subgroups, with room for its label on top. A frame that
  /// would cover a node from outside the group is dropped, and so are all its
  /// sibling groups' frames (drawing only some of a row of blocks would
  /// suggest a difference that is not there).
  static func groupFrames(_ layout: GraphLayout) -> [GroupFrame] {
    var members: [String: [Int]] = [:]
    for (index, node) in layout.view.nodes.enumerated() {
      guard let group = node.group else { continue }
      var prefixes = GraphView.prefixes(of: group)
      if node.kind == .group { prefixes.removeLast() }
      for prefix in prefixes { members[prefix, default: []].append(index) }
    }
    guard members.count <= 400 else { return [] }
    var byDepth: [Int: [String]] = [:]
    for path in members.keys {
      byDepth[GraphView.prefixes(of: path).count, default: []].append(path)
    }
    var accepted: [String: GraphLayout.Rect] = [:]
    var childFrames: [String: [GraphLayout.Rect]] = [:]
    for depth in byDepth.keys.sorted(by: >) {
      var candidates: [String: GraphLayout.Rect] = [:]
      var rejectedParents = Set<String>()
      for path in byDepth[depth] ?? [] {
        let parent = GraphView.prefixes(of: path).dropLast().last ?? ""
        guard let indices = members[path] else { continue }
        var rects = indices.map { layout.nodes[$0].frame }
        rects += childFrames[path] ?? []
        let pad = 6.0
        let minX = rects.map(\.x).min() ?? 0, minY = rects.map(\.y).min() ?? 0
        let maxX = rects.map(\.maxX).max() ?? 0, maxY = rects.map(\.maxY).max() ?? 0
        let rect = GraphLayout.Rect(
          x: minX - pad, y: minY - pad - 12, width: maxX - minX + 2 * pad,
          height: maxY - minY + 2 * pad + 12)
        let inside = Set(indices)
        let intruder = layout.nodes.indices.contains { index in
          !inside.contains(index) && layout.nodes[index].frame.overlaps(rect)
        }
        if intruder || indices.count < 2 && childFrames[path] == nil {
          if intruder { rejectedParents.insert(parent) }
        } else {
          candidates[path] = rect
        }
      }
      for (path, rect) in candidates {
        let parent = GraphView.prefixes(of: path).dropLast().last ?? ""
        guard !rejectedParents.contains(parent) else { continue }
        accepted[path] = rect
        childFrames[parent, default: []].append(rect)
      }
    }
    return accepted.keys.sorted {
      let a = GraphView.prefixes(of: $0).count, b = GraphView.prefixes(of: $1).count
      return a < b || (a == b && $0 < $1)
    }.compactMap { path in accepted[path].map { GroupFrame(path: path, rect: $0) } }
  }
}
