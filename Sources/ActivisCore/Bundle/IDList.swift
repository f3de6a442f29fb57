/// Instance ids listed in a text file, for subsets chosen outside activis: by
/// a detector, a script, or an earlier `members` export.
///
/// Two forms are read:
/// - one id per line, optionally written `#38`; blank lines and lines
///   starting with `--` are skipped;
/// - CSV whose header has an `id` column (the first line holds a comma),
///   such as `members` prints with `--format csv`; other columns are ignored.
public struct IDList: Sendable {
  /// One listed id and the 1-based line it starts on.
  public struct Entry: Equatable, Sendable {
    public var id: Int64
    public var line: Int
    public init(id: Int64, line: Int) {
      self.id = id
      self.line = line
    }
  }

  /// The ids in file order, repeats included.
  public let entries: [Entry]

  /// Reads `path`.
  ///
  /// - Parameter displayName: the file as shown in errors (default: `path`).
  /// - Throws: `BundleError` naming the file, and the line and column of a
  ///   value that is not an id.
  public static func read(path: String, displayName: String? = nil) throws -> IDList {
    let name = displayName ?? path
    let file = try MappedFile(path: path, displayName: name)
    return try parse(file.bytes, file: name)
  }

  /// Parses the bytes of a list named `file` in errors.
  static func parse(_ bytes: UnsafeRawBufferPointer, file name: String) throws -> IDList {
    let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    var firstLineEnd = start
    while firstLineEnd < bytes.count && bytes[firstLineEnd] != 0x0A && bytes[firstLineEnd] != 0x0D {
      firstLineEnd += 1
    }
    let isCSV = bytes[start ..< firstLineEnd].contains(UInt8(ascii: ","))
    let reader = Reader(bytes: bytes, file: name)
    return IDList(entries: try isCSV ? reader.csv(from: start) : reader.lines(from: start))
  }

  /// The parsing of one mapped file.
  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    let file: String

    /// One id per line.
    func lines(from start: Int) throws -> [Entry] {
      var entries: [Entry] = []
      var line = 1
      var p = start
      while p < bytes.count {
        var end = p
        while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
        var first = p
        var last = end
        while first < last && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
        while last > first && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09) { last -= 1 }
        let isComment = last - first >= 2 && bytes[first] == UInt8(ascii: "-") && bytes[first + 1] == UInt8(ascii: "-")
        if first < last && !isComment {
          let digits = bytes[first] == UInt8(ascii: "#") ? first + 1 : first
          entries.append(Entry(id: try id(in: digits ..< last, reportedAt: first), line: line))
        }
        p = end
        if p < bytes.count && bytes[p] == 0x0D { p += 1 }
        if p < bytes.count && bytes[p] == 0x0A { p += 1 }
        line += 1
      }
      return entries
    }

    /// The `id` column of a CSV file with a header.
    func csv(from start: Int) throws -> [Entry] {
      var tokenizer = CSVTokenizer(bytes: bytes, start: start)
      var fields: [CSVTokenizer.Field] = []
      guard try record(&tokenizer, into: &fields),
            let column = fields.firstIndex(where: { text(of: $0) == "id" }) else {
        throw BundleError(.malformedIDList, file: file, line: 1, "the CSV header has no 'id' column")
      }
      var entries: [Entry] = []
      var line = 1
      var counted = start
      while true {
        let recordStart = tokenizer.position
        guard try record(&tokenizer, into: &fields) else { break }
        let first = fields.first.map { $0.quoted ? $0.start - 1 : $0.start } ?? recordStart
        line += newlines(in: counted ..< first)
        counted = first
        guard column < fields.count else {
          throw BundleError(.malformedIDList, file: file, line: line,
                            "expected an 'id' in field \(column + 1), found \(fields.count) fields")
        }
        let field = fields[column]
        entries.append(Entry(id: try id(in: field.start ..< field.end, reportedAt: field.start), line: line))
      }
      return entries
    }

    private func record(_ tokenizer: inout CSVTokenizer, into fields: inout [CSVTokenizer.Field]) throws -> Bool {
      do {
        return try tokenizer.nextRecord(into: &fields)
      } catch let failure {
        throw refusal(at: failure.offset, failure.message)
      }
    }

    /// The id written in `range`, which must be a non-negative integer.
    private func id(in range: Range<Int>, reportedAt offset: Int) throws -> Int64 {
      switch ByteNumberParser.parseID(UnsafeRawBufferPointer(rebasing: bytes[range])) {
      case .value(let id): return id
      case .notAnInteger:
        let shown = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]).prefix(40), as: UTF8.self)
        throw refusal(at: offset, shown.isEmpty ? "an empty id" : "'\(shown)' is not an instance id")
      case .negative: throw refusal(at: offset, "an id cannot be negative")
      case .overflow: throw refusal(at: offset, "the id is too large (at most \(Int64.max))")
      }
    }

    private func text(of field: CSVTokenizer.Field) -> String {
      String(decoding: UnsafeRawBufferPointer(rebasing: bytes[field.start ..< field.end]), as: UTF8.self)
    }

    /// Line breaks (LF, CR LF or a lone CR) in `range`.
    private func newlines(in range: Range<Int>) -> Int {
      var count = 0
      for i in range where bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
        count += 1
      }
      return count
    }

    private func refusal(at offset: Int, _ message: String) -> BundleError {
      let (line, column) = TextPosition.lineAndColumn(of: offset, in: bytes)
      return BundleError(.malformedIDList, file: file, line: line, column: column, message)
    }
  }
}
