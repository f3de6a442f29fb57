import Glibc

/// The one loop that reads lines and hands them to the engine, for the
/// terminal, `-c`, `-f` and piped input alike (sqlite's `process_input`).
///
/// Interactive: a failed line is reported by the engine and the loop carries
/// on. Batch: the loop stops at the first failed line. Both stop at `quit`
/// and at the end of input; batch input also stops when Ctrl-C was pressed.
///
/// ```swift
/// let loop = InputLoop(engine: engine, lifecycle: InterruptSignals.shared)
/// let ending = loop.run(try StreamLineReader(path: "a.avq"), file: "a.avq", mode: .batch)
/// ```
package struct InputLoop {
  /// How failures are treated.
  package enum Mode: Equatable, Sendable {
    /// Report and carry on; show the engine's prompt.
    case interactive
    /// Stop at the first failed line; no prompt.
    case batch
  }

  /// Why the loop stopped.
  package enum Ending: Equatable, Sendable {
    /// The input ran out (Ctrl-D at the prompt, end of file).
    case endOfInput
    /// A line failed in batch mode.
    case failed(line: Int)
    /// `quit` was run.
    case quit
    /// Ctrl-C was pressed in batch mode.
    case interrupted
  }

  private let engine: ShellEngine
  private let lifecycle: CommandLifecycle

  /// A loop feeding `engine`, telling `lifecycle` when commands run.
  package init(engine: ShellEngine, lifecycle: CommandLifecycle) {
    self.engine = engine
    self.lifecycle = lifecycle
  }

  /// Runs every line of `reader`. Lines are numbered from 1 and reported as
  /// coming from `file` (`nil` for the prompt and `-c`). When `skipsShebang`,
  /// a first line starting with `#!` is skipped (still counted). Blank lines
  /// are not sent to the engine.
  package func run(_ reader: LineReader, file: String?, mode: Mode,
                  skipsShebang: Bool = false) -> Ending {
    var number = 0
    while true {
      if mode == .batch && lifecycle.stopRequested { return .interrupted }
      guard let line = reader.readLine(prompt: mode == .interactive ? engine.prompt : "") else {
        return mode == .batch && lifecycle.stopRequested ? .interrupted : .endOfInput
      }
      number += 1
      if number == 1 && skipsShebang && line.hasPrefix("#!") { continue }
      if line.allSatisfy({ $0.isWhitespace }) { continue }
      let outcome = runLine(line, origin: LineOrigin(file: file, line: number))
      switch outcome {
      case .succeeded:
        break
      case .quit:
        return .quit
      case .failed:
        if mode == .batch {
          return lifecycle.stopRequested ? .interrupted : .failed(line: number)
        }
      }
    }
  }

  /// Runs one line with the interruption flag cleared, then flushes the
  /// output so that results and diagnostics appear in order.
  package func runLine(_ line: String, origin: LineOrigin) -> LineOutcome {
    lifecycle.commandWillRun()
    let outcome = engine.run(line: line, origin: origin)
    lifecycle.commandDidRun()
    fflush(stdout)
    return outcome
  }
}
