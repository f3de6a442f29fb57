/// The text `activis --help` prints.
package enum HelpText {
  /// Usage, options, exit status, examples and environment.
  package static let usage = """
    activis: explore a neural network's activations from a query shell (ActiVis)

    usage:
      activis [options] [<bundle>]                    interactive shell
      activis -c "<commands>" [options] [<bundle>]    run commands and exit
      activis -f <script.avq> [options] [<bundle>]    run a script and exit
      <commands> | activis [options] [<bundle>]       run piped commands, no prompt

    options:
      -c, --command <commands>  run commands and exit; repeatable, run in order;
                                separate several commands with ';' or newlines
      -f, --file <script.avq>   run a script and exit ('-' reads standard input)
      -i, --interactive         open the interactive shell after -c and -f
          --format <format>     print results as table (default), csv, tsv or json
          --no-color            no colour (colour is only used on a terminal,
                                and never when NO_COLOR is set)
      -h, --help                show this help
          --version             show the version
          --                    end of options; what follows is the bundle

    The bundle is loaded first, then -c and -f run in order. A script, -c or
    piped input stops at its first error; the interactive shell reports it and
    carries on. Ctrl-C stops the running command (if it hangs, Ctrl-C again a
    second later exits); at the prompt it clears the line. Ctrl-D or 'quit'
    leaves.

    exit status:
      0    success, or 'quit'
      1    a command failed in -c, -f or piped input, or a script cannot be opened
      2    usage error: unknown option, missing or invalid value
      130  a script, -c or piped input was stopped with Ctrl-C

    examples:
      activis trec-cnn
      activis -c "info; layers" trec-cnn
      activis -c "select layer fc" -c matrix --format csv trec-cnn > fc.csv
      activis -f analysis.avq trec-cnn
      echo "instances" | activis trec-cnn
      activis -i -f setup.avq trec-cnn

    environment:
      ACTIVIS_HISTORY  history file (default ~/.activis_history; empty: no history)
      NO_COLOR         when set and not empty, never colour the output
      COLUMNS          width of the output when it is not a terminal
    """
}
