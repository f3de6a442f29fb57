/// Stratified cross-validation folds without randomness: the i-th row of
/// each class (in row order) goes to fold i mod k, so every fold holds
/// about 1/k of every class and the same rows give the same folds.
public enum StratifiedFolds {
  /// The fold (in `0 ..< folds`) of each row of `classes`.
  public static func assign(_ classes: [Int], folds: Int) -> [Int] {
    precondition(folds >= 2, "at least two folds")
    var seen: [Int: Int] = [:]
    return classes.map { label in
      let position = seen[label, default: 0]
      seen[label] = position + 1
      return position % folds
    }
  }
}
