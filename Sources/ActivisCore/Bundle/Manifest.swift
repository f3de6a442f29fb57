/// The contents of `activis.json`, checked field by field.
struct Manifest {
  /// One entry of `layers[]`.
  struct LayerEntry {
    var name: String
    var node: String?
    /// Bundle-relative paths of the shards, in order.
    var files: [String]
    var neurons: [String]?
    /// `layers[i]`, for messages.
    var fieldPath: String
  }

  /// `aggregates` (format 1.1): exact statistics over a larger data set.
  struct AggregatesEntry {
    struct Group {
      var name: String
      var kind: BundleAggregates.Kind
      var count: Int
      var condition: String?
      /// Ids of the subset's members in the sample.
      var sample: [Int64]
    }
    var rows: Int
    var groups: [Group]
    /// Layer name and bundle-relative `.npy` path, in order.
    var layers: [(name: String, file: String, fieldPath: String)]
  }

  /// The major format version this reader understands.
  static let supportedMajorVersion = 1

  var majorVersion: Int
  var name: String?
  var description: String?
  var classes: [String]?
  var instances: String
  var graph: String?
  var layers: [LayerEntry]
  var aggregates: AggregatesEntry?

  /// Reads the manifest from its bytes.
  init(bytes: UnsafeRawBufferPointer, file: String) throws {
    let json = try JSONReader.parse(bytes, file: file, code: .malformedManifest)
    let top = ManifestFields(value: json, path: "", file: file, code: .malformedManifest)
    guard case .object = json else {
      throw top.fail("expected a JSON object at the top, found \(json.kindDescription)")
    }
    guard let format = try top.string("format") else {
      throw top.fail("'format' is missing (expected \"activis-bundle\"); is this an activis bundle?")
    }
    guard format == "activis-bundle" else {
      throw top.fail("'format' is '\(format)', expected 'activis-bundle'")
    }
    majorVersion = try Self.majorVersion(top)
    guard majorVersion <= Self.supportedMajorVersion else {
      throw BundleError(.unsupportedVersion, file: file,
                        "bundle format version \(majorVersion) is newer than this activis reads "
                        + "(version \(Self.supportedMajorVersion)); update activis to open it")
    }
    name = try top.string("name")
    description = try top.string("description")
    classes = try top.strings("classes")
    if let classes {
      var seen = Set<String>()
      for name in classes {
        guard !name.isEmpty else { throw top.fail("'classes' holds an empty class name") }
        guard seen.insert(name).inserted else { throw top.fail("'classes' lists '\(name)' twice") }
      }
    }
    instances = try top.string("instances") ?? "instances.csv"
    graph = try top.string("graph")
    guard let layerValues = try top.array("layers") else {
      throw top.fail("'layers' is missing (a list of the recorded layers)")
    }
    var layers: [LayerEntry] = []
    var names: [String: String] = [:]
    for (index, value) in layerValues.enumerated() {
      let fields = try top.element(value, of: "layers", at: index)
      let layer = try Self.layer(fields)
      if let previous = names[layer.name] {
        throw BundleError(.duplicateName, file: file,
                          "'\(layer.fieldPath).name' repeats the layer name '\(layer.name)' of '\(previous)'")
      }
      names[layer.name] = layer.fieldPath
      layers.append(layer)
    }
    self.layers = layers
    aggregates = top.member("aggregates") == nil ? nil : try Self.aggregates(top, layerNames: names)
  }

  private static func aggregates(_ top: ManifestFields, layerNames: [String: String]) throws -> AggregatesEntry {
    guard let value = top.member("aggregates"), case .object = value else {
      throw top.fail("'aggregates' must be an object")
    }
    let fields = ManifestFields(value: value, path: "aggregates", file: top.file, code: top.code)
    let rows = try fields.requiredCount("rows")
    guard let groupValues = try fields.array("groups") else { throw fields.fail("'aggregates.groups' is missing") }
    var groups: [AggregatesEntry.Group] = []
    for (index, value) in groupValues.enumerated() {
      let group = try fields.element(value, of: "groups", at: index)
      let kindName = try group.requiredString("kind")
      guard let kind = BundleAggregates.Kind(rawValue: kindName) else {
        throw group.fail("\(group.fieldPath("kind")) is '\(kindName)', expected 'class', 'subset' or 'all'")
      }
      let sample = try group.array("sample") ?? []
      let ids = try sample.enumerated().map { position, element -> Int64 in
        guard case .number(let number) = element, number >= 0, number < 9.2e18, number.rounded(.down) == number
        else { throw group.fail("\(group.fieldPath("sample"))[\(position)] must be an instance id") }
        return Int64(number)
      }
      groups.append(.init(name: try group.requiredString("name"), kind: kind, count: try group.requiredCount("count"),
                          condition: try group.string("condition"), sample: ids))
    }
    guard let layerValues = try fields.array("layers") else { throw fields.fail("'aggregates.layers' is missing") }
    var layers: [(name: String, file: String, fieldPath: String)] = []
    for (index, value) in layerValues.enumerated() {
      let layer = try fields.element(value, of: "layers", at: index)
      let name = try layer.requiredString("name")
      guard layerNames[name] != nil else {
        throw layer.fail("\(layer.fieldPath("name")) is '\(name)', which is not one of the bundle's layers")
      }
      layers.append((name, try layer.requiredString("file"), layer.path))
    }
    return AggregatesEntry(rows: rows, groups: groups, layers: layers)
  }

  private static func majorVersion(_ top: ManifestFields) throws -> Int {
    guard let value = top.member("version") else {
      throw top.fail("'version' is missing (expected 1)")
    }
    switch value {
    case .number(let number) where number >= 0 && number < 1e9 && number.rounded(.down) == number:
      return Int(number)
    case .string(let text):
      let major = text.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init)
      if let major, let number = Int(major), number >= 0,
         text.split(separator: ".", omittingEmptySubsequences: false).dropFirst().allSatisfy({ Int($0) != nil }) {
        return number
      }
      throw top.fail("'version' is '\(text)', expected an integer such as 1")
    default:
      throw top.fail("'version' must be an integer such as 1, not \(value.kindDescription)")
    }
  }

  private static func layer(_ fields: ManifestFields) throws -> LayerEntry {
    let name = try fields.requiredString("name")
    guard !name.isEmpty else { throw fields.fail("\(fields.fieldPath("name")) is empty") }
    let file = try fields.string("file")
    let files = try fields.strings("files")
    let paths: [String]
    switch (file, files) {
    case (let file?, nil): paths = [file]
    case (nil, let files?):
      guard !files.isEmpty else { throw fields.fail("\(fields.fieldPath("files")) is empty") }
      paths = files
    case (nil, nil):
      throw fields.fail("'\(fields.path)' (layer '\(name)') has neither 'file' nor 'files'")
    case (_?, _?):
      throw fields.fail("'\(fields.path)' (layer '\(name)') has both 'file' and 'files'; give one")
    }
    return LayerEntry(name: name, node: try fields.string("node"), files: paths,
                      neurons: try fields.strings("neurons"), fieldPath: fields.path)
  }
}
