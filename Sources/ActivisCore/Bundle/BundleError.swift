/// A bundle, or one of its files, that cannot be read as it is.
///
/// Every refusal names the file (as the user would type it, relative to the
/// working directory or absolute) and, where it applies, the line and column
/// of the fault, so that the shell can print `file:line:column: error: …`.
public struct BundleError: Error, Equatable, CustomStringConvertible, Sendable {
  /// What kind of fault this is; tests match on it, users read `message`.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    let name: String
    public var description: String { name }

    public static let fileNotFound = Code(name: "fileNotFound")
    public static let unreadable = Code(name: "unreadable")
    public static let malformedManifest = Code(name: "malformedManifest")
    public static let unsupportedVersion = Code(name: "unsupportedVersion")
    public static let pathOutsideBundle = Code(name: "pathOutsideBundle")
    public static let malformedCSV = Code(name: "malformedCSV")
    public static let invalidInstances = Code(name: "invalidInstances")
    public static let unknownClass = Code(name: "unknownClass")
    public static let malformedNpy = Code(name: "malformedNpy")
    public static let unsupportedDtype = Code(name: "unsupportedDtype")
    public static let truncatedNpy = Code(name: "truncatedNpy")
    public static let shapeMismatch = Code(name: "shapeMismatch")
    public static let duplicateName = Code(name: "duplicateName")
    public static let malformedGraph = Code(name: "malformedGraph")
    public static let graphCycle = Code(name: "graphCycle")
    public static let unknownGraphNode = Code(name: "unknownGraphNode")
  }

  public var code: Code
  /// The file at fault, as shown to the user.
  public var file: String
  /// 1-based line of the fault, when the file is text.
  public var line: Int?
  /// 1-based column (in characters) of the fault, when known.
  public var column: Int?
  /// What is wrong, lowercase, with user text in single quotes.
  public var message: String

  public init(_ code: Code, file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
    self.code = code
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file[:line[:column]]: error: message`
  public var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    return "\(location): error: \(message)"
  }
}

/// Something worth telling the user about a bundle that was read anyway
/// (replaced non-UTF-8 bytes, non-finite activations, …).
public struct BundleWarning: Equatable, Sendable, CustomStringConvertible {
  public var file: String
  public var message: String
  public init(file: String, _ message: String) {
    self.file = file
    self.message = message
  }
  public var description: String { "\(file): warning: \(message)" }
}
