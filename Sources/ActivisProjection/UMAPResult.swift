/// The outcome of `UMAP.embed`.
package struct UMAPResult: Sendable, Equatable {
  /// Layout coordinates, `rows × 2`, row-major: x₀, y₀, x₁, y₁, …
  package var coordinates: [Float]
  /// Epochs run.
  package var epochs: Int
  /// The neighbour search used (never `.automatic`).
  package var neighbors: UMAPOptions.NeighborMethod
  /// The starting layout used: `.pca` when `.spectral` was asked for but the graph was
  /// disconnected.
  package var initialization: UMAPOptions.Initialization
  /// The fitted curve parameters a and b.
  package var a: Double
  package var b: Double

  /// Creates a result.
  package init(
    coordinates: [Float], epochs: Int, neighbors: UMAPOptions.NeighborMethod,
    initialization: UMAPOptions.Initialization, a: Double, b: Double
  ) {
    self.coordinates = coordinates
    self.epochs = epochs
    self.neighbors = neighbors
    self.initialization = initialization
    self.a = a
    self.b = b
  }
}

/// A progress report from a running `UMAP.embed`.
package struct UMAPProgress: Sendable, Equatable {
  /// What the embedding is doing.
  package enum Stage: Sendable, Equatable {
    /// Finding neighbours and building the fuzzy graph.
    case graph
    /// Computing the starting layout.
    case initialization
    /// Optimising the layout.
    case optimization
  }

  /// The current stage.
  package var stage: Stage
  /// Epochs completed (0 before optimisation).
  package var epoch: Int
  /// Total epochs planned.
  package var totalEpochs: Int
  /// Seconds since `embed` started.
  package var elapsed: Double
  /// Estimated seconds still needed, if known.
  package var estimatedRemaining: Double?

  /// Creates a report.
  package init(stage: Stage, epoch: Int, totalEpochs: Int, elapsed: Double, estimatedRemaining: Double?) {
    self.stage = stage
    self.epoch = epoch
    self.totalEpochs = totalEpochs
    self.elapsed = elapsed
    self.estimatedRemaining = estimatedRemaining
  }
}
