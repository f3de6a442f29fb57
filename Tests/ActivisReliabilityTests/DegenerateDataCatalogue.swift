import ActivisTestSupport
import Foundation
import Testing

/// Bundles that are valid but degenerate: no instances, no neurons, one
/// instance, NaN and infinite activations. Every command either works or
/// says in one message why it cannot; statistics say how they count NaN.
@Suite struct DegenerateDataCatalogue {
  /// Every command a user might try on a fresh bundle.
  static let commands = [
    "info", "layers", "graph", "instances", "instances A", "matrix", "neurons", "project pca",
    "project tsne", "project umap", "compare A B", "show #0", "subset s = where correct", "subsets", "add #0",
    "remove #0", "matrix", "set format json", "matrix", "neurons", "set format csv", "matrix",
    "separability", "suggest", "suggest for A",
  ]

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var make: @Sendable () throws -> TestBundle
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "zero instances") {
      try TestBundle.make(classes: ["A", "B"], ids: [], labels: [], predicted: [], texts: [],
                          layers: [TestLayer(name: "fc", values: [], shape: [0, 3])])
    },
    Case(name: "zero neurons") {
      try TestBundle.make(classes: ["A", "B"], labels: ["A", "B"], predicted: ["A", "A"], texts: ["a", "b"],
                          layers: [TestLayer(name: "fc", values: [], shape: [2, 0])])
    },
    Case(name: "one instance") {
      try TestBundle.make(classes: ["A", "B"], labels: ["A"], predicted: ["B"], texts: ["a"],
                          layers: [TestLayer(name: "fc", rows: [[1, -2, 3]])])
    },
    Case(name: "NaN and infinite activations") {
      try TestBundle.make(
        classes: ["A", "B"], labels: ["A", "A", "B", "B", "A"], predicted: ["A", "B", "B", "A", "A"],
        texts: ["a", "b", "c", "d", "e"],
        layers: [TestLayer(name: "fc", rows: [[1, .nan, 3], [4, 5, .infinity], [7, 8, 9], [1, 1, -.infinity],
                                               [2, 2, 2]])])
    },
    Case(name: "constant activations") {
      try TestBundle.make(
        classes: ["A", "B"], labels: (0..<20).map { $0 % 2 == 0 ? "A" : "B" },
        predicted: (0..<20).map { $0 % 3 == 0 ? "A" : "B" }, texts: (0..<20).map { "t\($0)" },
        layers: [TestLayer(name: "fc", rows: (0..<20).map { _ in [0.5, -1, 2] })])
    },
    Case(name: "no layers, no labels") {
      try TestBundle.make(ids: [5, 7])
    },
  ]

  @Test(arguments: cases) func everyCommandWorksOrSaysWhy(_ test: Case) throws {
    let bundle = try test.make()
    defer { bundle.remove() }
    let shell = try ShellHarness.loaded(bundle.path)
    _ = shell.run("select layer fc")
    for command in Self.commands {
      let result = shell.run(command)
      let messages = result.errors.components(separatedBy: "error:").count - 1
      if result.outcome == .failed {
        #expect(messages == 1, "'\(command)' on \(test.name): one message, got \(result.errors)")
      } else {
        #expect(result.outcome == .succeeded && messages == 0, "'\(command)' on \(test.name): \(result.errors)")
      }
      #expect(!result.output.contains("-nan") && !result.errors.contains("Fatal"))
    }
  }

  @Test func projectionOfTooFewInstancesNamesTheScopeOnce() throws {
    let bundle = try TestBundle.make(
      classes: ["A", "B"], labels: ["A", "B", "A", "B", "A"], predicted: ["A", "B", "A", "B", "A"],
      layers: [TestLayer(name: "fc", rows: [[1, 2], [2, 1], [3, 3], [0, 1], [1, 0]])])
    defer { bundle.remove() }
    let shell = try ShellHarness.loaded(bundle.path)
    _ = shell.run("select layer fc; subset s = where label = B")
    let result = shell.run("project pca of s")
    #expect(result.outcome == .failed)
    #expect(result.errors.contains("error: 's' has 2 instances; a projection needs at least 4"), "\(result.errors)")
  }

  /// Rows A = {#0, #1, #4}, B = {#2, #3}; neuron n1 has a NaN in A, n2 an
  /// infinity in A and a -infinity in B.
  func nanShell() throws -> (TestBundle, ShellHarness) {
    let bundle = try Self.cases[3].make()
    let shell = try ShellHarness.loaded(bundle.path)
    _ = shell.run("select layer fc")
    return (bundle, shell)
  }

  @Test func matrixTextSaysNonFiniteValuesAreLeftOut() throws {
    let (bundle, shell) = try nanShell()
    defer { bundle.remove() }
    let text = shell.run("matrix").output
    #expect(text.contains("NaN or infinite values left out of the means"), "\(text)")
    #expect(text.contains("A 2") && text.contains("B 1"), "\(text)")
    // A's n1 is the mean of 5 and 2 (the NaN left out); B's n2 of 9 alone.
    #expect(text.contains("3.5"), "\(text)")
  }

  @Test func matrixJSONCountsNonFiniteValuesPerNeuron() throws {
    let (bundle, shell) = try nanShell()
    defer { bundle.remove() }
    let json = shell.run("set format json; matrix").output
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let rows = try #require(object["rows"] as? [[String: Any]])
    #expect(rows.first?["nonfinite"] as? [Int] == [0, 1, 1])
    #expect(rows.dropFirst().first?["nonfinite"] as? [Int] == [0, 0, 1])
  }

  @Test func neuronStatisticsSayHowManyValuesWereLeftOut() throws {
    let (bundle, shell) = try nanShell()
    defer { bundle.remove() }
    let text = shell.run("neurons").output
    #expect(text.contains("3 NaN or infinite values were left out"), "\(text)")
  }

  /// Rows 0, 1 and 3 of the NaN bundle are not finite: 2 are left, too few to project.
  @Test func projectionOfTooFewFiniteRowsIsRefused() throws {
    let (bundle, shell) = try nanShell()
    defer { bundle.remove() }
    let result = shell.run("project pca")
    #expect(result.outcome == .failed)
    #expect(result.errors == "1:9: error: only 2 of the instances have finite activations; nothing to project\n"
      + "project pca\n        ^~~\n")
  }

  /// Every instance has the same activations: UMAP has no neighbourhoods and says so once.
  @Test func umapOfConstantActivationsIsRefused() throws {
    let bundle = try Self.cases.first { $0.name == "constant activations" }!.make()
    defer { bundle.remove() }
    let shell = try ShellHarness.loaded(bundle.path)
    _ = shell.run("select layer fc")
    let result = shell.run("project umap neighbors 5")
    #expect(result.outcome == .failed)
    #expect(result.errors == "1:9: error: cannot project: all 20 rows have the same values; "
      + "there are no neighbourhoods to lay out\nproject umap neighbors 5\n        ^~~~\n")
  }

  /// One row of six has a NaN: the projection leaves it out and says so.
  @Test func projectionDropsNonFiniteRowsAndSaysSo() throws {
    let bundle = try TestBundle.make(
      classes: ["A", "B"], labels: ["A", "B", "A", "B", "A", "B"], predicted: ["A", "B", "A", "B", "A", "B"],
      layers: [TestLayer(name: "fc", rows: [[1, 2], [2, .nan], [3, 3], [0, 1], [1, 0], [2, 2]])])
    defer { bundle.remove() }
    let shell = try ShellHarness.loaded(bundle.path)
    _ = shell.run("select layer fc")
    let result = shell.run("project pca")
    #expect(result.outcome == .succeeded && result.errors == "")
    #expect(result.output.split(separator: "\n").contains("1 instance with NaN or infinite activations was left out"),
            "\(result.output)")
    let csv = shell.run("set format csv; project pca").output
    #expect(csv.split(separator: "\n").dropFirst().map { $0.prefix(while: { $0 != "," }) } == ["0", "2", "3", "4", "5"])
  }
}
