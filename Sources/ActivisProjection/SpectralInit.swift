import Foundation

/// UMAP's spectral starting layout: the eigenvectors of the fuzzy graph's normalised
/// Laplacian I − D^(−½) W D^(−½) with the second and third smallest eigenvalues.
///
/// They are the top non-trivial eigenvectors of M = (I + D^(−½) W D^(−½)) / 2, whose
/// eigenvalues lie in [0, 1] and whose top eigenvector D^(½)·1 is known and projected out.
/// Subspace iteration on a block of vectors, with a Rayleigh–Ritz step every few rounds, finds
/// them. Matrix products are split into fixed row blocks, so the result does not depend on the
/// number of threads.
enum SpectralInit {
  /// `rows × 2` coordinates, or `nil` when the graph is disconnected (its Laplacian then has
  /// more than one zero eigenvalue and the layout says nothing about the components' places)
  /// or the iteration breaks down.
  static func layout(
    _ graph: FuzzySimplicialSet, seed: UInt64, threads: Int, blockSize: Int = 6,
    maximumIterations: Int = 300, tolerance: Double = 1e-7, isCancelled: () -> Bool
  ) throws -> [Double]? {
    let n = graph.rows
    guard n > blockSize + 1, graph.componentCount() == 1 else { return nil }
    var degreeRoot = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var d = 0.0
      for e in graph.rowStart[i]..<graph.rowStart[i + 1] { d += graph.weights[e] }
      guard d > 0 else { return nil }
      degreeRoot[i] = d.squareRoot()
    }
    // The trivial eigenvector, normalised.
    let trivialNorm = degreeRoot.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let trivial = degreeRoot.map { $0 / trivialNorm }

    let p = blockSize
    var generator = SeededGenerator(seed: seed ^ 0x5350_4543)
    var block = (0..<(p * n)).map { _ in generator.nextGaussian() }  // vector v at [v*n ..< (v+1)*n]
    var product = [Double](repeating: 0, count: p * n)
    let blocks = Parallel.blockCount(count: n, minimumSize: 512)

    /// product ← M · block.
    func multiply() {
      block.withUnsafeBufferPointer { x in
        product.withUnsafeMutableBufferPointer { y in
          Parallel.forEach(blocks: blocks, threads: threads) { b in
            for i in Parallel.range(block: b, blocks: blocks, count: n) {
              let scale = 0.5 / degreeRoot[i]
              for v in 0..<p {
                let base = v * n
                var sum = 0.0
                for e in graph.rowStart[i]..<graph.rowStart[i + 1] {
                  let j = Int(graph.columns[e])
                  sum += graph.weights[e] * x[base + j] / degreeRoot[j]
                }
                y[base + i] = 0.5 * x[base + i] + scale * sum
              }
            }
          }
        }
      }
    }

    /// Projects out the trivial vector and orthonormalises `block` (modified Gram–Schmidt).
    func orthonormalise() -> Bool {
      for v in 0..<p {
        let base = v * n
        for _ in 0..<2 {
          var t = 0.0
          for i in 0..<n { t += block[base + i] * trivial[i] }
          for i in 0..<n { block[base + i] -= t * trivial[i] }
          for w in 0..<v {
            var dot = 0.0
            for i in 0..<n { dot += block[base + i] * block[w * n + i] }
            for i in 0..<n { block[base + i] -= dot * block[w * n + i] }
          }
        }
        var norm = 0.0
        for i in 0..<n { norm += block[base + i] * block[base + i] }
        norm = norm.squareRoot()
        guard norm > 1e-300, norm.isFinite else { return false }
        for i in 0..<n { block[base + i] /= norm }
      }
      return true
    }

    /// Rotates `block` onto the Ritz vectors of M in its span, best first; returns the values.
    func rayleighRitz() -> [Double] {
      multiply()
      var h = [Double](repeating: 0, count: p * p)
      for v in 0..<p {
        for w in v..<p {
          var dot = 0.0
          for i in 0..<n { dot += block[v * n + i] * product[w * n + i] }
          h[v * p + w] = dot
          h[w * p + v] = dot
        }
      }
      let (values, vectors) = SymmetricEigen.decompose(h, n: p)
      var rotated = [Double](repeating: 0, count: p * n)
      for k in 0..<p {
        for v in 0..<p {
          let c = vectors[k * p + v]
          for i in 0..<n { rotated[k * n + i] += c * block[v * n + i] }
        }
      }
      block = rotated
      return values
    }

    guard orthonormalise() else { return nil }
    var previous = [Double](repeating: .infinity, count: 2)
    var iteration = 0
    while iteration < maximumIterations {
      if isCancelled() { throw ProjectionCancelled() }
      for _ in 0..<10 {
        multiply()
        swap(&block, &product)
        guard orthonormalise() else { return nil }
      }
      iteration += 10
      let values = rayleighRitz()
      guard orthonormalise() else { return nil }
      let top = Array(values.prefix(2))
      if zip(top, previous).allSatisfy({ abs($0 - $1) < tolerance }) { break }
      previous = top
    }
    var y = [Double](repeating: 0, count: 2 * n)
    for i in 0..<n {
      y[2 * i] = block[i]
      y[2 * i + 1] = block[n + i]
    }
    return y.allSatisfy(\.isFinite) ? y : nil
  }
}
