import Foundation

/// Principal component analysis of a dense Float matrix (rows are instances). Inputs are
/// centred; NaN or infinite values are refused (see `ProjectionInput`).
package enum PCA {
  /// How the top eigenvectors of the covariance are found.
  package enum Method: Sendable, Equatable {
    /// Full eigen-decomposition of the `columns × columns` covariance (Jacobi).
    case exact
    /// Randomized subspace iteration on the data (Halko, Martinsson & Tropp 2011).
    case randomized
    /// `.exact` for at most 256 columns, `.randomized` above.
    case automatic
  }

  /// Projects the `rows × columns` matrix `data` onto its top `components` principal axes,
  /// using `threads` workers (all processors when `nil`; results do not depend on it).
  package static func project(
    _ data: [Float], rows: Int, columns: Int, components: Int = 2,
    method: Method = .automatic, seed: UInt64 = 0, threads: Int? = nil
  ) throws -> PCAResult {
    try data.withUnsafeBufferPointer {
      try project(
        $0, rows: rows, columns: columns, components: components, method: method,
        seed: seed, threads: threads)
    }
  }

  /// Projects the `rows × columns` matrix `data` onto its top `components` principal axes,
  /// using `threads` workers (all processors when `nil`; results do not depend on it).
  package static func project(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, components: Int = 2,
    method: Method = .automatic, seed: UInt64 = 0, threads: Int? = nil
  ) throws -> PCAResult {
    let threads = threads ?? Parallel.processorCount
    try ProjectionInput.validate(data, rows: rows, columns: columns)
    guard components >= 1, components <= columns else {
      throw ProjectionInputError.invalidOption("components must be in 1...\(columns)")
    }
    guard rows >= 2 else { throw ProjectionInputError.tooFewRows(rows: rows, minimum: 2) }
    let mean = columnMeans(data, rows: rows, columns: columns)
    let useExact: Bool
    switch method {
    case .exact: useExact = true
    case .randomized: useExact = false
    case .automatic: useExact = columns <= 256
    }
    var totalVariance = 0.0
    let axes: [Double]
    let variances: [Double]
    if useExact {
      let covariance = self.covariance(
        data, rows: rows, columns: columns, mean: mean,
        threads: threads)
      for j in 0..<columns { totalVariance += covariance[j * columns + j] }
      let (values, vectors) = SymmetricEigen.decompose(covariance, n: columns)
      variances = Array(values[0..<components])
      axes = Array(vectors[0..<(components * columns)])
    } else {
      totalVariance = self.totalVariance(data, rows: rows, columns: columns, mean: mean)
      (variances, axes) = randomized(
        data, rows: rows, columns: columns, mean: mean, components: components, seed: seed,
        threads: threads)
    }
    var signed = axes
    for k in 0..<components {
      var largest = 0.0
      for j in 0..<columns where abs(signed[k * columns + j]) > abs(largest) {
        largest = signed[k * columns + j]
      }
      if largest < 0 { for j in 0..<columns { signed[k * columns + j] = -signed[k * columns + j] } }
    }
    let coordinates = projectRows(
      data, rows: rows, columns: columns, mean: mean, axes: signed, components: components,
      threads: threads)
    return PCAResult(
      coordinates: coordinates.map { Float($0) }, components: signed.map { Float($0) },
      explainedVariance: variances.map { max($0, 0) },
      explainedVarianceRatio: variances.map { totalVariance > 0 ? max($0, 0) / totalVariance : 0 },
      mean: mean.map { Float($0) })
  }

  static func columnMeans(_ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int)
    -> [Double]
  {
    var mean = [Double](repeating: 0, count: columns)
    for i in 0..<rows { for j in 0..<columns { mean[j] += Double(data[i * columns + j]) } }
    return mean.map { $0 / Double(rows) }
  }

  private static func totalVariance(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, mean: [Double]
  ) -> Double {
    var sum = 0.0
    for i in 0..<rows {
      for j in 0..<columns {
        let d = Double(data[i * columns + j]) - mean[j]
        sum += d * d
      }
    }
    return sum / Double(rows - 1)
  }

  /// The `columns × columns` covariance (divisor `rows − 1`), summed in Double per row block.
  private static func covariance(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, mean: [Double], threads: Int
  ) -> [Double] {
    let d = columns
    let blocks = Parallel.blockCount(count: rows, minimumSize: 256, maximum: 8)
    var partial = [Double](repeating: 0, count: blocks * d * d)
    partial.withUnsafeMutableBufferPointer { partial in
      Parallel.forEach(blocks: blocks, threads: threads) { b in
        let out = partial.baseAddress! + b * d * d
        let centred = UnsafeMutablePointer<Double>.allocate(capacity: d)
        defer { centred.deallocate() }
        for i in Parallel.range(block: b, blocks: blocks, count: rows) {
          for j in 0..<d { centred[j] = Double(data[i * d + j]) - mean[j] }
          for j in 0..<d {
            let cj = centred[j]
            let row = out + j * d
            for l in j..<d { row[l] += cj * centred[l] }
          }
        }
      }
    }
    var covariance = [Double](repeating: 0, count: d * d)
    let scale = 1 / Double(rows - 1)
    for j in 0..<d {
      for l in j..<d {
        var sum = 0.0
        for b in 0..<blocks { sum += partial[b * d * d + j * d + l] }
        covariance[j * d + l] = sum * scale
        covariance[l * d + j] = sum * scale
      }
    }
    return covariance
  }

  /// `rows × components` coordinates of the centred data on `axes` (`components × columns`).
  private static func projectRows(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, mean: [Double],
    axes: [Double], components: Int, threads: Int
  ) -> [Double] {
    var out = [Double](repeating: 0, count: rows * components)
    let blocks = Parallel.blockCount(count: rows, minimumSize: 256)
    out.withUnsafeMutableBufferPointer { out in
      axes.withUnsafeBufferPointer { axes in
        Parallel.forEach(blocks: blocks, threads: threads) { b in
          for i in Parallel.range(block: b, blocks: blocks, count: rows) {
            for k in 0..<components {
              var sum = 0.0
              for j in 0..<columns {
                sum += (Double(data[i * columns + j]) - mean[j]) * axes[k * columns + j]
              }
              out[i * components + k] = sum
            }
          }
        }
      }
    }
    return out
  }

  /// Top eigenpairs of the covariance by randomized subspace iteration.
  private static func randomized(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, mean: [Double],
    components: Int, seed: UInt64, threads: Int
  ) -> (values: [Double], axes: [Double]) {
    let l = min(columns, components + 10)
    var generator = SeededGenerator(seed: seed ^ 0x5043_41)
    // basis: l × columns (each row one basis vector).
    var basis = (0..<(l * columns)).map { _ in generator.nextGaussian() }
    orthonormalize(&basis, count: l, length: columns)
    for _ in 0..<8 {
      let t = projectRows(
        data, rows: rows, columns: columns, mean: mean, axes: basis, components: l,
        threads: threads)
      basis = transposeTimes(
        data, rows: rows, columns: columns, mean: mean, t: t, l: l, threads: threads)
      orthonormalize(&basis, count: l, length: columns)
    }
    let t = projectRows(
      data, rows: rows, columns: columns, mean: mean, axes: basis, components: l,
      threads: threads)
    var small = [Double](repeating: 0, count: l * l)
    for i in 0..<rows {
      for a in 0..<l { for b in a..<l { small[a * l + b] += t[i * l + a] * t[i * l + b] } }
    }
    for a in 0..<l {
      for b in a..<l {
        small[a * l + b] /= Double(rows - 1)
        small[b * l + a] = small[a * l + b]
      }
    }
    let (values, vectors) = SymmetricEigen.decompose(small, n: l)
    var axes = [Double](repeating: 0, count: components * columns)
    for k in 0..<components {
      for a in 0..<l {
        let c = vectors[k * l + a]
        for j in 0..<columns { axes[k * columns + j] += c * basis[a * columns + j] }
      }
    }
    return (Array(values[0..<components]), axes)
  }

  /// Xcᵀ T for the centred data Xc (`rows × columns`) and T (`rows × l`), as `l × columns`.
  private static func transposeTimes(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, mean: [Double], t: [Double],
    l: Int, threads: Int
  ) -> [Double] {
    let size = l * columns
    let blocks = Parallel.blockCount(count: rows, minimumSize: 256, maximum: 8)
    var partial = [Double](repeating: 0, count: blocks * size)
    partial.withUnsafeMutableBufferPointer { partial in
      t.withUnsafeBufferPointer { t in
        mean.withUnsafeBufferPointer { mean in
          Parallel.forEach(blocks: blocks, threads: threads) { b in
            let out = partial.baseAddress! + b * size
            let centred = UnsafeMutablePointer<Double>.allocate(capacity: columns)
            defer { centred.deallocate() }
            for i in Parallel.range(block: b, blocks: blocks, count: rows) {
              for j in 0..<columns { centred[j] = Double(data[i * columns + j]) - mean[j] }
              for a in 0..<l {
                let ta = t[i * l + a]
                let row = out + a * columns
                for j in 0..<columns { row[j] += ta * centred[j] }
              }
            }
          }
        }
      }
    }
    var out = [Double](repeating: 0, count: size)
    for b in 0..<blocks { for e in 0..<size { out[e] += partial[b * size + e] } }
    return out
  }

  /// Modified Gram–Schmidt on `count` row vectors of `length`.
  private static func orthonormalize(_ v: inout [Double], count: Int, length: Int) {
    for a in 0..<count {
      for b in 0..<a {
        var dot = 0.0
        for j in 0..<length { dot += v[a * length + j] * v[b * length + j] }
        for j in 0..<length { v[a * length + j] -= dot * v[b * length + j] }
      }
      var norm = 0.0
      for j in 0..<length { norm += v[a * length + j] * v[a * length + j] }
      norm = norm.squareRoot()
      let inv = norm > 0 ? 1 / norm : 0
      for j in 0..<length { v[a * length + j] *= inv }
    }
  }
}
