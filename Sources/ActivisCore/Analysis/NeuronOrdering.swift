/// Orders of a layer's neuron columns that make patterns visible, and the
/// per-neuron measures they sort by.
public enum NeuronOrdering {
  /// `columns` sorted by `key` descending; NaN last; ties by index.
  public static func descending(_ columns: [Int], by key: [Float]) -> [Int] {
    columns.sorted { a, b in
      let x = key[a], y = key[b]
      if x.isNaN != y.isNaN { return y.isNaN }
      if x != y && !x.isNaN { return x > y }
      return a < b
    }
  }

  /// `columns` by the variance of their values across `rows`, largest first.
  public static func byVariance(_ columns: [Int], rows: [[Float]]) -> [Int] {
    var variance = [Float](repeating: .nan, count: rows.first?.count ?? 0)
    for j in columns {
      let values = rows.map { Double($0[j]) }.filter(\.isFinite)
      guard !values.isEmpty else { continue }
      let mean = values.reduce(0, +) / Double(values.count)
      variance[j] = Float(values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count))
    }
    return descending(columns, by: variance)
  }

  /// A seriation: columns whose profiles across `rows` are alike end up next
  /// to each other. Greedy nearest-neighbour chaining from the column with
  /// the largest profile, by Euclidean distance; non-finite values count as 0.
  ///
  /// - Complexity: O(c² · r) for c columns and r rows.
  public static func seriated(_ columns: [Int], rows: [[Float]]) -> [Int] {
    guard columns.count > 2 else { return columns }
    let profiles = columns.map { j in rows.map { $0[j].isFinite ? $0[j] : 0 } }
    var remaining = Array(profiles.indices)
    let norms = profiles.map { $0.reduce(0) { $0 + $1 * $1 } }
    var current = remaining.max { norms[$0] != norms[$1] ? norms[$0] < norms[$1] : $0 > $1 } ?? 0
    var order = [current]
    remaining.removeAll { $0 == current }
    while !remaining.isEmpty {
      var best = remaining[0]
      var bestDistance = Float.infinity
      for candidate in remaining {
        var distance: Float = 0
        for (a, b) in zip(profiles[current], profiles[candidate]) { distance += (a - b) * (a - b) }
        if distance < bestDistance {
          bestDistance = distance
          best = candidate
        }
      }
      order.append(best)
      remaining.removeAll { $0 == best }
      current = best
    }
    return order.map { columns[$0] }
  }

  /// Per neuron, the share of its variance over all instances that lies
  /// between the classes: Σₖ nₖ (meanₖ − mean)² / (N · variance). 1 means
  /// the classes alone explain the neuron; 0 that it ignores them.
  public static func separation(overall: RowStatistics, classes: [RowStatistics]) -> [Float] {
    overall.mean.indices.map { j in
      let total = Double(overall.standardDeviation[j]) * Double(overall.standardDeviation[j])
      guard total > 0, overall.count > 0 else { return .nan }
      var between = 0.0
      var counted = 0
      for group in classes where group.count > 0 && group.mean[j].isFinite {
        let d = Double(group.mean[j]) - Double(overall.mean[j])
        between += Double(group.count) * d * d
        counted += group.count
      }
      guard counted > 0 else { return .nan }
      return Float(Swift.min(1, between / (Double(counted) * total)))
    }
  }
}
