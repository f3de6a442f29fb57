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
    // Source columns: the anchor, shared by all edges of a node, except that
    // an edge reversed to break a cycle (its arrow points back up into this
    // box) gets a column of its own beside it.
    // A source column that is also the (immovable) target column of another
    // edge below could only be routed with a dogleg, so such a source moves
    // its port a little off the centre. Single arrows into a box and lines
    // through dummies stay at the anchor; wider fan-ins move later.
    var fixedTargets = [[Int: Int]](repeating: [:], count: layered.layers.count)
    for node in 0 ..< count where incoming[node].count == 1 || layered.isDummy(node) {
      for item in incoming[node] {
        fixedTargets[layered.rank[node]][anchor[node]] = layered.chains[item.chain][item.segment]
      }
    }
    var port = anchor
    for node in 0 ..< layered.realCount where width[node] >= 3 {
      let below = layered.rank[node] + 1 < layered.layers.count
        ? fixedTargets[layered.rank[node] + 1] : [:]
      func taken(_ column: Int) -> Bool { below[column].map { $0 != node } ?? false }
      guard taken(anchor[node]) else { continue }
      for shift in [1, -1, 2, -2, 3, -3] {
        let column = anchor[node] + shift
        if column > left[node], column < left[node] + width[node] - 1, !taken(column) {
          port[node] = column
          break
        }
      }
    }
    var outColumn = layered.chains.map { [Int](repeating: 0, count: $0.count - 1) }
    var outNet = outColumn
    // A channel below a box that a reversed edge points back into starts with
    // a row of its own for that arrow, clear of the horizontal runs.
    var reserve = [Int](repeating: 0, count: layered.layers.count)
    for node in 0 ..< count {
      var side = 0
      for item in outgoing[node] {
        outColumn[item.chain][item.segment] = port[node]
        outNet[item.chain][item.segment] = node
        if item.segment == 0, layered.reversed[item.chain], !layered.isDummy(node) {
          var column = port[node]
          while column == port[node] {
            side += 1
            let offset = (side + 1) / 2 * 2 * (side % 2 == 1 ? 1 : -1)
            column = min(max(anchor[node] + offset, left[node] + 1), left[node] + width[node] - 2)
            if side > width[node] { break }
          }
          outColumn[item.chain][item.segment] = column
          outNet[item.chain][item.segment] = count + item.chain
          reserve[layered.rank[node]] = 1
        }
      }
    }
    // Columns where lines leave the rank above each rank: an arrow placed
    // there would meet a line coming down.
    var sourceColumns = [Set<Int>](repeating: [], count: layered.layers.count)
    for node in 0 ..< count {
      for item in outgoing[node] {
        sourceColumns[layered.rank[node]].insert(outColumn[item.chain][item.segment])
      }
    }
    // Target columns: one per incoming edge, centred on the box, shifted
    // sideways where that keeps them off the columns of other sources.
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
      let lowest = left[node] + 1
      let highest = left[node] + width[node] - 2 - spacing * (ports - 1)
      let centred = min(max(anchor[node] - spacing * (ports - 1) / 2, lowest), highest)
      let above = layered.rank[node] > 0 ? sourceColumns[layered.rank[node] - 1] : []
      func clashes(_ start: Int) -> Int {
        into.enumerated().filter { index, item in
          let column = start + index * spacing
          return above.contains(column) && outColumn[item.chain][item.segment] != column
        }.count
      }
      var start = centred
      var fewest = clashes(centred)
      for shift in [1, -1, 2, -2, 3, -3] where fewest > 0 {
        let candidate = centred + shift
        guard candidate >= lowest, candidate <= highest else { continue }
        let found = clashes(candidate)
        if found < fewest {
          fewest = found
          start = candidate
        }
      }
      for (index, item) in into.enumerated() {
        inColumn[item.chain][item.segment] = start + index * spacing
      }
    }

    // Tracks per channel.
    let rankCount = layered.layers.count
    var rankHeight = [Int](repeating: 1, count: rankCount)
    for node in 0 ..< layered.realCount { rankHeight[layered.rank[node]] = 3 }
    var trackOfNet = [Int](repeating: 0, count: count + layered.chains.count)
    var trackCount = [Int](repeating: 0, count: rankCount)
    var doglegs: [Int64: Dogleg] = [:]
    for rank in 0 ..< max(0, rankCount - 1) {
      var nets: [Net] = []
      var netIndex: [Int: Int] = [:]
      for node in layered.layers[rank] {
        for item in outgoing[node] {
          let source = outColumn[item.chain][item.segment]
          let column = inColumn[item.chain][item.segment]
          guard column != source else { continue }
          let id = outNet[item.chain][item.segment]
          if let at = netIndex[id] {
            nets[at].targets.append(column)
            nets[at].low = min(nets[at].low, column)
            nets[at].high = max(nets[at].high, column)
          } else {
            netIndex[id] = nets.count
            nets.append(Net(
              node: id, source: source, low: min(source, column), high: max(source, column),
              targets: [column]))
          }
        }
      }
      var verticals = Set<Int>()
      for node in layered.layers[rank] {
        for item in outgoing[node] {
          verticals.insert(outColumn[item.chain][item.segment])
          verticals.insert(inColumn[item.chain][item.segment])
        }
      }
      let tracks = assignTracks(nets, verticals: verticals)
      for (index, net) in nets.enumerated() {
        trackOfNet[net.node] = tracks.track[index]
        for (column, dogleg) in tracks.doglegs[index] {
          doglegs[Int64(net.node) << 32 | Int64(UInt32(truncatingIfNeeded: column))] = dogleg
        }
      }
      trackCount[rank] = tracks.count
    }

    var rankTop = [Int](repeating: 0, count: rankCount)
    var channelTop = [Int](repeating: 0, count: rankCount)
    var cursor = 0
    for rank in 0 ..< rankCount {
      rankTop[rank] = cursor
      cursor += rankHeight[rank]
      channelTop[rank] = cursor
      if rank + 1 < rankCount { cursor += reserve[rank] + trackCount[rank] + 1 }
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
      add(outColumn[chainIndex][0], channelTop[layered.rank[first]], net: outNet[chainIndex][0])
      for segment in 0 ..< chain.count - 1 {
        let source = chain[segment]
        let target = chain[segment + 1]
        let rank = layered.rank[source]
        let arrowRow = channelTop[rank] + reserve[rank] + trackCount[rank]
        let sourceColumn = outColumn[chainIndex][segment]
        let targetColumn = inColumn[chainIndex][segment]
        let net = outNet[chainIndex][segment]
        add(sourceColumn, channelTop[rank], net: net)
        if sourceColumn != targetColumn {
          let firstTrack = channelTop[rank] + reserve[rank]
          let row = firstTrack + trackOfNet[net]
          add(sourceColumn, row, net: net)
          let key = Int64(net) << 32 | Int64(UInt32(truncatingIfNeeded: targetColumn))
          if !doglegs.isEmpty, let dogleg = doglegs[key] {
            add(dogleg.column, row, net: net)
            add(dogleg.column, firstTrack + dogleg.track, net: net)
            add(targetColumn, firstTrack + dogleg.track, net: net)
          } else {
            add(targetColumn, row, net: net)
          }
        }
        add(targetColumn, arrowRow, net: net)
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

  /// A detour for a line whose target column is the source column of a net
  /// on a lower track (possible only when constraints form a cycle, as when
  /// two long edges swap columns): it drops beside the target at `column`,
  /// down to a track of its own below the other net, and steps across there.
  struct Dogleg {
    var column: Int
    var track: Int
  }

  /// Left-edge track assignment with vertical constraints.
  ///
  /// - Parameter verticals: every column where a line of this channel runs
  ///   down, which a dogleg must avoid.
  /// - Returns: the track of each net (0 = the top row of the channel), the
  ///   doglegs of each net by target column, and the number of tracks.
  /// - Complexity: O(tracks · nets log nets).
  static func assignTracks(
    _ nets: [Net], verticals: Set<Int> = []
  ) -> (track: [Int], doglegs: [[Int: Dogleg]], count: Int) {
    guard !nets.isEmpty else { return ([], [], 0) }
    var netWithSource: [Int: Int] = [:]
    for (index, net) in nets.enumerated() { netWithSource[net.source] = index }
    var after = [[Int]](repeating: [], count: nets.count)
    var waiting = [Int](repeating: 0, count: nets.count)
    for (index, net) in nets.enumerated() {
      for column in net.targets {
        if let above = netWithSource[column], above != index, !after[above].contains(index) {
          after[above].append(index)
          waiting[index] += 1
        }
      }
    }
    // Hard constraints first; `waiting` minus `hardWaiting` are preferences.
    var hardWaiting = waiting
    let hardAfter = after
    addPreferences(nets, after: &after, waiting: &waiting)
    var track = [Int](repeating: -1, count: nets.count)
    var ready = (0 ..< nets.count).filter { waiting[$0] == 0 }
    var placed = 0
    var current = 0
    while placed < nets.count {
      if ready.isEmpty {
        // A cycle: give up preferences first, then, for a true cycle of
        // hard constraints, take the leftmost unplaced net anyway.
        ready = (0 ..< nets.count).filter { track[$0] < 0 && hardWaiting[$0] == 0 }
        if ready.isEmpty {
          let stuck = (0 ..< nets.count).filter { track[$0] < 0 }
            .min { nets[$0].low < nets[$1].low } ?? 0
          ready = [stuck]
        }
        for index in ready { waiting[index] = 0 }
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
        for next in hardAfter[index] { hardWaiting[next] -= 1 }
        for next in after[index] where track[next] < 0 {
          waiting[next] -= 1
          if waiting[next] == 0 { rest.append(next) }
        }
      }
      ready = rest
      current += 1
    }
    var doglegs = [[Int: Dogleg]](repeating: [:], count: nets.count)
    for (index, net) in nets.enumerated() {
      for column in net.targets {
        guard let other = netWithSource[column], other != index, track[other] >= track[index]
        else { continue }
        let side = [1, -1, 2, -2, 3, -3].first { !verticals.contains(column + $0) } ?? 1
        doglegs[index][column] = Dogleg(column: column + side, track: current)
        current += 1
      }
    }
    return (track, doglegs, current)
  }
}
