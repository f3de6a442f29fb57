/// Makes a coloured prompt safe for libedit, which must not count escape
/// sequences as characters on the screen.
enum PromptMarkup {
  /// libedit's markers around text that takes no room (readline's
  /// `RL_PROMPT_START_IGNORE` and `RL_PROMPT_END_IGNORE`).
  static let startIgnore: Unicode.Scalar = "\u{01}"
  static let endIgnore: Unicode.Scalar = "\u{02}"

  /// `prompt` with every ANSI escape sequence (`ESC [ … final`) wrapped in
  /// the ignore markers; unchanged if it already uses them.
  static func forLineEditor(_ prompt: String) -> String {
    let scalars = Array(prompt.unicodeScalars)
    guard scalars.contains("\u{1B}"), !scalars.contains(startIgnore) else { return prompt }
    var result = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      guard scalars[index] == "\u{1B}" else {
        result.append(scalars[index])
        index += 1
        continue
      }
      var end = index + 1
      if end < scalars.count && scalars[end] == "[" {
        end += 1
        while end < scalars.count && !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
      }
      end = min(end + 1, scalars.count)
      result.append(startIgnore)
      result.append(contentsOf: scalars[index..<end])
      result.append(endIgnore)
      index = end
    }
    return String(result)
  }
}
