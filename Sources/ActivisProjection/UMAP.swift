import Foundation

/// Uniform manifold approximation and projection (McInnes, Healy & Melville 2018) into two
/// dimensions.
///
/// The stages: the K − 1 nearest other points of every point (exact, or approximate for
/// large inputs), the fuzzy simplicial set over them (`FuzzySimplicialSet`), a spectral
/// starting layout (`SpectralInit`, PCA when the graph is disconnected), the curve
/// parameters a and b (`CurveFit`) and stochastic gradient descent (`UMAPOptimizer`).
///
/// Rows containing NaN or ±infinity are refused (`ProjectionInputError.nonFiniteValues`), as
/// are inputs with at most K rows and inputs whose rows are all identical. The same options
/// and seed always give the same coordinates, whatever the thread count.
package enum UMAP {
  /// Lays out the `rows × columns` row-major matrix `data`.
  package static func embed(
    _ data: [Float], rows: Int, columns: Int, options: UMAPOptions = UMAPOptions(),
    progress: (UMAPProgress) -> Void = { _ in }, isCancelled: () -> Bool = { false }
  ) throws -> UMAPResult {
    try data.withUnsafeBufferPointer {
      try embed($0, rows: rows, columns: columns, options: options, progress: progress,
                isCancelled: isCancelled)
    }
  }

  /// Lays out the `rows × columns` row-major matrix `data`.
  ///
  /// `progress` is called on the calling thread at the start of each stage and every
  /// `options.progressInterval` epochs. `isCancelled` is polled at least once per epoch and per
  /// block of neighbour search — also from worker threads, so it must be thread-safe — and
  /// makes the call throw `ProjectionCancelled` when it returns `true`.
  package static func embed(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int,
    options: UMAPOptions = UMAPOptions(), progress: (UMAPProgress) -> Void = { _ in },
    isCancelled: () -> Bool = { false }
  ) throws -> UMAPResult {
    let stopwatch = Stopwatch()
    func elapsed() -> Double { stopwatch.seconds }
    let epochs = options.epochCount(rows: rows)
    func report(_ stage: UMAPProgress.Stage, epoch: Int = 0, remaining: Double? = nil) {
      progress(UMAPProgress(stage: stage, epoch: epoch, totalEpochs: epochs, elapsed: elapsed(),
                            estimatedRemaining: remaining))
    }
    report(.graph)
    let (graph, method) = try fuzzyGraph(
      data, rows: rows, columns: columns, options: options, isCancelled: isCancelled)
    if isCancelled() { throw ProjectionCancelled() }

    report(.initialization)
    var (y, initialization) = try startingLayout(
      data, rows: rows, columns: columns, graph: graph, options: options, isCancelled: isCancelled)

    let (a, b) = CurveFit.parameters(minimumDistance: options.minimumDistance, spread: options.spread)
    let optimizer = UMAPOptimizer(
      graph: graph, a: Float(a), b: Float(b), epochs: epochs,
      negativeSampleRate: options.negativeSampleRate, learningRate: options.learningRate,
      repulsionStrength: Float(options.repulsionStrength), seed: options.seed,
      threads: max(1, options.threads))
    let optimizationStart = elapsed()
    try optimizer.run(
      &y, interval: options.progressInterval,
      report: { epoch in
        let perEpoch = (elapsed() - optimizationStart) / Double(epoch)
        report(.optimization, epoch: epoch, remaining: perEpoch * Double(epochs - epoch))
      }, isCancelled: isCancelled)
    return UMAPResult(coordinates: y, epochs: epochs, neighbors: method,
                      initialization: initialization, a: a, b: b)
  }

  /// Checks input and options, finds neighbours and builds the fuzzy graph.
  static func fuzzyGraph(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, options: UMAPOptions,
    isCancelled: () -> Bool
  ) throws -> (FuzzySimplicialSet, UMAPOptions.NeighborMethod) {
    try ProjectionInput.validate(data, rows: rows, columns: columns)
    try check(options)
    guard rows > options.neighbors else {
      throw ProjectionInputError.tooFewRows(rows: rows, minimum: options.neighbors + 1)
    }
    if allRowsEqual(data, rows: rows, columns: columns) {
      throw ProjectionInputError.identicalRows(rows: rows)
    }
    let threads = max(1, options.threads)
    let k = options.neighbors - 1
    var method = options.neighborMethod
    if method == .automatic {
      if rows > options.exactSearchMaximumRows {
        method = .neighborDescent
      } else {
        method = columns <= options.vantagePointTreeMaximumColumns ? .vantagePointTree : .bruteForce
      }
    }
    let kind: NeighborSearch.Kind =
      method == .vantagePointTree
      ? .vantagePointTree : method == .neighborDescent ? .neighborDescent : .bruteForce
    let neighbors = try NeighborSearch.graph(
      data, rows: rows, columns: columns, k: k, kind: kind, seed: options.seed, threads: threads,
      isCancelled: isCancelled)
    if isCancelled() { throw ProjectionCancelled() }
    return (FuzzySimplicialSet.make(graph: neighbors, rows: rows, threads: threads), method)
  }

  /// The starting layout, scaled into [0, 10] on both axes as umap-learn does, and the kind
  /// actually used.
  static func startingLayout(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, graph: FuzzySimplicialSet,
    options: UMAPOptions, isCancelled: () -> Bool
  ) throws -> ([Float], UMAPOptions.Initialization) {
    let threads = max(1, options.threads)
    var generator = SeededGenerator(seed: options.seed ^ 0x554D_4150)
    var kind = options.initialization
    var y: [Double]
    if kind == .spectral,
      let layout = try SpectralInit.layout(
        graph, seed: options.seed, threads: threads, isCancelled: isCancelled)
    {
      y = layout
    } else if kind == .random {
      y = (0..<(2 * rows)).map { _ in 20 * generator.nextUniform() - 10 }
    } else {
      kind = .pca
      let components = min(2, columns)
      let pca = try PCA.project(
        data, rows: rows, columns: columns, components: components, seed: options.seed,
        threads: threads)
      y = [Double](repeating: 0, count: 2 * rows)
      for i in 0..<rows {
        for c in 0..<components { y[2 * i + c] = Double(pca.coordinates[i * components + c]) }
      }
    }
    // Expand to a largest coordinate of 10, add a little noise, then rescale each axis to [0, 10].
    let largest = y.reduce(0) { max($0, abs($1)) }
    let expansion = largest > 0 ? 10 / largest : 1
    for e in 0..<(2 * rows) { y[e] = y[e] * expansion + 1e-4 * generator.nextGaussian() }
    for axis in 0..<2 {
      var low = Double.infinity
      var high = -Double.infinity
      for i in 0..<rows {
        low = min(low, y[2 * i + axis])
        high = max(high, y[2 * i + axis])
      }
      let scale = high > low ? 10 / (high - low) : 1
      for i in 0..<rows { y[2 * i + axis] = (y[2 * i + axis] - low) * scale }
    }
    return (y.map { Float($0) }, kind)
  }

  /// Whether every row equals the first.
  private static func allRowsEqual(_ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int) -> Bool {
    for e in columns..<(rows * columns) where data[e] != data[e % columns] { return false }
    return true
  }

  /// Validates option ranges.
  private static func check(_ options: UMAPOptions) throws {
    func fail(_ message: String) throws { throw ProjectionInputError.invalidOption(message) }
    if options.neighbors < 2 { try fail("neighbors must be at least 2") }
    if !(options.spread > 0) || !options.spread.isFinite { try fail("spread must be positive") }
    if !(options.minimumDistance > 0 && options.minimumDistance <= options.spread) {
      try fail("min dist must be in (0, \(options.spread)]")
    }
    if let epochs = options.epochs, epochs < 0 { try fail("epochs must not be negative") }
    if options.negativeSampleRate < 0 { try fail("negative sample rate must not be negative") }
    if !(options.learningRate > 0) { try fail("learning rate must be positive") }
    if !(options.repulsionStrength >= 0) { try fail("repulsion strength must not be negative") }
  }
}
