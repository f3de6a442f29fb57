import ActivisTestSupport
import Foundation

/// Bad `activis.json` files and the files it names (docs/bundle-format.md, "activis.json",
/// "Paths" and "Refusals").
extension BadBundleCatalogue {
  /// `activis.json` replaced by `json`.
  static func manifest(_ name: String, _ json: String, says: String) -> Fault {
    Fault(name: name, says: says) { try $0.writeManifest(json: json) }
  }

  /// A manifest with classes A and B and the layer `fc`, written as `TestManifest` does.
  static func manifest(_ name: String, says: String, _ edit: @escaping @Sendable (inout TestManifest) -> Void) -> Fault {
    Fault(name: name, says: says) { bundle in
      var manifest = TestManifest(classes: classes, layers: [.init(name: "fc")])
      edit(&manifest)
      try bundle.writeManifest(manifest)
    }
  }

  /// The start of a valid one-line manifest, up to its `layers`.
  static let head = #"{"format": "activis-bundle", "version": 1, "#
  /// The layer `fc` as a one-line manifest lists it.
  static let fc = #"{"name": "fc", "file": "activations/fc.npy"}"#

  static let manifestFaults: [Fault] = [
    Fault(name: "no bundle at the path", says: "{b}/nowhere: no such bundle directory or manifest", load: "{b}/nowhere") { _ in },
    Fault(name: "no activis.json", says: "{b}/activis.json: no manifest: a bundle directory holds an 'activis.json' file") {
      try FileManager.default.removeItem(atPath: $0.path("activis.json"))
    },
    Fault(name: "manifest is a directory", says: "{b}/activis.json: cannot read: is a directory") { bundle in
      try FileManager.default.removeItem(atPath: bundle.path("activis.json"))
      try FileManager.default.createDirectory(atPath: bundle.path("activis.json"), withIntermediateDirectories: false)
    },
    manifest("empty manifest", "", says: "{b}/activis.json:1:1: malformed JSON: the file is empty (expected a JSON object)"),
    manifest("truncated manifest", head + #""layers": [{"name": "fc", "fi"#,
             says: "{b}/activis.json:1:70: malformed JSON: unterminated string"),
    manifest("a key given twice", head + #""layers": [], "layers": []}"#,
             says: "{b}/activis.json:1:58: malformed JSON: duplicate key 'layers'"),
    manifest("not an object at the top", "[1]", says: "{b}/activis.json: expected a JSON object at the top, found an array"),
    manifest("format missing", #"{"version": 1, "layers": []}"#,
             says: #"{b}/activis.json: 'format' is missing (expected "activis-bundle"); is this an activis bundle?"#),
    manifest("format wrong", #"{"format": "zip", "version": 1, "layers": []}"#,
             says: "{b}/activis.json: 'format' is 'zip', expected 'activis-bundle'"),
    manifest("version missing", #"{"format": "activis-bundle", "layers": []}"#,
             says: "{b}/activis.json: 'version' is missing (expected 1)"),
    manifest("version a word", #"{"format": "activis-bundle", "version": "one", "layers": []}"#,
             says: "{b}/activis.json: 'version' is 'one', expected an integer such as 1"),
    manifest("version a fraction", #"{"format": "activis-bundle", "version": 1.5, "layers": []}"#,
             says: "{b}/activis.json: 'version' must be an integer such as 1, not a number"),
    manifest("major version 2", #"{"format": "activis-bundle", "version": 2, "layers": []}"#,
             says: "{b}/activis.json: bundle format version 2 is newer than this activis reads (version 1); update activis to open it"),
    manifest("major version 2 as the string 2.1", #"{"format": "activis-bundle", "version": "2.1", "layers": []}"#,
             says: "{b}/activis.json: bundle format version 2 is newer than this activis reads (version 1); update activis to open it"),
    manifest("layers missing", #"{"format": "activis-bundle", "version": 1}"#,
             says: "{b}/activis.json: 'layers' is missing (a list of the recorded layers)"),
    manifest("classes of the wrong type", head + #""classes": "A", "layers": []}"#,
             says: "{b}/activis.json: 'classes' must be an array of strings, not a string"),
    manifest("layers of the wrong type", head + #""layers": {}}"#,
             says: "{b}/activis.json: 'layers' must be an array, not an object"),
    manifest("a layer without a name", head + #""layers": [{"file": "activations/fc.npy"}]}"#,
             says: "{b}/activis.json: 'layers[0].name' is missing"),
    manifest("a layer with an empty name", head + #""layers": [{"name": "", "file": "activations/fc.npy"}]}"#,
             says: "{b}/activis.json: 'layers[0].name' is empty"),
    manifest("a layer with neither file nor files", head + #""layers": [{"name": "fc"}]}"#,
             says: "{b}/activis.json: 'layers[0]' (layer 'fc') has neither 'file' nor 'files'"),
    manifest("a layer with both file and files",
             head + #""layers": [{"name": "fc", "file": "activations/fc.npy", "files": ["activations/fc.npy"]}]}"#,
             says: "{b}/activis.json: 'layers[0]' (layer 'fc') has both 'file' and 'files'; give one"),
    manifest("a layer with an empty files list", head + #""layers": [{"name": "fc", "files": []}]}"#,
             says: "{b}/activis.json: 'layers[0].files' is empty"),
    manifest("a class listed twice", says: "{b}/activis.json: 'classes' lists 'A' twice") { $0.classes = ["A", "B", "A"] },
    manifest("an empty class name", says: "{b}/activis.json: 'classes' holds an empty class name") { $0.classes = ["A", "", "B"] },
    manifest("two layers of one name",
             says: "{b}/activis.json: 'layers[1].name' repeats the layer name 'fc' of 'layers[0]'") {
      $0.layers = [.init(name: "fc"), .init(name: "fc")]
    },
    manifest("an absolute layer path",
             says: "{b}/activis.json: 'layers[0].file' is the absolute path '/etc/x.npy'; paths must be relative to the bundle directory") {
      $0.layers = [.init(name: "fc", files: ["/etc/x.npy"])]
    },
    manifest("an empty layer path", says: "{b}/activis.json: 'layers[0].file' is an empty path") {
      $0.layers = [.init(name: "fc", files: [""])]
    },
    manifest("a layer path climbing out",
             says: "{b}/activis.json: 'layers[0].file' '../fc.npy' leads outside the bundle directory") {
      $0.layers = [.init(name: "fc", files: ["../fc.npy"])]
    },
    manifest("a graph path climbing out",
             says: "{b}/activis.json: 'graph' '../graph.json' leads outside the bundle directory") {
      $0.graph = "../graph.json"
    },
    Fault(name: "instances.csv through a symbolic link out of the bundle",
          says: "{b}/activis.json: 'instances' 'link.csv' leads outside the bundle directory (through a symbolic link, to '{b}-outside/instances.csv')") {
      bundle in
      let outside = try bundle.outsidePath("instances.csv")
      try "id,label\n0,A\n1,B\n2,A\n".write(toFile: outside, atomically: false, encoding: .utf8)
      try FileManager.default.createSymbolicLink(atPath: bundle.path("link.csv"), withDestinationPath: outside)
      try bundle.writeManifest(TestManifest(classes: classes, instances: "link.csv", layers: [.init(name: "fc")]))
    },
    Fault(name: "no instances.csv", says: "{b}/instances.csv: no such file (named by 'instances' in the manifest)") {
      try FileManager.default.removeItem(atPath: $0.path("instances.csv"))
    },
    Fault(name: "a layer file that does not exist",
          says: "{b}/activations/fc.npy: no such file (named by 'layers[0].file' in the manifest)") {
      try FileManager.default.removeItem(atPath: $0.path("activations/fc.npy"))
    },
    manifest("a listed graph that does not exist",
             says: "{b}/graph.json: no such file (named by 'graph' in the manifest)") { $0.graph = "graph.json" },
    Fault(name: "a layer file that is a directory", says: "{b}/activations/fc.npy: cannot read: is a directory") { bundle in
      try FileManager.default.removeItem(atPath: bundle.path("activations/fc.npy"))
      try FileManager.default.createDirectory(atPath: bundle.path("activations/fc.npy"), withIntermediateDirectories: false)
    },
    manifest("neuron names of the wrong number",
             says: "{b}/activis.json: 'layers[0].neurons' names 3 neurons but layer 'fc' has 2") {
      $0.layers = [.init(name: "fc", neurons: ["a", "b", "c"])]
    },
    Fault(name: "zero instances but a layer of 3 rows",
          says: "{b}/activations/fc.npy: layer 'fc' has 3 rows but '{b}/instances.csv' has 0 instances") {
      try $0.writeText("instances.csv", "id,text,label,predicted\n")
    },
    Fault(name: "a layer of 2 rows for 3 instances",
          says: "{b}/activations/fc.npy: layer 'fc' has 2 rows but '{b}/instances.csv' has 3 instances") {
      try $0.writeNpy("activations/fc.npy", values: [1, 2, 3, 4] as [Float], shape: [2, 2])
    },
    Fault(name: "shards that add up to more rows",
          says: "{b}/activis.json: layer 'fc' has 4 rows (2 in '{b}/activations/fc.000.npy', 2 in '{b}/activations/fc.001.npy') but '{b}/instances.csv' has 3 instances") {
      bundle in
      try bundle.writeNpy("activations/fc.000.npy", values: [1, 2, 3, 4] as [Float], shape: [2, 2])
      try bundle.writeNpy("activations/fc.001.npy", values: [1, 2, 3, 4] as [Float], shape: [2, 2])
      try bundle.writeManifest(TestManifest(
        classes: classes, layers: [.init(name: "fc", files: ["activations/fc.000.npy", "activations/fc.001.npy"])]))
    },
    Fault(name: "shards of different widths",
          says: "{b}/activations/fc.001.npy: shard has shape (1, 3), whose trailing dimensions differ from those of '{b}/activations/fc.000.npy', (2, 2)") {
      bundle in
      try bundle.writeNpy("activations/fc.000.npy", values: [1, 2, 3, 4] as [Float], shape: [2, 2])
      try bundle.writeNpy("activations/fc.001.npy", values: [1, 2, 3] as [Float], shape: [1, 3])
      try bundle.writeManifest(TestManifest(
        classes: classes, layers: [.init(name: "fc", files: ["activations/fc.000.npy", "activations/fc.001.npy"])]))
    },
  ]
}
