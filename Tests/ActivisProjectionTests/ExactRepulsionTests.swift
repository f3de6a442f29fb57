@testable import ActivisProjection
import ActivisTestSupport
import Testing

/// The all-pairs repulsion against a plain double loop over ordered pairs.
@Suite struct ExactRepulsionTests {
  @Test(arguments: [2, 9, 37, 300, 1001])
  func forcesAndNormaliserMatchAPlainLoop(rows: Int) {
    var random = SplitMix64(seed: UInt64(rows))
    let y = (0 ..< 2 * rows).map { _ in Double(random.float(in: -20 ... 20)) }
    var expectedForces = [Double](repeating: 0, count: 2 * rows)
    var expectedZ = 0.0
    for i in 0 ..< rows {
      for j in 0 ..< rows where j != i {
        let dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1]
        let w = 1 / (1 + dx * dx + dy * dy)
        expectedZ += w
        expectedForces[2 * i] += w * w * dx
        expectedForces[2 * i + 1] += w * w * dy
      }
    }
    var results: [[Double]] = []
    for threads in [1, 3] {
      var forces = [Double](repeating: .nan, count: 2 * rows)
      let z = y.withUnsafeBufferPointer { y in
        forces.withUnsafeMutableBufferPointer { ExactRepulsion.compute(embedding: y, rows: rows, forces: $0, threads: threads) }
      }
      #expect(abs(z - expectedZ) <= 1e-5 * expectedZ, "Z with \(threads) threads")
      let scale = expectedForces.map(abs).max() ?? 1
      for k in forces.indices {
        #expect(abs(forces[k] - expectedForces[k]) <= 1e-4 * scale, "force \(k) with \(threads) threads")
      }
      results.append(forces + [z])
    }
    #expect(results[0] == results[1], "the same result whatever the number of threads")
  }

  @Test func partsHaveAboutEqualNumbersOfPairs() {
    let rows = 2000, parts = 16
    let starts = ExactRepulsion.pairBalancedStarts(rows: rows, parts: parts)
    #expect(starts.count == parts + 1 && starts.first == 0 && starts.last == rows)
    #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 })
    let pairs = (0 ..< parts).map { p in (starts[p] ..< starts[p + 1]).reduce(0) { $0 + rows - 1 - $1 } }
    let share = rows * (rows - 1) / 2 / parts
    #expect(pairs.allSatisfy { abs($0 - share) <= rows }, "\(pairs) against \(share) each")
  }
}
