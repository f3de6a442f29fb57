import ActivisCore
import Glibc

/// The `activis` command: parses the arguments, sets up the terminal, the
/// engine and Ctrl-C handling, and runs a `ShellSession`.
public enum ShellMain {
  /// Runs `activis` with `arguments` (including the program name) and
  /// returns the exit status: 0 success, 1 a failed command or script,
  /// 2 a usage error, 130 interrupted.
  public static func run(arguments: [String], environment: [String: String]) -> Int32 {
    let options: CommandLineOptions
    do {
      options = try CommandLineOptions.parse(Array(arguments.dropFirst()))
    } catch let error as UsageError {
      printError("\(error.description)\nRun 'activis --help' for usage.\n")
      return 2
    } catch {
      printError("activis: error: \(error)\n")
      return 2
    }
    if case .show(let text) = options.action {
      print(text)
      return 0
    }

    let terminal = TerminalInfo.current(environment: environment)
    let cache = options.noCache ? nil : InstanceCache.fromEnvironment(environment)
    if options.serve {
      return ServeLoop.run(options: options, settings: ShellSettings(
        format: options.format ?? .json, useColor: false, terminalWidth: terminal.width, interactive: false,
        cache: cache))
    }
    let readsStandardInputAsScript = options.inputs.contains(.script("-"))
    let interactive = options.forceInteractive
      || (options.inputs.isEmpty && terminal.inputIsTerminal)
    let settings = ShellSettings(
      format: options.format ?? .table,
      useColor: TerminalInfo.allowsColor(outputIsTerminal: terminal.outputIsTerminal,
                                         noColorOption: options.noColor,
                                         environment: environment),
      terminalWidth: terminal.width,
      interactive: interactive,
      cache: cache)
    let engine = LanguageEngine(settings: settings)
    let signals = InterruptSignals.shared
    signals.install(batch: !interactive || !options.inputs.isEmpty)

    let editsLines = interactive && terminal.inputIsTerminal && !readsStandardInputAsScript
    // The banner and prompt go to standard error when standard output is redirected.
    let promptOutput: UnsafeMutablePointer<FILE> =
      editsLines && !terminal.outputIsTerminal && terminal.errorIsTerminal ? stderr : stdout
    let inputs = ShellSession.Inputs(
      openScript: { path in
        path == "-" ? StreamLineReader(descriptor: STDIN_FILENO) : try StreamLineReader(path: path)
      },
      standardInput: { StreamLineReader(descriptor: STDIN_FILENO) },
      interactive: {
        guard editsLines else {
          return StreamLineReader(descriptor: STDIN_FILENO, promptOutput: stdout)
        }
        return lineEditor(engine: engine, output: promptOutput, environment: environment)
      })
    let session = ShellSession(
      options: options, engine: engine, inputs: inputs, lifecycle: signals,
      interactive: interactive,
      write: { text in
        fputs(text, promptOutput)
        fflush(promptOutput)
      },
      writeError: printError)
    let status = session.run()
    fflush(stdout)
    return status
  }

  /// The libedit reader with the history file and completion, drawing on
  /// `output`.
  private static func lineEditor(engine: ShellEngine, output: UnsafeMutablePointer<FILE>,
                                 environment: [String: String]) -> LineReader {
    let history = HistoryFile.defaultPath(environment: environment).map { HistoryFile(path: $0) }
    let completer = ShellCompleter(engine: engine,
                                   files: FileNameCompleter(home: environment["HOME"]))
    return EditLineReader(history: history, output: output, signals: .shared) {
      completer.complete(line: $0, cursor: $1)
    }
  }

  private static func printError(_ text: String) {
    fflush(stdout)
    fputs(text, stderr)
  }
}
