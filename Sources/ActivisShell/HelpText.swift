/// What `activis --help` says after the usage and options.
package enum HelpText {
  /// How inputs run, exit status, examples and environment.
  package static let discussion = """
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

    shell completion (bash, zsh or fish):
      activis --generate-completion-script bash > /etc/bash_completion.d/activis

    environment:
      ACTIVIS_HISTORY  history file (default ~/.activis_history; empty: no history)
      NO_COLOR         when set and not empty, never colour the output
      COLUMNS          width of the output when it is not a terminal
      XDG_CACHE_HOME   where parsed instance tables are kept (in activis/; default ~/.cache)
      ACTIVIS_CACHE    off: parse instances.csv every time, as --no-cache does
    """

  /// Everything `activis --help` prints.
  package static var usage: String { ActivisArguments.helpMessage(columns: 80) }
}
