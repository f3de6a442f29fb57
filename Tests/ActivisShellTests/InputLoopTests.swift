import Testing
@testable import ActivisShell

@Suite struct InputLoopTests {
  @Test func batchStopsAtFirstFailure() {
    let engine = RecordingEngine()
    let lifecycle = FakeLifecycle()
    let reader = ScriptedLineReader(["info", "", "   ", "fail 1", "matrix"])
    let ending = InputLoop(engine: engine, lifecycle: lifecycle)
      .run(reader, file: "<stdin>", mode: .batch)
    #expect(ending == .failed(line: 4))
    #expect(engine.lines == ["info", "fail 1"])
    #expect(engine.origins == [LineOrigin(file: "<stdin>", line: 1),
                               LineOrigin(file: "<stdin>", line: 4)])
    #expect(reader.prompts == ["", "", "", ""])
    #expect(lifecycle.started == 2 && lifecycle.finished == 2)
  }

  @Test func interactiveReportsAndCarriesOn() {
    let engine = RecordingEngine()
    let reader = ScriptedLineReader(["fail 1", "info", "fail 2"])
    let ending = InputLoop(engine: engine, lifecycle: FakeLifecycle())
      .run(reader, file: nil, mode: .interactive)
    #expect(ending == .endOfInput)
    #expect(engine.lines == ["fail 1", "info", "fail 2"])
    #expect(engine.origins.map(\.line) == [1, 2, 3])
    #expect(engine.origins.allSatisfy { $0.file == nil })
    #expect(reader.prompts == ["test> ", "test> ", "test> ", "test> "])
  }

  @Test(arguments: [InputLoop.Mode.batch, .interactive])
  func quitEndsTheLoop(mode: InputLoop.Mode) {
    let engine = RecordingEngine()
    let reader = ScriptedLineReader(["info", "quit", "never"])
    let ending = InputLoop(engine: engine, lifecycle: FakeLifecycle()).run(reader, file: nil,
                                                                            mode: mode)
    #expect(ending == .quit)
    #expect(engine.lines == ["info", "quit"])
  }

  @Test func shebangOnlyOnTheFirstLineAndOnlyWhenAsked() {
    let engine = RecordingEngine()
    let loop = InputLoop(engine: engine, lifecycle: FakeLifecycle())
    _ = loop.run(ScriptedLineReader(["#!activis", "#!again"]), file: "f", mode: .batch,
                 skipsShebang: true)
    _ = loop.run(ScriptedLineReader(["#!kept"]), file: nil, mode: .batch)
    #expect(engine.lines == ["#!again", "#!kept"])
    #expect(engine.origins.map(\.line) == [2, 1])
  }

  @Test func ctrlCInBatchStopsAfterTheRunningLine() {
    let engine = RecordingEngine()
    let lifecycle = FakeLifecycle()
    lifecycle.stopDuringCommand = 2
    let ending = InputLoop(engine: engine, lifecycle: lifecycle)
      .run(ScriptedLineReader(["a", "b", "c"]), file: nil, mode: .batch)
    #expect(ending == .interrupted)
    #expect(engine.lines == ["a", "b"])
  }

  @Test func ctrlCMakingALineFailIsAnInterruptionNotAFailure() {
    let engine = RecordingEngine()
    let lifecycle = FakeLifecycle()
    lifecycle.stopDuringCommand = 1
    let ending = InputLoop(engine: engine, lifecycle: lifecycle)
      .run(ScriptedLineReader(["fail: interrupted", "b"]), file: nil, mode: .batch)
    #expect(ending == .interrupted)
  }

  @Test func ctrlCIsIgnoredByTheInteractiveLoop() {
    let engine = RecordingEngine()
    let lifecycle = FakeLifecycle()
    lifecycle.stopRequested = true
    let ending = InputLoop(engine: engine, lifecycle: lifecycle)
      .run(ScriptedLineReader(["fail", "b"]), file: nil, mode: .interactive)
    #expect(ending == .endOfInput)
    #expect(engine.lines == ["fail", "b"])
  }
}
