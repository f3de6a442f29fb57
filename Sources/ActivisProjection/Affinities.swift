import Foundation

/// The symmetric input-space affinities P of t-SNE, stored as a sparse matrix (CSR).
///
/// Each row's conditional distribution p(j|i) is a Gaussian over its neighbours whose width is
/// found by bisection so that its perplexity matches the target; then
/// `P = (P_cond + P_condᵀ) / (2N)`, so all entries sum to 1.
struct Affinities {
  /// `rows + 1` offsets into `columns` and `values`.
  var rowStart: [Int]
  /// Column index of each stored entry (ascending within a row).
  var columns: [Int32]
  /// P value of each stored entry (single precision halves the memory traffic of the
  /// attractive forces; sums are done in Double).
  var values: [Float]
  /// Σ p log p over the stored entries (for the KL divergence).
  var entropyTerm: Double

  /// Calibrates and symmetrises affinities from a neighbour graph.
  static func make(
    graph: NeighborGraph, rows: Int, perplexity: Double, threads: Int
  ) -> Affinities {
    let k = graph.k
    var conditional = [Double](repeating: 0, count: rows * k)
    let blocks = Parallel.blockCount(count: rows, minimumSize: 128)
    graph.squaredDistances.withUnsafeBufferPointer { dist in
      conditional.withUnsafeMutableBufferPointer { cond in
        Parallel.forEach(blocks: blocks, threads: threads) { b in
          for i in Parallel.range(block: b, blocks: blocks, count: rows) {
            calibrateRow(
              dist.baseAddress! + i * k, cond.baseAddress! + i * k, k, perplexity)
          }
        }
      }
    }
    return symmetrize(graph: graph, conditional: conditional, rows: rows)
  }

  /// Finds the precision β whose Gaussian over `distances` has the target perplexity and
  /// writes the normalised conditional probabilities.
  private static func calibrateRow(
    _ distances: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, _ k: Int,
    _ perplexity: Double
  ) {
    let target = log(perplexity)
    var minimum = Double.infinity
    for j in 0..<k { minimum = Swift.min(minimum, distances[j]) }
    var beta = 1.0
    var low = 0.0
    var high = Double.infinity
    for _ in 0..<200 {
      var sum = 0.0
      var weighted = 0.0
      for j in 0..<k {
        let d = distances[j] - minimum
        let p = exp(-beta * d)
        out[j] = p
        sum += p
        weighted += p * d
      }
      // H = log Σ p + β Σ p d / Σ p   (distances shifted by the minimum for stability)
      let entropy = log(sum) + beta * weighted / sum
      let difference = entropy - target
      if abs(difference) < 1e-5 { break }
      if difference > 0 {
        low = beta
        beta = high.isFinite ? (beta + high) / 2 : beta * 2
      } else {
        high = beta
        beta = (beta + low) / 2
      }
    }
    var sum = 0.0
    for j in 0..<k { sum += out[j] }
    let scale = sum > 0 ? 1 / sum : 0
    for j in 0..<k { out[j] *= scale }
  }

  /// Builds `(P + Pᵀ) / (2N)` in CSR form with sorted, merged columns.
  private static func symmetrize(graph: NeighborGraph, conditional: [Double], rows: Int)
    -> Affinities
  {
    let k = graph.k
    var counts = [Int](repeating: k, count: rows)
    for j in graph.indices { counts[Int(j)] += 1 }
    var start = [Int](repeating: 0, count: rows + 1)
    for i in 0..<rows { start[i + 1] = start[i] + counts[i] }
    var fill = Array(start[0..<rows])
    var cols = [Int32](repeating: 0, count: start[rows])
    var vals = [Double](repeating: 0, count: start[rows])
    for i in 0..<rows {
      for e in (i * k)..<((i + 1) * k) {
        let j = Int(graph.indices[e])
        let p = conditional[e]
        cols[fill[i]] = Int32(j)
        vals[fill[i]] = p
        fill[i] += 1
        cols[fill[j]] = Int32(i)
        vals[fill[j]] = p
        fill[j] += 1
      }
    }
    // Sort each row by column and merge duplicates, in place.
    var merged = [Int](repeating: 0, count: rows)
    let norm = 1 / (2 * Double(rows))
    let threads = Parallel.processorCount
    let blocks = Parallel.blockCount(count: rows, minimumSize: 256)
    cols.withUnsafeMutableBufferPointer { cols in
      vals.withUnsafeMutableBufferPointer { vals in
        merged.withUnsafeMutableBufferPointer { merged in
          Parallel.forEach(blocks: blocks, threads: threads) { b in
            var scratch: [(Int32, Double)] = []
            for i in Parallel.range(block: b, blocks: blocks, count: rows) {
              scratch.removeAll(keepingCapacity: true)
              for e in start[i]..<start[i + 1] { scratch.append((cols[e], vals[e])) }
              scratch.sort { $0.0 < $1.0 }
              var out = start[i]
              for (c, v) in scratch {
                if out > start[i] && cols[out - 1] == c {
                  vals[out - 1] += v * norm
                } else {
                  cols[out] = c
                  vals[out] = v * norm
                  out += 1
                }
              }
              merged[i] = out - start[i]
            }
          }
        }
      }
    }
    // Compact.
    var rowStart = [Int](repeating: 0, count: rows + 1)
    for i in 0..<rows { rowStart[i + 1] = rowStart[i] + merged[i] }
    var outCols = [Int32](repeating: 0, count: rowStart[rows])
    var outVals = [Float](repeating: 0, count: rowStart[rows])
    var entropy = 0.0
    for i in 0..<rows {
      for e in 0..<merged[i] {
        outCols[rowStart[i] + e] = cols[start[i] + e]
        let v = vals[start[i] + e]
        outVals[rowStart[i] + e] = Float(v)
        let stored = Double(Float(v))
        if stored > 0 { entropy += stored * log(stored) }
      }
    }
    return Affinities(
      rowStart: rowStart, columns: outCols, values: outVals, entropyTerm: entropy)
  }
}
