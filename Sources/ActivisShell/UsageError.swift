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

  /// An option nobody knows, with the nearest known spelling if one is close.
  static func unknownOption(_ option: String, suggestion: String?) -> UsageError {
    if let suggestion {
      return UsageError("unknown option '\(option)'; did you mean '\(suggestion)'?")
    }
    return UsageError("unknown option '\(option)'")
  }

  /// An option that takes a value was last on the command line.
  static func missingValue(_ option: String) -> UsageError {
    if option == "--format" {
      return UsageError("missing value for '--format'; expected csv, tsv, json or table")
    }
    return UsageError("missing value for '\(option)'")
  }

  /// `--format` with something other than csv, tsv, json or table.
  static func invalidFormat(_ value: String) -> UsageError {
    UsageError("invalid format '\(value)'; expected csv, tsv, json or table")
  }

  /// A second positional argument.
  static func unexpectedArgument(_ argument: String) -> UsageError {
    UsageError("unexpected argument '\(argument)'; only one bundle can be opened")
  }

  /// An option such as `--help=yes` that takes no value.
  static func unexpectedValue(_ option: String) -> UsageError {
    UsageError("option '\(option)' takes no value")
  }
}
