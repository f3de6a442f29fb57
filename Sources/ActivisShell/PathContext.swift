/// Finds whether the cursor is on a path argument, by a light scan of the
/// command under the cursor (no full parse: the line is usually incomplete).
enum PathContext {
  /// A word of the command being typed: where it starts (UTF-8 offset in the
  /// line) and its text.
  struct Word: Equatable {
    var start: Int
    var text: String
  }

  /// The path word ending at the end of `bytes` (the line up to the cursor),
  /// if the command is `load <path>`, `save <path>`, `export <format> <path>`
  /// or `subset [<name> =] from <path>`.
  static func pathWord(in bytes: [UInt8]) -> Word? {
    let words = self.words(in: bytes)
    guard let command = words.first?.text.lowercased() else { return nil }
    var current = Word(start: bytes.count, text: "")
    var index = words.count
    if let last = words.last, last.start + last.text.utf8.count == bytes.count {
      current = last
      index -= 1
    }
    let before = words.prefix(index).map { $0.text.lowercased() }
    switch (command, index) {
    case ("load", 1), ("save", 1), ("export", 2):
      return current
    case ("subset", 2) where before[1] == "from", ("subset", 4) where before[2] == "=" && before[3] == "from":
      return current
    default:
      return nil
    }
  }

  /// The words of the last command in `bytes` (after the last `;` outside a
  /// string), split at blanks; a string counts as one word even if unclosed.
  static func words(in bytes: [UInt8]) -> [Word] {
    var words: [Word] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
        index += 1
        continue
      }
      if byte == UInt8(ascii: ";") {
        words.removeAll()
        index += 1
        continue
      }
      let start = index
      var inString = false
      while index < bytes.count {
        let current = bytes[index]
        if inString {
          if current == UInt8(ascii: "\\") { index += 1 }
          else if current == UInt8(ascii: "\"") { inString = false }
        } else if current == UInt8(ascii: "\"") {
          inString = true
        } else if current == UInt8(ascii: " ") || current == UInt8(ascii: "\t")
                    || current == UInt8(ascii: ";") {
          break
        }
        index += 1
      }
      let end = min(index, bytes.count)
      words.append(Word(start: start, text: String(decoding: bytes[start..<end], as: UTF8.self)))
    }
    return words
  }
}
