/// Settings for `TSNE.embed`. Defaults follow openTSNE 1.0.
package struct TSNEOptions: Sendable, Equatable {
  /// How the optimiser's step size is chosen.
  package enum LearningRate: Sendable, Equatable {
    /// `max(N / α / 4, 50)` where α is the exaggeration of the current phase: during early
    /// exaggeration this is `N / early_exaggeration / 4` (sklearn's and openTSNE's rule); in
    /// the second phase α = `exaggeration` (1 by default), as openTSNE does.
    case auto
    /// A fixed learning rate (in units of the true KL gradient, like scikit-learn's).
    case value(Double)
  }

  /// How the first embedding is made.
  package enum Initialization: Sendable, Equatable {
    /// The top two principal components, scaled so the first has standard deviation 1e-4.
    case pca
    /// Gaussian noise with standard deviation 1e-4.
    case random
  }

  /// How input-space neighbours (and so the affinities P) are found.
  package enum NeighborMethod: Sendable, Equatable {
    /// Affinities over all pairs (O(N²) time and memory); for small inputs.
    case exact
    /// Affinities over the `3 × perplexity` nearest neighbours: `.vantagePointTree` (exact)
    /// when columns ≤ `vantagePointTreeMaximumColumns`, else `.bruteForce` (exact) when
    /// rows ≤ `exactSearchMaximumRows`, else `.neighborDescent`.
    case approximate
    /// `3 × perplexity` exact nearest neighbours from a vantage-point tree (fast for few
    /// columns, slow for many).
    case vantagePointTree
    /// `3 × perplexity` exact nearest neighbours by blocked brute force (fast for many
    /// columns, where a tree prunes nothing).
    case bruteForce
    /// `3 × perplexity` approximate nearest neighbours: random-projection forest refined by
    /// nearest-neighbour descent.
    case neighborDescent
    /// `.exact` up to `TSNEOptions.exactNeighborsThreshold` rows, `.approximate` above.
    case automatic
  }

  /// How the repulsive part of the gradient is computed.
  package enum GradientMethod: Sendable, Equatable {
    /// All pairs, O(N²) per iteration.
    case exact
    /// FFT-accelerated interpolation (FIt-SNE), O(N) per iteration.
    case interpolation
    /// `.exact` up to `TSNEOptions.exactGradientThreshold` rows, `.interpolation` above.
    case automatic
  }

  /// The effective number of neighbours each point's affinities are calibrated to.
  package var perplexity: Double = 30
  /// Total iterations, early exaggeration included.
  package var iterations: Int = 750
  /// How many of `iterations` run with early exaggeration.
  package var earlyExaggerationIterations: Int = 250
  /// The factor on P during early exaggeration.
  package var earlyExaggeration: Double = 12
  /// The factor on P after early exaggeration.
  package var exaggeration: Double = 1
  /// The step size.
  package var learningRate: LearningRate = .auto
  /// Momentum during early exaggeration.
  package var initialMomentum: Double = 0.8
  /// Momentum after early exaggeration.
  package var finalMomentum: Double = 0.8
  /// Smallest gain of the adaptive per-coordinate gains.
  package var minimumGain: Double = 0.01
  /// Longest step (Euclidean norm) a point may take in one iteration; `nil` for no limit.
  package var maximumStepNorm: Double? = 5
  /// The seed for every random choice (initialisation, tree building).
  package var seed: UInt64 = 0
  /// The initial embedding.
  package var initialization: Initialization = .pca
  /// How neighbours are found.
  package var neighbors: NeighborMethod = .automatic
  /// How the repulsive forces are computed.
  package var gradient: GradientMethod = .automatic
  /// Columns at or below which `.approximate` uses the vantage-point tree.
  package var vantagePointTreeMaximumColumns: Int = 128
  /// Rows at or below which `.approximate` searches exactly when there are too many columns
  /// for the vantage-point tree (by blocked brute force, O(N²·D)).
  package var exactSearchMaximumRows: Int = 20_000
  /// Rows at or below which `.automatic` neighbours are `.exact` (O(N²) memory).
  package var exactNeighborsThreshold: Int = 1000
  /// Rows at or below which the `.automatic` gradient is `.exact`: below about 5,000 rows
  /// all pairs cost less than the interpolation grid (750 iterations on 2 cores: 3.0 s
  /// against 3.9 s at 4,000 rows, 6.1 s against 4.6 s at 6,000), and they are exact.
  package var exactGradientThreshold: Int = 5000
  /// Interpolation nodes per interval and dimension (`.interpolation` only).
  package var interpolationPoints: Int = 3
  /// Fewest intervals per dimension of the interpolation grid (`.interpolation` only).
  package var minimumIntervals: Int = 50
  /// Width, in embedding units, of one interval of the interpolation grid.
  package var intervalWidth: Double = 1
  /// Worker threads; defaults to all active processors. Results do not depend on it.
  package var threads: Int = Parallel.processorCount
  /// Iterations between two progress reports (a KL estimate is computed for each report).
  package var progressInterval: Int = 50

  /// Creates options with openTSNE's defaults.
  package init() {}
}
