import ActivisCore
import ActivisTestSupport
import Foundation
import Testing

/// Every refusal of a bad bundle that README.md, docs/bundle-format.md and the shared format
/// contract promise, refused through `load` as a user meets it: the exact message (file, line,
/// column and text, then the command and a caret under the path), exit status 1 from the binary
/// with nothing on standard output, and in the shell the bundle loaded before stays loaded.
///
/// The cases are in `BadManifestFaults`, `BadInstancesFaults` and `BadGraphFaults`; the
/// `.npy` ones are below (every header refusal is also in `NpyHeaderTests`).
@Suite struct BadBundleCatalogue {
  /// One bad bundle: how to spoil a valid one, and the message `load` must give.
  struct Fault: CustomTestStringConvertible, Sendable {
    var name: String
    /// The message after `error: `; `{b}` stands for the bundle's path. `nil`: only the
    /// file named by `file` is checked (the `.npy` cases).
    var says: String?
    /// The file a loosely checked message must name (bundle-relative).
    var file: String = ""
    /// What `load` is given; `{b}` stands for the bundle's path.
    var load = "{b}"
    var spoil: @Sendable (TestBundle) throws -> Void
    var testDescription: String { name }
  }

  static let classes = ["A", "B"]

  /// A valid three-instance bundle with classes A and B and one layer `fc` (3 × 2):
  /// `instances.csv` is `id,text,label,predicted` with ids 0, 1, 2.
  static func valid(name: String = "test") throws -> TestBundle {
    try TestBundle.make(
      name: name, classes: classes, labels: ["A", "B", "A"], predicted: ["A", "A", "B"],
      texts: ["one", "two", "three"],
      layers: [TestLayer(name: "fc", rows: [[1, 2], [3, 4], [5, 6]])])
  }

  static let faults = manifestFaults + instancesFaults + graphFaults + npyFaults

  /// `.npy` contents: an empty or cut file (named), and each dtype activis cannot read (exact).
  static let npyFaults: [Fault] = [
    Fault(name: "zero-byte .npy", file: "activations/fc.npy") { try $0.writeBytes("activations/fc.npy", []) },
    Fault(name: ".npy cut inside its magic", file: "activations/fc.npy") {
      try $0.writeBytes("activations/fc.npy", [0x93, 0x4E, 0x55])
    },
    Fault(name: "complex .npy", says: "{b}/activations/fc.npy: unsupported dtype '<c8' (complex numbers): activis reads float, integer and bool arrays") {
      try $0.writeNpy("activations/fc.npy", headerDictionary: "{'descr': '<c8', 'fortran_order': False, 'shape': (3, 2), }",
                      payload: [UInt8](repeating: 0, count: 48))
    },
    Fault(name: "object .npy", says: "{b}/activations/fc.npy: unsupported dtype '|O' (Python objects): activis reads float, integer and bool arrays") {
      try $0.writeNpy("activations/fc.npy", headerDictionary: "{'descr': '|O', 'fortran_order': False, 'shape': (3, 2), }",
                      payload: [0x80, 0x04])
    },
    Fault(name: "string .npy", says: "{b}/activations/fc.npy: unsupported dtype '<U4' (unicode strings): activis reads float, integer and bool arrays") {
      try $0.writeNpy("activations/fc.npy", headerDictionary: "{'descr': '<U4', 'fortran_order': False, 'shape': (3, 2), }",
                      payload: [UInt8](repeating: 0, count: 96))
    },
    Fault(name: "structured .npy", says: "{b}/activations/fc.npy: unsupported dtype: a structured dtype (a list of fields): activis reads float, integer and bool arrays") {
      try $0.writeNpy("activations/fc.npy",
                      headerDictionary: "{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (3,), }",
                      payload: [UInt8](repeating: 0, count: 24))
    },
  ]

  @Test(arguments: faults) func refusedWithOneMessage(_ fault: Fault) throws {
    let good = try Self.valid(name: "good")
    let bad = try Self.valid()
    defer { good.remove(); bad.remove() }
    try fault.spoil(bad)
    let target = fault.load.replacingOccurrences(of: "{b}", with: bad.path)
    let says = fault.says?.replacingOccurrences(of: "{b}", with: bad.path)

    let line = "load \"\(target)\""
    let shell = try ShellHarness.loaded(good.path)
    let result = shell.run(line)
    #expect(result.outcome == .failed)
    if let says {
      #expect(result.errors == "1:6: error: \(says)\n" + echo(line, quotedPath: target))
    } else {
      #expect(result.errors.hasPrefix("1:6: error: \(bad.path)/\(fault.file)"), "\(result.errors)")
      #expect(result.errors.hasSuffix("\n" + echo(line, quotedPath: target)), "\(result.errors)")
    }
    #expect(shell.engine.session.bundle?.name == "good", "the bundle loaded before is still loaded")
    let info = shell.run("info")
    #expect(info.outcome == .succeeded && info.output.contains("good"))

    let run = try ActivisProcess.shell(#"exec "$ACTIVIS" -c "load \"$TARGET\"""#, environment: ["TARGET": target])
    #expect(run.status == 1)
    #expect(run.output == "")
    #expect(run.errors == "-c:" + result.errors, "the binary prints the shell's message")
  }
}
