import Foundation

/// The parameters a, b of UMAP's low-dimensional similarity 1 / (1 + a·d^(2b)).
///
/// They are chosen, as umap-learn does, by least squares against the target curve that is 1
/// up to `minimumDistance` and exp(−(d − minimumDistance) / spread) beyond, sampled at 300
/// evenly spaced d in [0, 3·spread]; the fit is Levenberg–Marquardt from a = b = 1.
package enum CurveFit {
  /// The fitted (a, b) for `minimumDistance` in (0, spread] and positive `spread`.
  package static func parameters(minimumDistance: Double, spread: Double) -> (a: Double, b: Double) {
    let count = 300
    let xs = (0..<count).map { 3 * spread * Double($0) / Double(count - 1) }
    let ys = xs.map { $0 < minimumDistance ? 1 : exp(-($0 - minimumDistance) / spread) }

    /// Sum of squared residuals at (a, b).
    func cost(_ a: Double, _ b: Double) -> Double {
      var total = 0.0
      for (x, y) in zip(xs, ys) {
        let r = 1 / (1 + a * pow(x, 2 * b)) - y
        total += r * r
      }
      return total
    }

    var a = 1.0
    var b = 1.0
    var damping = 1e-3
    var current = cost(a, b)
    for _ in 0..<500 {
      // Normal equations JᵀJ δ = −Jᵀr, with J the Jacobian of the residuals.
      var jaa = 0.0, jab = 0.0, jbb = 0.0, ga = 0.0, gb = 0.0
      for (x, y) in zip(xs, ys) where x > 0 {
        let power = pow(x, 2 * b)
        let denominator = 1 + a * power
        let r = 1 / denominator - y
        let da = -power / (denominator * denominator)
        let db = da * a * 2 * log(x)
        jaa += da * da
        jab += da * db
        jbb += db * db
        ga += da * r
        gb += db * r
      }
      var improved = false
      while damping < 1e12 {
        let maa = jaa * (1 + damping)
        let mbb = jbb * (1 + damping)
        let determinant = maa * mbb - jab * jab
        let stepA = (-ga * mbb + gb * jab) / determinant
        let stepB = (-gb * maa + ga * jab) / determinant
        let trial = cost(a + stepA, b + stepB)
        if trial.isFinite, trial < current, a + stepA > 0, b + stepB > 0 {
          let change = current - trial
          a += stepA
          b += stepB
          current = trial
          damping = max(damping / 10, 1e-12)
          improved = change > 1e-15 * max(current, 1e-300)
          break
        }
        damping *= 10
      }
      if !improved { break }
    }
    return (a, b)
  }
}
