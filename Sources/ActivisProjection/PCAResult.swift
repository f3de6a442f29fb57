/// The outcome of `PCA.project`.
public struct PCAResult: Sendable, Equatable {
  /// Projected coordinates, `rows × components`, row-major.
  public var coordinates: [Float]
  /// Principal axes, `components × columns`, row-major, unit length. Each axis's sign is
  /// fixed so that its largest-magnitude entry is positive.
  public var components: [Float]
  /// Variance along each axis (eigenvalues of the covariance, with divisor `rows − 1`).
  public var explainedVariance: [Double]
  /// `explainedVariance` divided by the total variance of the centred input.
  public var explainedVarianceRatio: [Double]
  /// Column means subtracted before projecting.
  public var mean: [Float]

  /// Creates a result.
  public init(
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
