/// Levenshtein distance and nearest-name lookup for "did you mean" suggestions.
enum EditDistance {
  /// The number of single-character insertions, deletions and substitutions
  /// that turn `a` into `b`.
  static func between(_ a: String, _ b: String) -> Int {
    let left = Array(a.unicodeScalars)
    let right = Array(b.unicodeScalars)
    if left.isEmpty { return right.count }
    if right.isEmpty { return left.count }
    var previous = Array(0...right.count)
    var current = [Int](repeating: 0, count: right.count + 1)
    for i in 1...left.count {
      current[0] = i
      for j in 1...right.count {
        let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
        current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
      }
      swap(&previous, &current)
    }
    return previous[right.count]
  }

  /// The candidate nearest to `word` if it is at most `maximum` edits away;
  /// ties go to the earlier candidate.
  static func nearest(to word: String, in candidates: [String], maximum: Int = 2) -> String? {
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = between(word, candidate)
      if distance <= maximum && distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }
}
