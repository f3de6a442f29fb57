import Testing

@testable import ActivisProjection

@Suite struct NeighborSearchTests {
  private let mixture = GaussianMixture(
    rows: 900, dimensions: 20, clusters: 5, separation: 2, seed: 41)
  private let k = 15

  /// The true `k` nearest neighbours of every row, by brute force in the test.
  private func truth() -> [[Int]] {
    let d = Neighborhoods.squaredDistances(
      mixture.data, rows: mixture.rows, columns: mixture.columns)
    return (0..<mixture.rows).map {
      Array(Neighborhoods.order(d, rows: mixture.rows, row: $0).prefix(k))
    }
  }

  private func recall(_ graph: NeighborGraph, _ truth: [[Int]]) -> Double {
    var hits = 0
    for i in 0..<mixture.rows {
      let found = Set(graph.indices[(i * k)..<((i + 1) * k)].map(Int.init))
      hits += truth[i].filter(found.contains).count
      // Nearest first, self excluded.
      #expect(!found.contains(i))
      let d = graph.squaredDistances[(i * k)..<((i + 1) * k)]
      #expect(zip(d, d.dropFirst()).allSatisfy { $0 <= $1 })
    }
    return Double(hits) / Double(mixture.rows * k)
  }

  @Test func vantagePointTreeIsExact() throws {
    let expected = truth()
    let graph = try mixture.data.withUnsafeBufferPointer {
      try VantagePointTree($0, rows: mixture.rows, columns: mixture.columns, seed: 3)
        .allNearestNeighbors(k: k, threads: 2, isCancelled: { false })
    }
    #expect(recall(graph, expected) > 0.999)
  }

  @Test func blockedBruteForceIsExactWhateverTheThreads() throws {
    let expected = truth()
    var graphs: [NeighborGraph] = []
    for threads in [1, 3] {
      graphs.append(try mixture.data.withUnsafeBufferPointer {
        try BlockedNeighborSearch.graph(
          $0, rows: mixture.rows, columns: mixture.columns, k: k, threads: threads, isCancelled: { false })
      })
    }
    #expect(recall(graphs[0], expected) > 0.999)
    #expect(graphs[0].indices == graphs[1].indices && graphs[0].squaredDistances == graphs[1].squaredDistances)
    // Distances against the plain loop's, to float rounding.
    let d = Neighborhoods.squaredDistances(mixture.data, rows: mixture.rows, columns: mixture.columns)
    for i in [0, 1, 450, mixture.rows - 1] {
      for e in 0..<k {
        let j = Int(graphs[0].indices[i * k + e])
        #expect(abs(graphs[0].squaredDistances[i * k + e] - Double(d[i * mixture.rows + j])) < 1e-3 * max(1, Double(d[i * mixture.rows + j])))
      }
    }
  }

  @Test func neighborDescentHasHighRecall() throws {
    let expected = truth()
    let graph = try mixture.data.withUnsafeBufferPointer {
      try NeighborDescent($0, rows: mixture.rows, columns: mixture.columns, k: k, threads: 2)
        .graph(seed: 3, isCancelled: { false })
    }
    let r = recall(graph, expected)
    #expect(r > 0.9, "recall \(r)")
  }
}
