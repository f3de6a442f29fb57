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

extension Diagnostic {
  /// "unknown layer 'conact'; did you mean 'concat'?", or the known names
  /// when none is near.
  static func unknownName(_ kind: String, _ name: String, among candidates: [String], at range: SourceRange)
    -> Diagnostic
  {
    if let suggestion = Suggestions.nearest(to: name, among: candidates) {
      return .error("unknown \(kind) '\(name)'; did you mean '\(suggestion)'?", at: range)
    }
    if candidates.isEmpty { return .error("unknown \(kind) '\(name)'", at: range) }
    let shown = candidates.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
    let more = candidates.count > 8 ? ", …" : ""
    return .error("unknown \(kind) '\(name)' (known: \(shown)\(more))", at: range)
  }
}
