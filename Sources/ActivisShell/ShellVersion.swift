/// The version `activis --version` prints and the banner shows.
public enum ShellVersion {
  /// The release number.
  public static let number = "0.1.0"

  /// `activis 0.1.0`.
  public static var line: String { "activis \(number)" }
}
