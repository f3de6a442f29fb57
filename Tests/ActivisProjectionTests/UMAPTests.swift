import Foundation
import Testing

@testable import ActivisProjection

/// UMAP's pieces checked against values computed here with plain loops, and the whole layout
/// against planted clusters.
@Suite struct UMAPTests {
  /// umap-learn's `find_ab_params(spread=1, min_dist=0.1)` gives a = 1.5769, b = 0.8951; the
  /// fit is also no worse than any nearby (a, b), by a plain sum of squares.
  @Test func curveFitMatchesUmapLearn() {
    let (a, b) = CurveFit.parameters(minimumDistance: 0.1, spread: 1)
    #expect(abs(a - 1.5769) < 2e-3, "a \(a)")
    #expect(abs(b - 0.8951) < 2e-3, "b \(b)")
    func cost(_ a: Double, _ b: Double, minimumDistance: Double) -> Double {
      var total = 0.0
      for step in 0..<300 {
        let x = 3 * Double(step) / 299
        let target = x < minimumDistance ? 1 : exp(-(x - minimumDistance))
        let r = 1 / (1 + a * pow(x, 2 * b)) - target
        total += r * r
      }
      return total
    }
    for minimumDistance in [0.1, 0.5, 1.0] {
      let (a, b) = CurveFit.parameters(minimumDistance: minimumDistance, spread: 1)
      let best = cost(a, b, minimumDistance: minimumDistance)
      for (da, db) in [(0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01), (0.01, 0.01), (-0.01, -0.01)] {
        #expect(best <= cost(a + da, b + db, minimumDistance: minimumDistance))
      }
    }
  }

  /// ρᵢ is the distance to the nearest other point and σᵢ makes the memberships of the K − 1
  /// nearest sum to log₂ K; the symmetric weights are the fuzzy union a + b − ab.
  @Test func smoothNearestNeighborDistances() throws {
    let mixture = GaussianMixture(rows: 120, dimensions: 6, clusters: 3, separation: 2, seed: 11)
    var options = UMAPOptions()
    options.neighbors = 8
    let (graph, _) = try mixture.data.withUnsafeBufferPointer {
      try UMAP.fuzzyGraph($0, rows: mixture.rows, columns: mixture.columns, options: options,
                          isCancelled: { false })
    }
    let n = mixture.rows
    let d2 = Neighborhoods.squaredDistances(mixture.data, rows: n, columns: mixture.columns)
    var directed = [[Int: Double]](repeating: [:], count: n)
    for i in 0..<n {
      let nearest = Neighborhoods.order(d2, rows: n, row: i).prefix(7)
      let distances = nearest.map { d2[i * n + $0].squareRoot() }
      let rho = distances.first { $0 > 0 }!
      #expect(abs(graph.rho[i] - rho) < 1e-4 * rho)
      var sum = 0.0
      for d in distances { sum += exp(-max(0, d - rho) / graph.sigma[i]) }
      #expect(abs(sum - log2(8.0)) < 1e-3, "row \(i): sum \(sum)")
      for (j, d) in zip(nearest, distances) { directed[i][j] = exp(-max(0, d - rho) / graph.sigma[i]) }
    }
    var edges = 0
    for i in 0..<n {
      var expected: [Int: Double] = [:]
      for j in 0..<n where j != i {
        let a = directed[i][j] ?? 0
        let b = directed[j][i] ?? 0
        if a > 0 || b > 0 { expected[j] = a + b - a * b }
      }
      let row = graph.rowStart[i]..<graph.rowStart[i + 1]
      #expect(row.count == expected.count)
      for e in row {
        let w = expected[Int(graph.columns[e])] ?? -1
        #expect(abs(graph.weights[e] - w) < 1e-3, "edge \(i)-\(graph.columns[e])")
      }
      edges += row.count
    }
    #expect(edges >= n * 7)
  }

  /// Three dense blocks joined by weak bridges: the spectral layout is made of eigenvectors
  /// of the normalised adjacency (residual checked by a plain product), orthogonal to the
  /// trivial one, and puts the blocks apart.
  @Test func spectralLayoutIsMadeOfEigenvectors() throws {
    let size = 20
    let n = 3 * size
    var rows = [[Int: Double]](repeating: [:], count: n)
    for i in 0..<n {
      for j in 0..<n where j != i && i / size == j / size { rows[i][j] = 0.5 + 0.4 * Double((i + j) % 3) / 2 }
    }
    for (i, j) in [(0, size), (size + 1, 2 * size), (2 * size + 1, 2)] {
      rows[i][j] = 0.05
      rows[j][i] = 0.05
    }
    var rowStart = [0]
    var columns: [Int32] = []
    var weights: [Double] = []
    for i in 0..<n {
      for j in rows[i].keys.sorted() {
        columns.append(Int32(j))
        weights.append(rows[i][j]!)
      }
      rowStart.append(columns.count)
    }
    let graph = FuzzySimplicialSet(rowStart: rowStart, columns: columns, weights: weights, rho: [], sigma: [])
    let y = try #require(try SpectralInit.layout(graph, seed: 1, threads: 2, isCancelled: { false }))
    let degree = (0..<n).map { i in rows[i].values.reduce(0, +) }
    for axis in 0..<2 {
      let v = (0..<n).map { y[2 * $0 + axis] }
      var mv = [Double](repeating: 0, count: n)
      for i in 0..<n {
        for (j, w) in rows[i] { mv[i] += w / (degree[i] * degree[j]).squareRoot() * v[j] }
      }
      let mu = zip(v, mv).map(*).reduce(0, +) / v.map { $0 * $0 }.reduce(0, +)
      let residual = zip(mv, v).map { ($0 - mu * $1) * ($0 - mu * $1) }.reduce(0, +).squareRoot()
      #expect(residual < 1e-4, "axis \(axis): residual \(residual)")
      #expect(mu > 0.9, "axis \(axis): eigenvalue \(mu)")
      let trivial = zip(v, degree).map { $0 * $1.squareRoot() }.reduce(0, +)
      #expect(abs(trivial) < 1e-6)
    }
    func mean(_ block: Int) -> (Double, Double) {
      let points = (block * size)..<((block + 1) * size)
      return (points.map { y[2 * $0] }.reduce(0, +) / Double(size), points.map { y[2 * $0 + 1] }.reduce(0, +) / Double(size))
    }
    let centres = (0..<3).map(mean)
    for p in 0..<3 {
      for q in (p + 1)..<3 {
        let d = hypot(centres[p].0 - centres[q].0, centres[p].1 - centres[q].1)
        #expect(d > 0.05, "blocks \(p) and \(q) overlap")
      }
    }
  }

  /// Well separated blobs come out separated, far better than the PCA plane.
  @Test(arguments: [UMAPOptions.NeighborMethod.vantagePointTree, .bruteForce, .neighborDescent])
  func plantedClustersComeOutSeparated(method: UMAPOptions.NeighborMethod) throws {
    let mixture = GaussianMixture(rows: 600, dimensions: 30, clusters: 10, separation: 1.2, seed: 2)
    var options = UMAPOptions()
    options.neighborMethod = method
    let result = try UMAP.embed(mixture.data, rows: mixture.rows, columns: mixture.columns, options: options)
    #expect(result.neighbors == method && result.epochs == 500)
    #expect(result.coordinates.count == 2 * mixture.rows && result.coordinates.allSatisfy(\.isFinite))
    let agreement = Neighborhoods.labelAgreement(embedding: result.coordinates, labels: mixture.labels, k: 10)
    let trust = Neighborhoods.trustworthiness(
      high: mixture.data, columns: mixture.columns, low: result.coordinates, rows: mixture.rows, k: 10)
    #expect(agreement > 0.95, "10-NN label agreement \(agreement)")
    #expect(trust > 0.93, "trustworthiness \(trust)")
    let plane = ReferencePCA.plane(mixture.data, rows: mixture.rows, columns: mixture.columns)
    #expect(Neighborhoods.labelAgreement(embedding: plane, labels: mixture.labels, k: 10) < agreement - 0.2)
  }

  @Test func automaticNeighbourSearch() throws {
    let mixture = GaussianMixture(rows: 60, dimensions: 20, clusters: 2, separation: 3, seed: 6)
    var options = UMAPOptions()
    options.epochs = 5
    func method() throws -> UMAPOptions.NeighborMethod {
      try UMAP.embed(mixture.data, rows: mixture.rows, columns: mixture.columns, options: options).neighbors
    }
    #expect(try method() == .vantagePointTree)
    options.vantagePointTreeMaximumColumns = 10
    #expect(try method() == .bruteForce)
    options.exactSearchMaximumRows = 50
    #expect(try method() == .neighborDescent)
  }

  /// The same seed gives the same layout with one thread or two; another seed another one.
  @Test func deterministicForASeed() throws {
    let mixture = GaussianMixture(rows: 300, dimensions: 10, clusters: 4, separation: 3, seed: 5)
    var options = UMAPOptions()
    options.epochs = 100
    options.seed = 9
    options.threads = 1
    let one = try UMAP.embed(mixture.data, rows: mixture.rows, columns: mixture.columns, options: options)
    options.threads = 2
    let two = try UMAP.embed(mixture.data, rows: mixture.rows, columns: mixture.columns, options: options)
    options.seed = 10
    let other = try UMAP.embed(mixture.data, rows: mixture.rows, columns: mixture.columns, options: options)
    #expect(one.coordinates == two.coordinates)
    #expect(one.coordinates != other.coordinates)
  }

  /// SGD lowers the fuzzy cross-entropy between the graph and the layout (summed here over
  /// all pairs with a plain loop) and raises trustworthiness, against its own starting layout.
  @Test func optimisationImprovesOnTheStart() throws {
    let mixture = GaussianMixture(rows: 300, dimensions: 40, clusters: 10, separation: 1, seed: 7)
    var options = UMAPOptions()
    options.epochs = 0
    let start = try UMAP.embed(mixture.data, rows: mixture.rows, columns: mixture.columns, options: options)
    options.epochs = 300
    let end = try UMAP.embed(mixture.data, rows: mixture.rows, columns: mixture.columns, options: options)
    let (graph, _) = try mixture.data.withUnsafeBufferPointer {
      try UMAP.fuzzyGraph($0, rows: mixture.rows, columns: mixture.columns, options: options,
                          isCancelled: { false })
    }
    let n = mixture.rows
    var w = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for e in graph.rowStart[i]..<graph.rowStart[i + 1] { w[i * n + Int(graph.columns[e])] = graph.weights[e] }
    }
    func crossEntropy(_ y: [Float]) -> Double {
      var total = 0.0
      for i in 0..<n {
        for j in 0..<n where j != i {
          let dx = Double(y[2 * i] - y[2 * j])
          let dy = Double(y[2 * i + 1] - y[2 * j + 1])
          let v = min(max(1 / (1 + 1.577 * pow(dx * dx + dy * dy, 0.895)), 1e-12), 1 - 1e-12)
          let p = w[i * n + j]
          total -= p * log(v) + (1 - p) * log(1 - v)
        }
      }
      return total
    }
    let before = crossEntropy(start.coordinates)
    let after = crossEntropy(end.coordinates)
    #expect(after < 0.7 * before, "cross-entropy \(before) -> \(after)")
    func trust(_ y: [Float]) -> Double {
      Neighborhoods.trustworthiness(high: mixture.data, columns: mixture.columns, low: y, rows: n, k: 10)
    }
    #expect(trust(end.coordinates) > trust(start.coordinates) + 0.05,
            "trustworthiness \(trust(start.coordinates)) -> \(trust(end.coordinates))")
  }

  /// The optimiser's power function is within 1e-5 (relative) of libm's over the range it meets.
  @Test func fastPowerMatchesPow() {
    var worst: Double = 0
    for e in -120...60 {  // x from 1e-12 to 1e6
      let x = Float(pow(10, Double(e) / 10))
      for y in [Float(0.895), 0.5, 1.3, -0.105] {
        let want = pow(Double(x), Double(y))
        worst = max(worst, abs(Double(FastPower.power(x, y)) - want) / want)
      }
    }
    #expect(worst < 1e-5, "largest relative error \(worst)")
  }

  @Test func refusesBadInput() throws {
    let mixture = GaussianMixture(rows: 40, dimensions: 4, clusters: 2, separation: 3, seed: 1)
    func error(_ data: [Float], rows: Int = 40, _ change: (inout UMAPOptions) -> Void = { _ in })
      -> ProjectionInputError?
    {
      var options = UMAPOptions()
      change(&options)
      do {
        _ = try UMAP.embed(data, rows: rows, columns: 4, options: options)
        return nil
      } catch let error as ProjectionInputError {
        return error
      } catch {
        return nil
      }
    }
    var nan = mixture.data
    nan[9] = .nan
    #expect(error(nan) == .nonFiniteValues(rows: 1, firstRow: 2))
    #expect(error([Float](repeating: 0.5, count: 160)) == .identicalRows(rows: 40))
    #expect(error(Array(mixture.data.prefix(40)), rows: 10) == .tooFewRows(rows: 10, minimum: 16))
    #expect(error(mixture.data) { $0.neighbors = 40 } == .tooFewRows(rows: 40, minimum: 41))
    #expect(error(mixture.data) { $0.neighbors = 1 } == .invalidOption("neighbors must be at least 2"))
    #expect(error(mixture.data) { $0.minimumDistance = 0 } == .invalidOption("min dist must be in (0, 1.0]"))
    #expect(error(mixture.data) { $0.minimumDistance = 1.5 } == .invalidOption("min dist must be in (0, 1.0]"))
  }

  /// A disconnected graph (far apart blobs) falls back to the PCA start and says so.
  @Test func disconnectedGraphStartsFromPCA() throws {
    let mixture = GaussianMixture(rows: 200, dimensions: 10, clusters: 2, separation: 30, seed: 3)
    var options = UMAPOptions()
    options.epochs = 50
    let result = try UMAP.embed(mixture.data, rows: mixture.rows, columns: mixture.columns, options: options)
    #expect(result.initialization == .pca)
    #expect(Neighborhoods.labelAgreement(embedding: result.coordinates, labels: mixture.labels, k: 10) > 0.99)
  }

  @Test func progressReportsEpochs() throws {
    let mixture = GaussianMixture(rows: 100, dimensions: 5, clusters: 2, separation: 3, seed: 4)
    var options = UMAPOptions()
    options.epochs = 30
    var reports: [UMAPProgress] = []
    _ = try UMAP.embed(mixture.data, rows: mixture.rows, columns: mixture.columns, options: options,
                       progress: { reports.append($0) })
    #expect(reports.map(\.stage) == [.graph, .initialization, .optimization, .optimization, .optimization])
    #expect(reports.filter { $0.stage == .optimization }.map(\.epoch) == [10, 20, 30])
    var cancelled = 0
    #expect(throws: ProjectionCancelled.self) {
      _ = try UMAP.embed(mixture.data, rows: mixture.rows, columns: mixture.columns, options: options,
                         isCancelled: { cancelled += 1; return cancelled > 3 })
    }
  }
}
