/// A source of input lines: the line editor, a script, a pipe or `-c` text.
///
/// The input loop asks for one line at a time and numbers them itself, so a
/// reader must return every line, including empty ones and comments.
package protocol LineReader: AnyObject {
  /// The next line without its terminator (`\n` or `\r\n`), or `nil` at the
  /// end of input. `prompt` is shown only by readers that talk to a person.
  func readLine(prompt: String) -> String?
}
