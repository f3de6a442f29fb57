/// Sizes of the nodes of a layered graph under some metrics, and their
/// positions along the ranks.
///
/// Along the rank (the cross axis: x when data flows down, y when it flows
/// right) each node has an anchor; its box spans `before` ahead of the anchor
/// and `after` behind it. On a character grid the anchor is the column of the
/// box's centre and of its outgoing edges, so boxes of different widths still
/// line up exactly.
struct NodeGeometry {
  /// Label lines of each real node.
  var lines: [[String]]
  /// Full description of each real node.
  var titles: [String]
  /// Box width and height of every node (dummies: 1×0 cells, or 0×0).
  var width: [Double]
  var height: [Double]
  /// Extent before and after the anchor along the cross axis.
  var before: [Double]
  var after: [Double]
  /// Anchor position along the cross axis.
  var cross: [Double]

  init(labels: [NodeLabel], layered: LayeredGraph, metrics: GraphLayout.Metrics) {
    let count = layered.count
    var lines: [[String]] = []
    var titles: [String] = []
    lines.reserveCapacity(layered.realCount)
    var width = [Double](repeating: 0, count: count)
    var height = [Double](repeating: 0, count: count)
    for index in 0 ..< layered.realCount {
      let label = labels[index]
      titles.append(label.title)
      if metrics.isCharacterGrid {
        let line = label.line(limit: max(1, metrics.labelLimit))
        lines.append([line])
        let ports = layered.up[index].count
        width[index] = Double(max(line.count + 4, 2 * ports + 1, 5))
        height[index] = 3
      } else {
        let shown = label.lines(limit: max(1, metrics.labelLimit))
        lines.append(shown)
        let longest = shown.map(\.count).max() ?? 0
        width[index] = (Double(longest) * metrics.characterWidth + 2 * metrics.padding).rounded()
        height[index] = Double(shown.count) * metrics.lineHeight + 10
      }
    }
    if metrics.isCharacterGrid {
      for index in layered.realCount ..< count { width[index] = 1 }
    }
    let horizontalRanks = metrics.direction == .topToBottom
    var before = [Double](repeating: 0, count: count)
    var after = [Double](repeating: 0, count: count)
    for index in 0 ..< count {
      let extent = horizontalRanks ? width[index] : height[index]
      if metrics.isCharacterGrid {
        before[index] = (extent / 2).rounded(.down)
        after[index] = max(0, extent - 1 - before[index])
      } else {
        before[index] = extent / 2
        after[index] = extent / 2
      }
    }
    let grid = metrics.isCharacterGrid
    let gap = metrics.nodeGap
    self.cross = CoordinateAssignment.assign(
      layered, before: before, after: after,
      gap: { a, b in
        let dummy = layered.isDummy(a) || layered.isDummy(b)
        if grid { return 1 + (dummy ? 1 : gap) }
        return dummy ? gap * 0.6 : gap
      },
      integral: grid)
    self.lines = lines
    self.titles = titles
    self.width = width
    self.height = height
    self.before = before
    self.after = after
  }
}
