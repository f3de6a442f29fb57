import CLibEdit
import Glibc

/// Reads lines from the terminal with libedit's readline interface: line
/// editing, a persistent history and Tab completion.
///
/// Every libedit call of the shell is in this file. libedit keeps global
/// state, so only one `EditLineReader` may exist at a time.
///
/// Ctrl-C at the prompt is handled by reading the keyboard here
/// (`rl_getc_function`) rather than in libedit: when `InterruptSignals` saw
/// Ctrl-C, the reader moves to the end of the line, prints `^C`, ends the line
/// and throws it away, then prompts again. Ctrl-D on an empty line ends the
/// input (a newline is printed so the shell's prompt starts on a fresh line).
package final class EditLineReader: LineReader {
  private let history: HistoryFile?
  private let signals: InterruptSignals
  private let output: UnsafeMutablePointer<FILE>
  private var lastEntry: String?

  /// A reader that loads and extends `history` (if any), completes with
  /// `completer` (line, cursor as a UTF-8 offset) and draws on `output`.
  package init(history: HistoryFile?, output: UnsafeMutablePointer<FILE>,
              signals: InterruptSignals = .shared,
              completer: @escaping (String, Int) -> Completions) {
    self.history = history
    self.signals = signals
    self.output = output
    EditLineHooks.completer = completer
    EditLineHooks.signals = signals
    EditLineHooks.output = output
    Self.useUTF8Locale()
    rl_readline_name = UnsafePointer(strdup("activis"))
    rl_catch_signals = 0
    rl_catch_sigwinch = 0
    rl_getc_function = EditLineHooks.getCharacter
    rl_outstream = output
    rl_initialize()
    rl_attempted_completion_function = EditLineHooks.attemptCompletion
    stifle_history(Int32(history?.limit ?? HistoryFile.defaultLimit))
    for entry in history?.load() ?? [] {
      add_history(entry)
    }
    lastEntry = history?.lastEntry
  }

  /// libedit edits and displays characters by the C locale: take the user's
  /// locale, and C.UTF-8 if that is not UTF-8, so that `é` can be typed.
  private static func useUTF8Locale() {
    setlocale(LC_CTYPE, "")
    if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
    setlocale(LC_CTYPE, "C.UTF-8")
  }

  /// Shows `prompt` and returns the edited line, or `nil` after Ctrl-D.
  /// A non-blank line is added to the history at once (unless it repeats the
  /// previous one).
  package func readLine(prompt: String) -> String? {
    while true {
      if signals.takeWindowResize() { rl_resize_terminal() }
      _ = signals.takeContinued()
      EditLineHooks.lineInterrupted = false
      signals.enterPrompt()
      let raw = readline(PromptMarkup.forLineEditor(prompt))
      signals.leavePrompt()
      if EditLineHooks.lineInterrupted {
        free(raw)
        continue
      }
      guard let raw else {
        fputs("\n", output)
        fflush(output)
        return nil
      }
      let line = String(cString: raw)
      free(raw)
      remember(line)
      return line
    }
  }

  private func remember(_ line: String) {
    guard !line.allSatisfy({ $0.isWhitespace }), line != lastEntry else { return }
    lastEntry = line
    add_history(line)
    history?.record(line)
  }
}

/// The C callbacks libedit calls, and the state they need (C function
/// pointers cannot capture, so it lives in statics).
enum EditLineHooks {
  nonisolated(unsafe) static var completer: ((String, Int) -> Completions)?
  nonisolated(unsafe) static var signals: InterruptSignals?
  nonisolated(unsafe) static var output: UnsafeMutablePointer<FILE>?
  /// Ctrl-C was turned into keys for the current line: discard it.
  nonisolated(unsafe) static var lineInterrupted = false
  /// After Ctrl-C: print `^C` and return a newline on the next read.
  nonisolated(unsafe) static var endLineNext = false

  static let controlE: Int32 = 0x05
  static let newline: Int32 = 0x0A

  /// `rl_getc_function`: one character (a whole Unicode scalar) from the
  /// terminal, or -1 at the end of input.
  static let getCharacter: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    EditLineHooks.nextCharacter()
  }

  /// `rl_attempted_completion_function`.
  static let attemptCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { _, start, end in
    EditLineHooks.complete(start: Int(start), end: Int(end))
  }

  static func nextCharacter() -> Int32 {
    if endLineNext {
      endLineNext = false
      if let output {
        fputs("^C", output)
        fflush(output)
      }
      return newline
    }
    while true {
      if signals?.takePromptInterrupt() == true {
        lineInterrupted = true
        endLineNext = true
        return controlE
      }
      var byte: UInt8 = 0
      let count = read(STDIN_FILENO, &byte, 1)
      if count == 1 { return decodeScalar(startingWith: byte) }
      if count == 0 { return -1 }
      guard errno == EINTR else { return -1 }
      if signals?.takeWindowResize() == true { rl_resize_terminal() }
      if signals?.takeContinued() == true { restoreAfterStop() }
    }
  }

  /// After Ctrl-Z and `fg` the terminal is back in cooked mode, while libedit
  /// believes it is still raw: switch it off and on again, and redraw.
  static func restoreAfterStop() {
    rl_deprep_terminal()
    rl_prep_terminal(1)
    rl_forced_update_display()
  }

  /// Reads the rest of a UTF-8 sequence from the terminal.
  static func decodeScalar(startingWith lead: UInt8) -> Int32 {
    decodeScalar(startingWith: lead) {
      var byte: UInt8 = 0
      while true {
        let count = read(STDIN_FILENO, &byte, 1)
        if count < 0 && errno == EINTR { continue }
        return count == 1 ? byte : nil
      }
    }
  }

  /// The Unicode scalar starting with `lead`, reading continuation bytes with
  /// `next`; U+FFFD if the sequence is not valid UTF-8.
  static func decodeScalar(startingWith lead: UInt8, next: () -> UInt8?) -> Int32 {
    let length: Int
    switch lead {
    case 0x00..<0x80: return Int32(lead)
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return 0xFFFD
    }
    var bytes = [lead]
    while bytes.count < length {
      guard let byte = next(), byte & 0xC0 == 0x80 else { return 0xFFFD }
      bytes.append(byte)
    }
    let decoded = String(decoding: bytes, as: UTF8.self).unicodeScalars.first
    return Int32(decoded?.value ?? 0xFFFD)
  }

  static func complete(start: Int, end: Int)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1
    guard let completer, let buffer = rl_line_buffer else { return nil }
    let line = String(cString: buffer)
    let cursor = CompletionBridge.utf8Offset(in: line, characters: end)
    let plan = CompletionBridge.plan(line: line, wordStart: start, cursor: end,
                                     completions: completer(line, cursor))
    guard !plan.matches.isEmpty else { return nil }
    rl_completion_append_character = plan.appendsSpace ? 0x20 : 0
    let size = (plan.matches.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride
    guard let memory = malloc(size) else { return nil }
    let matches = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self,
                                    capacity: plan.matches.count + 1)
    for (index, match) in plan.matches.enumerated() {
      matches[index] = strdup(match)
    }
    matches[plan.matches.count] = nil
    return matches
  }
}
