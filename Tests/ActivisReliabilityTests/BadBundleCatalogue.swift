import ActivisCore
import ActivisTestSupport
import Foundation
import Testing

/// Bad bundles the Core tests do not already cover, refused through the
/// shell's `load`: one message naming the file and the fault, and the bundle
/// loaded before stays loaded (nothing half-loaded).
@Suite struct BadBundleCatalogue {
  /// One bad bundle: how to spoil a valid one, and what the message must say.
  struct Fault: CustomTestStringConvertible, Sendable {
    var name: String
    /// The file the message must name (bundle-relative).
    var file: String
    /// Words the message must contain.
    var says: [String]
    var spoil: @Sendable (TestBundle) throws -> Void
    var testDescription: String { name }
  }

  static let classes = ["A", "B"]

  /// A valid three-instance bundle with one layer `fc` (3 × 2).
  static func valid(name: String = "test") throws -> TestBundle {
    try TestBundle.make(
      name: name, classes: classes, labels: ["A", "B", "A"], predicted: ["A", "A", "B"],
      texts: ["one", "two", "three"],
      layers: [TestLayer(name: "fc", rows: [[1, 2], [3, 4], [5, 6]])])
  }

  /// What every refusal of a dtype says activis reads.
  static let readable = "activis reads float, integer and bool arrays"

  static let manifestHead = #"{"format": "activis-bundle", "version": 1, "#

  static let faults: [Fault] = [
    Fault(name: "empty manifest", file: "activis.json", says: ["JSON"]) {
      try $0.writeText("activis.json", "")
    },
    Fault(name: "truncated manifest", file: "activis.json", says: ["1:"]) {
      try $0.writeManifest(json: manifestHead + #""layers": [{"name": "fc", "fi"#)
    },
    Fault(name: "manifest is a directory", file: "activis.json", says: ["directory"]) { bundle in
      try FileManager.default.removeItem(atPath: bundle.path("activis.json"))
      try FileManager.default.createDirectory(atPath: bundle.path("activis.json"), withIntermediateDirectories: false)
    },
    Fault(name: "empty instances.csv", file: "instances.csv", says: ["empty"]) {
      try $0.writeText("instances.csv", "")
    },
    Fault(name: "instances.csv of a byte-order mark only", file: "instances.csv", says: ["empty"]) {
      try $0.writeBytes("instances.csv", [0xEF, 0xBB, 0xBF])
    },
    Fault(name: "instances.csv truncated inside a quoted field", file: "instances.csv", says: ["quote"]) {
      try $0.writeText("instances.csv", "id,text,label,predicted\n0,one,A,A\n1,\"tw")
    },
    Fault(name: "zero instances but a layer of 3 rows", file: "fc.npy", says: ["3 rows", "0 instances"]) {
      try $0.writeText("instances.csv", "id,text,label,predicted\n")
    },
    Fault(name: "zero-byte .npy", file: "fc.npy", says: ["NumPy"]) {
      try $0.writeBytes("activations/fc.npy", [])
    },
    Fault(name: ".npy cut inside its magic", file: "fc.npy", says: []) {
      try $0.writeBytes("activations/fc.npy", [0x93, 0x4E, 0x55])
    },
    Fault(name: "complex .npy", file: "fc.npy", says: ["'<c8'", "complex", Self.readable]) {
      try $0.writeNpy("activations/fc.npy", headerDictionary: "{'descr': '<c8', 'fortran_order': False, 'shape': (3, 2), }",
                      payload: [UInt8](repeating: 0, count: 48))
    },
    Fault(name: "object .npy", file: "fc.npy", says: ["'|O'", "objects", Self.readable]) {
      try $0.writeNpy("activations/fc.npy", headerDictionary: "{'descr': '|O', 'fortran_order': False, 'shape': (3, 2), }",
                      payload: [0x80, 0x04])
    },
    Fault(name: "string .npy", file: "fc.npy", says: ["'<U4'", "unicode strings", Self.readable]) {
      try $0.writeNpy("activations/fc.npy", headerDictionary: "{'descr': '<U4', 'fortran_order': False, 'shape': (3, 2), }",
                      payload: [UInt8](repeating: 0, count: 96))
    },
    Fault(name: "structured .npy", file: "fc.npy", says: ["structured", Self.readable]) {
      try $0.writeNpy("activations/fc.npy",
                      headerDictionary: "{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (3,), }",
                      payload: [UInt8](repeating: 0, count: 24))
    },
    Fault(name: "shards that add up to more rows", file: "activis.json", says: ["fc", "4", "3"]) { bundle in
      try bundle.writeNpy("activations/fc.000.npy", values: [1, 2, 3, 4] as [Float], shape: [2, 2])
      try bundle.writeNpy("activations/fc.001.npy", values: [1, 2, 3, 4] as [Float], shape: [2, 2])
      try bundle.writeManifest(TestManifest(
        classes: classes, layers: [.init(name: "fc", files: ["activations/fc.000.npy", "activations/fc.001.npy"])]))
    },
    Fault(name: "shards of different widths", file: "fc.001.npy", says: ["(1, 3)", "(2, 2)"]) { bundle in
      try bundle.writeNpy("activations/fc.000.npy", values: [1, 2, 3, 4] as [Float], shape: [2, 2])
      try bundle.writeNpy("activations/fc.001.npy", values: [1, 2, 3] as [Float], shape: [1, 3])
      try bundle.writeManifest(TestManifest(
        classes: classes, layers: [.init(name: "fc", files: ["activations/fc.000.npy", "activations/fc.001.npy"])]))
    },
    Fault(name: "id one above Int64.max", file: "instances.csv", says: ["9223372036854775808"]) {
      try $0.writeText("instances.csv", "id,label\n0,A\n9223372036854775808,B\n2,A\n")
    },
    Fault(name: "id of thirty digits", file: "instances.csv", says: ["id"]) {
      try $0.writeText("instances.csv", "id,label\n0,A\n" + String(repeating: "9", count: 30) + ",B\n2,A\n")
    },
    Fault(name: "negative id", file: "instances.csv", says: ["-1"]) {
      try $0.writeText("instances.csv", "id,label\n0,A\n-1,B\n2,A\n")
    },
    Fault(name: "duplicate class in the manifest", file: "activis.json", says: ["A"]) {
      try $0.writeManifest(TestManifest(classes: ["A", "B", "A"], layers: [.init(name: "fc")]))
    },
    Fault(name: "duplicate layer name", file: "activis.json", says: ["fc"]) {
      try $0.writeManifest(TestManifest(classes: classes, layers: [.init(name: "fc"), .init(name: "fc")]))
    },
    Fault(name: "duplicate column name", file: "instances.csv", says: ["label"]) {
      try $0.writeText("instances.csv", "id,label,label\n0,A,A\n1,B,B\n2,A,A\n")
    },
    Fault(name: "instances.csv through a symbolic link out of the bundle", file: "activis.json", says: ["bundle"]) {
      bundle in
      let outside = try bundle.outsidePath("instances.csv")
      try "id,label\n0,A\n1,B\n2,A\n".write(toFile: outside, atomically: false, encoding: .utf8)
      try FileManager.default.createSymbolicLink(atPath: bundle.path("link.csv"), withDestinationPath: outside)
      try bundle.writeManifest(TestManifest(classes: classes, instances: "link.csv", layers: [.init(name: "fc")]))
    },
    Fault(name: "graph path climbing out", file: "activis.json", says: ["..", "graph"]) {
      try $0.writeManifest(TestManifest(classes: classes, graph: "../graph.json", layers: [.init(name: "fc")]))
    },
    Fault(name: "truncated graph.json", file: "graph.json", says: []) { bundle in
      try bundle.writeGraph(json: #"{"nodes": [{"id": "a", "kind": "da"#)
      try bundle.writeManifest(TestManifest(classes: classes, graph: "graph.json", layers: [.init(name: "fc")]))
    },
    Fault(name: "empty graph.json", file: "graph.json", says: []) { bundle in
      try bundle.writeGraph(json: "")
      try bundle.writeManifest(TestManifest(classes: classes, graph: "graph.json", layers: [.init(name: "fc")]))
    },
  ]

  @Test(arguments: faults) func refusedWithOneMessage(_ fault: Fault) throws {
    let good = try Self.valid(name: "good")
    let bad = try Self.valid()
    defer { good.remove(); bad.remove() }
    try fault.spoil(bad)
    let shell = try ShellHarness.loaded(good.path)

    let result = shell.run("load \"\(bad.path)\"")
    #expect(result.outcome == .failed)
    let message = result.errors.split(separator: "\n").first.map(String.init) ?? ""
    #expect(result.errors.components(separatedBy: "error:").count == 2, "one message: \(result.errors)")
    #expect(message.contains(fault.file), "names \(fault.file): \(message)")
    for word in fault.says {
      #expect(message.contains(word), "says '\(word)': \(message)")
    }
    let info = shell.run("info")
    #expect(info.outcome == .succeeded)
    #expect(info.output.contains("good"))
    #expect(shell.engine.session.bundle?.name == "good", "the bundle loaded before is still loaded")
  }
}
