import ActivisCore
import Glibc
import Testing
@testable import ActivisShell

/// Sends real signals, each test in a process of its own.
///
/// Signals go to the process (`kill`), not the thread (`raise`): threads may
/// block them, and then wait until some thread has run the handler.
@Suite struct InterruptSignalsTests {
  /// Sends `signal` to this process and waits up to a second for `done`.
  static func send(_ signal: Int32, until done: () -> Bool) {
    kill(getpid(), signal)
    for _ in 0..<1000 {
      if done() { return }
      usleep(1000)
    }
  }

  // Every test runs in a child process (an exit test): the signal handler
  // and `Interruption` are process-wide, and other suites run meanwhile.

  @Test func ctrlCWhileACommandRunsRequestsInterruption() async {
    await #expect(processExitsWith: .exitCode(0)) {
      let signals = InterruptSignals.shared
      signals.install(batch: false)
      signals.commandWillRun()
      var ok = !Interruption.isRequested
      InterruptSignalsTests.send(SIGINT) { Interruption.isRequested }
      ok = ok && Interruption.isRequested
      InterruptSignalsTests.send(SIGINT) { false }  // within the grace second: the shell stays
      signals.commandDidRun()
      ok = ok && !signals.stopRequested
      signals.commandWillRun()
      ok = ok && !Interruption.isRequested
      signals.commandDidRun()
      exit(ok ? 0 : 1)
    }
  }

  @Test func ctrlCAtThePromptOnlyDropsTheLine() async {
    await #expect(processExitsWith: .exitCode(0)) {
      let signals = InterruptSignals.shared
      signals.install(batch: false)
      signals.commandWillRun()
      signals.commandDidRun()
      signals.enterPrompt()
      var seen = false
      InterruptSignalsTests.send(SIGINT) {
        seen = signals.takePromptInterrupt()
        return seen
      }
      signals.leavePrompt()
      exit(seen && !signals.takePromptInterrupt() && !Interruption.isRequested ? 0 : 1)
    }
  }

  @Test func ctrlCInABatchCommandStopsTheInput() async {
    await #expect(processExitsWith: .exitCode(0)) {
      let signals = InterruptSignals.shared
      signals.install(batch: true)
      signals.commandWillRun()
      InterruptSignalsTests.send(SIGINT) { signals.stopRequested }
      exit(Interruption.isRequested && signals.stopRequested ? 0 : 1)
    }
  }

  @Test func windowResizeIsNoted() async {
    await #expect(processExitsWith: .exitCode(0)) {
      let signals = InterruptSignals.shared
      signals.install(batch: false)
      var seen = false
      InterruptSignalsTests.send(SIGWINCH) {
        seen = signals.takeWindowResize()
        return seen
      }
      exit(seen && !signals.takeWindowResize() ? 0 : 1)
    }
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
