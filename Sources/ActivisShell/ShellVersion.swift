/// The version `activis --version` prints and the banner shows.
package enum ShellVersion {
  /// The release number.
  package static let number = "0.1.0"

  /// `activis 0.1.0`.
  package static var line: String { "activis \(number)" }
}
