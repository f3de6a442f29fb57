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
    Case(arguments: ["--", "-odd name"], expected: CommandLineOptions(bundle: "-odd name")),
    Case(arguments: ["-c", "--format"],
         expected: CommandLineOptions(inputs: [.commands("--format")])),
    Case(arguments: ["-"], expected: CommandLineOptions(bundle: "-")),
    Case(arguments: ["-h"], expected: CommandLineOptions(action: .help)),
    Case(arguments: ["b", "--help", "--bogus"], expected: CommandLineOptions(action: .help,
                                                                            bundle: "b")),
    Case(arguments: ["--version"], expected: CommandLineOptions(action: .version)),
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

  static let invalid: [Failure] = [
    Failure(arguments: ["--fromat", "csv"],
            message: "activis: error: unknown option '--fromat'; did you mean '--format'?"),
    Failure(arguments: ["-format", "csv"],
            message: "activis: error: unknown option '-format'; did you mean '--format'?"),
    Failure(arguments: ["--no-colour"],
            message: "activis: error: unknown option '--no-colour'; did you mean '--no-color'?"),
    Failure(arguments: ["--verison"],
            message: "activis: error: unknown option '--verison'; did you mean '--version'?"),
    Failure(arguments: ["-x"], message: "activis: error: unknown option '-x'"),
    Failure(arguments: ["--colour-scheme=dark"],
            message: "activis: error: unknown option '--colour-scheme'"),
    Failure(arguments: ["-c"], message: "activis: error: missing value for '-c'"),
    Failure(arguments: ["b", "-f"], message: "activis: error: missing value for '-f'"),
    Failure(arguments: ["--format"],
            message: "activis: error: missing value for '--format'; "
              + "expected csv, tsv, json or table"),
    Failure(arguments: ["--format", "xml"],
            message: "activis: error: invalid format 'xml'; expected csv, tsv, json or table"),
    Failure(arguments: ["a", "b"],
            message: "activis: error: unexpected argument 'b'; only one bundle can be opened"),
    Failure(arguments: ["a", "--", "b"],
            message: "activis: error: unexpected argument 'b'; only one bundle can be opened"),
    Failure(arguments: ["--no-color=yes"],
            message: "activis: error: option '--no-color' takes no value"),
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

  /// Options are suggested with the language's rule ("did you mean" has one edit distance).
  @Test func misspeltOptionsUseTheLanguagesSuggestions() {
    #expect(CommandLineOptions.suggestion(for: "--fromat") == "--format")
    #expect(CommandLineOptions.suggestion(for: "--quiet") == nil)
    #expect(CommandLineOptions.suggestion(for: "-x") == nil)
  }

  @Test func helpTextDocumentsExitStatusAndExamples() {
    #expect(HelpText.usage.contains("2    usage error"))
    #expect(HelpText.usage.contains("130  a script, -c or piped input was stopped with Ctrl-C"))
    #expect(HelpText.usage.contains("activis -c \"info; layers\" trec-cnn"))
    #expect(HelpText.usage.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }
}
