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

/// Principal components computed independently of the module, with plain loops.
enum ReferencePCA {
  /// Top eigenpairs of the sample covariance by power iteration with deflation.
  static func eigenpairs(_ data: [Float], rows: Int, columns: Int, count: Int)
    -> (vectors: [[Double]], values: [Double], total: Double)
  {
    var mean = [Double](repeating: 0, count: columns)
    for i in 0..<rows { for j in 0..<columns { mean[j] += Double(data[i * columns + j]) } }
    for j in 0..<columns { mean[j] /= Double(rows) }
    var cov = [Double](repeating: 0, count: columns * columns)
    for i in 0..<rows {
      for a in 0..<columns {
        for b in 0..<columns {
          cov[a * columns + b] +=
            (Double(data[i * columns + a]) - mean[a]) * (Double(data[i * columns + b]) - mean[b])
        }
      }
    }
    for e in cov.indices { cov[e] /= Double(rows - 1) }
    var total = 0.0
    for j in 0..<columns { total += cov[j * columns + j] }
    var vectors: [[Double]] = []
    var values: [Double] = []
    for _ in 0..<count {
      var v = (0..<columns).map { 1.0 + Double($0) * 0.01 }
      var lambda = 0.0
      for _ in 0..<5000 {
        var w = [Double](repeating: 0, count: columns)
        for a in 0..<columns { for b in 0..<columns { w[a] += cov[a * columns + b] * v[b] } }
        let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        lambda = norm
        v = w.map { $0 / norm }
      }
      vectors.append(v)
      values.append(lambda)
      for a in 0..<columns {
        for b in 0..<columns { cov[a * columns + b] -= lambda * v[a] * v[b] }
      }
    }
    return (vectors, values, total)
  }

  /// The rows projected on the top two principal components (centred): what t-SNE's PCA
  /// initialisation looks like, up to scale.
  static func plane(_ data: [Float], rows: Int, columns: Int) -> [Float] {
    let axes = eigenpairs(data, rows: rows, columns: columns, count: 2).vectors
    var mean = [Double](repeating: 0, count: columns)
    for i in 0..<rows { for j in 0..<columns { mean[j] += Double(data[i * columns + j]) / Double(rows) } }
    var plane = [Float](repeating: 0, count: 2 * rows)
    for i in 0..<rows {
      for (k, axis) in axes.enumerated() {
        var s = 0.0
        for j in 0..<columns { s += (Double(data[i * columns + j]) - mean[j]) * axis[j] }
        plane[2 * i + k] = Float(s)
      }
    }
    return plane
  }
}
