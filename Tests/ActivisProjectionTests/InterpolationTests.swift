import Testing

@testable import ActivisProjection

@Suite struct InterpolationTests {
  /// Checks the interpolated repulsion against all-pairs sums done in the test.
  /// `zTolerance` and `forceTolerance` are relative to Z and to the largest force.
  private func check(
    spread: Double, rows: Int, seed: UInt64, width: Double = 1, zTolerance: Double = 2e-3,
    forceTolerance: Double = 1e-2
  ) {
    var random = TestRandom(seed: seed)
    var y = [Double](repeating: 0, count: 2 * rows)
    for i in 0..<rows {
      let cluster = Double(i % 4)
      y[2 * i] = random.gaussian() * spread + cluster * spread * 3
      y[2 * i + 1] = random.gaussian() * spread - cluster * spread * 2
    }
    var expectedForces = [Double](repeating: 0, count: 2 * rows)
    var expectedZ = 0.0
    for i in 0..<rows {
      for j in 0..<rows where j != i {
        let dx = y[2 * i] - y[2 * j]
        let dy = y[2 * i + 1] - y[2 * j + 1]
        let w = 1 / (1 + dx * dx + dy * dy)
        expectedZ += w
        expectedForces[2 * i] += w * w * dx
        expectedForces[2 * i + 1] += w * w * dy
      }
    }
    let engine = InterpolationRepulsion(
      rows: rows, interpolationPoints: 3, minimumIntervals: 50, intervalWidth: width, threads: 2)
    var forces = [Double](repeating: 0, count: 2 * rows)
    let z = y.withUnsafeBufferPointer { y in
      forces.withUnsafeMutableBufferPointer {
        engine.compute(embedding: y, rows: rows, forces: $0)
      }
    }
    #expect(abs(z - expectedZ) < zTolerance * expectedZ, "Z \(z) vs \(expectedZ)")
    let scale = expectedForces.map(abs).max()!
    let worst = zip(forces, expectedForces).map { abs($0 - $1) }.max()!
    #expect(worst < forceTolerance * scale, "worst force error \(worst) of \(scale)")
  }

  /// Sparse points over a wide square: the default one-unit intervals (openTSNE's accuracy)
  /// are within a few percent, and finer intervals converge to the all-pairs sums.
  @Test func matchesAllPairsOnAWideEmbedding() {
    check(spread: 8, rows: 600, seed: 31, zTolerance: 3e-2, forceTolerance: 0.12)
    check(spread: 8, rows: 600, seed: 31, width: 0.5, zTolerance: 5e-3, forceTolerance: 2e-2)
    check(spread: 8, rows: 600, seed: 31, width: 0.25)
  }

  @Test func matchesAllPairsOnATinyEmbedding() { check(spread: 1e-3, rows: 300, seed: 32) }

  @Test func matchesAllPairsOnAMediumEmbedding() { check(spread: 1, rows: 400, seed: 33) }
}
