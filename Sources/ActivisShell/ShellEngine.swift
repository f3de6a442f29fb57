import ActivisCore

/// Where a line of input came from, for `file:line:column` in messages.
package struct LineOrigin: Equatable, Sendable {
  /// The script's path, `<stdin>` for piped input, `<command line>` for the
  /// `load` of a bundle named on the command line, or `nil` for the
  /// interactive prompt and `-c` (messages then say `line:column`).
  package var file: String?
  /// 1-based line number within that input.
  package var line: Int
  /// An origin at `line` of `file`.
  package init(file: String?, line: Int) {
    self.file = file
    self.line = line
  }
}

/// What the input loop does after a line.
package enum LineOutcome: Equatable, Sendable {
  /// Every command of the line ran.
  case succeeded
  /// A command failed; its diagnostic was printed.
  case failed
  /// `quit` was run.
  case quit
}

/// Candidates for tab completion of the word under the cursor.
package struct Completions: Equatable, Sendable {
  /// The UTF-8 offset in the line where the word being completed starts.
  package var wordStart: Int
  /// Whole replacement words, sorted; files end in `/` when they are directories.
  package var candidates: [String]
  /// Candidates replacing the text from `wordStart` to the cursor.
  package init(wordStart: Int, candidates: [String]) {
    self.wordStart = wordStart
    self.candidates = candidates
  }
}

/// What the input loop drives: runs lines, prints their results and
/// diagnostics itself, and offers completions.
package protocol ShellEngine: AnyObject {
  /// Parses and runs one line (one command, or several separated by `;`).
  ///
  /// The shell resets `Interruption` before each call; a command stopped by
  /// Ctrl-C prints its diagnostic and returns `.failed` (a batch run then
  /// exits with status 130, the interactive shell prompts again).
  func run(line: String, origin: LineOrigin) -> LineOutcome
  /// Completion candidates for `line` with the cursor at UTF-8 offset `cursor`.
  ///
  /// The shell narrows them to those starting with the typed word (ignoring
  /// case) when any does, and adds file names itself after `load` and
  /// `export <format>` (merged, without duplicates), so the engine need not
  /// list files.
  func completions(line: String, cursor: Int) -> Completions
  /// The prompt, e.g. `activis> ` or `trec-cnn:concat> `. It may contain ANSI
  /// colour sequences: the shell hides them from libedit's width count.
  var prompt: String { get }
}

/// How the shell was started, as the engine needs to know it.
package struct ShellSettings: Equatable, Sendable {
  /// `--format`.
  package var format: OutputFormat
  /// Colour is allowed: standard output is a terminal and `NO_COLOR` is unset.
  package var useColor: Bool
  /// The terminal's width in columns, when standard output is a terminal.
  package var terminalWidth: Int?
  /// Standard input is a terminal and the shell is interactive.
  package var interactive: Bool
  /// The parsed-table cache `load` uses; `nil` for none.
  package var cache: InstanceCache?
  /// Settings for an engine; the defaults are a non-interactive run with
  /// table output and no colour.
  package init(format: OutputFormat = .table, useColor: Bool = false, terminalWidth: Int? = nil,
              interactive: Bool = false, cache: InstanceCache? = nil) {
    self.format = format
    self.useColor = useColor
    self.terminalWidth = terminalWidth
    self.interactive = interactive
    self.cache = cache
  }
}
