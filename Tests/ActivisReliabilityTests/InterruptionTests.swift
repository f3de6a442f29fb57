import ActivisTestSupport
import Foundation
import Testing

/// Ctrl-C in batch mode, sent as a real SIGINT to the `activis` binary: the
/// running command stops, says so, and the process ends with status 130.
/// (The interactive shell is tested in a terminal: Tests/e2e/test_interactive.py.)
///
/// Foundation's `Process` starts the child with SIGINT blocked, so this test
/// also checks that activis unblocks the signals it handles.
@Suite struct InterruptionTests {
  @Test func sigintStopsABacktrackingMatchInBatchMode() throws {
    let bundle = try TextInputCatalogue.backtrackingBundle()
    defer { bundle.remove() }
    let binary = try #require(ActivisProcess.executable(), "build the activis executable first")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["-c", "subset keep = where correct; subset s = where text matches \"(a+)+$\"; subsets",
                         bundle.path]
    var environment = ProcessInfo.processInfo.environment
    environment["ACTIVIS_HISTORY"] = ""
    process.environment = environment
    let stderr = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = stderr
    process.standardInput = FileHandle.nullDevice
    try process.run()
    usleep(700_000)
    kill(process.processIdentifier, SIGINT)
    let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(errors)")
    // Stopped inside the match on the second text: a check only between texts would end at the
    // 2 s limit with "gave up" instead.
    #expect(errors.contains("error: interrupted"), "\(errors)")
    #expect(!errors.contains("gave up"), "\(errors)")
  }
}
