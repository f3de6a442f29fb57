import ActivisCore

/// The instances of a bundle classified correctly and those mistaken (label
/// and prediction both known), found when first asked for and then kept:
/// `correct`, `misclassified` and the accuracy `suggest` lists read them.
final class OutcomeSets {
  private let labels: [Int32]?
  private let predicted: [Int32]?
  private var found: (correct: InstanceSet, misclassified: InstanceSet)?

  init(_ instances: InstanceTable) {
    labels = instances.labels
    predicted = instances.predicted
  }

  /// Both sets; nil without labels or predictions.
  var sets: (correct: InstanceSet, misclassified: InstanceSet)? {
    if let found { return found }
    guard let labels, let predicted else { return nil }
    let known = InstanceSet(capacity: labels.count) { labels[$0] >= 0 && predicted[$0] >= 0 }
    let correct = InstanceSet(capacity: labels.count) { labels[$0] >= 0 && labels[$0] == predicted[$0] }
    found = (correct, known.subtracting(correct))
    return found
  }
}
