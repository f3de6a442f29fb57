import Foundation
import Testing
@testable import ActivisShell

@Suite struct HistoryFileTests {
  static func temporaryPath() -> String {
    NSTemporaryDirectory() + "activis-history-\(UUID().uuidString)"
  }

  static func contents(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing>"
  }

  @Test func recordsEachLineAtOnceWithoutRepeats() {
    let path = Self.temporaryPath()
    defer { unlink(path) }
    let history = HistoryFile(path: path)
    #expect(history.load() == [])
    #expect(history.record("info"))
    #expect(Self.contents(path) == "info\n")
    #expect(!history.record("info"))
    #expect(!history.record(""))
    #expect(history.record("layers"))
    #expect(history.record("info"))
    #expect(Self.contents(path) == "info\nlayers\ninfo\n")
  }

  @Test func loadsWhatAnEarlierSessionWrote() {
    let path = Self.temporaryPath()
    defer { unlink(path) }
    HistoryFile(path: path).record("select layer concat")
    let later = HistoryFile(path: path)
    #expect(later.load() == ["select layer concat"])
    #expect(later.lastEntry == "select layer concat")
    #expect(!later.record("select layer concat"))
  }

  @Test func cutsTheFileBackToTheLimit() throws {
    let path = Self.temporaryPath()
    defer { unlink(path) }
    try "1\n2\n\n3\r\n4\n5\n".write(toFile: path, atomically: true, encoding: .utf8)
    let history = HistoryFile(path: path, limit: 3)
    #expect(history.load() == ["3", "4", "5"])
    #expect(Self.contents(path) == "3\n4\n5\n")
    history.record("6")
    #expect(Self.contents(path) == "3\n4\n5\n6\n")
    history.record("7")
    #expect(Self.contents(path) == "5\n6\n7\n")
    #expect(HistoryFile(path: path, limit: 3).load() == ["5", "6", "7"])
  }

  @Test func pathComesFromTheEnvironment() {
    #expect(HistoryFile.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.activis_history")
    #expect(HistoryFile.defaultPath(environment: ["HOME": "/home/u/"])
              == "/home/u/.activis_history")
    #expect(HistoryFile.defaultPath(environment: ["HOME": "/h", "ACTIVIS_HISTORY": "/tmp/h"])
              == "/tmp/h")
    #expect(HistoryFile.defaultPath(environment: ["HOME": "/h", "ACTIVIS_HISTORY": ""]) == nil)
    #expect(HistoryFile.defaultPath(environment: [:]) == nil)
  }

  @Test func unwritableLocationDoesNotStopTheShell() {
    let history = HistoryFile(path: "/nonexistent/dir/history")
    #expect(history.load() == [])
    #expect(history.record("info"))
  }
}
