/// How well a linear classifier tells the classes apart from activations:
/// the k-fold cross-validated accuracy of multinomial logistic regression
/// (L2, C = 1) on activations standardised with each training part's own
/// means and deviations. Folds are `StratifiedFolds`.
public enum LinearProbe {
  /// The default number of folds.
  public static let defaultFolds = 5

  /// The fraction of rows whose class the model fitted on the other folds
  /// predicts. Every class needs at least `folds` rows, and there must be
  /// at least two classes.
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public static func accuracy(_ data: DenseRows, folds: Int = defaultFolds, threads: Int? = nil) throws -> Double {
    precondition(data.classSizes.filter { $0 > 0 }.count >= 2, "at least two classes")
    // No neurons: as one constant neuron, which tells nothing.
    if data.width == 0 {
      let constant = DenseRows(values: [Float](repeating: 0, count: data.count), classes: data.classes, width: 1,
                               classCount: data.classCount)
      return try accuracy(constant, folds: folds, threads: threads)
    }
    let assignment = StratifiedFolds.assign(data.classes, folds: folds)
    var correct = 0
    for fold in 0 ..< folds {
      let training = data.classes.indices.filter { assignment[$0] != fold }
      let testing = data.classes.indices.filter { assignment[$0] == fold }
      guard !testing.isEmpty else { continue }
      let scaling = FeatureScaling(data, rows: training)
      let model = try SoftmaxRegression(
        features: scaling.apply(data, rows: training), labels: training.map { data.classes[$0] },
        width: data.width, classCount: data.classCount, threads: threads)
      let predicted = model.predict(scaling.apply(data, rows: testing))
      correct += zip(predicted, testing).filter { $0 == data.classes[$1] }.count
    }
    return Double(correct) / Double(data.count)
  }
}
