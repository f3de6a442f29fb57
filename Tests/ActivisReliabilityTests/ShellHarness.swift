import ActivisCore
import ActivisTestSupport
import Foundation
@testable import ActivisShell

/// Text written by an engine, collected in memory.
final class Transcript: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""

  func append(_ more: String) { lock.withLock { text += more } }

  /// Everything so far, and clears it.
  func take() -> String { lock.withLock { defer { text = "" }; return text } }
}

/// The language engine the shell runs, in-process, with its output and
/// diagnostics captured: one line at a time, as the prompt would run it.
final class ShellHarness {
  let engine: LanguageEngine
  let output = Transcript()
  let errors = Transcript()

  init(format: OutputFormat = .table) {
    let output = self.output
    let errors = self.errors
    engine = LanguageEngine(
      settings: ShellSettings(format: format, useColor: false, terminalWidth: 100),
      output: TextSink(write: { output.append($0) }), errors: TextSink(write: { errors.append($0) }))
  }

  /// Runs one line; returns its outcome, standard output and standard error.
  @discardableResult
  func run(_ line: String) -> (outcome: LineOutcome, output: String, errors: String) {
    let outcome = engine.run(line: line, origin: LineOrigin(file: nil, line: 1))
    return (outcome, output.take(), errors.take())
  }

  /// Loads `path` and requires success.
  static func loaded(_ path: String, format: OutputFormat = .table) throws -> ShellHarness {
    let harness = ShellHarness(format: format)
    let result = harness.run("load \(CommandQuoting.quoted(path))")
    guard result.outcome == .succeeded else {
      throw HarnessError(message: "load failed: \(result.errors)")
    }
    return harness
  }
}

/// What follows a message about a command: the command line, then a caret under the quoted
/// path in it (`~` to the path's closing quote).
func echo(_ line: String, quotedPath path: String) -> String {
  let column = line.range(of: "\"" + path + "\"").map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? 0
  return line + "\n" + String(repeating: " ", count: column) + "^" + String(repeating: "~", count: path.count + 1) + "\n"
}

struct HarnessError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// Runs the built `activis` binary as a subprocess.
enum ActivisProcess {
  struct Result {
    var status: Int32
    var output: String
    var errors: String
  }

  /// `$ACTIVIS_BIN`, else the `activis` built beside this test binary, else
  /// the package's `.build/debug/activis`.
  static func executable() -> String? {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let candidates: [String?] = [
      ProcessInfo.processInfo.environment["ACTIVIS_BIN"],
      testBinary.deletingLastPathComponent().appendingPathComponent("activis").path,
      testBinary.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("activis").path,
      packageRoot.appendingPathComponent(".build/debug/activis").path,
    ]
    return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs `/bin/sh -c script` with `$ACTIVIS` set to the binary.
  static func shell(_ script: String, environment extra: [String: String] = [:]) throws -> Result {
    guard let binary = executable() else { throw HarnessError(message: "build the activis executable first") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    var environment = ProcessInfo.processInfo.environment
    environment["ACTIVIS"] = binary
    environment["ACTIVIS_HISTORY"] = ""
    environment["NO_COLOR"] = "1"
    environment["XDG_CACHE_HOME"] = TestCacheHome.path
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let errorData = Transcript()
    let reader = Thread {
      errorData.append(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
    reader.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while reader.isExecuting || !reader.isFinished { usleep(1000) }
    return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                  errors: errorData.take())
  }
}
