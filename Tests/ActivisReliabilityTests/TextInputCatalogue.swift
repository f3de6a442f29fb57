import ActivisCore
import ActivisTestSupport
import Foundation
import Testing

/// Awkward text: bytes that are not UTF-8, a byte-order mark, CR LF, very
/// long fields and lines, deep nesting, and a regular expression that would
/// backtrack for ever.
@Suite struct TextInputCatalogue {
  /// Two bytes that are not UTF-8 in the text of instance 1.
  static func nonUTF8Bundle() throws -> TestBundle {
    let bundle = try TestBundle()
    try bundle.writeManifest(TestManifest(layers: []))
    try bundle.writeBytes("instances.csv", Array("id,text,label\n0,ok,A\n1,b".utf8) + [0xFF, 0xC3] + Array("d,B\n".utf8))
    return bundle
  }

  /// "1,b" then the two bad bytes: the first is on line 3, column 4.
  static func nonUTF8Warning(_ bundle: TestBundle) -> String {
    "\(bundle.path)/instances.csv: warning: replaced 2 bytes that are not valid UTF-8 with U+FFFD "
      + "(the first on line 3, column 4)\n"
  }

  @Test func nonUTF8TextIsRepairedWithOneCountingWarning() throws {
    let bundle = try Self.nonUTF8Bundle()
    defer { bundle.remove() }
    let shell = ShellHarness()
    let load = shell.run("load \"\(bundle.path)\"")
    #expect(load.outcome == .succeeded)
    #expect(load.output == "loaded test: 2 instances, 2 classes, 0 layers\n")
    #expect(load.errors == Self.nonUTF8Warning(bundle))
    let found = shell.run("subset bad = where text contains \"\u{FFFD}\"")
    #expect(found.output.contains("bad: 1 instance"), "\(found.output)\(found.errors)")
  }

  /// In csv, tsv and json only results go to standard output, so the warning belongs on
  /// standard error. It is part of the load's confirmation instead: on standard output in
  /// table format, and not printed at all in csv.
  @Test func nonUTF8WarningIsPrintedInCSV() throws {
    let bundle = try Self.nonUTF8Bundle()
    defer { bundle.remove() }
    let run = try ActivisProcess.shell(#"exec "$ACTIVIS" --format csv -c "load \"$B\"""#, environment: ["B": bundle.path])
    #expect(run.status == 0 && run.output == "")
    #expect(run.errors == Self.nonUTF8Warning(bundle))
  }

  @Test func byteOrderMarkAndCRLFLeaveNoTrace() throws {
    let bundle = try TestBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(TestManifest(layers: []))
    try bundle.writeBytes("instances.csv", [0xEF, 0xBB, 0xBF] + Array("id,text,label\r\n4,\"two\r\nlines\",A\r\n5,end,B\r\n".utf8))
    let shell = try ShellHarness.loaded(bundle.path)
    #expect(shell.run("subset s = where text ends \"end\"").output.contains("s: 1 instance"))
    #expect(shell.run("subset t = where text ends \"lines\"").output.contains("t: 1 instance"))
    // A quoted field keeps its line break exactly, CR included; a line's CR LF end is not kept.
    // (The language passes `\r` and `\n` through; the regular expression reads them.)
    #expect(shell.run("subset u = where text matches \"^two\\r\\nlines$\"").output.hasPrefix("u: 1 instance "))
    #expect(shell.run("subset v = where text matches \"\\r$\"").output.hasPrefix("v: 0 instances "))
    let show = shell.run("show #4")
    #expect(show.outcome == .succeeded && !show.output.contains("\u{FEFF}"))
  }

  @Test func tenMegabyteFieldLoadsAndMatches() throws {
    let bundle = try TestBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(TestManifest(layers: []))
    let huge = String(repeating: "ab, \"\"cd\"\" ", count: 10_000_000 / 12) + "zz"
    try bundle.writeText("instances.csv", "id,text,label\n0,\"" + huge + "\",A\n1,short,B\n")
    let shell = try ShellHarness.loaded(bundle.path)
    #expect(shell.run("subset s = where text ends \"zz\"").output.contains("s: 1 instance"))
    #expect(shell.run("subset q = where text contains \"\\\"cd\\\"\"").output.contains("q: 1 instance"))
    #expect(shell.run("show #0").outcome == .succeeded)
  }

  @Test func megabyteCommandLineIsOneClearMessage() throws {
    let shell = ShellHarness()
    let line = "info " + String(repeating: "x", count: 1_000_000)
    let result = shell.run(line)
    #expect(result.outcome == .failed)
    #expect(result.errors.prefix(while: { $0 != "\n" }) == "1:6: error: unexpected '\(String(repeating: "x", count: 39))…' after 'info'", "\(result.errors.prefix(200))")
    let word = shell.run("subset where text contains \"" + String(repeating: "y", count: 1_000_000) + "\"")
    #expect(word.errors.prefix(while: { $0 != "\n" }) == "1:1: error: no bundle is loaded; use 'load <path>' first", "\(word.errors.prefix(200))")
  }

  /// A long generated command line, named briefly in test reports.
  struct LongLine: CustomTestStringConvertible, Sendable {
    var name: String
    var line: String
    /// The column of the 101st level of nesting, where the line is refused; nil: it is evaluated.
    var refusedAt: Int?
    var testDescription: String { name }
  }

  /// "subset where " is 13 characters; the 101st nesting unit starts after 100 of them.
  @Test(arguments: [
    LongLine(name: "100,000 parentheses",
             line: "subset where " + String(repeating: "(", count: 100_000) + "correct" + String(repeating: ")", count: 100_000),
             refusedAt: 14 + 100 * 1),
    LongLine(name: "100,000 nots", line: "subset where " + String(repeating: "not ", count: 100_000) + "correct",
             refusedAt: 14 + 100 * 4),
    LongLine(name: "50,000 ands", line: "subset where " + Array(repeating: "correct", count: 50_000).joined(separator: " and ")),
    LongLine(name: "20,000 nested ors",
             line: "subset where " + String(repeating: "(correct or ", count: 20_000) + "correct" + String(repeating: ")", count: 20_000),
             refusedAt: 14 + 100 * 12),
  ]) func deeplyNestedPredicatesAreRefusedOrEvaluated(_ long: LongLine) throws {
    let bundle = try TestBundle.make(labels: ["A", "B"], predicted: ["A", "A"])
    defer { bundle.remove() }
    let shell = try ShellHarness.loaded(bundle.path)
    let result = shell.run(long.line)
    if let column = long.refusedAt {
      #expect(result.outcome == .failed)
      #expect(result.errors.prefix(while: { $0 != "\n" }) == "1:\(column): error: predicate nested too deeply (more than 100 levels)",
              "\(result.errors.prefix(300))")
    } else {
      #expect(result.outcome == .succeeded, "\(result.errors.prefix(300))")
      #expect(result.output.contains("1 instance"))
    }
  }

  /// Texts `a…ab` on which `(a+)+$` takes exponential time.
  static func backtrackingBundle() throws -> TestBundle {
    try TestBundle.make(labels: ["A", "B", "A"], predicted: ["A", "A", "A"],
                        texts: ["quick", String(repeating: "a", count: 40) + "b", "aab"])
  }

  @Test func catastrophicRegularExpressionGivesUpWithAMessage() throws {
    let bundle = try Self.backtrackingBundle()
    defer { bundle.remove() }
    let shell = try ShellHarness.loaded(bundle.path)
    let result = shell.run("subset s = where text matches \"(a+)+$\"")
    #expect(result.outcome == .failed)
    #expect(result.errors.prefix(while: { $0 != "\n" }) == "1:31: error: regular expression '(a+)+$' gave up after 2 s "
      + "on the text of #1: it backtracks too much (nested repetition such as '(a+)+'?); simplify it", "\(result.errors)")
    #expect(shell.engine.session.subsets.isEmpty, "no subset half-defined")
    #expect(shell.run("subset t = where text matches \"^a+b$\"").output.contains("t: 2 instances"))
  }

  @Test func regularExpressionStopsMidTextOnCtrlC() async {
    await #expect(processExitsWith: .success) {
      let bundle = try TextInputCatalogue.backtrackingBundle()
      defer { bundle.remove() }
      let shell = try ShellHarness.loaded(bundle.path)
      _ = shell.run("subset keep = where label = A")
      Thread.detachNewThread {
        usleep(300_000)
        Interruption.request()
      }
      let result = shell.run("subset s = where text matches \"(a+)+$\"")
      // Stopped inside the match on #1: a check only between texts would end at the 2 s limit
      // with "gave up" instead.
      precondition(result.outcome == .failed, result.errors)
      precondition(result.errors.hasPrefix("1:1: error: interrupted; nothing was changed\n"), result.errors)
      precondition(shell.engine.session.subsets.map(\.name) == ["keep"])
    }
  }
}
