@testable import ActivisLanguage

/// Source text with markers, as swift-syntax's `assertParse`: `1️⃣` marks where
/// a range starts and `2️⃣` where it ends (an empty range without `2️⃣`).
struct MarkedSource {
  /// The text without its markers.
  var line: String
  /// The marked range, as UTF-8 offsets into `line`.
  var range: SourceRange

  init(_ marked: String) {
    let start = marked.components(separatedBy: "1️⃣")[0].replacingOccurrences(of: "2️⃣", with: "")
    let plain = marked.replacingOccurrences(of: "1️⃣", with: "")
    let end = plain.contains("2️⃣") ? plain.components(separatedBy: "2️⃣")[0] : start
    line = plain.replacingOccurrences(of: "2️⃣", with: "")
    range = SourceRange(start.utf8.count, end.utf8.count)
  }
}
