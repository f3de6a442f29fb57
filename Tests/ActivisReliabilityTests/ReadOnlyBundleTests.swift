import ActivisTestSupport
import Foundation
import Testing

/// activis never writes into a bundle: on a bundle made read-only, every
/// command runs, and no file's content or modification time changes.
@Suite struct ReadOnlyBundleTests {
  static let graph = #"""
    {"nodes": [
      {"id": "tokens", "kind": "data", "shape": [null, 4]},
      {"id": "dense", "kind": "operator", "op": "Linear", "inputs": ["tokens"], "outputs": ["fc_out"], "group": "head"},
      {"id": "fc_out", "kind": "data", "shape": [null, 3], "group": "head"}]}
    """#

  /// Every file under `root`: its bytes' FNV-1a hash, size and modification time.
  static func fingerprint(_ root: String) throws -> [String: String] {
    var result: [String: String] = [:]
    let enumerator = try #require(FileManager.default.enumerator(atPath: root))
    for case let relative as String in enumerator {
      let path = root + "/" + relative
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      if attributes[.type] as? FileAttributeType == .typeRegular {
        for byte in try Data(contentsOf: URL(fileURLWithPath: path)) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      }
      result[relative] = "\(hash) \(attributes[.size] ?? 0) \(modified)"
    }
    return result
  }

  @Test func everyCommandOnAReadOnlyBundleChangesNoFile() throws {
    var rows: [[Float]] = []
    for row in 0 ..< 12 { rows.append((0 ..< 3).map { Float((row * 7 + $0 * 3) % 11) / 4 }) }
    let labels = (0 ..< 12).map { ["A", "B", "C"][$0 % 3] }
    let predicted = (0 ..< 12).map { ["A", "B", "C"][($0 / 2) % 3] }
    let bundle = try TestBundle.make(
      classes: ["A", "B", "C"], labels: labels, predicted: predicted,
      texts: (0 ..< 12).map { "What is \($0)?" }, scores: [("A", (0 ..< 12).map { Double($0) / 12 })],
      attributes: [("length", (0 ..< 12).map { String($0 % 5) })],
      layers: [TestLayer(name: "fc", rows: rows, node: "fc_out"),
               TestLayer(name: "half", rows: rows, dtype: .float16, shards: 2)],
      graph: Self.graph)
    let exports = NSTemporaryDirectory() + "activis-ro-exports-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
    defer {
      _ = try? ActivisProcess.shell("chmod -R u+w \"$DIR\"", environment: ["DIR": bundle.path])
      bundle.remove()
      try? FileManager.default.removeItem(atPath: exports)
    }
    #expect(try ActivisProcess.shell("chmod -R a-w \"$DIR\"", environment: ["DIR": bundle.path]).status == 0)
    let before = try Self.fingerprint(bundle.path)
    #expect(before.count >= 6)

    let commands = [
      "info", "layers", "graph", "graph dense", "select layer fc", "instances", "instances A", "show #3",
      "subset s = where text starts \"What\" and label = A", "subset where misclassified or score A > 0.5",
      "subset t = where length >= 2 and neuron 1 > 0.5", "subsets", "add #1 #2", "add s", "matrix",
      "export csv \"\(exports)/m.csv\"", "set format json", "matrix", "export json \"\(exports)/m.json\"",
      "set format table", "compare A s #1", "neurons", "project pca", "export csv \"\(exports)/p.csv\"",
      "project tsne sample 12 perplexity 3 iterations 50", "color by correct", "remove #1", "remove s",
      "select layer half", "matrix", "show #0", "help", "help matrix", "load \"\(bundle.path)\"", "info",
    ]
    let shell = ShellHarness()
    #expect(shell.run("load \"\(bundle.path)\"").outcome == .succeeded)
    for command in commands {
      let result = shell.run(command)
      #expect(result.outcome == .succeeded, "'\(command)': \(result.errors)")
    }
    // The binary keeps its parsed-table cache outside the bundle (a private XDG_CACHE_HOME here).
    let twice = try ActivisProcess.shell(#""$ACTIVIS" -c info "$DIR" && "$ACTIVIS" -c info "$DIR""#,
                                         environment: ["DIR": bundle.path])
    #expect(twice.status == 0 && twice.output.contains("parsed (cached for next time in "), "\(twice.errors)")
    #expect(twice.output.contains("read from cache "), "\(twice.output)")
    #expect(try Self.fingerprint(bundle.path) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: exports).sorted() == ["m.csv", "m.json", "p.csv"])
  }
}
