import ActivisCore
import ArgumentParser

/// `activis`'s command line, declared with swift-argument-parser: it checks
/// the arguments and writes `--help`, `--version` and the shell completion
/// scripts (`--generate-completion-script bash|zsh|fish`).
struct ActivisArguments: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "activis",
    abstract: "Explore a neural network's activations from a query shell (ActiVis).",
    usage: """
      activis [<options>] [<bundle>]                  the interactive shell
      activis -c "<commands>" [<options>] [<bundle>]  run commands and exit
      activis -f <script.avq> [<options>] [<bundle>]  run a script and exit
      <commands> | activis [<options>] [<bundle>]     piped commands, no prompt
      """,
    discussion: HelpText.discussion,
    version: ShellVersion.line)

  @Option(name: [.customShort("c"), .customLong("command")], parsing: .unconditionalSingleValue,
          help: ArgumentHelp("Run commands and exit; repeatable, run in order with -f. Separate several "
                               + "commands with ';' or newlines.", valueName: "commands"))
  var commands: [String] = []

  @Option(name: [.customShort("f"), .customLong("file")], parsing: .unconditionalSingleValue,
          help: ArgumentHelp("Run a script and exit ('-' reads standard input); repeatable.",
                             valueName: "script.avq"),
          completion: .file(extensions: ["avq"]))
  var files: [String] = []

  @Flag(name: [.customShort("i"), .customLong("interactive")],
        help: "Open the interactive shell after -c and -f.")
  var interactive = false

  @Option(help: ArgumentHelp("Print results as table (default), csv, tsv or json.", valueName: "format"))
  var format: OutputFormat?

  @Flag(name: .customLong("no-color"),
        help: "No colour (colour is only used on a terminal, and never when NO_COLOR is set).")
  var noColor = false

  @Flag(name: .customLong("no-cache"),
        help: ArgumentHelp("Parse the instance table without the parsed-table cache "
                             + "($XDG_CACHE_HOME/activis, default ~/.cache/activis); ACTIVIS_CACHE=off does the same."))
  var noCache = false

  @Flag(name: .customLong("serve"),
        help: ArgumentHelp("For programs: read a line of commands at a time from standard input and answer "
                             + "each on standard output (results, errors and warnings), ended by a line holding "
                             + "only U+001E."))
  var serve = false

  @Argument(help: ArgumentHelp("The bundle to open first (a directory).", valueName: "bundle"),
            completion: .directory)
  var bundle: String?
}

extension OutputFormat: ExpressibleByArgument {
  /// `--format csv`, in any case.
  public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
