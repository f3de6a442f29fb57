import Testing

@testable import ActivisProjection

@Suite struct PCATests {
  /// Correlated data with a clearly separated spectrum.
  private func sample(rows: Int, columns: Int, seed: UInt64) -> [Float] {
    var random = TestRandom(seed: seed)
    var mixing = [Double](repeating: 0, count: columns * columns)
    for e in mixing.indices { mixing[e] = random.gaussian() }
    var data = [Float](repeating: 0, count: rows * columns)
    for i in 0..<rows {
      let latent = (0..<columns).map { random.gaussian() * 8 / Double($0 + 1) }
      for j in 0..<columns {
        var v = 5.0 + Double(j)
        for l in 0..<columns { v += mixing[j * columns + l] * latent[l] }
        data[i * columns + j] = Float(v)
      }
    }
    return data
  }

  private func compare(method: PCA.Method, rows: Int, columns: Int, seed: UInt64) throws {
    let data = sample(rows: rows, columns: columns, seed: seed)
    let k = 3
    let result = try PCA.project(
      data, rows: rows, columns: columns, components: k, method: method)
    let expected = ReferencePCA.eigenpairs(data, rows: rows, columns: columns, count: k)
    for c in 0..<k {
      var dot = 0.0
      for j in 0..<columns {
        dot += Double(result.components[c * columns + j]) * expected.vectors[c][j]
      }
      #expect(abs(abs(dot) - 1) < 1e-4, "component \(c): |cos| = \(abs(dot))")
      let ratio = expected.values[c] / expected.total
      #expect(abs(result.explainedVarianceRatio[c] - ratio) < 1e-4 * max(ratio, 1e-3) + 1e-6)
      #expect(abs(result.explainedVariance[c] - expected.values[c]) < 1e-3 * expected.values[c])
    }
    // Coordinates are the centred rows on the components.
    for i in [0, rows / 2, rows - 1] {
      for c in 0..<k {
        var v = 0.0
        for j in 0..<columns {
          v +=
            (Double(data[i * columns + j]) - Double(result.mean[j]))
            * Double(result.components[c * columns + j])
        }
        #expect(abs(Double(result.coordinates[i * k + c]) - v) < 1e-3 * max(1, abs(v)))
      }
    }
  }

  @Test func exactMatchesPowerIteration() throws {
    try compare(method: .exact, rows: 400, columns: 12, seed: 11)
  }

  @Test func randomizedMatchesPowerIteration() throws {
    try compare(method: .randomized, rows: 500, columns: 40, seed: 12)
  }

  @Test func ratiosSumToOneWithAllComponents() throws {
    let data = sample(rows: 100, columns: 6, seed: 13)
    let result = try PCA.project(data, rows: 100, columns: 6, components: 6)
    #expect(abs(result.explainedVarianceRatio.reduce(0, +) - 1) < 1e-6)
    #expect(
      zip(result.explainedVariance, result.explainedVariance.dropFirst()).allSatisfy {
        $0 >= $1
      })
  }
}
