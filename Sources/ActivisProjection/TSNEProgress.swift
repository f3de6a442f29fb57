/// A progress report from a running `TSNE.embed`.
package struct TSNEProgress: Sendable, Equatable {
  /// What the embedding is doing.
  package enum Stage: Sendable, Equatable {
    /// Finding neighbours and calibrating affinities.
    case affinities
    /// Optimising the embedding.
    case optimization
  }

  /// The current stage.
  package var stage: Stage
  /// Iterations completed (0 while computing affinities).
  package var iteration: Int
  /// Total iterations planned.
  package var totalIterations: Int
  /// KL(P‖Q) of the current embedding against the unexaggerated P, when computed.
  package var klDivergence: Double?
  /// Seconds since `embed` started.
  package var elapsed: Double
  /// Estimated seconds still needed (extrapolated from the iteration rate), if known.
  package var estimatedRemaining: Double?

  /// Creates a report.
  package init(
    stage: Stage, iteration: Int, totalIterations: Int, klDivergence: Double?,
    elapsed: Double, estimatedRemaining: Double?
  ) {
    self.stage = stage
    self.iteration = iteration
    self.totalIterations = totalIterations
    self.klDivergence = klDivergence
    self.elapsed = elapsed
    self.estimatedRemaining = estimatedRemaining
  }
}
