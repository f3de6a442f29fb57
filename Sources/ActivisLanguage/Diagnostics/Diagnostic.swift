/// A problem found in the user's input, with where it is.
///
/// The lexer, parser and evaluator never print and never throw on user
/// mistakes: they return diagnostics, and `DiagnosticFormatter` prints them.
public struct Diagnostic: Error, Equatable, Sendable {
  public enum Severity: String, Sendable {
    case error
    case warning
    case note
  }

  public var severity: Severity
  /// Lowercase, user text in single quotes, at most one suggestion.
  public var message: String
  /// Where in the line; `nil` when the fault is not in the line (a file).
  public var range: SourceRange?

  public init(_ severity: Severity = .error, _ message: String, at range: SourceRange?) {
    self.severity = severity
    self.message = message
    self.range = range
  }

  public static func error(_ message: String, at range: SourceRange?) -> Diagnostic {
    Diagnostic(.error, message, at: range)
  }
}
