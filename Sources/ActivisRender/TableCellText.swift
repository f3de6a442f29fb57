/// The text of one table cell as it is drawn, with its width in characters
/// (grapheme clusters, as `String.count` counts them).
///
/// Most cells are plain ASCII: their width is their byte count and they are
/// copied as bytes, so that a table of tens of thousands of rows is drawn
/// without walking its text character by character; only a text with a line
/// break or tab is rewritten. Any other text takes the general path
/// (`String.count`, `prefix`), which gives the same result for ASCII text.
struct TableCellText {
  /// The text, line breaks and tabs already shown as spaces when asked for.
  let text: String
  /// The number of characters of `text`.
  let width: Int
  /// Whether `text` is ASCII with no carriage return: one character per byte.
  let isSingleByte: Bool

  /// - Parameter oneLine: show line breaks and tabs as spaces (body cells);
  ///   headers are drawn as they are.
  init(_ raw: String, oneLine: Bool) {
    var ascii = true
    var hasBreak = false
    for byte in raw.utf8 {
      if byte >= 0x80 { ascii = false }
      // Every line break and tab has one of these bytes (none is part of another character).
      if byte == 0x0A || byte == 0x0D || byte == 0x09 { hasBreak = true }
    }
    text = oneLine && hasBreak ? raw.replacingLineBreaks() : raw
    // In ASCII only a carriage return and a line feed make one character of two bytes.
    isSingleByte = ascii && !(hasBreak && text.utf8.contains(0x0D))
    width = isSingleByte ? text.utf8.count : text.count
  }

  /// Appends the text to `output` in exactly `columnWidth` characters:
  /// shortened with `…` when wider, padded with spaces on the left
  /// (`alignRight`) or on the right.
  func append(to output: inout [UInt8], columnWidth: Int, alignRight: Bool) {
    let shown = width <= columnWidth ? width : Swift.max(0, columnWidth - 1) + 1
    let padding = Swift.max(0, columnWidth - shown)
    if alignRight { output.append(spaces: padding) }
    if width <= columnWidth {
      output.append(contentsOf: text.utf8)
    } else if isSingleByte {
      output.append(contentsOf: text.utf8.prefix(Swift.max(0, columnWidth - 1)))
      output.append(contentsOf: "…".utf8)
    } else {
      output.append(contentsOf: text.prefix(Swift.max(0, columnWidth - 1)).utf8)
      output.append(contentsOf: "…".utf8)
    }
    if !alignRight { output.append(spaces: padding) }
  }
}

extension [UInt8] {
  /// Appends `count` ASCII spaces.
  mutating func append(spaces count: Int) {
    if count > 0 { append(contentsOf: repeatElement(0x20, count: count)) }
  }
}

extension String {
  /// Line breaks and tabs shown as spaces, so a cell stays on one line.
  func replacingLineBreaks() -> String {
    String(map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
  }
}
