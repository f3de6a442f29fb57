import Glibc

/// A script named by `-f` could not be opened or read.
package struct ScriptOpenError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path as the user wrote it.
  package var path: String
  /// The system's reason, from `strerror`: `No such file or directory`.
  package var reason: String

  /// Creates an error for `path` with the system's text for `errorNumber`.
  package init(path: String, errorNumber: Int32) {
    self.path = path
    self.reason = String(cString: strerror(errorNumber))
  }

  /// `cannot open 'x.avq': No such file or directory`.
  package var message: String { "cannot open '\(path)': \(reason)" }

  /// `activis: error: cannot open 'x.avq': No such file or directory`.
  package var description: String { "activis: error: \(message)" }
}
