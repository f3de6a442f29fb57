import ActivisTestSupport
import Foundation
import Testing

/// Exports that cannot be written say why and leave the file system as it
/// was; an export replaces only the file named, all at once.
@Suite struct ExportCatalogue {
  /// A scratch directory with one file, `old.csv`, holding "old\n".
  final class Scratch {
    let path: String
    init() throws {
      path = NSTemporaryDirectory() + "activis-export-\(UUID().uuidString)"
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      try "old\n".write(toFile: path + "/old.csv", atomically: false, encoding: .utf8)
    }
    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
    func text(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
  }

  static func matrixShell() throws -> (TestBundle, ShellHarness) {
    let bundle = try TestBundle.make(labels: ["A", "B"], predicted: ["A", "A"],
                                     layers: [TestLayer(name: "fc", rows: [[1, 2], [3, 4]])])
    let shell = try ShellHarness.loaded(bundle.path)
    _ = shell.run("select layer fc; matrix")
    return (bundle, shell)
  }

  struct Refusal: CustomTestStringConvertible, Sendable {
    var name: String
    /// The path to export to, given the scratch directory.
    var path: @Sendable (String) -> String
    /// The message after `error: `, given the scratch directory.
    var says: @Sendable (String) -> String
    var testDescription: String { name }
  }

  static let refusals: [Refusal] = [
    Refusal(name: "directory that does not exist", path: { $0 + "/missing/out.csv" },
            says: { "cannot write '\($0)/missing/out.csv': the directory '\($0)/missing' does not exist" }),
    Refusal(name: "path through a regular file", path: { $0 + "/old.csv/out.csv" },
            says: { "cannot write '\($0)/old.csv/out.csv': '\($0)/old.csv' is not a directory" }),
    Refusal(name: "an existing directory", path: { $0 }, says: { "cannot write '\($0)': it is a directory" }),
    // The temporary file cannot be created in /proc.
    Refusal(name: "a read-only file system", path: { _ in "/proc/activis-export-test.csv" },
            says: { _ in "cannot write '/proc/activis-export-test.csv': No such file or directory" }),
    Refusal(name: "an empty file name", path: { _ in "" }, says: { _ in "cannot write '': No such file or directory" }),
  ]

  /// The matrix of `matrixShell()` as CSV.
  static let matrixCSV = "row,size,n0,n1\nA,1,1,2\nB,1,3,4\n"

  @Test(arguments: refusals) func unwritableExportIsOneMessageAndChangesNothing(_ refusal: Refusal) throws {
    let scratch = try Scratch()
    let (bundle, shell) = try Self.matrixShell()
    defer { bundle.remove() }
    let target = refusal.path(scratch.path)
    let says = refusal.says(scratch.path)
    let line = "export csv \"\(target)\""
    let result = shell.run(line)
    #expect(result.outcome == .failed)
    #expect(result.errors == "1:12: error: \(says)\n" + echo(line, quotedPath: target))
    #expect(try scratch.listing() == ["old.csv"])
    #expect(try scratch.text("old.csv") == "old\n")
    #expect(shell.run("matrix").outcome == .succeeded, "the session carries on")

    let commands = "select layer fc; matrix; " + line
    let run = try ActivisProcess.shell(#"exec "$ACTIVIS" --format csv -c "$COMMANDS" "$BUNDLE""#,
                                       environment: ["COMMANDS": commands, "BUNDLE": bundle.path])
    #expect(run.status == 1)
    #expect(run.output == Self.matrixCSV)
    #expect(run.errors == "-c:1:37: error: \(says)\n" + echo(commands, quotedPath: target))
  }

  @Test func exportReplacesOnlyTheNamedFileWholly() throws {
    let scratch = try Scratch()
    try "keep\n".write(toFile: scratch.path + "/out", atomically: false, encoding: .utf8)
    let (bundle, shell) = try Self.matrixShell()
    defer { bundle.remove() }
    #expect(shell.run("export csv \"\(scratch.path)/old.csv\"").outcome == .succeeded)
    #expect(try scratch.text("old.csv") == Self.matrixCSV)
    #expect(try scratch.listing() == ["old.csv", "out"], "no temporary file left, no extension added")
    #expect(try scratch.text("out") == "keep\n")
  }

  /// Exporting to a symbolic link replaces the link, never the file it points to.
  @Test func exportToASymbolicLinkLeavesItsTargetAlone() throws {
    let scratch = try Scratch()
    try FileManager.default.createSymbolicLink(atPath: scratch.path + "/link.csv", withDestinationPath: "old.csv")
    let (bundle, shell) = try Self.matrixShell()
    defer { bundle.remove() }
    #expect(shell.run("export csv \"\(scratch.path)/link.csv\"").outcome == .succeeded)
    #expect(try scratch.text("old.csv") == "old\n")
    #expect(try scratch.text("link.csv").hasPrefix("row,size"))
    let type = try FileManager.default.attributesOfItem(atPath: scratch.path + "/link.csv")[.type] as? FileAttributeType
    #expect(type == .typeRegular)
  }

  @Test func replacedFileKeepsItsPermissions() throws {
    let scratch = try Scratch()
    let target = scratch.path + "/old.csv"
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
    let (bundle, shell) = try Self.matrixShell()
    defer { bundle.remove() }
    #expect(shell.run("export csv \"\(target)\"").outcome == .succeeded)
    let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(try scratch.text("old.csv").hasPrefix("row,size"))
  }

  /// A write that fails half-way (the file size limit, as a full disk would):
  /// the old file stays, and no temporary file is left behind.
  @Test func failedWriteLeavesTheOldFileAndNoTemporaryFile() throws {
    let scratch = try Scratch()
    let bundle = try TestBundle.make(
      labels: ["A", "B"], predicted: ["A", "A"],
      layers: [TestLayer(name: "wide", rows: [(0 ..< 2000).map { Float($0) + 0.125 }, (0 ..< 2000).map { -Float($0) }])])
    defer { bundle.remove() }
    // ulimit -f counts 512- or 1024-byte blocks: 4 of them are far below the CSV's size.
    let target = scratch.path + "/old.csv"
    let commands = "select layer wide; matrix; export csv \"\(target)\""
    let result = try ActivisProcess.shell(
      #"trap '' XFSZ; ulimit -f 4; exec "$ACTIVIS" -c "$COMMANDS" "$BUNDLE""#,
      environment: ["COMMANDS": commands, "BUNDLE": bundle.path])
    #expect(result.status == 1, "\(result.errors)")
    #expect(result.errors == "-c:1:39: error: cannot write '\(target)': File too large\n"
      + echo(commands, quotedPath: target))
    #expect(try scratch.text("old.csv") == "old\n")
    #expect(try scratch.listing() == ["old.csv"])
  }
}
