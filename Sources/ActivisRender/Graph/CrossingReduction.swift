/// Crossing reduction by layer sweeps (Sugiyama et al. 1981): each rank is
/// sorted by the barycentre of its neighbours in the rank just fixed, sweeping
/// down then up, and the order with the fewest crossings is kept.
///
/// The number of sweeps is bounded (`maxIterations`, and it stops after
/// `patience` rounds without improvement), so large graphs stay fast.
/// Crossings are counted with the accumulator tree of Barth, Jünger and Mutzel
/// (2004), O(e log v) per pair of ranks.
enum CrossingReduction {
  /// Reorders `graph.layers` in place.
  ///
  /// - Complexity: O(iterations · (v + e) log v).
  static func reduce(_ graph: inout LayeredGraph, maxIterations: Int = 16, patience: Int = 3) {
    var best = graph.layers
    var bestCrossings = crossings(graph)
    var idle = 0
    var iteration = 0
    while iteration < maxIterations, bestCrossings > 0, idle < patience {
      var position = graph.positions()
      for rank in graph.layers.indices.dropFirst() {
        sortLayer(&graph.layers[rank], neighbours: graph.up, position: &position)
      }
      for rank in graph.layers.indices.dropLast().reversed() {
        sortLayer(&graph.layers[rank], neighbours: graph.down, position: &position)
      }
      let count = crossings(graph)
      if count < bestCrossings {
        bestCrossings = count
        best = graph.layers
        idle = 0
      } else {
        idle += 1
      }
      iteration += 1
    }
    graph.layers = best
  }

  /// Sorts one layer by barycentre; nodes without neighbours keep their slot.
  private static func sortLayer(
    _ layer: inout [Int], neighbours: [[Int]], position: inout [Int]
  ) {
    guard layer.count > 1 else { return }
    var keyed: [(key: Double, tie: Int, node: Int)] = []
    var fixedSlots: [Int] = []
    keyed.reserveCapacity(layer.count)
    for (slot, node) in layer.enumerated() {
      let around = neighbours[node]
      if around.isEmpty {
        fixedSlots.append(slot)
      } else {
        var sum = 0
        for other in around { sum += position[other] }
        keyed.append((Double(sum) / Double(around.count), slot, node))
      }
    }
    keyed.sort { $0.key < $1.key || ($0.key == $1.key && $0.tie < $1.tie) }
    var result = [Int](repeating: -1, count: layer.count)
    for slot in fixedSlots { result[slot] = layer[slot] }
    var next = 0
    for slot in result.indices where result[slot] < 0 {
      result[slot] = keyed[next].node
      next += 1
    }
    layer = result
    for (index, node) in layer.enumerated() { position[node] = index }
  }

  /// Total crossings between all adjacent ranks.
  static func crossings(_ graph: LayeredGraph) -> Int {
    let position = graph.positions()
    var total = 0
    var targets: [Int] = []
    var tree: [Int] = []
    for rank in graph.layers.indices.dropLast() {
      let lower = graph.layers[rank + 1].count
      guard graph.layers[rank].count > 1 || lower > 1 else { continue }
      targets.removeAll(keepingCapacity: true)
      for node in graph.layers[rank] {
        let start = targets.count
        for next in graph.down[node] { targets.append(position[next]) }
        targets[start...].sort()
      }
      var first = 1
      while first < lower { first *= 2 }
      tree.removeAll(keepingCapacity: true)
      tree.append(contentsOf: repeatElement(0, count: 2 * first - 1))
      first -= 1
      for target in targets {
        var index = target + first
        tree[index] += 1
        while index > 0 {
          if index % 2 == 1 { total += tree[index + 1] }
          index = (index - 1) / 2
          tree[index] += 1
        }
      }
    }
    return total
  }
}
