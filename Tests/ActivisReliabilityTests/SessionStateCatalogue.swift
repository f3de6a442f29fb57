import ActivisTestSupport
import Foundation
import Testing

/// Names that clash and commands that fail leave the session as it was, or
/// say what they changed.
@Suite struct SessionStateCatalogue {
  static func shell() throws -> (TestBundle, ShellHarness) {
    let bundle = try TestBundle.make(
      classes: ["A", "B"], labels: ["A", "B", "A", "B"], predicted: ["A", "A", "A", "B"],
      texts: ["w", "x", "y", "z"], layers: [TestLayer(name: "fc", rows: [[1, 2], [3, 4], [5, 6], [7, 8]])])
    let shell = try ShellHarness.loaded(bundle.path)
    _ = shell.run("select layer fc")
    return (bundle, shell)
  }

  @Test func redefiningASubsetSaysSoAndKeepsOneMatrixRow() throws {
    let (bundle, shell) = try Self.shell()
    defer { bundle.remove() }
    _ = shell.run("subset s = where label = A")
    let again = shell.run("subset s = where label = B")
    #expect(again.output.contains("redefined"), "\(again.output)")
    #expect(shell.engine.session.subsets.map(\.name) == ["s"])
    let matrix = shell.run("set format csv; matrix").output
    #expect(matrix.split(separator: "\n").filter { $0.hasPrefix("s,") }.count == 1, "\(matrix)")
  }

  @Test func timerTimesEachCommandOnStandardErrorOnly() throws {
    let (bundle, shell) = try Self.shell()
    defer { bundle.remove() }
    let on = shell.run("set format csv; set timer on; matrix; subset s = where label = A")
    let times = on.errors.split(separator: "\n")
    #expect(times.count == 2, "\(on.errors)")
    #expect(times.first?.hasPrefix("time ") == true && times.first?.hasSuffix(" s: matrix") == true)
    #expect(times.last?.hasSuffix(" s: subset s = where label = A") == true)
    #expect(on.output.hasPrefix("row,size,"), "results alone on standard output")
    let off = shell.run("set timer off; matrix")
    #expect(off.errors.isEmpty, "\(off.errors)")
  }

  @Test(arguments: [
    ("subset A = where correct", "class name"),
    ("subset s = where neuron 9 > 0", "neuron"),
    ("subset s = where in nothing", "nothing"),
    ("subset s = where text matches \"(\"", "regular expression"),
    ("select layer nope", "nope"),
    ("add #77", "77"),
    ("remove #77", "77"),
  ]) func failedCommandLeavesTheSessionWhole(_ line: String, _ says: String) throws {
    let (bundle, shell) = try Self.shell()
    defer { bundle.remove() }
    _ = shell.run("subset s = where correct; add #1")
    let session = shell.engine.session
    let before = (session.subsets.map(\.name), session.subsets.map(\.definition), session.matrixRows,
                  session.layer?.name)
    let result = shell.run(line)
    #expect(result.outcome == .failed)
    #expect(result.errors.contains(says), "\(result.errors)")
    #expect(session.subsets.map(\.name) == before.0 && session.subsets.map(\.definition) == before.1)
    #expect(session.matrixRows == before.2 && session.layer?.name == before.3)
  }
}
