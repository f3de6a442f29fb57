import Testing

@testable import ActivisProjection

/// Every quality test uses data whose top two principal components mix the clusters, so it fails
/// if t-SNE returned its (PCA or random) initialisation instead of optimising.
@Suite struct TSNEQualityTests {
  /// Embeds `mixture`, requires 10-NN label agreement above `agreement` and trustworthiness
  /// above `trust`, and requires the plain PCA plane of the same data to fall well short of both.
  private func check(
    _ mixture: GaussianMixture, options: TSNEOptions, agreement: Double, trust: Double
  ) throws -> TSNEResult {
    let result = try TSNE.embed(
      mixture.data, rows: mixture.rows, columns: mixture.columns, options: options)
    #expect(result.coordinates.count == 2 * mixture.rows)
    #expect(result.coordinates.allSatisfy { $0.isFinite })
    let a = Neighborhoods.labelAgreement(
      embedding: result.coordinates, labels: mixture.labels, k: 10)
    let t = Neighborhoods.trustworthiness(
      high: mixture.data, columns: mixture.columns, low: result.coordinates,
      rows: mixture.rows, k: 10)
    #expect(a > agreement, "10-NN label agreement \(a)")
    #expect(t > trust, "trustworthiness \(t)")
    #expect(result.klDivergence.isFinite && result.klDivergence > 0)
    let plane = ReferencePCA.plane(
      mixture.data, rows: mixture.rows, columns: mixture.columns)
    let planeAgreement = Neighborhoods.labelAgreement(
      embedding: plane, labels: mixture.labels, k: 10)
    let planeTrust = Neighborhoods.trustworthiness(
      high: mixture.data, columns: mixture.columns, low: plane, rows: mixture.rows, k: 10)
    #expect(planeAgreement < agreement - 0.2, "PCA alone: 10-NN label agreement \(planeAgreement)")
    #expect(planeTrust < trust - 0.05, "PCA alone: trustworthiness \(planeTrust)")
    return result
  }

  /// Exact neighbours and gradient, `iterations` iterations.
  static func exact(iterations: Int) -> TSNEOptions {
    var options = TSNEOptions()
    options.neighbors = .exact
    options.gradient = .exact
    options.iterations = iterations
    return options
  }

  @Test func exactPathKeepsPlantedClusters() throws {
    let mixture = GaussianMixture(rows: 300, dimensions: 30, clusters: 10, separation: 1.2, seed: 1)
    let result = try check(mixture, options: Self.exact(iterations: 500), agreement: 0.95, trust: 0.95)
    #expect(result.neighbors == .exact && result.gradient == .exact)
  }

  /// The optimiser's own measure and the neighbourhoods both end far better than they start.
  @Test func optimisationImprovesOnThePCAStart() throws {
    let mixture = GaussianMixture(rows: 300, dimensions: 40, clusters: 10, separation: 1, seed: 7)
    let start = try TSNE.embed(
      mixture.data, rows: mixture.rows, columns: mixture.columns, options: Self.exact(iterations: 0))
    let end = try TSNE.embed(
      mixture.data, rows: mixture.rows, columns: mixture.columns, options: Self.exact(iterations: 500))
    #expect(end.klDivergence < 0.5 * start.klDivergence, "KL \(start.klDivergence) -> \(end.klDivergence)")
    func agreement(_ y: [Float]) -> Double {
      Neighborhoods.labelAgreement(embedding: y, labels: mixture.labels, k: 10)
    }
    let plane = ReferencePCA.plane(
      mixture.data, rows: mixture.rows, columns: mixture.columns)
    #expect(abs(agreement(start.coordinates) - agreement(plane)) < 0.05, "the start is the PCA plane")
    #expect(agreement(end.coordinates) > agreement(start.coordinates) + 0.3,
            "10-NN label agreement \(agreement(start.coordinates)) -> \(agreement(end.coordinates))")
  }

  @Test(arguments: [TSNEOptions.NeighborMethod.vantagePointTree, .bruteForce, .neighborDescent])
  func approximatePathKeepsPlantedClusters(neighbors: TSNEOptions.NeighborMethod) throws {
    let mixture = GaussianMixture(
      rows: 800, dimensions: 30, clusters: 12, separation: 1.2, seed: 2)
    var options = TSNEOptions()
    options.neighbors = neighbors
    options.gradient = .interpolation
    options.iterations = 500
    let result = try check(mixture, options: options, agreement: 0.95, trust: 0.95)
    #expect(result.neighbors == neighbors && result.gradient == .interpolation)
  }

  @Test func automaticChoices() throws {
    let small = GaussianMixture(rows: 50, dimensions: 40, clusters: 2, separation: 3, seed: 5)
    var options = TSNEOptions()
    options.iterations = 10
    let a = try TSNE.embed(small.data, rows: small.rows, columns: small.columns, options: options)
    #expect(a.neighbors == .exact && a.gradient == .exact)
    options.exactNeighborsThreshold = 10
    options.exactGradientThreshold = 10
    options.vantagePointTreeMaximumColumns = 16
    options.exactSearchMaximumRows = 10
    let b = try TSNE.embed(small.data, rows: small.rows, columns: small.columns, options: options)
    #expect(b.neighbors == .neighborDescent && b.gradient == .interpolation)
    options.exactSearchMaximumRows = 100
    let wide = try TSNE.embed(small.data, rows: small.rows, columns: small.columns, options: options)
    #expect(wide.neighbors == .bruteForce)
    options.vantagePointTreeMaximumColumns = 40
    let c = try TSNE.embed(small.data, rows: small.rows, columns: small.columns, options: options)
    #expect(c.neighbors == .vantagePointTree)
  }

  @Test func randomInitialisationAlsoSeparates() throws {
    let mixture = GaussianMixture(rows: 240, dimensions: 40, clusters: 10, separation: 1, seed: 3)
    var options = TSNEOptions()
    options.initialization = .random
    options.iterations = 500
    _ = try check(mixture, options: options, agreement: 0.95, trust: 0.95)
  }

  @Test func progressReportsIterationsAndKL() throws {
    let mixture = GaussianMixture(rows: 200, dimensions: 8, clusters: 4, separation: 4, seed: 4)
    var options = TSNEOptions()
    options.iterations = 300
    var reports: [TSNEProgress] = []
    let result = try TSNE.embed(
      mixture.data, rows: mixture.rows, columns: mixture.columns, options: options,
      progress: { reports.append($0) })
    let optimisation = reports.filter { $0.stage == .optimization }
    try #require(optimisation.map(\.iteration) == [50, 100, 150, 200, 250, 300])
    #expect(optimisation.allSatisfy { $0.klDivergence != nil && $0.estimatedRemaining != nil })
    #expect(optimisation[5].estimatedRemaining == 0)
    #expect(result.iterations == 300)
    // KL decreases once exaggeration is off (after iteration 250).
    let kl = optimisation.compactMap(\.klDivergence)
    #expect(kl.count == 6 && kl[5] <= kl[4], "\(kl)")
  }
}
