import ActivisLanguage
import Glibc

/// `activis --serve`: the shell for programs (the Python `activis.Session`).
///
/// Reads one line of commands at a time from standard input and runs it like
/// the interactive shell (an error is reported and the session goes on), but
/// with results, diagnostics and warnings all on standard output, and after
/// each line a line holding only the ASCII record separator (U+001E), so
/// that the program knows the line is done. The bundle given on the command
/// line is loaded first, and answered the same way.
enum ServeLoop {
  /// The line that ends each answer.
  static let separator = "\u{1E}\n"

  /// Runs until standard input ends or `quit`; the exit status.
  static func run(options: CommandLineOptions, settings: ShellSettings) -> Int32 {
    let engine = LanguageEngine(settings: settings, output: .standardOutput, errors: .standardOutput)
    func answer(_ line: String, number: Int) -> LineOutcome {
      let outcome = engine.run(line: line, origin: LineOrigin(file: nil, line: number))
      TextSink.standardOutput.write(separator)
      TextSink.standardOutput.flush()
      return outcome
    }
    if let bundle = options.bundle, answer(CommandQuoting.loadCommand(for: bundle), number: 1) == .quit { return 0 }
    let input = StreamLineReader(descriptor: STDIN_FILENO)
    var number = 0
    while let line = input.readLine(prompt: "") {
      number += 1
      if answer(line, number: number) == .quit { return 0 }
    }
    return 0
  }
}
