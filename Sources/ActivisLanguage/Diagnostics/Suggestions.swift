/// "Did you mean …?": the nearest name to a misspelt one.
package enum Suggestions {
  /// The candidate nearest to `word` by edit distance (insertions, deletions,
  /// substitutions and swaps of neighbours, ignoring case), or `nil` when none
  /// is close enough. The cut-off grows with the word: 1 edit up to 4
  /// characters, 2 up to 8, 3 beyond. Ties go to the earlier candidate.
  ///
  /// ```swift
  /// Suggestions.nearest(to: "matirx", among: ["matrix", "members"])  // "matrix"
  /// ```
  package static func nearest<S: Sequence>(to word: String, among candidates: S) -> String?
  where S.Element == String {
    let target = Array(word.lowercased())
    guard !target.isEmpty else { return nil }
    let cutoff = target.count <= 4 ? 1 : (target.count <= 8 ? 2 : 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != word {
      let distance = editDistance(target, Array(candidate.lowercased()))
      if distance <= cutoff, distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// The optimal-string-alignment distance between `a` and `b`.
  ///
  /// - Complexity: O(`a.count` × `b.count`).
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, before[j - 2] + 1)
        }
        current[j] = value
      }
      (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
  }

  /// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
  static func quotedList(_ words: [String]) -> String {
    let quoted = words.map { "'\($0)'" }
    guard let last = quoted.last, quoted.count > 1 else { return quoted.first ?? "" }
    return quoted.dropLast().joined(separator: ", ") + " or " + last
  }
}
