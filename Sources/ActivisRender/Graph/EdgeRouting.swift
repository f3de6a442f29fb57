/// Box positions and smooth edge routes for a drawing in points (SVG).
///
/// Ranks become columns (or rows) as wide as their widest node, `rankGap`
/// apart. An edge leaves its source from a port on the downstream side and
/// enters its target on the upstream side; ports of a node with several edges
/// are spread along that side in the order of the other ends, so edges do not
/// cross at the node. A long edge runs straight through every rank it crosses
/// at its dummy's position. The renderer draws the polyline as curves.
enum EdgeRouting {
  static func route(
    view: GraphView, layered: LayeredGraph, geometry: NodeGeometry, metrics: GraphLayout.Metrics
  ) -> (frames: [GraphLayout.Rect], edges: [GraphLayout.Edge], width: Double, height: Double) {
    let leftToRight = metrics.direction == .leftToRight
    func flowSize(_ node: Int) -> Double {
      leftToRight ? geometry.width[node] : geometry.height[node]
    }
    func crossSize(_ node: Int) -> Double {
      leftToRight ? geometry.height[node] : geometry.width[node]
    }
    var rankSize = [Double](repeating: 0, count: layered.layers.count)
    for node in 0 ..< layered.count {
      rankSize[layered.rank[node]] = max(rankSize[layered.rank[node]], flowSize(node))
    }
    var rankStart = [Double](repeating: 0, count: layered.layers.count)
    var cursor = 0.0
    for rank in rankSize.indices {
      rankStart[rank] = cursor
      cursor += rankSize[rank] + metrics.rankGap
    }
    let flowExtent = max(0, cursor - metrics.rankGap)

    func point(flow: Double, cross: Double) -> GraphLayout.Point {
      leftToRight ? .init(x: flow, y: cross) : .init(x: cross, y: flow)
    }
    var frames: [GraphLayout.Rect] = []
    var crossExtent = 0.0
    for node in 0 ..< layered.count {
      crossExtent = max(crossExtent, geometry.cross[node] + geometry.after[node])
    }
    for node in 0 ..< layered.realCount {
      let rank = layered.rank[node]
      let flow = rankStart[rank] + (rankSize[rank] - flowSize(node)) / 2
      let cross = geometry.cross[node] - geometry.before[node]
      let origin = point(flow: flow, cross: cross)
      frames.append(.init(
        x: origin.x, y: origin.y, width: geometry.width[node], height: geometry.height[node]))
    }

    // Ports: per chain segment, the cross position where it leaves and enters.
    var outgoing = [[(chain: Int, segment: Int)]](repeating: [], count: layered.count)
    var incoming = [[(chain: Int, segment: Int)]](repeating: [], count: layered.count)
    for (chainIndex, chain) in layered.chains.enumerated() {
      for segment in 0 ..< chain.count - 1 {
        outgoing[chain[segment]].append((chainIndex, segment))
        incoming[chain[segment + 1]].append((chainIndex, segment))
      }
    }
    var outPort = layered.chains.map { [Double](repeating: 0, count: $0.count - 1) }
    var inPort = outPort
    func spread(_ node: Int, count: Int, _ index: Int) -> Double {
      guard count > 1, !layered.isDummy(node) else { return geometry.cross[node] }
      let spacing = min(7, crossSize(node) * 0.7 / Double(count - 1))
      return geometry.cross[node] + (Double(index) - Double(count - 1) / 2) * spacing
    }
    for node in 0 ..< layered.count {
      let out = outgoing[node].sorted {
        geometry.cross[layered.chains[$0.chain][$0.segment + 1]]
          < geometry.cross[layered.chains[$1.chain][$1.segment + 1]]
      }
      for (index, item) in out.enumerated() {
        outPort[item.chain][item.segment] = spread(node, count: out.count, index)
      }
      let into = incoming[node].sorted {
        geometry.cross[layered.chains[$0.chain][$0.segment]]
          < geometry.cross[layered.chains[$1.chain][$1.segment]]
      }
      for (index, item) in into.enumerated() {
        inPort[item.chain][item.segment] = spread(node, count: into.count, index)
      }
    }

    var edges: [GraphLayout.Edge] = []
    edges.reserveCapacity(layered.chains.count)
    for (chainIndex, chain) in layered.chains.enumerated() {
      var points: [GraphLayout.Point] = []
      let first = chain[0]
      let firstRank = layered.rank[first]
      points.append(point(
        flow: rankStart[firstRank] + (rankSize[firstRank] + flowSize(first)) / 2,
        cross: outPort[chainIndex][0]))
      for dummy in chain.dropFirst().dropLast() {
        let rank = layered.rank[dummy]
        points.append(point(flow: rankStart[rank], cross: geometry.cross[dummy]))
        points.append(point(flow: rankStart[rank] + rankSize[rank], cross: geometry.cross[dummy]))
      }
      let last = chain[chain.count - 1]
      let lastRank = layered.rank[last]
      points.append(point(
        flow: rankStart[lastRank] + (rankSize[lastRank] - flowSize(last)) / 2,
        cross: inPort[chainIndex][chain.count - 2]))
      let viewEdge = view.edges[chainIndex]
      let reversed = layered.reversed[chainIndex]
      edges.append(GraphLayout.Edge(
        from: viewEdge.from, to: viewEdge.to, points: reversed ? points.reversed() : points,
        reversed: reversed, multiplicity: viewEdge.multiplicity, nets: []))
    }
    let size = point(flow: flowExtent, cross: crossExtent)
    return (frames, edges, size.x, size.y)
  }

}
