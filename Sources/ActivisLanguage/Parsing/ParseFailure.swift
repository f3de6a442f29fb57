/// The first error in a command; the parser throws it to abandon the command.
struct ParseFailure: Error {
  var diagnostic: Diagnostic

  init(_ message: String, at range: SourceRange) {
    diagnostic = .error(message, at: range)
  }
}
