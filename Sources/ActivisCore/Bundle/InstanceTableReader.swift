/// Reads `instances.csv` into an `InstanceTable` in one pass over its bytes.
///
/// Numbers are parsed from the bytes, texts appended into one UTF-8 buffer,
/// and class and category names dictionary-coded without a `String` per
/// field. Faults name the file, line and column.
struct InstanceTableReader {
  /// The table, the classes it was checked against or derived, and warnings.
  struct Result {
    var table: InstanceTable
    var classes: [String]
    var warnings: [BundleWarning]
  }

  let bytes: UnsafeRawBufferPointer
  let file: String
  var tokenizer: CSVTokenizer
  let columns: InstanceColumns
  private var fields: [CSVTokenizer.Field] = []
  var scratch: [UInt8] = []

  var ids: [Int64] = []
  /// Where each row starts, for messages about a row found later.
  var rowOffsets: [Int] = []
  var text: [UInt8] = []
  var textOffsets: [Int] = [0]
  var labels = CodedColumn()
  var predicted = CodedColumn()
  var scores: [[Float]]
  /// Per attribute: its numbers while every value so far is a number.
  var attributeNumbers: [[Double]]
  /// Per attribute: its coded values once some value was not a number.
  var attributeCategories: [CodedColumn?]
  var replacedBytes = 0
  var firstReplacement = 0

  /// Reads a whole file.
  ///
  /// - Parameter classes: the manifest's classes, if it has them.
  static func read(_ bytes: UnsafeRawBufferPointer, file: String, classes: [String]?) throws
    -> Result
  {
    var start = 0
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
    var tokenizer = CSVTokenizer(bytes: bytes, start: start)
    var header: [CSVTokenizer.Field] = []
    let fail = { (offset: Int, code: BundleError.Code, message: String) -> BundleError in
      let (line, column) = TextPosition.lineAndColumn(of: offset, in: bytes)
      return BundleError(code, file: file, line: line, column: column, message)
    }
    let hasHeader: Bool
    do {
      hasHeader = try tokenizer.nextRecord(into: &header)
    } catch let failure {
      throw fail(failure.offset, .malformedCSV, failure.message)
    }
    guard hasHeader else {
      throw BundleError(.invalidInstances, file: file,
                        "the file is empty (expected a header row with an 'id' column)")
    }
    var names: [String] = []
    for field in header {
      var buffer: [UInt8] = []
      tokenizer.appendContent(of: field, to: &buffer)
      names.append(String(decoding: buffer, as: UTF8.self))
    }
    let columns = try InstanceColumns(header: names, offsets: header.map(\.start), fail: fail)
    var reader = InstanceTableReader(bytes: bytes, file: file, tokenizer: tokenizer, columns: columns)
    reader.reserveCapacity()
    try reader.readRows()
    return try reader.finish(classes: classes)
  }

  private init(bytes: UnsafeRawBufferPointer, file: String, tokenizer: CSVTokenizer,
               columns: InstanceColumns) {
    self.bytes = bytes
    self.file = file
    self.tokenizer = tokenizer
    self.columns = columns
    scores = Array(repeating: [], count: columns.scoreClasses.count)
    attributeNumbers = Array(repeating: [], count: columns.attributeNames.count)
    attributeCategories = Array(repeating: nil, count: columns.attributeNames.count)
  }

  func error(_ code: BundleError.Code, at offset: Int, _ message: String) -> BundleError {
    let (line, column) = TextPosition.lineAndColumn(of: offset, in: bytes)
    return BundleError(code, file: file, line: line, column: column, message)
  }

  func content(_ field: CSVTokenizer.Field) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[field.start ..< field.end])
  }

  /// A short quotation of a field for messages.
  func quoted(_ field: CSVTokenizer.Field) -> String {
    var buffer: [UInt8] = []
    tokenizer.appendContent(of: field, to: &buffer)
    let text = String(decoding: buffer, as: UTF8.self)
    return text.count > 40 ? "'\(text.prefix(40))…'" : "'\(text)'"
  }

  private mutating func readRows() throws {
    let width = columns.roles.count
    let roles = columns.roles
    while true {
      let recordStart = tokenizer.position
      do {
        guard try tokenizer.nextRecord(into: &fields) else { break }
      } catch let failure {
        throw error(.malformedCSV, at: failure.offset, failure.message)
      }
      guard fields.count == width else {
        let start = fields.first?.start ?? recordStart
        throw error(.malformedCSV, at: fields.first?.quoted == true ? start - 1 : start,
                    "expected \(width) fields as in the header, found \(fields.count)")
      }
      rowOffsets.append(fields[0].quoted ? fields[0].start - 1 : fields[0].start)
      for column in 0 ..< width {
        let field = fields[column]
        switch roles[column] {
        case .id: try readID(field)
        case .text: readText(field)
        case .label:
          loadScratch(field)
          labels.append(scratch, offset: field.start)
        case .predicted:
          loadScratch(field)
          predicted.append(scratch, offset: field.start)
        case .score(let index): try readScore(field, index)
        case .attribute(let index): readAttribute(field, index, column: column)
        }
      }
    }
  }

  private mutating func readID(_ field: CSVTokenizer.Field) throws {
    switch ByteNumberParser.parseID(content(field)) {
    case .value(let id): ids.append(id)
    case .notAnInteger:
      let what = field.start == field.end ? "an empty id" : "id \(quoted(field))"
      throw error(.invalidInstances, at: field.start, "\(what) is not a non-negative integer")
    case .negative:
      throw error(.invalidInstances, at: field.start, "id \(quoted(field)) is negative")
    case .overflow:
      throw error(.invalidInstances, at: field.start,
                  "id \(quoted(field)) is too large (at most \(Int64.max))")
    }
  }

  /// Counts replaced bytes; `result.first` is relative to `offset`.
  private mutating func noteReplacements(_ result: (replaced: Int, first: Int), at offset: Int) {
    if result.replaced > 0 && replacedBytes == 0 { firstReplacement = offset + result.first }
    replacedBytes += result.replaced
  }

  private mutating func readText(_ field: CSVTokenizer.Field) {
    if field.hasEscapedQuotes {
      scratch.removeAll(keepingCapacity: true)
      tokenizer.appendContent(of: field, to: &scratch)
      let replaced = scratch.withUnsafeBytes { UTF8Repair.append($0, to: &text) }
      noteReplacements((replaced.replaced, 0), at: field.start)
    } else {
      noteReplacements(UTF8Repair.append(content(field), to: &text), at: field.start)
    }
    textOffsets.append(text.count)
  }

  /// Puts the repaired content of a field in `scratch`.
  mutating func loadScratch(_ field: CSVTokenizer.Field) {
    scratch.removeAll(keepingCapacity: true)
    if field.hasEscapedQuotes {
      var raw: [UInt8] = []
      tokenizer.appendContent(of: field, to: &raw)
      let replaced = raw.withUnsafeBytes { UTF8Repair.append($0, to: &scratch) }
      noteReplacements((replaced.replaced, 0), at: field.start)
    } else {
      noteReplacements(UTF8Repair.append(content(field), to: &scratch), at: field.start)
    }
  }

  private mutating func readScore(_ field: CSVTokenizer.Field, _ index: Int) throws {
    if field.start == field.end {
      scores[index].append(.nan)
      return
    }
    guard !field.hasEscapedQuotes, let value = ByteNumberParser.parseFloat(content(field)) else {
      throw error(.invalidInstances, at: field.start,
                  "\(quoted(field)) in column 'score:\(columns.scoreClasses[index])' is not a number")
    }
    scores[index].append(value)
  }
}
