/// A progress report from a running `TSNE.embed`.
public struct TSNEProgress: Sendable, Equatable {
  /// What the embedding is doing.
  public enum Stage: Sendable, Equatable {
    /// Finding neighbours and calibrating affinities.
    case affinities
    /// Optimising the embedding.
    case optimization
  }

  /// The current stage.
  public var stage: Stage
  /// Iterations completed (0 while computing affinities).
  public var iteration: Int
  /// Total iterations planned.
  public var totalIterations: Int
  /// KL(P‖Q) of the current embedding against the unexaggerated P, when computed.
  public var klDivergence: Double?
  /// Seconds since `embed` started.
  public var elapsed: Double
  /// Estimated seconds still needed (extrapolated from the iteration rate), if known.
  public var estimatedRemaining: Double?

  /// Creates a report.
  public init(
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
