import ActivisLanguage

/// Whether the cursor is on a path argument, asked of the language itself:
/// the command declarations say where a path goes (`load`, `save`, `export`,
/// `diff`, `subset … from`, `changed from` …), so a new command's paths
/// complete without a list here.
enum PathContext {
  /// A word of the command being typed: where it starts (UTF-8 offset in the
  /// line) and its text.
  struct Word: Equatable {
    var start: Int
    var text: String
  }

  /// The path word ending at the end of `bytes` (the line up to the cursor),
  /// when the language expects a path there; a string being typed starts at
  /// its opening quote.
  static func pathWord(in bytes: [UInt8]) -> Word? {
    let context = Completion.context(line: String(decoding: bytes, as: UTF8.self), cursor: bytes.count)
    guard context.kind == .file else { return nil }
    var start = min(max(context.wordStart, 0), bytes.count)
    if start > 0, bytes[start - 1] == UInt8(ascii: "\"") { start -= 1 }
    return Word(start: start, text: String(decoding: bytes[start...], as: UTF8.self))
  }
}
