/// A mistake on the command line: an unknown option, a missing or invalid value.
///
/// `activis` prints it as `activis: error: <message>` and exits with status 2.
package struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong, lowercase, user text in single quotes, at most one suggestion.
  package var message: String

  /// Creates an error with `message`.
  package init(_ message: String) {
    self.message = message
  }

  /// The line printed to standard error: `activis: error: <message>`.
  package var description: String { "activis: error: \(message)" }
}
