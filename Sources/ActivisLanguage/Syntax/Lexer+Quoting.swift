extension Lexer {
  /// `text` as a double-quoted string literal that the lexer reads back as
  /// `text`: `"` and `\` escaped with a backslash.
  package static func quoted(_ text: String) -> String {
    var result = "\""
    for character in text {
      if character == "\"" || character == "\\" { result.append("\\") }
      result.append(character)
    }
    return result + "\""
  }
}
