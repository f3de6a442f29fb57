import Foundation
import Testing
@testable import ActivisShell

@Suite struct ScriptReadingTests {
  /// Writes `bytes` to a fresh temporary file and returns its path.
  static func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let path = NSTemporaryDirectory() + "activis-script-\(UUID().uuidString).avq"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func allLines(_ reader: LineReader) -> [String] {
    var lines: [String] = []
    while let line = reader.readLine(prompt: "") { lines.append(line) }
    return lines
  }

  @Test func splitsLinesAndAcceptsCRLF() throws {
    let path = try Self.temporaryFile(Array("info\r\nlayers\n\r\nmatrix".utf8))
    defer { unlink(path) }
    let reader = try StreamLineReader(path: path)
    #expect(Self.allLines(reader) == ["info", "layers", "", "matrix"])
  }

  @Test func replacesInvalidUTF8AndSkipsByteOrderMark() throws {
    let path = try Self.temporaryFile([0xEF, 0xBB, 0xBF] + Array("a".utf8) + [0xFF, 0x0A]
                                        + Array("caf\u{E9}".utf8) + [0x0A])
    defer { unlink(path) }
    let reader = try StreamLineReader(path: path)
    #expect(Self.allLines(reader) == ["a\u{FFFD}", "café"])
  }

  @Test func readsLongInputAcrossBlocks() throws {
    let lines = (1...20_000).map { "line \($0)" }
    let path = try Self.temporaryFile(Array((lines.joined(separator: "\n") + "\n").utf8))
    defer { unlink(path) }
    #expect(Self.allLines(try StreamLineReader(path: path)) == lines)
  }

  @Test func missingScriptSaysWhy() {
    #expect(throws: ScriptOpenError.self) { try StreamLineReader(path: "/nonexistent/x.avq") }
    do {
      _ = try StreamLineReader(path: "/nonexistent/x.avq")
    } catch let error as ScriptOpenError {
      #expect(error.description
                == "activis: error: cannot open '/nonexistent/x.avq': No such file or directory")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func directoryIsNotAScript() {
    do {
      _ = try StreamLineReader(path: "/tmp")
      Issue.record("a directory was opened as a script")
    } catch let error as ScriptOpenError {
      #expect(error.message == "cannot open '/tmp': Is a directory")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func textReaderSplitsCommandOption() {
    #expect(Self.allLines(TextLineReader(text: "info\nlayers\n")) == ["info", "layers"])
    #expect(Self.allLines(TextLineReader(text: "a\r\n\nb")) == ["a", "", "b"])
    #expect(Self.allLines(TextLineReader(text: "")) == [""])
  }

  @Test func shebangIsSkippedButCounted() throws {
    let script = "#!/usr/bin/env activis -f\ninfo\r\nfail here\nmatrix\n"
    let path = try Self.temporaryFile(Array(script.utf8))
    defer { unlink(path) }
    let engine = RecordingEngine()
    let loop = InputLoop(engine: engine, lifecycle: FakeLifecycle())
    let ending = loop.run(try StreamLineReader(path: path), file: "s.avq", mode: .batch,
                          skipsShebang: true)
    #expect(ending == .failed(line: 3))
    #expect(engine.lines == ["info", "fail here"])
    #expect(engine.origins == [LineOrigin(file: "s.avq", line: 2),
                               LineOrigin(file: "s.avq", line: 3)])
  }
}
