import Glibc

/// Runs one `activis` invocation once its options are known: loads the
/// bundle, runs the `-c` and `-f` inputs or piped input, then (if the session
/// is interactive) the prompt. Returns the process's exit status.
///
/// The readers, the error output and the Ctrl-C handling are passed in, so
/// tests can drive a whole session with scripted input and a fake engine.
package struct ShellSession {
  /// How lines reach the session.
  package struct Inputs {
    /// Opens a `-f` script; `-` means standard input.
    package var openScript: (String) throws -> LineReader
    /// Piped standard input.
    package var standardInput: () -> LineReader
    /// The interactive reader (the line editor on a terminal).
    package var interactive: () -> LineReader

    /// Inputs built from closures.
    package init(openScript: @escaping (String) throws -> LineReader,
                standardInput: @escaping () -> LineReader,
                interactive: @escaping () -> LineReader) {
      self.openScript = openScript
      self.standardInput = standardInput
      self.interactive = interactive
    }
  }

  /// The origin `file` of the command that loads the bundle named on the
  /// command line.
  package static let commandLineOrigin = "<command line>"
  /// The origin `file` of piped input.
  package static let standardInputOrigin = "<stdin>"
  /// The origin `file` of `-c` commands (`-c:1:7: error: …`).
  package static let commandsOrigin = "-c"

  private let options: CommandLineOptions
  private let engine: ShellEngine
  private let inputs: Inputs
  private let lifecycle: CommandLifecycle
  private let interactive: Bool
  private let write: (String) -> Void
  private let writeError: (String) -> Void

  /// A session running `options` on `engine`. `interactive` is whether the
  /// prompt runs (a terminal with no `-c`/`-f`, or `-i`); `write` prints the
  /// banner, `writeError` prints `activis: error:` lines.
  package init(options: CommandLineOptions, engine: ShellEngine, inputs: Inputs,
              lifecycle: CommandLifecycle, interactive: Bool,
              write: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
    self.options = options
    self.engine = engine
    self.inputs = inputs
    self.lifecycle = lifecycle
    self.interactive = interactive
    self.write = write
    self.writeError = writeError
  }

  /// The banner shown when the interactive shell starts.
  package static var banner: String {
    "\(ShellVersion.line): explore a network's activations; type 'help' for commands, "
      + "'quit' to leave\n"
  }

  /// Runs the session and returns the exit status: 0 success or `quit`,
  /// 1 a failed line or an unreadable script, 130 Ctrl-C in batch input.
  package func run() -> Int32 {
    let loop = InputLoop(engine: engine, lifecycle: lifecycle)
    if interactive { write(Self.banner) }
    if let bundle = options.bundle {
      let origin = LineOrigin(file: Self.commandLineOrigin, line: 1)
      switch loop.runLine(CommandQuoting.loadCommand(for: bundle), origin: origin) {
      case .succeeded: break
      case .quit: return 0
      case .failed:
        if lifecycle.stopRequested { return 130 }
        if !interactive { return 1 }
      }
    }
    var startupFailed = false
    for input in options.inputs where !startupFailed {
      let ending: InputLoop.Ending
      switch input {
      case .commands(let text):
        ending = loop.run(TextLineReader(text: text), file: Self.commandsOrigin, mode: .batch)
      case .script(let path):
        guard let reader = openScript(path) else {
          if !interactive { return 1 }
          startupFailed = true
          continue
        }
        let file = path == "-" ? Self.standardInputOrigin : path
        ending = loop.run(reader, file: file, mode: .batch, skipsShebang: true)
      }
      switch ending {
      case .endOfInput: continue
      case .quit: return 0
      case .interrupted: return 130
      case .failed:
        if !interactive { return 1 }
        startupFailed = true
      }
    }
    if interactive {
      lifecycle.interactiveSessionWillStart()
      _ = loop.run(inputs.interactive(), file: nil, mode: .interactive)
      return 0
    }
    if options.inputs.isEmpty {
      let ending = loop.run(inputs.standardInput(), file: Self.standardInputOrigin,
                            mode: .batch, skipsShebang: true)
      return Self.status(for: ending)
    }
    return 0
  }

  /// The script at `path`, or `nil` after printing why it cannot be opened.
  private func openScript(_ path: String) -> LineReader? {
    do {
      return try inputs.openScript(path)
    } catch let error as ScriptOpenError {
      writeError(error.description + "\n")
    } catch {
      writeError("activis: error: cannot open '\(path)': \(error)\n")
    }
    return nil
  }

  /// The exit status after batch input ended with `ending`.
  static func status(for ending: InputLoop.Ending) -> Int32 {
    switch ending {
    case .endOfInput, .quit: return 0
    case .failed: return 1
    case .interrupted: return 130
    }
  }
}
