/// A view turned into a proper layered graph: every edge joins adjacent ranks,
/// long edges running through chains of dummy nodes.
///
/// Nodes `0 ..< realCount` are the view's nodes; the rest are dummies. Edges
/// that had to be reversed to break cycles point "down" here like the others;
/// `reversed` remembers them so that their arrows can point the right way.
struct LayeredGraph {
  /// Number of real (view) nodes; nodes from here on are dummies.
  let realCount: Int
  /// Rank of every node.
  var rank: [Int]
  /// The nodes of each rank, in drawing order.
  var layers: [[Int]]
  /// Neighbours in the next rank (one entry per edge segment).
  var down: [[Int]]
  /// Neighbours in the previous rank (one entry per edge segment).
  var up: [[Int]]
  /// For each view edge, its nodes from the upper to the lower rank.
  var chains: [[Int]]
  /// For each view edge, whether it was reversed to break a cycle.
  var reversed: [Bool]

  /// Total nodes, dummies included.
  var count: Int { rank.count }

  func isDummy(_ node: Int) -> Bool { node >= realCount }

  /// Index of every node within its layer.
  func positions() -> [Int] {
    var position = [Int](repeating: 0, count: count)
    for layer in layers {
      for (index, node) in layer.enumerated() { position[node] = index }
    }
    return position
  }

  /// Breaks cycles, assigns ranks, inserts dummies and makes an initial order
  /// (depth-first from the sources, so that chains start out untangled).
  ///
  /// - Complexity: O(nodes + edges + dummies).
  init(view: GraphView) {
    let edges = view.edges.map { (from: $0.from, to: $0.to) }
    let reversed = CycleRemoval.backEdges(nodeCount: view.nodes.count, edges: edges)
    let directed = edges.enumerated().map { index, edge in
      reversed[index] ? (from: edge.to, to: edge.from) : edge
    }
    var rank = Ranking.ranks(nodeCount: view.nodes.count, edges: directed)
    var down = [[Int]](repeating: [], count: rank.count)
    var up = [[Int]](repeating: [], count: rank.count)
    var chains: [[Int]] = []
    chains.reserveCapacity(directed.count)
    for edge in directed {
      var chain = [edge.from]
      var previous = edge.from
      for dummyRank in (rank[edge.from] + 1) ..< rank[edge.to] {
        let dummy = rank.count
        rank.append(dummyRank)
        down.append([])
        up.append([])
        down[previous].append(dummy)
        up[dummy].append(previous)
        chain.append(dummy)
        previous = dummy
      }
      down[previous].append(edge.to)
      up[edge.to].append(previous)
      chain.append(edge.to)
      chains.append(chain)
    }
    self.realCount = view.nodes.count
    self.rank = rank
    self.down = down
    self.up = up
    self.chains = chains
    self.reversed = reversed
    self.layers = Self.depthFirstOrder(rank: rank, down: down, up: up, realCount: realCount)
  }

  /// Layers filled in depth-first visiting order from the sources.
  private static func depthFirstOrder(
    rank: [Int], down: [[Int]], up: [[Int]], realCount: Int
  ) -> [[Int]] {
    let rankCount = (rank.max() ?? -1) + 1
    var layers = [[Int]](repeating: [], count: rankCount)
    var visited = [Bool](repeating: false, count: rank.count)
    var stack: [Int] = []
    for root in 0 ..< realCount where up[root].isEmpty && !visited[root] {
      stack.append(root)
      while let node = stack.popLast() {
        if visited[node] { continue }
        visited[node] = true
        layers[rank[node]].append(node)
        for next in down[node].reversed() where !visited[next] { stack.append(next) }
      }
    }
    for node in 0 ..< rank.count where !visited[node] {
      visited[node] = true
      layers[rank[node]].append(node)
    }
    return layers
  }
}
