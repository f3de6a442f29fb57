import Foundation

/// t-distributed stochastic neighbour embedding (van der Maaten & Hinton 2008) into two
/// dimensions, with exact or FFT-interpolated gradients.
///
/// Input rows containing NaN or ±infinity are refused with
/// `ProjectionInputError.nonFiniteValues`; drop them first (see `ProjectionInput.finiteRows`).
/// If the perplexity is too large for the number of rows it is lowered to `(rows − 1) / 3`.
/// The same options and seed always give the same coordinates, whatever the thread count.
package enum TSNE {
  /// Embeds the `rows × columns` row-major matrix `data`.
  package static func embed(
    _ data: [Float], rows: Int, columns: Int, options: TSNEOptions = TSNEOptions(),
    progress: (TSNEProgress) -> Void = { _ in }, isCancelled: () -> Bool = { false }
  ) throws -> TSNEResult {
    try data.withUnsafeBufferPointer {
      try embed(
        $0, rows: rows, columns: columns, options: options, progress: progress,
        isCancelled: isCancelled)
    }
  }

  /// Embeds the `rows × columns` row-major matrix `data`.
  ///
  /// `progress` is called on the calling thread when the affinity stage starts and every
  /// `options.progressInterval` iterations. `isCancelled` is polled at least once per
  /// iteration and per block of neighbour search — also from worker threads, so it must be
  /// thread-safe — and makes the call throw `ProjectionCancelled` when it returns `true`.
  package static func embed(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int,
    options: TSNEOptions = TSNEOptions(), progress: (TSNEProgress) -> Void = { _ in },
    isCancelled: () -> Bool = { false }
  ) throws -> TSNEResult {
    let stopwatch = Stopwatch()
    func elapsed() -> Double { stopwatch.seconds }
    try ProjectionInput.validate(data, rows: rows, columns: columns)
    try check(options)
    guard rows >= 4 else { throw ProjectionInputError.tooFewRows(rows: rows, minimum: 4) }
    let threads = max(1, options.threads)
    let perplexity = min(options.perplexity, Double(rows - 1) / 3)
    var neighbors = options.neighbors
    if neighbors == .automatic {
      neighbors = rows <= options.exactNeighborsThreshold ? .exact : .approximate
    }
    if neighbors == .approximate {
      if columns <= options.vantagePointTreeMaximumColumns {
        neighbors = .vantagePointTree
      } else {
        neighbors = rows <= options.exactSearchMaximumRows ? .bruteForce : .neighborDescent
      }
    }
    let gradientMethod: TSNEOptions.GradientMethod =
      options.gradient != .automatic
      ? options.gradient
      : (rows <= options.exactGradientThreshold ? .exact : .interpolation)

    // Affinities.
    progress(
      TSNEProgress(
        stage: .affinities, iteration: 0, totalIterations: options.iterations,
        klDivergence: nil, elapsed: elapsed(), estimatedRemaining: nil))
    let graph: NeighborGraph
    if neighbors == .exact {
      graph = try NeighborGraph.allPairs(
        data, rows: rows, columns: columns, threads: threads, isCancelled: isCancelled)
    } else {
      let kind: NeighborSearch.Kind =
        neighbors == .bruteForce
        ? .bruteForce : neighbors == .vantagePointTree ? .vantagePointTree : .neighborDescent
      graph = try NeighborSearch.graph(
        data, rows: rows, columns: columns, k: min(rows - 1, Int(3 * perplexity)), kind: kind,
        seed: options.seed, threads: threads, isCancelled: isCancelled)
    }
    if isCancelled() { throw ProjectionCancelled() }
    let affinities = Affinities.make(
      graph: graph, rows: rows, perplexity: perplexity, threads: threads)
    if isCancelled() { throw ProjectionCancelled() }

    // Initial embedding.
    var y = try Initialization.make(
      data, rows: rows, columns: columns, kind: options.initialization, seed: options.seed,
      threads: threads)
    if isCancelled() { throw ProjectionCancelled() }

    // Optimisation.
    var optimizer = Optimizer(count: 2 * rows)
    var attraction = [Double](repeating: 0, count: 2 * rows)
    var repulsion = [Double](repeating: 0, count: 2 * rows)
    var gradient = [Double](repeating: 0, count: 2 * rows)
    let interpolation =
      gradientMethod == .interpolation
      ? InterpolationRepulsion(
        rows: rows, interpolationPoints: options.interpolationPoints,
        minimumIntervals: options.minimumIntervals, intervalWidth: options.intervalWidth,
        threads: threads)
      : nil
    let optimizationStart = elapsed()
    var kl = Double.nan

    /// Computes the gradient for `exaggeration` into `gradient`; returns KL if asked.
    func evaluate(exaggeration: Double, wantKL: Bool) -> Double {
      y.withUnsafeBufferPointer { y in
        let z: Double
        if let interpolation {
          z = repulsion.withUnsafeMutableBufferPointer {
            interpolation.compute(embedding: y, rows: rows, forces: $0)
          }
        } else {
          z = repulsion.withUnsafeMutableBufferPointer {
            ExactRepulsion.compute(embedding: y, rows: rows, forces: $0, threads: threads)
          }
        }
        let logTerm = attraction.withUnsafeMutableBufferPointer {
          AttractiveForces.compute(
            affinities: affinities, embedding: y, rows: rows, scale: exaggeration, forces: $0,
            wantLogTerm: wantKL, threads: threads)
        }
        let inverseZ = 1 / z
        for e in 0..<(2 * rows) {
          gradient[e] = 4 * (attraction[e] - repulsion[e] * inverseZ)
        }
        return wantKL ? affinities.entropyTerm - logTerm + log(z) : .nan
      }
    }

    let total = options.iterations
    for iteration in 0..<total {
      if isCancelled() { throw ProjectionCancelled() }
      let early = iteration < options.earlyExaggerationIterations
      let exaggeration = early ? options.earlyExaggeration : options.exaggeration
      let report =
        options.progressInterval > 0 && (iteration + 1) % options.progressInterval == 0
      let wantKL = report || iteration == total - 1
      let value = evaluate(exaggeration: exaggeration, wantKL: wantKL)
      if wantKL { kl = value }
      let learningRate: Double
      switch options.learningRate {
      case .auto: learningRate = max(Double(rows) / exaggeration / 4, 50)
      case .value(let v): learningRate = v
      }
      y.withUnsafeMutableBufferPointer { y in
        gradient.withUnsafeBufferPointer { g in
          optimizer.step(
            embedding: y, gradient: g, rows: rows, learningRate: learningRate,
            momentum: early ? options.initialMomentum : options.finalMomentum,
            minimumGain: options.minimumGain, maximumStepNorm: options.maximumStepNorm)
        }
      }
      if report {
        let now = elapsed()
        let perIteration = (now - optimizationStart) / Double(iteration + 1)
        progress(
          TSNEProgress(
            stage: .optimization, iteration: iteration + 1, totalIterations: total,
            klDivergence: value, elapsed: now,
            estimatedRemaining: perIteration * Double(total - iteration - 1)))
      }
    }
    // The KL reported is that of the embedding before the last step; evaluate the final one.
    kl = evaluate(exaggeration: 1, wantKL: true)
    return TSNEResult(
      coordinates: y.map { Float($0) }, klDivergence: kl, iterations: total,
      neighbors: neighbors, gradient: gradientMethod)
  }

  /// Validates option ranges.
  private static func check(_ options: TSNEOptions) throws {
    func fail(_ message: String) throws { throw ProjectionInputError.invalidOption(message) }
    if !(options.perplexity > 0) { try fail("perplexity must be positive") }
    if options.iterations < 0 { try fail("iterations must not be negative") }
    if options.earlyExaggerationIterations < 0 {
      try fail("early exaggeration iterations must not be negative")
    }
    if !(options.earlyExaggeration > 0) || !(options.exaggeration > 0) {
      try fail("exaggeration must be positive")
    }
    if case .value(let v) = options.learningRate, !(v > 0) {
      try fail("learning rate must be positive")
    }
    if options.interpolationPoints < 2 { try fail("interpolation points must be at least 2") }
    if options.minimumIntervals < 1 { try fail("minimum intervals must be at least 1") }
    if !(options.intervalWidth > 0) { try fail("interval width must be positive") }
  }
}
