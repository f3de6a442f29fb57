/// The plain text every match of an anchored pattern starts with: a match of
/// `^How (many|much)` begins "How ", so a text that does not begin so cannot
/// match and ICU need not run on it (most patterns on questions are anchored).
enum RegularExpressionPrefix {
  /// Characters that mean something in a pattern.
  private static let special: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}",
                                                "#"]
  /// Characters that make the one before them optional or repeated.
  private static let quantifiers: Set<Character> = ["?", "*", "+", "{"]

  /// The UTF-8 bytes a text must start with to match `pattern` (searched
  /// with no options: case-sensitive, `^` only at the start of the text);
  /// empty when the pattern is not `^` followed by plain ASCII characters, or
  /// has an alternative at its top level (`^a|b` matches "xb").
  static func required(by pattern: String) -> [UInt8] {
    let characters = Array(pattern)
    guard characters.first == "^", !hasTopLevelAlternative(characters) else { return [] }
    var prefix: [UInt8] = []
    var index = 1
    while index < characters.count, let ascii = characters[index].asciiValue, ascii >= 0x20, ascii < 0x7F,
          !special.contains(characters[index]) {
      if index + 1 < characters.count, quantifiers.contains(characters[index + 1]) { break }
      prefix.append(ascii)
      index += 1
    }
    return prefix
  }

  /// Whether a `|` stands outside every group and character class.
  private static func hasTopLevelAlternative(_ characters: [Character]) -> Bool {
    var depth = 0
    var escaped = false, inClass = false
    for character in characters {
      if escaped {
        escaped = false
        continue
      }
      switch character {
      case "\\": escaped = true
      case "[": inClass = true
      case "]": inClass = false
      case "(" where !inClass: depth += 1
      case ")" where !inClass: depth -= 1
      case "|" where !inClass && depth <= 0: return true
      default: break
      }
    }
    return false
  }
}
