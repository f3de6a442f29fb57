import ActivisCore

import ActivisLanguage

/// What `activis` was asked to do, from its arguments (`ActivisArguments`
/// declares them; swift-argument-parser checks them).
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
    /// Print this and exit: `--help`, `--version` or a completion script.
    case show(String)
  }

  /// Run, or print help, the version or a completion script.
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
  /// `--serve`: answer lines for a program (`ServeLoop`).
  package var serve = false
  /// `--no-cache`: parse the instance table without the parsed-table cache.
  package var noCache = false

  /// Options with nothing set: the interactive shell with no bundle.
  package init(action: Action = .run, inputs: [Input] = [], bundle: String? = nil,
              format: OutputFormat? = nil, noColor: Bool = false, forceInteractive: Bool = false,
              serve: Bool = false, noCache: Bool = false) {
    self.action = action
    self.inputs = inputs
    self.bundle = bundle
    self.format = format
    self.noColor = noColor
    self.forceInteractive = forceInteractive
    self.serve = serve
    self.noCache = noCache
  }

  /// The long options, for the hint after a single dash.
  static let longOptions = ["--command", "--file", "--interactive", "--format", "--no-color", "--no-cache", "--help", "--version"]

  /// Parses `arguments` (without the program name).
  ///
  /// - Throws: `UsageError` for an unknown option, a missing or invalid value
  ///   or a second bundle, with swift-argument-parser's message.
  package static func parse(_ arguments: [String]) throws -> CommandLineOptions {
    // `-format` would read as the short options -f -o -r …; say what was meant.
    for argument in arguments.prefix(while: { $0 != "--" })
    where argument.count > 2 && argument.hasPrefix("-") && !argument.hasPrefix("--") {
      let long = "-" + argument.prefix { $0 != "=" }
      if longOptions.contains(long) { throw UsageError("unknown option '\(argument)'; did you mean '\(long)'?") }
    }
    let parsed: ActivisArguments
    do {
      parsed = try ActivisArguments.parse(arguments)
    } catch {
      if ActivisArguments.exitCode(for: error) == .success {
        return CommandLineOptions(action: .show(ActivisArguments.fullMessage(for: error, columns: 80)))
      }
      throw UsageError(ActivisArguments.message(for: error))
    }
    return CommandLineOptions(
      inputs: inputsInOrder(arguments, commands: parsed.commands, files: parsed.files),
      bundle: parsed.bundle, format: parsed.format, noColor: parsed.noColor,
      forceInteractive: parsed.interactive, serve: parsed.serve, noCache: parsed.noCache)
  }

  /// The `-c` and `-f` values in the order they were given (the parser keeps
  /// each option's values in order, but not the two options' relative order).
  static func inputsInOrder(_ arguments: [String], commands: [String], files: [String]) -> [Input] {
    var ordered: [Input] = []
    var index = 0
    while index < arguments.count, arguments[index] != "--" {
      let argument = arguments[index]
      let isCommand = ["-c", "--command"].contains(argument) || argument.hasPrefix("--command=")
      let isFile = ["-f", "--file"].contains(argument) || argument.hasPrefix("--file=")
      if isCommand || isFile {
        var value: String?
        if let equals = argument.firstIndex(of: "=") {
          value = String(argument[argument.index(after: equals)...])
        } else if index + 1 < arguments.count {
          index += 1
          value = arguments[index]
        }
        if let value { ordered.append(isCommand ? .commands(value) : .script(value)) }
      }
      index += 1
    }
    // Spellings the scan does not know (`-cinfo`) keep each option's order.
    let expected = commands.map(Input.commands) + files.map(Input.script)
    guard ordered.count == expected.count, Set(ordered.map(\.text)) == Set(expected.map(\.text)) else {
      return expected
    }
    return ordered
  }
}

extension CommandLineOptions.Input {
  var text: String {
    switch self {
    case .commands(let text), .script(let text): text
    }
  }
}
