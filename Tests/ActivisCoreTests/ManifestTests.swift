import ActivisCore
import ActivisTestSupport
import Foundation
import Testing

/// A valid two-instance bundle with one 2 × 3 layer, whose manifest the test
/// then replaces.
private func twoInstanceBundle() throws -> TestBundle {
  try TestBundle.make(labels: ["a", "b"], layers: [TestLayer(name: "fc", rows: [[1, 2, 3], [4, 5, 6]])])
}

/// The refusal opening `bundle` gives; its file is checked and returned
/// relative to the bundle.
private func refusal(_ bundle: TestBundle, path: String? = nil) -> BundleError? {
  let error = #expect(throws: BundleError.self) { try ActivationBundle.open(path ?? bundle.path) }
  guard var error else { return nil }
  #expect(error.file.hasPrefix(bundle.path + "/"), "names a file of the bundle: \(error.file)")
  error.file = String(error.file.dropFirst(bundle.path.count + 1))
  return error
}

private let fcLayer = #"[{"name": "fc", "file": "activations/fc.npy"}]"#

@Suite struct ManifestTests {
  @Test func openByManifestPath() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    let opened = try ActivationBundle.open(bundle.path("activis.json"))
    #expect(opened.path == bundle.path)
    #expect(opened.instances.count == 2)
    let slashed = try ActivationBundle.open(bundle.path + "/")
    #expect(slashed.path == bundle.path)
  }

  @Test func nameDefaultsToTheDirectory() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(json: #"{"format": "activis-bundle", "version": "1.4", "layers": \#(fcLayer)}"#)
    let opened = try ActivationBundle.open(bundle.path)
    #expect(opened.name == URL(fileURLWithPath: bundle.path).lastPathComponent)
    #expect(opened.description == nil)
  }

  @Test func missingManifest() throws {
    let bundle = try TestBundle()
    defer { bundle.remove() }
    let error = refusal(bundle)
    #expect(error?.code == .fileNotFound)
    #expect(error?.description
      == "activis.json: error: no manifest: a bundle directory holds an 'activis.json' file")
  }

  @Test func missingBundleDirectory() {
    let error = #expect(throws: BundleError.self) { try ActivationBundle.open("/nonexistent/trec") }
    #expect(error?.code == .fileNotFound)
    #expect(error?.description == "/nonexistent/trec: error: no such bundle directory or manifest")
  }

  @Test func malformedJSONSaysWhere() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(json: "{\n  \"format\": \"activis-bundle\",\n  \"version\": 1\n  \"layers\": []\n}")
    let error = refusal(bundle)
    #expect(error?.code == .malformedManifest)
    #expect(error?.description
      == "activis.json:4:3: error: malformed JSON: expected ',' or '}' in an object, found '\"'")
  }

  @Test(arguments: [
    (#"{"version": 1, "layers": []}"#, "'format' is missing"),
    (#"{"format": "npz", "version": 1, "layers": []}"#, "'format' is 'npz', expected 'activis-bundle'"),
    (#"{"format": "activis-bundle", "layers": []}"#, "'version' is missing (expected 1)"),
    (#"{"format": "activis-bundle", "version": 1.5, "layers": []}"#, "'version' must be an integer"),
    (#"{"format": "activis-bundle", "version": 1}"#, "'layers' is missing"),
    (#"{"format": "activis-bundle", "version": 1, "layers": [{"file": "x.npy"}]}"#,
     "'layers[0].name' is missing"),
    (#"{"format": "activis-bundle", "version": 1, "layers": [{"name": "fc"}]}"#,
     "'layers[0]' (layer 'fc') has neither 'file' nor 'files'"),
    (#"{"format": "activis-bundle", "version": 1, "layers": [{"name": "fc", "file": "a", "files": ["b"]}]}"#,
     "has both 'file' and 'files'"),
    (#"{"format": "activis-bundle", "version": 1, "classes": ["a", "a"], "layers": []}"#,
     "'classes' lists 'a' twice"),
    (#"{"format": "activis-bundle", "version": 1, "name": 3, "layers": []}"#,
     "'name' must be a string, not a number"),
    (#"[1, 2]"#, "expected a JSON object at the top, found an array"),
    (#"{"format": "activis-bundle", "format": "x"}"#, "duplicate key 'format'"),
  ])
  func malformedManifest(json: String, fragment: String) throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(json: json)
    let error = refusal(bundle)
    #expect(error?.code == .malformedManifest)
    #expect(error?.file == "activis.json")
    #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error")")
  }

  @Test func newerMajorVersion() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(json: #"{"format": "activis-bundle", "version": 2, "layers": []}"#)
    let error = refusal(bundle)
    #expect(error?.code == .unsupportedVersion)
    #expect(error?.description == "activis.json: error: bundle format version 2 is newer than this "
      + "activis reads (version 1); update activis to open it")
  }

  @Test func duplicateLayerNames() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(TestManifest(layers: [.init(name: "fc"), .init(name: "fc")]))
    let error = refusal(bundle)
    #expect(error?.code == .duplicateName)
    #expect(error?.message == "'layers[1].name' repeats the layer name 'fc' of 'layers[0]'")
  }

  @Test func neuronNamesMustMatchTheColumns() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(TestManifest(layers: [.init(name: "fc", neurons: ["x", "y"])]))
    let error = refusal(bundle)
    #expect(error?.code == .shapeMismatch)
    #expect(error?.message == "'layers[0].neurons' names 2 neurons but layer 'fc' has 3")
    try bundle.writeManifest(TestManifest(layers: [.init(name: "fc", neurons: ["x", "y", "z"])]))
    #expect(try ActivationBundle.open(bundle.path).layers[0].neuronNames == ["x", "y", "z"])
  }

  @Test func rowsMustAddUpToTheInstances() throws {
    let bundle = try TestBundle.make(
      labels: ["a", "b", "a"],
      layers: [TestLayer(name: "fc", rows: [[1], [2], [3]])])
    defer { bundle.remove() }
    try bundle.writeNpy("activations/fc.npy", values: [1, 2] as [Float], shape: [2, 1])
    let error = refusal(bundle)
    #expect(error?.code == .shapeMismatch)
    #expect(error?.file == "activations/fc.npy")
    #expect(error?.message.hasPrefix("layer 'fc' has 2 rows but '") == true)
    #expect(error?.message.hasSuffix("/instances.csv' has 3 instances") == true)
  }

  @Test func shardedRowsMustAddUpToTheInstances() throws {
    let bundle = try TestBundle.make(
      labels: ["a", "b", "a"], layers: [TestLayer(name: "fc", rows: [[1], [2], [3]], shards: 2)])
    defer { bundle.remove() }
    let opened = try ActivationBundle.open(bundle.path)
    #expect(opened.layers[0].matrix.rowCount == 3)
    #expect(opened.layers[0].matrix.shards.count == 2)
    try bundle.writeNpy("activations/fc.001.npy", values: [2] as [Float], shape: [1, 1])
    let error = refusal(bundle)
    #expect(error?.code == .shapeMismatch)
    #expect(error?.file == "activis.json")
    #expect(error?.message.contains("has 2 rows (1 in '") == true, "\(error?.message ?? "")")
  }

  @Test func absolutePath() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(TestManifest(layers: [.init(name: "fc", files: ["/etc/passwd"])]))
    let error = refusal(bundle)
    #expect(error?.code == .pathOutsideBundle)
    #expect(error?.description == "activis.json: error: 'layers[0].file' is the absolute path "
      + "'/etc/passwd'; paths must be relative to the bundle directory")
  }

  @Test func dotDotEscape() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(TestManifest(
      instances: "data/../../x.csv", layers: [.init(name: "fc")]))
    let error = refusal(bundle)
    #expect(error?.code == .pathOutsideBundle)
    #expect(error?.message == "'instances' 'data/../../x.csv' leads outside the bundle directory")
  }

  @Test func symbolicLinkEscape() throws {
    let bundle = try twoInstanceBundle()
    let outside = try TestBundle()
    defer { bundle.remove(); outside.remove() }
    try outside.writeNpy("fc.npy", values: [1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    try FileManager.default.createSymbolicLink(
      atPath: bundle.path("activations/link.npy"), withDestinationPath: outside.path("fc.npy"))
    try bundle.writeManifest(TestManifest(layers: [.init(name: "fc", files: ["activations/link.npy"])]))
    let error = refusal(bundle)
    #expect(error?.code == .pathOutsideBundle)
    #expect(error?.message.hasPrefix("'layers[0].file' 'activations/link.npy' leads outside the "
      + "bundle directory (through a symbolic link") == true)
  }

  @Test func symbolicLinkInsideIsFine() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try FileManager.default.createSymbolicLink(
      atPath: bundle.path("alias.npy"), withDestinationPath: "activations/fc.npy")
    try bundle.writeManifest(TestManifest(layers: [.init(name: "fc", files: ["./alias.npy"])]))
    #expect(try ActivationBundle.open(bundle.path).layers[0].matrix.row(1) == [4, 5, 6])
  }

  @Test func missingLayerFile() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(TestManifest(layers: [.init(name: "fc", files: ["activations/a.npy", "activations/b.npy"])]))
    let error = refusal(bundle)
    #expect(error?.code == .fileNotFound)
    #expect(error?.description
      == "activations/a.npy: error: no such file (named by 'layers[0].files[0]' in the manifest)")
  }

  @Test func layerNodeMustBeInTheGraph() throws {
    let graph = #"{"nodes": [{"id": "x", "kind": "data"}]}"#
    let bundle = try TestBundle.make(
      labels: ["a"], layers: [TestLayer(name: "fc", rows: [[1]], node: "fc_out")], graph: graph)
    defer { bundle.remove() }
    let error = refusal(bundle)
    #expect(error?.code == .unknownGraphNode)
    #expect(error?.message == "'layers[0].node' is 'fc_out', which is not a node of the graph")
  }

  @Test func unsupportedDtypeNamesTheLayerFile() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    try bundle.writeNpy("activations/fc.npy",
                        headerDictionary: "{'descr': '<c8', 'fortran_order': False, 'shape': (2, 3), }",
                        payload: [UInt8](repeating: 0, count: 24))
    let error = refusal(bundle)
    #expect(error?.code == .unsupportedDtype)
    #expect(error?.file == "activations/fc.npy")
    #expect(error?.message == "unsupported dtype '<c8' (complex numbers): activis reads float, integer and bool arrays")
  }

  @Test func truncatedLayerFile() throws {
    let bundle = try twoInstanceBundle()
    defer { bundle.remove() }
    let bytes = NpyEncoder.file(values: [1, 2, 3, 4, 5, 6], shape: [2, 3])
    try bundle.writeBytes("activations/fc.npy", Array(bytes.dropLast(4)))
    let error = refusal(bundle)
    #expect(error?.code == .truncatedNpy)
    #expect(error?.file == "activations/fc.npy")
  }
}
