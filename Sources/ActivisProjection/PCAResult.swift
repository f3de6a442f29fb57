/// The outcome of `PCA.project`.
package struct PCAResult: Sendable, Equatable {
  /// Projected coordinates, `rows × components`, row-major.
  package var coordinates: [Float]
  /// Principal axes, `components × columns`, row-major, unit length. Each axis's sign is
  /// fixed so that its largest-magnitude entry is positive.
  package var components: [Float]
  /// Variance along each axis (eigenvalues of the covariance, with divisor `rows − 1`).
  package var explainedVariance: [Double]
  /// `explainedVariance` divided by the total variance of the centred input.
  package var explainedVarianceRatio: [Double]
  /// Column means subtracted before projecting.
  package var mean: [Float]

  /// Creates a result.
  package init(
    coordinates: [Float], components: [Float], explainedVariance: [Double],
    explainedVarianceRatio: [Double], mean: [Float]
  ) {
    self.coordinates = coordinates
    self.components = components
    self.explainedVariance = explainedVariance
    self.explainedVarianceRatio = explainedVarianceRatio
    self.mean = mean
  }
}
