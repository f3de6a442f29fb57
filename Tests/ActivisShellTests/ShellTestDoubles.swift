import ActivisShell

/// An engine that records what it is asked to run: lines starting with
/// `fail` fail, `quit` quits, everything else succeeds.
final class RecordingEngine: ShellEngine {
  var runs: [(line: String, origin: LineOrigin)] = []
  /// Lines that fail besides those starting with `fail`.
  var failing: Set<String> = []
  var completionResult = Completions(wordStart: 0, candidates: [])
  var completionRequests: [(line: String, cursor: Int)] = []
  /// Called during `run`, e.g. to simulate Ctrl-C in the middle of a command.
  var duringRun: ((String) -> Void)?

  var lines: [String] { runs.map(\.line) }
  var origins: [LineOrigin] { runs.map(\.origin) }

  func run(line: String, origin: LineOrigin) -> LineOutcome {
    runs.append((line, origin))
    duringRun?(line)
    if line == "quit" { return .quit }
    if line.hasPrefix("fail") || failing.contains(line) { return .failed }
    return .succeeded
  }

  func completions(line: String, cursor: Int) -> Completions {
    completionRequests.append((line, cursor))
    return completionResult
  }

  var prompt: String { "test> " }
}

/// Returns the given lines one by one and records the prompts it was shown.
final class ScriptedLineReader: LineReader {
  private var lines: [String]
  private(set) var prompts: [String] = []

  init(_ lines: [String]) {
    self.lines = lines
  }

  func readLine(prompt: String) -> String? {
    prompts.append(prompt)
    return lines.isEmpty ? nil : lines.removeFirst()
  }
}

/// Counts commands and can pretend Ctrl-C was pressed.
final class FakeLifecycle: CommandLifecycle {
  var started = 0
  var finished = 0
  var stopRequested = false
  var interactiveStarted = false
  /// Sets `stopRequested` while running the command with this number (1-based).
  var stopDuringCommand: Int?

  func commandWillRun() {
    started += 1
    if started == stopDuringCommand { stopRequested = true }
  }

  func commandDidRun() { finished += 1 }

  func interactiveSessionWillStart() { interactiveStarted = true }
}
