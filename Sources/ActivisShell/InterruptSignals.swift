import ActivisCore
import Glibc
import Synchronization

/// Ctrl-C (SIGINT), window-size (SIGWINCH) and continue-after-stop (SIGCONT)
/// handling for the whole process.
///
/// - At the prompt, Ctrl-C sets a flag that the line editor turns into "drop
///   this line and prompt again" (`takePromptInterrupt()`); the handler is
///   installed without `SA_RESTART` there so a blocked read returns.
/// - While a command runs interactively, Ctrl-C calls `Interruption.request()`;
///   the command stops and the prompt returns. A quick second Ctrl-C only
///   prints a hint (so an impatient double press does not lose the session);
///   once the command has ignored Ctrl-C for a second, a further Ctrl-C ends
///   the process with status 130.
/// - In batch mode (`-c`, `-f`, piped input), Ctrl-C while a command runs
///   requests the interruption and the input stops after that line (status
///   130); a second Ctrl-C, or one while waiting for input, ends the process at
///   once with status 130 (output is flushed after every line).
///
/// The handler only touches lock-free atomics, `clock_gettime`, `write` and
/// `_exit`, all async-signal-safe. libedit's own signal handling is switched
/// off (`rl_catch_signals = 0`) so that it does not fight this one.
package final class InterruptSignals: CommandLifecycle {
  /// The one instance; signal handlers are process-wide.
  package static let shared = InterruptSignals()

  private enum Phase: Int {
    case idle = 0, prompt, command
  }

  private static let phase = Atomic<Int>(Phase.idle.rawValue)
  private static let batch = Atomic<Bool>(false)
  private static let promptInterrupted = Atomic<Bool>(false)
  private static let stopFlag = Atomic<Bool>(false)
  private static let windowResized = Atomic<Bool>(false)
  private static let continued = Atomic<Bool>(false)
  /// When the pending interruption of the running command was requested
  /// (monotonic nanoseconds), or 0.
  private static let requestedAt = Atomic<Int>(0)
  /// The "press Ctrl-C again" hint was shown for the running command.
  private static let hintShown = Atomic<Bool>(false)

  /// How long a command may take to notice Ctrl-C before another one exits.
  static let graceNanoseconds = 1_000_000_000

  private init() {}

  /// Installs the handlers. `batch` selects the batch behaviour above.
  package func install(batch: Bool) {
    // Touch every static so that none is first initialised in the handler.
    _ = Interruption.isRequested
    Self.batch.store(batch, ordering: .relaxed)
    Self.phase.store(Phase.idle.rawValue, ordering: .relaxed)
    Self.stopFlag.store(false, ordering: .relaxed)
    Self.promptInterrupted.store(false, ordering: .relaxed)
    Self.windowResized.store(false, ordering: .relaxed)
    Self.continued.store(false, ordering: .relaxed)
    Self.requestedAt.store(0, ordering: .relaxed)
    Self.setHandlers(restarting: true)
    // A process inherits the signal mask of the thread that started it, and
    // may get these blocked (a child of Foundation's `Process` in the test
    // runner does); Ctrl-C would then stay pending for ever.
    var handled = sigset_t()
    sigemptyset(&handled)
    for signal in [SIGINT, SIGWINCH, SIGCONT] { sigaddset(&handled, signal) }
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
  }

  /// Restores the default actions (for tests).
  func uninstall() {
    signal(SIGINT, SIG_DFL)
    signal(SIGWINCH, SIG_DFL)
    signal(SIGCONT, SIG_DFL)
    Self.phase.store(Phase.idle.rawValue, ordering: .relaxed)
  }

  /// Switches to interactive behaviour (after the `-c` and `-f` inputs of `-i`).
  package func interactiveSessionWillStart() {
    Self.batch.store(false, ordering: .relaxed)
  }

  /// The line editor is about to wait for a line.
  package func enterPrompt() {
    Self.promptInterrupted.store(false, ordering: .relaxed)
    Self.phase.store(Phase.prompt.rawValue, ordering: .relaxed)
    Self.setHandlers(restarting: false)
  }

  /// The line editor has returned a line.
  package func leavePrompt() {
    Self.setHandlers(restarting: true)
    Self.phase.store(Phase.idle.rawValue, ordering: .relaxed)
  }

  /// Whether Ctrl-C was pressed at the prompt since the last call.
  package func takePromptInterrupt() -> Bool {
    Self.promptInterrupted.exchange(false, ordering: .relaxed)
  }

  /// Whether the window changed size since the last call.
  package func takeWindowResize() -> Bool {
    Self.windowResized.exchange(false, ordering: .relaxed)
  }

  /// Whether the process was continued after a stop (Ctrl-Z, `fg`) since the
  /// last call.
  package func takeContinued() -> Bool {
    Self.continued.exchange(false, ordering: .relaxed)
  }

  /// Clears the interruption request and marks a command as running.
  package func commandWillRun() {
    Self.requestedAt.store(0, ordering: .relaxed)
    Self.hintShown.store(false, ordering: .relaxed)
    Interruption.reset()
    Self.phase.store(Phase.command.rawValue, ordering: .relaxed)
  }

  /// Marks the command as finished.
  package func commandDidRun() {
    Self.phase.store(Phase.idle.rawValue, ordering: .relaxed)
  }

  /// Ctrl-C was pressed in batch mode.
  package var stopRequested: Bool { Self.stopFlag.load(ordering: .relaxed) }

  private static func setHandlers(restarting: Bool) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { signal in InterruptSignals.handle(signal) }
    sigemptyset(&action.sa_mask)
    action.sa_flags = restarting ? Int32(SA_RESTART) : 0
    sigaction(SIGINT, &action, nil)
    sigaction(SIGWINCH, &action, nil)
    sigaction(SIGCONT, &action, nil)
  }

  /// The signal handler.
  private static func handle(_ signal: Int32) {
    if signal == SIGWINCH {
      windowResized.store(true, ordering: .relaxed)
      return
    }
    if signal == SIGCONT {
      continued.store(true, ordering: .relaxed)
      return
    }
    if batch.load(ordering: .relaxed) {
      let running = phase.load(ordering: .relaxed) == Phase.command.rawValue
      if !running || stopFlag.exchange(true, ordering: .relaxed) {
        leave("\nactivis: interrupted\n")
      }
      Interruption.request()
      return
    }
    switch Phase(rawValue: phase.load(ordering: .relaxed)) {
    case .prompt:
      promptInterrupted.store(true, ordering: .relaxed)
    case .command:
      let now = monotonicNanoseconds()
      let first = requestedAt.load(ordering: .relaxed)
      if first == 0 {
        requestedAt.store(now, ordering: .relaxed)
        Interruption.request()
      } else if now - first >= graceNanoseconds {
        leave("\nactivis: the command did not stop; exiting\n")
      } else if !hintShown.exchange(true, ordering: .relaxed) {
        say("\nactivis: stopping the command; if it hangs, press Ctrl-C again to exit\n")
      }
    case .idle, .none:
      break
    }
  }

  /// Writes `message` to standard error and ends the process with status 130.
  private static func leave(_ message: StaticString) -> Never {
    say(message)
    _exit(130)
  }

  /// Writes `message` to standard error (async-signal-safe).
  private static func say(_ message: StaticString) {
    _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
  }

  private static func monotonicNanoseconds() -> Int {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return max(1, time.tv_sec * 1_000_000_000 + time.tv_nsec)
  }
}
