import ActivisCore
import ActivisLanguage
import ActivisRender
import Foundation

/// The engine that runs the activis language for the shell: parses each
/// line, evaluates its commands against one `Session`, prints results on
/// standard output and diagnostics on standard error, and writes exports.
package final class LanguageEngine: ShellEngine {
  package let session: Session
  private let settings: ShellSettings
  private let output: TextSink
  private let errors: TextSink

  /// - Parameters:
  ///   - output: where results go (standard output by default).
  ///   - errors: where diagnostics go (standard error by default).
  package init(settings: ShellSettings, output: TextSink = .standardOutput, errors: TextSink = .standardError) {
    self.settings = settings
    self.session = Session(format: settings.format)
    session.instanceCache = settings.cache
    self.output = output
    self.errors = errors
    if isatty(STDERR_FILENO) != 0 {
      session.progress = { [progressLine] line in progressLine.show(line) }
    }
  }

  /// The progress line of a long command on standard error, kept on one
  /// terminal line and cleared when the command ends.
  private let progressLine = ProgressLine()

  package var prompt: String {
    guard let bundle = session.bundle else { return "activis> " }
    return "\(bundle.name)\(session.layer.map { ":" + $0.name } ?? "")> "
  }

  package func run(line: String, origin: LineOrigin) -> LineOutcome {
    let parsed = Parser.parse(line: line)
    if let diagnostic = parsed.diagnostics.first(where: { $0.severity == .error }) {
      report(diagnostic, line: line, origin: origin)
      return .failed
    }
    for command in parsed.commands {
      let started = DispatchTime.now()
      let timed = session.timer  // `set timer on` times the commands after it
      defer { if timed && session.timer { reportTime(since: started, of: command, in: line) } }
      defer { reportWarnings() }
      do {
        switch try Evaluator(session: session).evaluate(command) {
        case .result(let result): show(result)
        case .export(let result, let format, let path): try export(result, as: format, to: path)
        case .formatChanged: break
        case .save(let script, let path): try save(script, to: path)
        case .quit: return .quit
        }
      } catch let diagnostic as Diagnostic {
        report(diagnostic, line: line, origin: origin)
        return .failed
      } catch is Interrupted {
        report(.error("interrupted; nothing was changed", at: command.range), line: line, origin: origin)
        return .failed
      } catch {
        report(.error("\(error)", at: command.range), line: line, origin: origin)
        return .failed
      }
    }
    return .succeeded
  }

  private var renderOptions: RenderOptions {
    RenderOptions(format: session.format,
                  width: settings.terminalWidth ?? 120, useColor: settings.useColor)
  }

  private func show(_ result: CommandResult) {
    progressLine.show(nil)
    if let text = ResultRenderer.render(result, options: renderOptions) { output.write(text) }
  }

  /// `time 0.324 s: matrix` on standard error (`set timer on`).
  private func reportTime(since start: DispatchTime, of command: CommandNode, in line: String) {
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let text = Evaluator.text(of: command.range, in: line)
    let shown = text.count > 60 ? text.prefix(59) + "…" : Substring(text)
    output.flush()
    errors.write("time \(String(format: "%.3f", seconds)) s: \(shown)\n")
  }

  /// The session's warnings, on standard error after the result they belong to.
  private func reportWarnings() {
    let warnings = session.takeWarnings()
    guard !warnings.isEmpty else { return }
    output.flush()
    for warning in warnings { errors.write(warning + "\n") }
  }

  private func report(_ diagnostic: Diagnostic, line: String, origin: LineOrigin) {
    progressLine.show(nil)
    output.flush()
    errors.write(DiagnosticFormatter.format(diagnostic, line: line, file: origin.file, lineNumber: origin.line,
                                            useColor: settings.useColor) + "\n")
  }

  /// Writes a result to a file: rendered completely first, then written to
  /// a temporary file beside the target and renamed over it, so that a
  /// failed or interrupted export never leaves a partial file.
  private func export(_ result: CommandResult, as format: ExportFormat, to path: Located<String>) throws {
    guard let text = try ExportRenderer.render(result, as: format) else {
      throw Diagnostic.error(
        "'export \(format.rawValue)' cannot write this result yet (SVG pictures are drawn for graphs); "
          + "use 'export csv' or 'export json'", at: path.range)
    }
    try write(text, to: path)
  }

  /// `save <file>`: the script that rebuilds the session, written like an export.
  private func save(_ script: String, to path: Located<String>) throws {
    try write(script, to: path, saying: "saved the session to \(path.value); replay it with 'activis -f \(path.value)'")
  }

  /// Writes `text` atomically to `path`, and says so in table format.
  private func write(_ text: String, to path: Located<String>, saying message: String? = nil) throws {
    do {
      try AtomicFile.write(text, to: path.value)
    } catch let error as AtomicFile.Failure {
      throw Diagnostic.error(error.message, at: path.range)
    }
    if session.format == .table {
      output.write((message ?? "wrote \(path.value) (\(text.utf8.count) bytes)") + "\n")
    }
  }

  package func completions(line: String, cursor: Int) -> Completions {
    let context = Completion.context(line: line, cursor: cursor)
    let names = CompletionNames(session: session).names(for: context)
    let candidates = names.filter { $0.hasPrefix(context.prefix) }
    return Completions(wordStart: context.wordStart, candidates: Array(Set(candidates)).sorted())
  }
}
