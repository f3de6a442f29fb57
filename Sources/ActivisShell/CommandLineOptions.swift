import ActivisCore

import ActivisLanguage

/// What `activis` was asked to do, parsed from its arguments.
///
/// The grammar is small and hand-written:
///
///     activis [-c <commands>]... [-f <script>]... [-i] [--format <f>] [--no-color]
///             [--] [<bundle>]
///
/// Options may appear anywhere, before or after the bundle; `--` ends them.
/// `-c` and `-f` may be repeated and mixed: they run in the order given.
///
/// ```swift
/// let options = try CommandLineOptions.parse(["-c", "info", "trec-cnn"])
/// // options.inputs == [.commands("info")], options.bundle == "trec-cnn"
/// ```
package struct CommandLineOptions: Equatable, Sendable {
  /// One batch input, in command-line order.
  package enum Input: Equatable, Sendable {
    /// `-c "<commands>"`: one or more lines of commands.
    case commands(String)
    /// `-f <path>`: a script file; `-` is standard input.
    case script(String)
  }

  /// What to do besides running commands.
  package enum Action: Equatable, Sendable {
    /// Run the inputs, the piped commands or the interactive shell.
    case run
    /// `-h`, `--help`: print the usage text.
    case help
    /// `--version`: print the version.
    case version
  }

  /// Every option spelling, for "did you mean".
  static let knownOptions = [
    "--command", "--file", "--interactive", "--format", "--no-color", "--help", "--version",
    "-c", "-f", "-i", "-h",
  ]

  /// Run, or print help or the version.
  package var action: Action = .run
  /// The `-c` and `-f` inputs in order.
  package var inputs: [Input] = []
  /// The bundle to load before anything else runs.
  package var bundle: String?
  /// `--format`; `nil` leaves the engine's default (`table`).
  package var format: OutputFormat?
  /// `--no-color`.
  package var noColor = false
  /// `-i`: open the interactive shell after the `-c` and `-f` inputs.
  package var forceInteractive = false

  /// Options with nothing set: the interactive shell with no bundle.
  package init(action: Action = .run, inputs: [Input] = [], bundle: String? = nil,
              format: OutputFormat? = nil, noColor: Bool = false, forceInteractive: Bool = false) {
    self.action = action
    self.inputs = inputs
    self.bundle = bundle
    self.format = format
    self.noColor = noColor
    self.forceInteractive = forceInteractive
  }

  /// Parses `arguments` (without the program name).
  ///
  /// `-h` and `--version` win as soon as they are seen; everything before
  /// them must still be valid.
  /// - Throws: `UsageError` for an unknown option, a missing or invalid value
  ///   or a second bundle.
  package static func parse(_ arguments: [String]) throws -> CommandLineOptions {
    var options = CommandLineOptions()
    var index = 0
    var optionsEnded = false

    func value(for option: String, attached: String?) throws -> String {
      if let attached { return attached }
      index += 1
      guard index < arguments.count else { throw UsageError.missingValue(option) }
      return arguments[index]
    }

    while index < arguments.count {
      let argument = arguments[index]
      defer { index += 1 }
      if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
        guard options.bundle == nil else { throw UsageError.unexpectedArgument(argument) }
        options.bundle = argument
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = argument
      var attached: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        attached = String(argument[argument.index(after: equals)...])
      }
      let takesValue = ["-c", "--command", "-f", "--file", "--format"].contains(name)
      if attached != nil && !takesValue && knownOptions.contains(name) {
        throw UsageError.unexpectedValue(name)
      }
      switch name {
      case "-h", "--help":
        options.action = .help
        return options
      case "--version":
        options.action = .version
        return options
      case "-c", "--command":
        options.inputs.append(.commands(try value(for: name, attached: attached)))
      case "-f", "--file":
        options.inputs.append(.script(try value(for: name, attached: attached)))
      case "-i", "--interactive":
        options.forceInteractive = true
      case "--no-color":
        options.noColor = true
      case "--format":
        let word = try value(for: name, attached: attached).lowercased()
        guard let format = OutputFormat(rawValue: word) else { throw UsageError.invalidFormat(word) }
        options.format = format
      default:
        throw UsageError.unknownOption(name, suggestion: suggestion(for: name))
      }
    }
    return options
  }

  /// The nearest known option to a misspelt one; none for one-letter options.
  static func suggestion(for option: String) -> String? {
    let bare = option.drop { $0 == "-" }
    guard bare.count > 1 else { return nil }
    let long = knownOptions.filter { $0.hasPrefix("--") }
    // `-format` is `--format` with one dash too few.
    if long.contains("--" + bare) { return "--" + bare }
    return Suggestions.nearest(to: "--" + bare, among: long)
  }
}
