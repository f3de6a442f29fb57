/// The exact `k` nearest neighbours of every row by blocked brute force, for rows with many
/// columns, where a vantage-point tree prunes nothing and visits every row anyway.
///
/// Squared distances come from norms and dot products, ‖a‖² + ‖b‖² − 2 a·b, four query
/// rows at a time against each candidate row, so that every candidate value loaded serves
/// four queries and each pair costs one multiply-add per column. Rounding can make a
/// distance slightly negative; it is taken as 0. Each query's neighbours depend on nothing
/// but the data, so the graph is the same for any number of threads.
enum BlockedNeighborSearch {
  /// Query rows handled together.
  static let group = 4

  static func graph(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, k: Int, threads: Int,
    isCancelled: () -> Bool
  ) throws -> NeighborGraph {
    let base = data.baseAddress!
    let norms = (0..<rows).map { dot(base + $0 * columns, base + $0 * columns, columns) }
    var indices = [Int32](repeating: 0, count: rows * k)
    var distances = [Double](repeating: 0, count: rows * k)
    let groups = (rows + group - 1) / group
    let blocks = Parallel.blockCount(count: groups, minimumSize: 4, maximum: 256)
    try norms.withUnsafeBufferPointer { norms in
      try indices.withUnsafeMutableBufferPointer { idx in
        try distances.withUnsafeMutableBufferPointer { dist in
          try Parallel.forEach(blocks: blocks, threads: threads, isCancelled: isCancelled) { b in
            var heaps = (0..<group).map { _ in NeighborHeap(capacity: k + 1) }
            for g in Parallel.range(block: b, blocks: blocks, count: groups) {
              // The last group repeats its last row to fill four lanes.
              let queries = (0..<group).map { Swift.min(rows - 1, g * group + $0) }
              for q in 0..<group { heaps[q].reset() }
              let q0 = base + queries[0] * columns, q1 = base + queries[1] * columns
              let q2 = base + queries[2] * columns, q3 = base + queries[3] * columns
              for j in 0..<rows {
                let dots = dot4(q0, q1, q2, q3, base + j * columns, columns)
                for q in 0..<group {
                  let squared = norms[queries[q]] + norms[j] - 2 * dots[q]
                  heaps[q].offer(Swift.max(0, squared), Int32(j))
                }
              }
              for q in 0..<group where q == 0 || queries[q] != queries[q - 1] {
                heaps[q].sortAscending()
                let i = queries[q]
                var slot = i * k
                var taken = 0
                for e in 0..<heaps[q].count where taken < k && heaps[q].index(e) != Int32(i) {
                  idx[slot] = heaps[q].index(e)
                  dist[slot] = Double(heaps[q].distance(e))
                  slot += 1
                  taken += 1
                }
              }
            }
          }
        }
      }
    }
    return NeighborGraph(k: k, indices: indices, squaredDistances: distances)
  }

  /// a · b over `count` values.
  @inline(__always)
  static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
    dot4(a, a, a, a, b, count)[0]
  }

  /// The dot products of four rows with one row `c`, each value of `c` loaded once.
  @inline(__always)
  static func dot4(
    _ a0: UnsafePointer<Float>, _ a1: UnsafePointer<Float>, _ a2: UnsafePointer<Float>,
    _ a3: UnsafePointer<Float>, _ c: UnsafePointer<Float>, _ count: Int
  ) -> SIMD4<Float> {
    var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
    var j = 0
    while j + 8 <= count {
      let x = UnsafeRawPointer(c + j).loadUnaligned(as: SIMD8<Float>.self)
      s0 += UnsafeRawPointer(a0 + j).loadUnaligned(as: SIMD8<Float>.self) * x
      s1 += UnsafeRawPointer(a1 + j).loadUnaligned(as: SIMD8<Float>.self) * x
      s2 += UnsafeRawPointer(a2 + j).loadUnaligned(as: SIMD8<Float>.self) * x
      s3 += UnsafeRawPointer(a3 + j).loadUnaligned(as: SIMD8<Float>.self) * x
      j += 8
    }
    var result = SIMD4<Float>(s0.sum(), s1.sum(), s2.sum(), s3.sum())
    while j < count {
      result += SIMD4(a0[j], a1[j], a2[j], a3[j]) * c[j]
      j += 1
    }
    return result
  }
}
