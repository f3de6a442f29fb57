import ActivisTestSupport
import Foundation
import Testing

/// Runs the built `activis` executable. Only lines that behave the same with
/// the placeholder and the real engine are used: `help` succeeds, `fail…` is
/// an error, `quit` quits.
@Suite struct ActivisBinaryTests {
  struct Result {
    var status: Int32
    var output: String
    var errors: String
  }

  /// The `activis` next to the test bundle, or in the package's `.build/debug`.
  static func executable() -> URL? {
    var candidates: [URL] = []
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      let directory = bundle.bundleURL.deletingLastPathComponent()
      candidates.append(directory.appendingPathComponent("activis"))
    }
    if let main = Bundle.main.executableURL {
      candidates.append(main.deletingLastPathComponent().appendingPathComponent("activis"))
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/activis"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  static func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:])
    throws -> Result
  {
    let binary = try #require(executable(), "build the activis executable first")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["ACTIVIS_HISTORY"] = ""
    environment["XDG_CACHE_HOME"] = TestCacheHome.path
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus,
                  output: String(decoding: output, as: UTF8.self),
                  errors: String(decoding: errors, as: UTF8.self))
  }

  @Test func theInstanceTableIsCachedUnlessTurnedOff() throws {
    let bundle = try TestBundle()
    defer { bundle.remove() }
    try bundle.writeManifest(TestManifest())
    try bundle.writeInstances(csv: "id,label\n3,a\n8,b\n")
    let source = { (result: Result) in
      result.output.split(separator: "\n").first { $0.contains("instance table") }
        .flatMap { $0.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.last }
    }
    let off = try Self.run(["--no-cache", "-c", "info", bundle.path])
    #expect(source(off) == "parsed (cache off)")
    let offByEnvironment = try Self.run(["-c", "info", bundle.path], environment: ["ACTIVIS_CACHE": "off"])
    #expect(source(offByEnvironment) == "parsed (cache off)")
    let first = try Self.run(["-c", "info", bundle.path])
    let directory = TestCacheHome.path + "/activis/"
    #expect(source(first)?.hasPrefix("parsed (cached for next time in \(directory)instances-") == true,
            "\(first.output)")
    let second = try Self.run(["-c", "info", bundle.path])
    #expect(source(second)?.hasPrefix("read from cache \(directory)instances-") == true, "\(second.output)")
    let members = try Self.run(["--format", "csv", "-c", "subset s = where label = b; members s", bundle.path])
    #expect(members.output == "id,label,predicted,text\n8,b,,\n", "\(members.errors)")
    #expect(first.errors == "" && second.errors == "")
  }

  @Test func commandsRunAndExitZero() throws {
    let result = try Self.run(["-c", "help", "-c", "help"])
    #expect(result.status == 0)
    #expect(!result.output.isEmpty)
    #expect(result.errors == "")
    #expect(!result.output.contains("activis>"))
  }

  @Test func failingCommandExitsOneAndStops() throws {
    let result = try Self.run(["-c", "fail now", "-c", "quit"])
    #expect(result.status == 1)
    #expect(result.errors.hasPrefix("-c:1:1: error:"))
  }

  @Test func quitEndsWithZero() throws {
    let result = try Self.run(["-c", "quit", "-c", "fail never"])
    #expect(result.status == 0)
    #expect(result.errors == "")
  }

  @Test func pipedInputRunsWithoutPromptOrBanner() throws {
    let ok = try Self.run([], input: "#!/usr/bin/env activis\r\nhelp\r\n")
    #expect(ok.status == 0)
    #expect(!ok.output.contains("activis>") && !ok.output.contains("0.1.0"))
    let failing = try Self.run([], input: "help\nfail here\nhelp\n")
    #expect(failing.status == 1)
    #expect(failing.errors.hasPrefix("<stdin>:2:1: error:"))
  }

  @Test func misspeltOptionIsAUsageError() throws {
    let result = try Self.run(["--fromat", "csv"])
    #expect(result.status == 2)
    #expect(result.errors == """
      activis: error: Unknown option '--fromat'. Did you mean '--format'?
      Run 'activis --help' for usage.

      """)
    #expect(result.output == "")
  }

  @Test func missingScriptExitsOne() throws {
    let result = try Self.run(["-f", "/nonexistent/x.avq"])
    #expect(result.status == 1)
    #expect(result.errors
              == "activis: error: cannot open '/nonexistent/x.avq': No such file or directory\n")
  }

  @Test func scriptStopsAtItsFirstError() throws {
    let path = NSTemporaryDirectory() + "activis-binary-\(UUID().uuidString).avq"
    try "#!/usr/bin/env -S activis -f\nhelp\n\nfail on line 4\nhelp\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Self.run(["-f", path])
    #expect(result.status == 1)
    #expect(result.errors.hasPrefix("\(path):4:1: error:"))
  }

  @Test func versionAndHelp() throws {
    #expect(try Self.run(["--version"]).output == "activis 0.1.0\n")
    let help = try Self.run(["-h"])
    #expect(help.status == 0)
    #expect(help.output.hasPrefix("OVERVIEW: Explore a neural network's activations"))
    #expect(help.output.contains("-c, --command <commands>") && help.output.contains("--generate-completion-script"))
    #expect(help.output.contains("exit status:"))
  }

  /// `--serve` answers each line on standard output, errors included, and ends each
  /// answer with a line holding only U+001E; an error does not end the session.
  @Test func serveAnswersEachLine() throws {
    let result = try Self.run(["--serve"], input: "help quit\nfail here\nset format csv; help quit\n")
    #expect(result.status == 0)
    #expect(result.errors == "")
    let answers = result.output.components(separatedBy: "\u{1E}\n")
    #expect(answers.count == 4 && answers[3] == "", "\(answers)")
    #expect(answers[0].contains("leave the shell"))
    #expect(answers[1].hasPrefix("2:1: error: unknown command 'fail'"))
    #expect(answers[2].contains("leave the shell"))
  }
}
