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
    ("subset A = where correct", "1:8: error: 'A' is a class name; choose another name for the subset"),
    ("subset s = where neuron 9 > 0", "1:25: error: layer 'fc' has neurons 0 to 1; there is no neuron 9"),
    ("subset s = where in nothing", "1:21: error: unknown subset or class 'nothing' (known: 's', 'A', 'B')"),
    ("subset s = where text matches \"(\"", "1:31: error: invalid regular expression '('"),
    ("select layer nope", "1:14: error: unknown layer 'nope' (known: 'fc')"),
    ("add #77", "1:5: error: no instance has id 77 (ids run from 0 to 3)"),
    ("remove #77", "1:8: error: no instance has id 77 (ids run from 0 to 3)"),
  ]) func failedCommandLeavesTheSessionWhole(_ line: String, _ says: String) throws {
    let (bundle, shell) = try Self.shell()
    defer { bundle.remove() }
    _ = shell.run("subset s = where correct; add #1")
    let session = shell.engine.session
    let before = (session.subsets.map(\.name), session.subsets.map(\.definition), session.matrixRows,
                  session.layer?.name)
    let result = shell.run(line)
    #expect(result.outcome == .failed)
    #expect(result.errors.split(separator: "\n").first.map(String.init) == says, "\(result.errors)")
    #expect(session.subsets.map(\.name) == before.0 && session.subsets.map(\.definition) == before.1)
    #expect(session.matrixRows == before.2 && session.layer?.name == before.3)
  }
}
