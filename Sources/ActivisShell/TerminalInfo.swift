import Glibc

/// What the shell knows about its terminal: which standard streams are
/// terminals, how wide the output is, and whether colour is allowed.
package struct TerminalInfo: Equatable, Sendable {
  /// Standard input is a terminal.
  package var inputIsTerminal: Bool
  /// Standard output is a terminal.
  package var outputIsTerminal: Bool
  /// Standard error is a terminal.
  package var errorIsTerminal: Bool
  /// The output's width in columns, if known.
  package var width: Int?

  /// Creates a description; tests pass their own.
  package init(inputIsTerminal: Bool, outputIsTerminal: Bool, errorIsTerminal: Bool,
              width: Int?) {
    self.inputIsTerminal = inputIsTerminal
    self.outputIsTerminal = outputIsTerminal
    self.errorIsTerminal = errorIsTerminal
    self.width = width
  }

  /// Asks the operating system about this process's standard streams.
  package static func current(environment: [String: String]) -> TerminalInfo {
    TerminalInfo(
      inputIsTerminal: isatty(STDIN_FILENO) == 1,
      outputIsTerminal: isatty(STDOUT_FILENO) == 1,
      errorIsTerminal: isatty(STDERR_FILENO) == 1,
      width: width(terminalColumns: windowColumns(of: STDOUT_FILENO), environment: environment))
  }

  /// The terminal's column count from `TIOCGWINSZ`, or `nil`.
  static func windowColumns(of descriptor: Int32) -> Int? {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  /// The terminal's width if known, else a positive `COLUMNS`, else `nil`.
  package static func width(terminalColumns: Int?, environment: [String: String]) -> Int? {
    if let terminalColumns, terminalColumns > 0 { return terminalColumns }
    if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
    return nil
  }

  /// Colour only on a terminal, never with `--no-color` or a non-empty
  /// `NO_COLOR` (https://no-color.org).
  package static func allowsColor(outputIsTerminal: Bool, noColorOption: Bool,
                                 environment: [String: String]) -> Bool {
    if noColorOption || !outputIsTerminal { return false }
    if let value = environment["NO_COLOR"], !value.isEmpty { return false }
    return true
  }
}
