/// Places the nodes of each rank along the rank (the cross axis), keeping the
/// order that crossing reduction chose.
///
/// A simple priority method in the spirit of Sugiyama's: sweeping down then
/// up, each node wants the weighted mean position of its neighbours in the
/// rank just placed, and the whole rank is fitted to those wishes at once by
/// weighted isotonic regression (pool-adjacent-violators) on the positions
/// shifted by the minimum separations. The fit is optimal for each rank in the
/// least-squares sense and linear in its size, so a node never jumps over its
/// neighbours and long edges (chains of dummies, which weigh most) come out
/// straight. The sweeps are bounded (`iterations`), then a last pass balances
/// each node between its upper and lower neighbours.
enum CoordinateAssignment {
  /// Anchor positions along the rank, one per node of `graph`.
  ///
  /// - Parameters:
  ///   - before: extent of each node before its anchor (left, or top).
  ///   - after: extent of each node after its anchor.
  ///   - gap: the free space wanted between two neighbouring nodes.
  ///   - integral: round to whole units (character cells), keeping the
  ///     separations.
  /// - Returns: positions whose smallest `position - before` is 0.
  /// - Complexity: O(iterations · (nodes + edges)).
  static func assign(
    _ graph: LayeredGraph, before: [Double], after: [Double],
    gap: (Int, Int) -> Double, integral: Bool, iterations: Int = 4
  ) -> [Double] {
    var x = [Double](repeating: 0, count: graph.count)
    for layer in graph.layers {
      var cursor = 0.0
      for (index, node) in layer.enumerated() {
        if index > 0 { cursor += gap(layer[index - 1], node) }
        cursor += before[node]
        x[node] = cursor
        cursor += after[node]
      }
    }
    func weight(_ a: Int, _ b: Int) -> Double {
      switch (graph.isDummy(a), graph.isDummy(b)) {
      case (true, true): 8
      case (false, false): 1
      default: 2
      }
    }
    func place(_ layer: [Int], useUp: Bool, useDown: Bool) {
      guard !layer.isEmpty else { return }
      var desired = [Double](repeating: 0, count: layer.count)
      var weights = [Double](repeating: 0, count: layer.count)
      for (index, node) in layer.enumerated() {
        var sum = 0.0
        var total = 0.0
        if useUp {
          for other in graph.up[node] {
            let w = weight(node, other)
            sum += w * x[other]
            total += w
          }
        }
        if useDown {
          for other in graph.down[node] {
            let w = weight(node, other)
            sum += w * x[other]
            total += w
          }
        }
        if total > 0 {
          desired[index] = sum / total
          weights[index] = total
        } else {
          desired[index] = x[node]
          weights[index] = 0.05
        }
      }
      let fitted = fit(
        desired: desired, weights: weights,
        separation: { index in
          after[layer[index]] + gap(layer[index], layer[index + 1]) + before[layer[index + 1]]
        })
      for (index, node) in layer.enumerated() { x[node] = fitted[index] }
    }
    for _ in 0 ..< iterations {
      for layer in graph.layers.dropFirst() { place(layer, useUp: true, useDown: false) }
      for layer in graph.layers.dropLast().reversed() { place(layer, useUp: false, useDown: true) }
    }
    for layer in graph.layers { place(layer, useUp: true, useDown: true) }

    straighten(graph, &x, before: before, after: after, gap: gap)

    if integral {
      for layer in graph.layers {
        var previous: Int?
        for node in layer {
          var value = x[node].rounded()
          if let previous {
            value = max(value, x[previous] + after[previous] + gap(previous, node) + before[node])
          }
          x[node] = value
          previous = node
        }
      }
    }
    var lowest = Double.infinity
    for node in 0 ..< graph.count { lowest = min(lowest, x[node] - before[node]) }
    if lowest.isFinite {
      for node in 0 ..< graph.count { x[node] -= lowest }
    }
    return x
  }

  /// Moves a node onto its only upper (then lower) neighbour's position when
  /// the rank has room for it there, so that chains run straight instead of
  /// jogging by a fraction. Two bounded passes each way.
  private static func straighten(
    _ graph: LayeredGraph, _ x: inout [Double], before: [Double], after: [Double],
    gap: (Int, Int) -> Double
  ) {
    func pass(_ layers: [[Int]], neighbours: [[Int]]) {
      for layer in layers {
        for (index, node) in layer.enumerated() where neighbours[node].count == 1 {
          let target = x[neighbours[node][0]]
          var low = -Double.infinity
          var high = Double.infinity
          if index > 0 {
            let left = layer[index - 1]
            low = x[left] + after[left] + gap(left, node) + before[node]
          }
          if index + 1 < layer.count {
            let right = layer[index + 1]
            high = x[right] - before[right] - gap(node, right) - after[node]
          }
          if target >= low, target <= high { x[node] = target }
        }
      }
    }
    for _ in 0 ..< 2 {
      pass(graph.layers, neighbours: graph.up)
      pass(graph.layers.reversed(), neighbours: graph.down)
    }
  }

  /// Weighted least-squares fit of increasing positions with minimum
  /// separations: minimises Σ wᵢ(xᵢ − dᵢ)² subject to xᵢ₊₁ − xᵢ ≥ sᵢ.
  static func fit(
    desired: [Double], weights: [Double], separation: (Int) -> Double
  ) -> [Double] {
    let count = desired.count
    var offset = [Double](repeating: 0, count: count)
    for index in 1 ..< max(count, 1) { offset[index] = offset[index - 1] + separation(index - 1) }
    // Blocks of pooled values: weighted mean, total weight, first index.
    var means: [Double] = []
    var totals: [Double] = []
    var starts: [Int] = []
    for index in 0 ..< count {
      var mean = desired[index] - offset[index]
      var total = weights[index]
      var start = index
      while let last = means.last, last >= mean {
        let lastTotal = totals.removeLast()
        means.removeLast()
        start = starts.removeLast()
        mean = (last * lastTotal + mean * total) / (lastTotal + total)
        total += lastTotal
      }
      means.append(mean)
      totals.append(total)
      starts.append(start)
    }
    var result = [Double](repeating: 0, count: count)
    for block in means.indices {
      let end = block + 1 < starts.count ? starts[block + 1] : count
      for index in starts[block] ..< end { result[index] = means[block] + offset[index] }
    }
    return result
  }
}
