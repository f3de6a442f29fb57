/// Box positions and orthogonal edge routes on a character grid, data flowing
/// down.
///
/// Between two ranks lies a channel. An edge leaves its source from the
/// middle of the box's bottom (all edges of one source share that port, so a
/// fan-out reads as a tree), drops to a track of the channel, runs along it
/// to its target's column and drops onto the target; each edge into a box
/// has a column of its own there, so a fan-in shows one arrow per input.
///
/// Tracks are assigned per source (a "net") with the left-edge algorithm of
/// channel routing (Hashimoto and Stevens 1971): nets whose spans overlap get
/// different tracks, and a net whose source column is another net's target
/// column is put on an earlier track, so that their vertical lines never run
/// into each other. A cycle of such constraints is broken by placing a net
/// anyway. The channel is as tall as its tracks plus one row for the arrows.
enum ChannelRouting {
  static func route(
    view: GraphView, layered: LayeredGraph, geometry: NodeGeometry, metrics: GraphLayout.Metrics
  ) -> (frames: [GraphLayout.Rect], edges: [GraphLayout.Edge], width: Double, height: Double) {
    let count = layered.count
    let anchor = geometry.cross.map { Int($0.rounded()) }
    let width = geometry.width.map { Int($0) }
    let left = (0 ..< count).map { anchor[$0] - Int(geometry.before[$0]) }

    var outgoing = [[(chain: Int, segment: Int)]](repeating: [], count: count)
    var incoming = [[(chain: Int, segment: Int)]](repeating: [], count: count)
    for (chainIndex, chain) in layered.chains.enumerated() {
      for segment in 0 ..< chain.count - 1 {
        outgoing[chain[segment]].append((chainIndex, segment))
        incoming[chain[segment + 1]].append((chainIndex, segment))
      }
    }
    // Target columns: one per incoming edge, centred on the box.
    var inColumn = layered.chains.map { [Int](repeating: 0, count: $0.count - 1) }
    for node in 0 ..< count where !incoming[node].isEmpty {
      let into = incoming[node].sorted {
        let a = anchor[layered.chains[$0.chain][$0.segment]]
        let b = anchor[layered.chains[$1.chain][$1.segment]]
        return a < b || (a == b && $0.chain < $1.chain)
      }
      let ports = into.count
      if ports == 1 || layered.isDummy(node) {
        for item in into { inColumn[item.chain][item.segment] = anchor[node] }
        continue
      }
      let spacing = max(2, min(6, (width[node] - 3) / (ports - 1)))
      var start = anchor[node] - spacing * (ports - 1) / 2
      start = max(start, left[node] + 1)
      start = min(start, left[node] + width[node] - 2 - spacing * (ports - 1))
      for (index, item) in into.enumerated() {
        inColumn[item.chain][item.segment] = start + index * spacing
      }
    }

    // Tracks per channel.
    let rankCount = layered.layers.count
    var rankHeight = [Int](repeating: 1, count: rankCount)
    for node in 0 ..< layered.realCount { rankHeight[layered.rank[node]] = 3 }
    var trackOfNet = [Int](repeating: 0, count: count)
    var trackCount = [Int](repeating: 0, count: rankCount)
    for rank in 0 ..< max(0, rankCount - 1) {
      var nets: [Net] = []
      for node in layered.layers[rank] {
        var targets: [Int] = []
        var low = anchor[node]
        var high = anchor[node]
        for item in outgoing[node] {
          let column = inColumn[item.chain][item.segment]
          guard column != anchor[node] else { continue }
          targets.append(column)
          low = min(low, column)
          high = max(high, column)
        }
        if !targets.isEmpty {
          nets.append(Net(node: node, source: anchor[node], low: low, high: high, targets: targets))
        }
      }
      let tracks = assignTracks(nets)
      for (index, net) in nets.enumerated() { trackOfNet[net.node] = tracks.track[index] }
      trackCount[rank] = tracks.count
    }

    var rankTop = [Int](repeating: 0, count: rankCount)
    var channelTop = [Int](repeating: 0, count: rankCount)
    var cursor = 0
    for rank in 0 ..< rankCount {
      rankTop[rank] = cursor
      cursor += rankHeight[rank]
      channelTop[rank] = cursor
      if rank + 1 < rankCount { cursor += trackCount[rank] + 1 }
    }
    let totalHeight = cursor

    var frames: [GraphLayout.Rect] = []
    var totalWidth = 0
    for node in 0 ..< count { totalWidth = max(totalWidth, left[node] + width[node]) }
    for node in 0 ..< layered.realCount {
      frames.append(.init(
        x: Double(left[node]), y: Double(rankTop[layered.rank[node]]),
        width: Double(width[node]), height: 3))
    }

    var edges: [GraphLayout.Edge] = []
    edges.reserveCapacity(layered.chains.count)
    for (chainIndex, chain) in layered.chains.enumerated() {
      var points: [GraphLayout.Point] = []
      var nets: [Int] = []
      func add(_ x: Int, _ y: Int, net: Int) {
        let point = GraphLayout.Point(x: Double(x), y: Double(y))
        guard points.last != point else { return }
        if !points.isEmpty { nets.append(net) }
        points.append(point)
      }
      let first = chain[0]
      add(anchor[first], channelTop[layered.rank[first]], net: first)
      for segment in 0 ..< chain.count - 1 {
        let source = chain[segment]
        let target = chain[segment + 1]
        let rank = layered.rank[source]
        let arrowRow = channelTop[rank] + trackCount[rank]
        let sourceColumn = anchor[source]
        let targetColumn = inColumn[chainIndex][segment]
        add(sourceColumn, channelTop[rank], net: source)
        if sourceColumn != targetColumn {
          let row = channelTop[rank] + trackOfNet[source]
          add(sourceColumn, row, net: source)
          add(targetColumn, row, net: source)
        }
        add(targetColumn, arrowRow, net: source)
        if layered.isDummy(target) {
          let next = layered.rank[target]
          add(targetColumn, rankTop[next] + rankHeight[next] - 1, net: target)
        }
      }
      let viewEdge = view.edges[chainIndex]
      let reversed = layered.reversed[chainIndex]
      edges.append(GraphLayout.Edge(
        from: viewEdge.from, to: viewEdge.to, points: reversed ? points.reversed() : points,
        reversed: reversed, multiplicity: viewEdge.multiplicity,
        nets: reversed ? nets.reversed() : nets))
    }
    return (frames, edges, Double(totalWidth), Double(totalHeight))
  }

  /// The edges of one source in one channel that need a horizontal run.
  struct Net {
    var node: Int
    var source: Int
    var low: Int
    var high: Int
    var targets: [Int]
  }

  /// Orders overlapping nets that run the same way so that they need not
  /// cross: of two nets running right, the one that starts further right goes
  /// on the upper track (its line then turns before the other's arrives);
  /// of two running left, the one that starts further left. Skipped for
  /// crowded channels (the check is quadratic) and where a hard constraint
  /// already orders the pair.
  private static func addPreferences(_ nets: [Net], after: inout [[Int]], waiting: inout [Int]) {
    guard nets.count <= 64 else { return }
    func direction(_ net: Net) -> Int {
      if net.targets.allSatisfy({ $0 > net.source }) { return 1 }
      if net.targets.allSatisfy({ $0 < net.source }) { return -1 }
      return 0
    }
    let directions = nets.map(direction)
    for a in nets.indices where directions[a] != 0 {
      for b in nets.indices where b > a && directions[b] == directions[a] {
        guard nets[a].low <= nets[b].high, nets[b].low <= nets[a].high else { continue }
        guard !after[a].contains(b), !after[b].contains(a) else { continue }
        let aFirst = directions[a] > 0 ? nets[a].source > nets[b].source
          : nets[a].source < nets[b].source
        let (first, second) = aFirst ? (a, b) : (b, a)
        after[first].append(second)
        waiting[second] += 1
      }
    }
  }

  /// Left-edge track assignment with vertical constraints.
  ///
  /// - Returns: the track of each net (0 = the top row of the channel) and
  ///   the number of tracks.
  /// - Complexity: O(tracks · nets log nets).
  static func assignTracks(_ nets: [Net]) -> (track: [Int], count: Int) {
    guard !nets.isEmpty else { return ([], 0) }
    var netWithSource: [Int: Int] = [:]
    for (index, net) in nets.enumerated() { netWithSource[net.source] = index }
    var after = [[Int]](repeating: [], count: nets.count)
    var waiting = [Int](repeating: 0, count: nets.count)
    for (index, net) in nets.enumerated() {
      for column in net.targets {
        if let above = netWithSource[column], above != index {
          after[above].append(index)
          waiting[index] += 1
        }
      }
    }
    addPreferences(nets, after: &after, waiting: &waiting)
    var track = [Int](repeating: -1, count: nets.count)
    var ready = (0 ..< nets.count).filter { waiting[$0] == 0 }
    var placed = 0
    var current = 0
    while placed < nets.count {
      if ready.isEmpty {
        // A cycle of constraints: take the leftmost unplaced net anyway.
        let stuck = (0 ..< nets.count).filter { track[$0] < 0 }
          .min { nets[$0].low < nets[$1].low } ?? 0
        ready = [stuck]
        waiting[stuck] = 0
      }
      ready.sort { nets[$0].low < nets[$1].low }
      var rest: [Int] = []
      var chosen: [Int] = []
      var reach = Int.min
      for index in ready {
        if nets[index].low > reach {
          chosen.append(index)
          reach = nets[index].high
        } else {
          rest.append(index)
        }
      }
      for index in chosen {
        track[index] = current
        placed += 1
      }
      for index in chosen {
        for next in after[index] where track[next] < 0 {
          waiting[next] -= 1
          if waiting[next] == 0 { rest.append(next) }
        }
      }
      ready = rest
      current += 1
    }
    return (track, current)
  }
}
