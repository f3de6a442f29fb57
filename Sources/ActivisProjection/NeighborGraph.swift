/// The `k` nearest neighbours of every row, nearest first.
struct NeighborGraph {
  /// Neighbours per row.
  let k: Int
  /// `rows × k` neighbour indices.
  var indices: [Int32]
  /// `rows × k` squared Euclidean distances, matching `indices`.
  var squaredDistances: [Double]

  /// All other rows as neighbours of every row, by brute force (for small inputs).
  static func allPairs(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, threads: Int,
    isCancelled: () -> Bool
  ) throws -> NeighborGraph {
    let k = rows - 1
    var indices = [Int32](repeating: 0, count: rows * k)
    var distances = [Double](repeating: 0, count: rows * k)
    let blocks = Parallel.blockCount(count: rows, minimumSize: 16)
    try indices.withUnsafeMutableBufferPointer { idx in
      try distances.withUnsafeMutableBufferPointer { dist in
        let base = data.baseAddress!
        try Parallel.forEach(blocks: blocks, threads: threads, isCancelled: isCancelled) { b in
          for i in Parallel.range(block: b, blocks: blocks, count: rows) {
            var slot = i * k
            for j in 0..<rows where j != i {
              idx[slot] = Int32(j)
              dist[slot] = Double(
                Distance.squared(base + i * columns, base + j * columns, columns))
              slot += 1
            }
          }
        }
      }
    }
    return NeighborGraph(k: k, indices: indices, squaredDistances: distances)
  }
}
