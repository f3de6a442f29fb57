/// The starting embedding of t-SNE.
enum Initialization {
  /// `rows × 2` starting coordinates: PCA scaled so the first axis has standard deviation
  /// 1e-4 (plus jitter of 1% of that, as openTSNE), or Gaussian noise of standard deviation 1e-4.
  static func make(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int,
    kind: TSNEOptions.Initialization, seed: UInt64, threads: Int
  ) throws -> [Double] {
    var generator = SeededGenerator(seed: seed ^ 0x494E_4954)
    var y = [Double](repeating: 0, count: 2 * rows)
    switch kind {
    case .random:
      for e in 0..<(2 * rows) { y[e] = generator.nextGaussian() * 1e-4 }
    case .pca:
      let components = min(2, columns)
      let pca = try PCA.project(
        data, rows: rows, columns: columns, components: components, seed: seed,
        threads: threads)
      for i in 0..<rows {
        for k in 0..<components { y[2 * i + k] = Double(pca.coordinates[i * components + k]) }
      }
      var mean = 0.0
      for i in 0..<rows { mean += y[2 * i] }
      mean /= Double(rows)
      var variance = 0.0
      for i in 0..<rows { variance += (y[2 * i] - mean) * (y[2 * i] - mean) }
      let std = (variance / Double(rows)).squareRoot()
      let scale = std > 0 ? 1e-4 / std : 1
      for e in 0..<(2 * rows) { y[e] = y[e] * scale + generator.nextGaussian() * 1e-6 }
    }
    return y
  }
}
