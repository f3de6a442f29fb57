import ActivisCore
import Glibc
import Testing
@testable import ActivisShell

/// Sends real signals to this process, so the tests run one at a time.
///
/// Signals go to the process (`kill`), not the thread (`raise`): test threads
/// may block them, and then wait until some thread has run the handler.
@Suite(.serialized) struct InterruptSignalsTests {
  let signals = InterruptSignals.shared

  /// Sends `signal` to this process and waits up to a second for `done`.
  static func send(_ signal: Int32, until done: () -> Bool) {
    kill(getpid(), signal)
    for _ in 0..<1000 {
      if done() { return }
      usleep(1000)
    }
  }

  @Test func ctrlCWhileACommandRunsRequestsInterruption() {
    signals.install(batch: false)
    defer { signals.uninstall() }
    signals.commandWillRun()
    #expect(!Interruption.isRequested)
    Self.send(SIGINT) { Interruption.isRequested }
    #expect(Interruption.isRequested)
    Self.send(SIGINT) { false }  // within the grace second: the shell stays
    signals.commandDidRun()
    #expect(!signals.stopRequested)
    signals.commandWillRun()
    #expect(!Interruption.isRequested)
    signals.commandDidRun()
  }

  @Test func ctrlCAtThePromptOnlyDropsTheLine() {
    signals.install(batch: false)
    defer { signals.uninstall() }
    signals.commandWillRun()
    signals.commandDidRun()
    signals.enterPrompt()
    var seen = false
    Self.send(SIGINT) {
      seen = signals.takePromptInterrupt()
      return seen
    }
    signals.leavePrompt()
    #expect(seen)
    #expect(!signals.takePromptInterrupt())
    #expect(!Interruption.isRequested)
  }

  @Test func ctrlCInABatchCommandStopsTheInput() {
    signals.install(batch: true)
    defer { signals.uninstall() }
    signals.commandWillRun()
    Self.send(SIGINT) { signals.stopRequested }
    #expect(Interruption.isRequested)
    #expect(signals.stopRequested)
    signals.commandDidRun()
  }

  @Test func windowResizeIsNoted() {
    signals.install(batch: false)
    defer { signals.uninstall() }
    var seen = false
    Self.send(SIGWINCH) {
      seen = signals.takeWindowResize()
      return seen
    }
    #expect(seen)
    #expect(!signals.takeWindowResize())
  }

  @Test func ctrlCWhileABatchWaitsForInputExitsWith130() async {
    await #expect(processExitsWith: .exitCode(130)) {
      InterruptSignals.shared.install(batch: true)
      kill(getpid(), SIGINT)
      sleep(5)
    }
  }

  @Test func secondCtrlCAfterTheGraceSecondExitsWith130() async {
    await #expect(processExitsWith: .exitCode(130)) {
      InterruptSignals.shared.install(batch: false)
      InterruptSignals.shared.commandWillRun()
      kill(getpid(), SIGINT)
      usleep(1_100_000)
      kill(getpid(), SIGINT)
      sleep(5)
    }
  }

  @Test func interactiveCommandSurvivesAQuickSecondCtrlC() async {
    await #expect(processExitsWith: .exitCode(0)) {
      InterruptSignals.shared.install(batch: false)
      InterruptSignals.shared.commandWillRun()
      kill(getpid(), SIGINT)
      kill(getpid(), SIGINT)
      usleep(200_000)
      exit(Interruption.isRequested ? 0 : 1)
    }
  }
}
