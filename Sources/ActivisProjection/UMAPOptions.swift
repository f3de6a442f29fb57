/// Settings for `UMAP.embed`. Defaults follow umap-learn 0.5.
package struct UMAPOptions: Sendable, Equatable {
  /// How the first layout is made.
  package enum Initialization: Sendable, Equatable {
    /// The two smallest non-trivial eigenvectors of the fuzzy graph's normalised Laplacian;
    /// PCA when the graph has more than one connected component or the eigensolver fails.
    case spectral
    /// The top two principal components of the data.
    case pca
    /// Uniform noise.
    case random
  }

  /// How input-space neighbours are found.
  package enum NeighborMethod: Sendable, Equatable {
    /// Exact up to `exactSearchMaximumRows` rows — by a vantage-point tree up to
    /// `vantagePointTreeMaximumColumns` columns, else by blocked brute force — and
    /// `.neighborDescent` above (on 50,000 × 50 it takes 4.7 s where the tree takes 10 s, and
    /// the layouts are as trustworthy).
    case automatic
    /// Exact, from a vantage-point tree.
    case vantagePointTree
    /// Exact, by blocked brute force.
    case bruteForce
    /// Approximate: random-projection forest refined by nearest-neighbour descent.
    case neighborDescent
  }

  /// The size of each local neighbourhood, the point itself included (umap-learn's
  /// `n_neighbors`): every point is joined to its `neighbors − 1` nearest other points.
  package var neighbors: Int = 15
  /// How close points may be packed in the layout (umap-learn's `min_dist`); in (0, spread].
  package var minimumDistance: Double = 0.1
  /// The scale of the layout's distances (umap-learn's `spread`).
  package var spread: Double = 1
  /// Epochs of stochastic gradient descent; `nil` for 500 up to 10,000 rows, else 200.
  package var epochs: Int? = nil
  /// Negative samples drawn per positive sample.
  package var negativeSampleRate: Int = 5
  /// The starting learning rate; it decays linearly to 0 over the epochs.
  package var learningRate: Double = 1
  /// The weight of repulsion against attraction (umap-learn's `repulsion_strength`).
  package var repulsionStrength: Double = 1
  /// The seed for every random choice (trees, initialisation noise, negative samples).
  package var seed: UInt64 = 0
  /// The first layout.
  package var initialization: Initialization = .spectral
  /// How neighbours are found.
  package var neighborMethod: NeighborMethod = .automatic
  /// Columns at or below which an exact `.automatic` search uses the vantage-point tree.
  package var vantagePointTreeMaximumColumns: Int = 128
  /// Rows at or below which `.automatic` searches exactly.
  package var exactSearchMaximumRows: Int = 20_000
  /// Worker threads; defaults to all active processors. Results do not depend on it.
  package var threads: Int = Parallel.processorCount
  /// Epochs between two progress reports.
  package var progressInterval: Int = 10

  /// Creates options with umap-learn's defaults.
  package init() {}

  /// The epochs run for `rows` rows.
  package func epochCount(rows: Int) -> Int { epochs ?? (rows <= 10_000 ? 500 : 200) }
}
