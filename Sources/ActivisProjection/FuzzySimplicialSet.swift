import Foundation

/// UMAP's weighted neighbour graph (McInnes, Healy & Melville 2018, §3.1).
///
/// Each point i gets a local metric from its nearest neighbours: ρᵢ, the distance to its
/// nearest other point, and σᵢ, found by binary search so that
/// Σⱼ exp(−max(0, dᵢⱼ − ρᵢ) / σᵢ) = log₂(K) over its K − 1 nearest others (K counts the point
/// itself, as umap-learn's `n_neighbors`). The directed memberships
/// aᵢⱼ = exp(−max(0, dᵢⱼ − ρᵢ) / σᵢ) are made symmetric by the fuzzy union a + aᵀ − a∘aᵀ.
struct FuzzySimplicialSet {
  /// Row `i`'s entries are `columns[rowStart[i]..<rowStart[i+1]]`, ascending.
  var rowStart: [Int]
  /// The other end of each edge.
  var columns: [Int32]
  /// The membership strength of each edge, in (0, 1].
  var weights: [Double]
  /// ρᵢ: each point's distance to its nearest other point (0 when that is a duplicate).
  var rho: [Double]
  /// σᵢ: each point's calibrated bandwidth.
  var sigma: [Double]

  /// The number of points.
  var rows: Int { rowStart.count - 1 }

  /// The binary search's target sum for `K` neighbours (the point included).
  static func target(neighbors: Int) -> Double { log2(Double(neighbors)) }

  /// Builds the graph from the `k` nearest other points of each point (`k` = K − 1).
  static func make(graph: NeighborGraph, rows: Int, threads: Int) -> FuzzySimplicialSet {
    let k = graph.k
    var rho = [Double](repeating: 0, count: rows)
    var sigma = [Double](repeating: 0, count: rows)
    var directed = [Double](repeating: 0, count: rows * k)
    let globalMean =
      graph.squaredDistances.reduce(0) { $0 + $1.squareRoot() } / Double(max(1, rows * k))
    let target = Self.target(neighbors: k + 1)
    let blocks = Parallel.blockCount(count: rows, minimumSize: 256)
    rho.withUnsafeMutableBufferPointer { rho in
      sigma.withUnsafeMutableBufferPointer { sigma in
        directed.withUnsafeMutableBufferPointer { directed in
          Parallel.forEach(blocks: blocks, threads: threads) { b in
            var distances = [Double](repeating: 0, count: k)
            for i in Parallel.range(block: b, blocks: blocks, count: rows) {
              for e in 0..<k { distances[e] = max(0, graph.squaredDistances[i * k + e]).squareRoot() }
              let (r, s) = calibrate(distances, target: target, globalMean: globalMean)
              rho[i] = r
              sigma[i] = s
              for e in 0..<k { directed[i * k + e] = membership(distances[e], rho: r, sigma: s) }
            }
          }
        }
      }
    }
    var result = union(indices: graph.indices, memberships: directed, rows: rows, k: k)
    result.rho = rho
    result.sigma = sigma
    return result
  }

  /// exp(−max(0, d − ρ) / σ).
  @inline(__always)
  static func membership(_ distance: Double, rho: Double, sigma: Double) -> Double {
    let excess = distance - rho
    if excess <= 0 || sigma <= 0 { return 1 }
    return exp(-excess / sigma)
  }

  /// ρ and σ for one point's neighbour distances (ascending).
  static func calibrate(_ distances: [Double], target: Double, globalMean: Double)
    -> (rho: Double, sigma: Double)
  {
    let rho = distances.first { $0 > 0 } ?? 0
    var low = 0.0
    var high = Double.infinity
    var mid = 1.0
    for _ in 0..<64 {
      var sum = 0.0
      for d in distances { sum += membership(d, rho: rho, sigma: mid) }
      if abs(sum - target) < 1e-5 { break }
      if sum > target {
        high = mid
        mid = (low + high) / 2
      } else {
        low = mid
        mid = high.isInfinite ? mid * 2 : (low + high) / 2
      }
    }
    // As umap-learn: keep σ from collapsing when the neighbours are all at about ρ.
    let mean = distances.reduce(0, +) / Double(max(1, distances.count))
    let floor = 1e-3 * (rho > 0 ? mean : globalMean)
    return (rho, max(mid, floor))
  }

  /// The fuzzy union of the directed memberships, as sorted rows.
  private static func union(indices: [Int32], memberships: [Double], rows: Int, k: Int)
    -> FuzzySimplicialSet
  {
    // The transpose: row i lists (j, a_ji) for every j that has i among its neighbours,
    // ascending in j because j is visited in order.
    var incomingStart = [Int](repeating: 0, count: rows + 1)
    for j in indices { incomingStart[Int(j) + 1] += 1 }
    for i in 0..<rows { incomingStart[i + 1] += incomingStart[i] }
    var fill = incomingStart
    var incomingFrom = [Int32](repeating: 0, count: indices.count)
    var incomingWeight = [Double](repeating: 0, count: indices.count)
    for j in 0..<rows {
      for e in (j * k)..<((j + 1) * k) {
        let i = Int(indices[e])
        incomingFrom[fill[i]] = Int32(j)
        incomingWeight[fill[i]] = memberships[e]
        fill[i] += 1
      }
    }
    var rowStart = [0]
    rowStart.reserveCapacity(rows + 1)
    var columns: [Int32] = []
    var weights: [Double] = []
    columns.reserveCapacity(2 * indices.count)
    weights.reserveCapacity(2 * indices.count)
    var outgoing: [(Int32, Double)] = []
    for i in 0..<rows {
      outgoing.removeAll(keepingCapacity: true)
      for e in (i * k)..<((i + 1) * k) where Int(indices[e]) != i {
        outgoing.append((indices[e], memberships[e]))
      }
      outgoing.sort { $0.0 < $1.0 }
      var o = 0
      var t = incomingStart[i]
      let end = incomingStart[i + 1]
      while o < outgoing.count || t < end {
        let oj = o < outgoing.count ? outgoing[o].0 : Int32.max
        let tj = t < end ? incomingFrom[t] : Int32.max
        let j = min(oj, tj)
        let a = oj == j ? outgoing[o].1 : 0
        let b = tj == j ? incomingWeight[t] : 0
        if oj == j { o += 1 }
        if tj == j { t += 1 }
        if Int(j) == i { continue }
        let w = a + b - a * b
        if w > 0 {
          columns.append(j)
          weights.append(w)
        }
      }
      rowStart.append(columns.count)
    }
    return FuzzySimplicialSet(rowStart: rowStart, columns: columns, weights: weights, rho: [], sigma: [])
  }

  /// The number of connected components of the graph.
  func componentCount() -> Int {
    var parent = Array(0..<rows)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    var components = rows
    for i in 0..<rows {
      for e in rowStart[i]..<rowStart[i + 1] {
        let a = find(i)
        let b = find(Int(columns[e]))
        if a != b {
          parent[a] = b
          components -= 1
        }
      }
    }
    return components
  }
}
