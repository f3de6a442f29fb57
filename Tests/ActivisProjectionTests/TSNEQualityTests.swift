import Testing

@testable import ActivisProjection

@Suite struct TSNEQualityTests {
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
    return result
  }

  @Test func exactPathKeepsPlantedClusters() throws {
    let mixture = GaussianMixture(rows: 300, dimensions: 20, clusters: 5, separation: 3, seed: 1)
    var options = TSNEOptions()
    options.neighbors = .exact
    options.gradient = .exact
    options.iterations = 500
    let result = try check(mixture, options: options, agreement: 0.95, trust: 0.9)
    #expect(result.neighbors == .exact && result.gradient == .exact)
  }

  @Test(arguments: [TSNEOptions.NeighborMethod.vantagePointTree, .bruteForce, .neighborDescent])
  func approximatePathKeepsPlantedClusters(neighbors: TSNEOptions.NeighborMethod) throws {
    let mixture = GaussianMixture(
      rows: 800, dimensions: 30, clusters: 6, separation: 3, seed: 2)
    var options = TSNEOptions()
    options.neighbors = neighbors
    options.gradient = .interpolation
    options.iterations = 500
    let result = try check(mixture, options: options, agreement: 0.95, trust: 0.9)
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
    let mixture = GaussianMixture(rows: 240, dimensions: 10, clusters: 4, separation: 4, seed: 3)
    var options = TSNEOptions()
    options.initialization = .random
    options.iterations = 500
    _ = try check(mixture, options: options, agreement: 0.95, trust: 0.9)
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
    #expect(optimisation.map(\.iteration) == [50, 100, 150, 200, 250, 300])
    #expect(optimisation.allSatisfy { $0.klDivergence != nil && $0.estimatedRemaining != nil })
    #expect(optimisation.last!.estimatedRemaining! == 0)
    #expect(result.iterations == 300)
    // KL decreases once exaggeration is off.
    #expect(optimisation.last!.klDivergence! <= optimisation[optimisation.count - 2].klDivergence!)
  }
}
