/// Line and column of a byte offset in a text file.
enum TextPosition {
  /// The 1-based line and 1-based column (counted in characters, i.e.
  /// UTF-8 lead bytes) of byte `offset`. A CR LF pair ends one line.
  static func lineAndColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    let end = min(offset, bytes.count)
    var i = 0
    while i < end {
      let byte = bytes[i]
      if byte == 0x0A {
        line += 1
        lineStart = i + 1
      } else if byte == 0x0D {
        if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    var column = 1
    var j = lineStart
    // A byte order mark at the start of the file is not a character.
    if j == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      j = Swift.min(3, end)
    }
    while j < end {
      if bytes[j] & 0xC0 != 0x80 { column += 1 }
      j += 1
    }
    return (line, column)
  }
}
