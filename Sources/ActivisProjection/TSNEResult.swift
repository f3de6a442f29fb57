/// The outcome of `TSNE.embed`.
package struct TSNEResult: Sendable, Equatable {
  /// Embedding coordinates, `rows × 2`, row-major: x₀, y₀, x₁, y₁, …
  package var coordinates: [Float]
  /// KL(P‖Q) of the final embedding against the unexaggerated P (exact for the exact gradient;
  /// with the interpolated normaliser Z otherwise).
  package var klDivergence: Double
  /// Iterations run.
  package var iterations: Int
  /// The neighbour method that was used (never `.automatic` or `.approximate`).
  package var neighbors: TSNEOptions.NeighborMethod
  /// The gradient method that was used (never `.automatic`).
  package var gradient: TSNEOptions.GradientMethod

  /// Creates a result.
  package init(
    coordinates: [Float], klDivergence: Double, iterations: Int,
    neighbors: TSNEOptions.NeighborMethod, gradient: TSNEOptions.GradientMethod
  ) {
    self.coordinates = coordinates
    self.klDivergence = klDivergence
    self.iterations = iterations
    self.neighbors = neighbors
    self.gradient = gradient
  }
}
