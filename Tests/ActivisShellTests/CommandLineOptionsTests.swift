import ActivisCore
import Testing
@testable import ActivisShell

@Suite struct CommandLineOptionsTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var expected: CommandLineOptions
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let valid: [Case] = [
    Case(arguments: [], expected: CommandLineOptions()),
    Case(arguments: ["trec-cnn"], expected: CommandLineOptions(bundle: "trec-cnn")),
    Case(arguments: ["-c", "info; layers", "trec-cnn"],
         expected: CommandLineOptions(inputs: [.commands("info; layers")], bundle: "trec-cnn")),
    Case(arguments: ["trec-cnn", "-c", "info", "-c", "matrix"],
         expected: CommandLineOptions(inputs: [.commands("info"), .commands("matrix")],
                                      bundle: "trec-cnn")),
    Case(arguments: ["-c", "a", "-f", "s.avq", "--command=b", "--file=t.avq"],
         expected: CommandLineOptions(inputs: [.commands("a"), .script("s.avq"),
                                               .commands("b"), .script("t.avq")])),
    Case(arguments: ["-f", "-"], expected: CommandLineOptions(inputs: [.script("-")])),
    Case(arguments: ["b", "--format", "csv"],
         expected: CommandLineOptions(bundle: "b", format: .csv)),
    Case(arguments: ["--format=JSON"], expected: CommandLineOptions(format: .json)),
    Case(arguments: ["--no-color", "-i", "-c", "x"],
         expected: CommandLineOptions(inputs: [.commands("x")], noColor: true,
                                      forceInteractive: true)),
    Case(arguments: ["--interactive"], expected: CommandLineOptions(forceInteractive: true)),
    Case(arguments: ["b", "--no-cache"], expected: CommandLineOptions(bundle: "b", noCache: true)),
    Case(arguments: ["--", "-odd name"], expected: CommandLineOptions(bundle: "-odd name")),
    Case(arguments: ["-c", "--format"],
         expected: CommandLineOptions(inputs: [.commands("--format")])),
    Case(arguments: ["-"], expected: CommandLineOptions(bundle: "-")),
    Case(arguments: ["-h"], expected: CommandLineOptions(action: .show(HelpText.usage))),
    Case(arguments: ["b", "--help", "--bogus"], expected: CommandLineOptions(action: .show(HelpText.usage))),
    Case(arguments: ["--version"], expected: CommandLineOptions(action: .show("activis 0.1.0"))),
  ]

  @Test(arguments: valid)
  func parsesValidArguments(_ test: Case) throws {
    #expect(try CommandLineOptions.parse(test.arguments) == test.expected)
  }

  struct Failure: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var message: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  /// swift-argument-parser's messages, and ours for a long option with one dash.
  static let invalid: [Failure] = [
    Failure(arguments: ["--fromat", "csv"],
            message: "activis: error: Unknown option '--fromat'. Did you mean '--format'?"),
    Failure(arguments: ["-format", "csv"],
            message: "activis: error: unknown option '-format'; did you mean '--format'?"),
    Failure(arguments: ["--no-colour"],
            message: "activis: error: Unknown option '--no-colour'. Did you mean '--no-color'?"),
    Failure(arguments: ["-x"], message: "activis: error: Unknown option '-x'"),
    Failure(arguments: ["--colour-scheme=dark"], message: "activis: error: Unknown option '--colour-scheme'"),
    Failure(arguments: ["-c"], message: "activis: error: Missing value for '-c <commands>'"),
    Failure(arguments: ["b", "-f"], message: "activis: error: Missing value for '-f <script.avq>'"),
    Failure(arguments: ["--format"], message: "activis: error: Missing value for '--format <format>'"),
    Failure(arguments: ["--format", "xml"],
            message: "activis: error: The value 'xml' is invalid for '--format <format>'. "
              + "Please provide one of 'table', 'csv', 'tsv' or 'json'."),
    Failure(arguments: ["a", "b"], message: "activis: error: Unexpected argument 'b'"),
    Failure(arguments: ["a", "--", "b"], message: "activis: error: Unexpected argument 'b'"),
    Failure(arguments: ["--no-color=yes"],
            message: "activis: error: The option '--no-color' does not take any value, but 'yes' was specified."),
  ]

  @Test(arguments: invalid)
  func rejectsInvalidArguments(_ test: Failure) {
    #expect(throws: UsageError.self) { try CommandLineOptions.parse(test.arguments) }
    do {
      _ = try CommandLineOptions.parse(test.arguments)
    } catch let error as UsageError {
      #expect(error.description == test.message)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  /// `--generate-completion-script` writes a script for each shell, naming every option.
  @Test func completionScriptsForBashZshAndFish() throws {
    for shell in ["bash", "zsh", "fish"] {
      guard case .show(let script) = try CommandLineOptions.parse(["--generate-completion-script", shell]).action else {
        Issue.record("no script for \(shell)")
        continue
      }
      for option in ["--command", "--file", "--format", "--no-color", "--interactive"] {
        #expect(script.contains(option.dropFirst(2)), "\(shell) script lacks \(option)")
      }
    }
  }

  @Test func helpTextDocumentsExitStatusAndExamples() {
    #expect(HelpText.usage.contains("2    usage error"))
    #expect(HelpText.usage.contains("130  a script, -c or piped input was stopped with Ctrl-C"))
    #expect(HelpText.usage.contains("activis -c \"info; layers\" trec-cnn"))
    #expect(HelpText.usage.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }
}
