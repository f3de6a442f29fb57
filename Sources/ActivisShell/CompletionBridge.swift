/// Translates between the engine's completions (UTF-8 offsets, whole
/// replacement words) and libedit's (`start`/`end` in characters, a word
/// found with its own break characters, replaced by `matches[0]`).
enum CompletionBridge {
  /// What to hand to libedit.
  struct Plan: Equatable {
    /// `[common prefix, candidate…]`, each replacing libedit's word; empty
    /// when there is nothing to offer.
    var matches: [String]
    /// Whether libedit should add a space after a single match (not after a
    /// directory, which the user will continue).
    var appendsSpace: Bool
  }

  /// The plan for `line` when libedit's word runs from character `wordStart`
  /// to the cursor at character `cursor`, given the engine's `completions`.
  ///
  /// Candidates are rebased onto libedit's word start: if the engine's word
  /// starts earlier, the text in between must begin each candidate and is
  /// removed (candidates that do not begin with it are dropped); if it
  /// starts later, the text in between is put in front.
  static func plan(line: String, wordStart: Int, cursor: Int,
                   completions: Completions) -> Plan {
    let bytes = Array(line.utf8)
    let libeditStart = utf8Offset(in: line, characters: wordStart)
    let engineStart = min(max(completions.wordStart, 0), bytes.count)
    var candidates: [String] = []
    for candidate in completions.candidates {
      if engineStart < libeditStart {
        let gap = bytes[engineStart..<libeditStart]
        let utf8 = Array(candidate.utf8)
        guard utf8.starts(with: gap) else { continue }
        candidates.append(String(decoding: utf8.dropFirst(gap.count), as: UTF8.self))
      } else {
        let gap = String(decoding: bytes[libeditStart..<engineStart], as: UTF8.self)
        candidates.append(gap + candidate)
      }
    }
    var seen = Set<String>()
    candidates = candidates.filter { seen.insert($0).inserted }
    guard !candidates.isEmpty else { return Plan(matches: [], appendsSpace: false) }
    let appendsSpace = candidates.count == 1 && !(candidates[0].hasSuffix("/"))
    return Plan(matches: [commonPrefix(candidates)] + candidates, appendsSpace: appendsSpace)
  }

  /// The UTF-8 offset of the character (Unicode scalar) at `characters`.
  static func utf8Offset(in line: String, characters: Int) -> Int {
    line.unicodeScalars.prefix(max(0, characters)).reduce(0) { $0 + UTF8.width($1) }
  }

  /// The longest common prefix of `strings`, never splitting a character.
  static func commonPrefix(_ strings: [String]) -> String {
    guard var prefix = strings.first.map({ Array($0.unicodeScalars) }) else { return "" }
    for string in strings.dropFirst() {
      let scalars = Array(string.unicodeScalars)
      var length = 0
      while length < min(prefix.count, scalars.count) && prefix[length] == scalars[length] {
        length += 1
      }
      prefix.removeSubrange(length...)
    }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: prefix)
    return String(result)
  }
}
