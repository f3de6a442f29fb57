/// Writes RFC 4180 CSV for tests: fields holding a comma, a quote, CR or LF
/// are quoted, with inner quotes doubled.
public enum CSVEncoder {
  /// One field, quoted when needed.
  public static func field(_ value: String) -> String {
    let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
    guard needsQuotes else { return value }
    var quoted = "\""
    for character in value {
      if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
    }
    return quoted + "\""
  }

  /// A whole table: the header, then one line per row, each ended by
  /// `lineEnding` (`"\n"` or `"\r\n"`).
  public static func table(header: [String], rows: [[String]], lineEnding: String = "\n") -> String {
    var text = header.map(field).joined(separator: ",") + lineEnding
    for row in rows { text += row.map(field).joined(separator: ",") + lineEnding }
    return text
  }
}
