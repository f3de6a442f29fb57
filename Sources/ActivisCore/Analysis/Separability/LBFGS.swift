/// Limited-memory BFGS (Nocedal and Wright, Algorithm 7.4 and 7.5) with a
/// backtracking line search under the Armijo condition: minimises a smooth
/// function given its value and gradient.
struct LBFGS {
  /// How many correction pairs are kept.
  var memory = 10
  /// The most iterations.
  var maximumIterations = 100
  /// Stop when every gradient component is at most this in size.
  var gradientTolerance = 1e-4
  /// Stop when an iteration lowers the value by less than this, relatively.
  var valueTolerance = 64 * Double.ulpOfOne

  /// The result of a minimisation.
  struct Outcome {
    var point: [Double]
    var value: Double
    var iterations: Int
  }

  /// Minimises `objective`, which returns the value at a point and writes
  /// the gradient into its second argument, starting from `start`.
  ///
  /// - Throws: what `objective` throws (an interruption).
  func minimize(from start: [Double], _ objective: ([Double], inout [Double]) throws -> Double) throws -> Outcome {
    var x = start
    var gradient = [Double](repeating: 0, count: x.count)
    var value = try objective(x, &gradient)
    var steps: [[Double]] = []
    var changes: [[Double]] = []
    var curvatures: [Double] = []
    var iteration = 0
    var trial = x
    var trialGradient = gradient
    while iteration < maximumIterations, Self.largest(gradient) > gradientTolerance {
      iteration += 1
      var direction = Self.twoLoop(gradient, steps: steps, changes: changes, curvatures: curvatures)
      var slope = Self.dot(direction, gradient)
      if !(slope < 0) {  // not a descent direction: restart from steepest descent
        steps.removeAll(); changes.removeAll(); curvatures.removeAll()
        direction = gradient.map { -$0 }
        slope = Self.dot(direction, gradient)
      }
      var step = steps.isEmpty ? Swift.min(1, 1 / Self.norm(gradient)) : 1
      var trialValue = Double.infinity
      for _ in 0 ..< 40 {
        for i in x.indices { trial[i] = x[i] + step * direction[i] }
        trialValue = try objective(trial, &trialGradient)
        if trialValue <= value + 1e-4 * step * slope { break }
        step *= 0.5
      }
      guard trialValue < value || trialValue.isFinite && trialValue <= value else { break }
      let s = zip(trial, x).map { $0 - $1 }
      let y = zip(trialGradient, gradient).map { $0 - $1 }
      let sy = Self.dot(s, y)
      if sy > 1e-10 * Self.dot(y, y) {
        steps.append(s); changes.append(y); curvatures.append(1 / sy)
        if steps.count > memory { steps.removeFirst(); changes.removeFirst(); curvatures.removeFirst() }
      }
      let decrease = value - trialValue
      swap(&x, &trial)
      swap(&gradient, &trialGradient)
      value = trialValue
      if decrease <= valueTolerance * Swift.max(abs(value), abs(value + decrease), 1) { break }
    }
    return Outcome(point: x, value: value, iterations: iteration)
  }

  /// −H·g by the two-loop recursion, H the inverse Hessian approximation.
  private static func twoLoop(_ gradient: [Double], steps: [[Double]], changes: [[Double]], curvatures: [Double])
    -> [Double]
  {
    var q = gradient
    var alphas = [Double](repeating: 0, count: steps.count)
    for k in steps.indices.reversed() {
      alphas[k] = curvatures[k] * dot(steps[k], q)
      for i in q.indices { q[i] -= alphas[k] * changes[k][i] }
    }
    if let s = steps.last, let y = changes.last {
      let scale = dot(s, y) / dot(y, y)
      for i in q.indices { q[i] *= scale }
    }
    for k in steps.indices {
      let beta = curvatures[k] * dot(changes[k], q)
      for i in q.indices { q[i] += (alphas[k] - beta) * steps[k][i] }
    }
    return q.map { -$0 }
  }

  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
  }

  static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

  static func largest(_ a: [Double]) -> Double { a.reduce(0) { Swift.max($0, abs($1)) } }
}
