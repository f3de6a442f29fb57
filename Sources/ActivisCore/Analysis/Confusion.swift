/// Accuracy and the confusion matrix of a bundle's predictions.
public struct Confusion: Equatable, Sendable {
  /// The class names, in bundle order.
  public let classes: [String]
  /// `counts[true][predicted]`: instances with that label and that prediction.
  public let counts: [[Int]]
  /// Instances that have both a label and a prediction.
  public let labelled: Int

  /// Counts every instance that has both a label and a prediction.
  ///
  /// - Complexity: O(N).
  public init(classes: [String], labels: [Int32], predicted: [Int32]) {
    precondition(labels.count == predicted.count, "one prediction per label")
    var counts = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
    var labelled = 0
    for (label, prediction) in zip(labels, predicted) where label >= 0 && prediction >= 0 {
      counts[Int(label)][Int(prediction)] += 1
      labelled += 1
    }
    self.classes = classes
    self.counts = counts
    self.labelled = labelled
  }

  /// Instances whose prediction equals their label.
  public var correct: Int { classes.indices.reduce(0) { $0 + counts[$1][$1] } }

  /// `correct / labelled`, or nil when nothing is labelled.
  public var accuracy: Double? { labelled > 0 ? Double(correct) / Double(labelled) : nil }

  /// Instances with true class `c`.
  public func support(_ c: Int) -> Int { counts[c].reduce(0, +) }

  /// Recall of class `c`: the fraction of its instances predicted as `c`.
  public func recall(_ c: Int) -> Double? {
    let support = support(c)
    return support > 0 ? Double(counts[c][c]) / Double(support) : nil
  }
}
