import Foundation

/// Eigen-decomposition of small dense symmetric matrices by cyclic Jacobi rotations.
enum SymmetricEigen {
  /// Eigenvalues (descending) and matching unit eigenvectors of the symmetric `n × n`
  /// row-major matrix `matrix`. `vectors[k * n + i]` is component `i` of eigenvector `k`.
  static func decompose(_ matrix: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
    var a = matrix
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    a.withUnsafeMutableBufferPointer { a in
      v.withUnsafeMutableBufferPointer { v in
        var total = 0.0
        for e in 0..<(n * n) { total += a[e] * a[e] }
        for _ in 0..<100 {
          var off = 0.0
          for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off += a[p * n + q] * a[p * n + q] } }
          if off <= 1e-30 * max(total, 1e-300) { break }
          for p in 0..<(n - 1) {
            for q in (p + 1)..<n {
              let apq = a[p * n + q]
              if abs(apq) < 1e-300 { continue }
              let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
              let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
              let c = 1 / (t * t + 1).squareRoot()
              let s = t * c
              for k in 0..<n {
                let akp = a[k * n + p]
                let akq = a[k * n + q]
                a[k * n + p] = c * akp - s * akq
                a[k * n + q] = s * akp + c * akq
              }
              for k in 0..<n {
                let apk = a[p * n + k]
                let aqk = a[q * n + k]
                a[p * n + k] = c * apk - s * aqk
                a[q * n + k] = s * apk + c * aqk
              }
              for k in 0..<n {
                let vkp = v[k * n + p]
                let vkq = v[k * n + q]
                v[k * n + p] = c * vkp - s * vkq
                v[k * n + q] = s * vkp + c * vkq
              }
            }
          }
        }
      }
    }
    let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
    var values = [Double](repeating: 0, count: n)
    var vectors = [Double](repeating: 0, count: n * n)
    for (rank, k) in order.enumerated() {
      values[rank] = a[k * n + k]
      for i in 0..<n { vectors[rank * n + i] = v[i * n + k] }
    }
    return (values, vectors)
  }
}
