/// Accuracy and the confusion matrix of a bundle's predictions.
public struct Confusion: Equatable, Sendable {
  /// The class names, in bundle order.
  public let classes: [String]
  /// `counts[true][predicted]`: instances with that label and that prediction.
  public let counts: [[Int]]
  /// Instances that have both a label and a prediction.
  public let labelled: Int

  /// Counts every instance (of `members`, when given) that has both a
  /// label and a prediction.
  ///
  /// - Complexity: O(N).
  public init(classes: [String], labels: [Int32], predicted: [Int32], members: InstanceSet? = nil) {
    precondition(labels.count == predicted.count, "one prediction per label")
    var counts = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
    var labelled = 0
    func count(_ row: Int) {
      let label = labels[row], prediction = predicted[row]
      guard label >= 0 && prediction >= 0 else { return }
      counts[Int(label)][Int(prediction)] += 1
      labelled += 1
    }
    if let members { members.forEachRow(count) } else { labels.indices.forEach(count) }
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

  /// Instances predicted as class `c`.
  public func predictions(_ c: Int) -> Int { counts.reduce(0) { $0 + $1[c] } }

  /// Precision of class `c`: the fraction of the instances predicted as `c`
  /// that are of class `c`.
  public func precision(_ c: Int) -> Double? {
    let predicted = predictions(c)
    return predicted > 0 ? Double(counts[c][c]) / Double(predicted) : nil
  }

  /// Recall of class `c`: the fraction of its instances predicted as `c`.
  public func recall(_ c: Int) -> Double? {
    let support = support(c)
    return support > 0 ? Double(counts[c][c]) / Double(support) : nil
  }
}
