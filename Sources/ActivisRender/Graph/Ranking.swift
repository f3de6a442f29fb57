/// Rank assignment for the layered layout: every edge must go from a lower
/// rank to a higher one.
///
/// The ranks are longest-path ranks (each node one rank after its latest
/// predecessor, Kahn order), then every source node that has successors is
/// pulled down to just before its earliest successor. Without that pull, a
/// constant or a second input that is used only near the output would sit at
/// rank 0 with a long edge across the whole drawing. (Network simplex would
/// shorten edges further; the longest-path ranks keep the phase linear.)
enum Ranking {
  /// Ranks for an acyclic graph.
  ///
  /// - Parameters:
  ///   - nodeCount: nodes are `0 ..< nodeCount`.
  ///   - edges: `(from, to)` pairs; the graph they form must be acyclic.
  /// - Returns: one rank per node, the smallest being 0.
  /// - Complexity: O(nodes + edges).
  static func ranks(nodeCount: Int, edges: [(from: Int, to: Int)]) -> [Int] {
    var indegree = [Int](repeating: 0, count: nodeCount)
    var successors = [[Int]](repeating: [], count: nodeCount)
    for edge in edges {
      indegree[edge.to] += 1
      successors[edge.from].append(edge.to)
    }
    var rank = [Int](repeating: 0, count: nodeCount)
    var remaining = indegree
    var ready: [Int] = (0 ..< nodeCount).filter { indegree[$0] == 0 }
    var head = 0
    while head < ready.count {
      let node = ready[head]
      head += 1
      for next in successors[node] {
        rank[next] = max(rank[next], rank[node] + 1)
        remaining[next] -= 1
        if remaining[next] == 0 { ready.append(next) }
      }
    }
    precondition(head == nodeCount, "Ranking.ranks needs an acyclic graph")
    for node in 0 ..< nodeCount where indegree[node] == 0 && !successors[node].isEmpty {
      let earliest = successors[node].lazy.map { rank[$0] }.min() ?? 1
      rank[node] = earliest - 1
    }
    let lowest = rank.min() ?? 0
    if lowest != 0 {
      for node in 0 ..< nodeCount { rank[node] -= lowest }
    }
    return rank
  }
}
