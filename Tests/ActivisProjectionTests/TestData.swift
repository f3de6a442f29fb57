import ActivisTestSupport
import Foundation

/// A seeded generator for test data, independent of the module's own generator.
struct TestRandom {
  private var bits: SplitMix64

  init(seed: UInt64) { bits = SplitMix64(seed: seed &+ 0x1234_5678) }

  /// Next 64 bits.
  mutating func next() -> UInt64 { bits.next() }

  mutating func uniform() -> Double { Double(next() >> 11) / 9_007_199_254_740_992.0 }

  mutating func gaussian() -> Double {
    let u = max(uniform(), 1e-300)
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform())
  }
}

/// Planted clusters: `clusters` Gaussian blobs of unit spread around centres drawn with
/// standard deviation `separation`, in `dimensions` dimensions.
struct GaussianMixture {
  var data: [Float]
  var labels: [Int]
  var rows: Int
  var columns: Int

  init(rows: Int, dimensions: Int, clusters: Int, separation: Double, seed: UInt64) {
    var random = TestRandom(seed: seed)
    var centres = [Double](repeating: 0, count: clusters * dimensions)
    for e in centres.indices { centres[e] = random.gaussian() * separation }
    var data = [Float](repeating: 0, count: rows * dimensions)
    var labels = [Int](repeating: 0, count: rows)
    for i in 0..<rows {
      let c = i % clusters
      labels[i] = c
      for j in 0..<dimensions {
        data[i * dimensions + j] = Float(centres[c * dimensions + j] + random.gaussian())
      }
    }
    self.data = data
    self.labels = labels
    self.rows = rows
    self.columns = dimensions
  }
}

/// Neighbourhood-preservation measures computed with plain loops.
enum Neighborhoods {
  static func squaredDistances(_ x: [Float], rows: Int, columns: Int) -> [Double] {
    var d = [Double](repeating: 0, count: rows * rows)
    for i in 0..<rows {
      for j in 0..<rows where j != i {
        var s = 0.0
        for c in 0..<columns {
          let t = Double(x[i * columns + c]) - Double(x[j * columns + c])
          s += t * t
        }
        d[i * rows + j] = s
      }
    }
    return d
  }

  /// Other rows of row `i`, nearest first (ties by index).
  static func order(_ d: [Double], rows: Int, row i: Int) -> [Int] {
    (0..<rows).filter { $0 != i }.sorted {
      d[i * rows + $0] < d[i * rows + $1] || (d[i * rows + $0] == d[i * rows + $1] && $0 < $1)
    }
  }

  /// Fraction of the `k` nearest embedded neighbours that share the point's label.
  static func labelAgreement(embedding: [Float], labels: [Int], k: Int) -> Double {
    let rows = labels.count
    let d = squaredDistances(embedding, rows: rows, columns: 2)
    var agree = 0
    for i in 0..<rows {
      for j in order(d, rows: rows, row: i).prefix(k) where labels[j] == labels[i] { agree += 1 }
    }
    return Double(agree) / Double(rows * k)
  }

  /// Trustworthiness (Venna & Kaski 2001), as in scikit-learn.
  static func trustworthiness(high: [Float], columns: Int, low: [Float], rows: Int, k: Int)
    -> Double
  {
    let dh = squaredDistances(high, rows: rows, columns: columns)
    let dl = squaredDistances(low, rows: rows, columns: 2)
    var penalty = 0.0
    for i in 0..<rows {
      var rank = [Int](repeating: 0, count: rows)
      for (r, j) in order(dh, rows: rows, row: i).enumerated() { rank[j] = r + 1 }
      for j in order(dl, rows: rows, row: i).prefix(k) where rank[j] > k {
        penalty += Double(rank[j] - k)
      }
    }
    let n = Double(rows)
    let kk = Double(k)
    return 1 - 2 / (n * kk * (2 * n - 3 * kk - 1)) * penalty
  }
}
