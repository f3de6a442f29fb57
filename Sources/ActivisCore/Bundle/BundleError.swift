/// A bundle, or one of its files, that cannot be read as it is.
///
/// Every refusal names the file (as the user would type it, relative to the
/// working directory or absolute) and, where it applies, the line and column
/// of the fault, so that the shell can print `file:line:column: error: …`.
public struct BundleError: Error, Equatable, CustomStringConvertible, Sendable {
  /// What kind of fault this is; tests match on it, users read `message`.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    let name: String
    /// The code's name, e.g. `malformedCSV`.
    public var description: String { name }

    /// A bundle, manifest or listed file does not exist.
    public static let fileNotFound = Code(name: "fileNotFound")
    /// A file exists but cannot be opened, mapped or is not a regular file.
    public static let unreadable = Code(name: "unreadable")
    /// `activis.json` is not valid JSON or a field is missing or wrong.
    public static let malformedManifest = Code(name: "malformedManifest")
    /// The manifest's major version is newer than this reader.
    public static let unsupportedVersion = Code(name: "unsupportedVersion")
    /// A manifest path is absolute or leads out of the bundle.
    public static let pathOutsideBundle = Code(name: "pathOutsideBundle")
    /// `instances.csv` is not well-formed CSV (ragged row, open quote, …).
    public static let malformedCSV = Code(name: "malformedCSV")
    /// A CSV value is wrong: a missing, bad or repeated id, a non-number score.
    public static let invalidInstances = Code(name: "invalidInstances")
    /// A label, prediction or score class is not one of the classes.
    public static let unknownClass = Code(name: "unknownClass")
    /// A `.npy` file's magic, version or header dict is wrong.
    public static let malformedNpy = Code(name: "malformedNpy")
    /// A `.npy` dtype that is not a number: complex, object, string, void or
    /// structured, datetime.
    public static let unsupportedDtype = Code(name: "unsupportedDtype")
    /// A `.npy` file is shorter than its header or data.
    public static let truncatedNpy = Code(name: "truncatedNpy")
    /// Shards, rows or neuron names that do not agree.
    public static let shapeMismatch = Code(name: "shapeMismatch")
    /// Two layers share a name.
    public static let duplicateName = Code(name: "duplicateName")
    /// `graph.json` is not valid JSON or a node is malformed.
    public static let malformedGraph = Code(name: "malformedGraph")
    /// The graph has a cycle.
    public static let graphCycle = Code(name: "graphCycle")
    /// An edge or a layer names a node the graph does not have.
    public static let unknownGraphNode = Code(name: "unknownGraphNode")
    /// A list of instance ids (`subset … from <file>`) holds something that is not an id.
    public static let malformedIDList = Code(name: "malformedIDList")
  }

  /// What kind of fault this is.
  public var code: Code
  /// The file at fault, as shown to the user.
  public var file: String
  /// 1-based line of the fault, when the file is text.
  public var line: Int?
  /// 1-based column (in characters) of the fault, when known.
  public var column: Int?
  /// What is wrong, lowercase, with user text in single quotes.
  public var message: String

  /// A refusal of `file` (at `line` and `column`, when given).
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
  /// The file concerned, as shown to the user.
  public var file: String
  /// What is worth telling, lowercase.
  public var message: String
  /// A warning about `file`.
  public init(file: String, _ message: String) {
    self.file = file
    self.message = message
  }
  /// `file: warning: message`
  public var description: String { "\(file): warning: \(message)" }
}
