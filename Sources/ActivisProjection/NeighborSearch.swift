/// The k-nearest-neighbour searches the projections choose from, behind one call.
enum NeighborSearch {
  /// Which search to run.
  enum Kind {
    /// Exact, from a vantage-point tree (fast for few columns).
    case vantagePointTree
    /// Exact, by blocked brute force (for many columns, where a tree prunes nothing).
    case bruteForce
    /// Approximate: random-projection forest refined by nearest-neighbour descent.
    case neighborDescent
  }

  /// The `k` nearest other rows of every row of the `rows × columns` matrix `data`.
  static func graph(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, k: Int, kind: Kind, seed: UInt64,
    threads: Int, isCancelled: () -> Bool
  ) throws -> NeighborGraph {
    switch kind {
    case .bruteForce:
      return try BlockedNeighborSearch.graph(
        data, rows: rows, columns: columns, k: k, threads: threads, isCancelled: isCancelled)
    case .vantagePointTree:
      let tree = VantagePointTree(data, rows: rows, columns: columns, seed: seed)
      if isCancelled() { throw ProjectionCancelled() }
      return try tree.allNearestNeighbors(k: k, threads: threads, isCancelled: isCancelled)
    case .neighborDescent:
      return try NeighborDescent(data, rows: rows, columns: columns, k: k, threads: threads)
        .graph(seed: seed, isCancelled: isCancelled)
    }
  }
}

/// Seconds since it was made, for progress reports.
struct Stopwatch {
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant

  /// Starts timing now.
  init() { start = clock.now }

  /// Seconds elapsed.
  var seconds: Double {
    let d = clock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
