/// A structured `activis.json` for tests, with the defaults of a valid
/// version-1 bundle; `json` renders it.
public struct TestManifest: Sendable {
  /// One entry of `layers[]`.
  public struct Layer: Sendable {
    /// `name`.
    public var name: String
    /// `node`, written when not nil.
    public var node: String?
    /// The shard paths: one is written as `file`, several (or none) as `files`.
    public var files: [String]
    /// `neurons`, written when not nil.
    public var neurons: [String]?

    /// A layer entry; `files` defaults to `["activations/<name>.npy"]`.
    public init(name: String, node: String? = nil, files: [String]? = nil, neurons: [String]? = nil) {
      self.name = name
      self.node = node
      self.files = files ?? ["activations/\(name).npy"]
      self.neurons = neurons
    }
  }

  /// `format`; `nil` leaves it out.
  public var format: String? = "activis-bundle"
  /// `version`, written as a JSON number; `nil` leaves it out.
  public var version: Int? = 1
  /// `name`, written when not nil.
  public var name: String? = "test"
  /// `description`, written when not nil.
  public var description: String?
  /// `classes`, written when not nil.
  public var classes: [String]?
  /// `instances`, written when not nil (the reader's default is `instances.csv`).
  public var instances: String?
  /// `graph`, written when not nil.
  public var graph: String?
  /// `layers`.
  public var layers: [Layer] = []

  /// A manifest with the given fields and the defaults for the others.
  public init(
    name: String? = "test", description: String? = nil, classes: [String]? = nil,
    instances: String? = nil, graph: String? = nil, layers: [Layer] = []
  ) {
    self.name = name
    self.description = description
    self.classes = classes
    self.instances = instances
    self.graph = graph
    self.layers = layers
  }

  /// The manifest as pretty JSON text.
  public var json: String {
    var fields: [String] = []
    if let format { fields.append("\"format\": \(Self.quote(format))") }
    if let version { fields.append("\"version\": \(version)") }
    if let name { fields.append("\"name\": \(Self.quote(name))") }
    if let description { fields.append("\"description\": \(Self.quote(description))") }
    if let classes { fields.append("\"classes\": \(Self.list(classes))") }
    if let instances { fields.append("\"instances\": \(Self.quote(instances))") }
    if let graph { fields.append("\"graph\": \(Self.quote(graph))") }
    let layerTexts = layers.map { layer -> String in
      var parts = ["\"name\": \(Self.quote(layer.name))"]
      if let node = layer.node { parts.append("\"node\": \(Self.quote(node))") }
      if layer.files.count == 1 {
        parts.append("\"file\": \(Self.quote(layer.files[0]))")
      } else {
        parts.append("\"files\": \(Self.list(layer.files))")
      }
      if let neurons = layer.neurons { parts.append("\"neurons\": \(Self.list(neurons))") }
      return "    { " + parts.joined(separator: ", ") + " }"
    }
    fields.append("\"layers\": [\n" + layerTexts.joined(separator: ",\n") + "\n  ]")
    return "{\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
  }

  /// A JSON string literal for `text`.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  private static func list(_ items: [String]) -> String {
    "[" + items.map(quote).joined(separator: ", ") + "]"
  }
}
