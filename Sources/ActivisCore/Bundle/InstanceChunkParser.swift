/// Parses the rows of one chunk of `instances.csv` into columns
/// (`InstanceRows`).
///
/// A chunk starts at a row boundary and reads every row that starts before
/// its limit (the last one may run past it). Numbers are parsed from the
/// bytes, texts appended into one UTF-8 buffer, and class and category
/// names dictionary-coded without a `String` per field. Faults name the
/// file, line and column.
struct InstanceChunkParser {
  let bytes: UnsafeRawBufferPointer
  let file: String
  var tokenizer: CSVTokenizer
  let columns: InstanceColumns
  /// Rows that start at or after this offset belong to the next chunk.
  let limit: Int
  var fields: FixedRecordFields
  /// The buffers of the simple rows' kernel.
  let simpleRows: SimpleRowBatch
  var scratch: [UInt8] = []
  var rows: InstanceRows

  /// Parses the rows that start in `start ..< limit` (`start` must be a
  /// row boundary for the result to be right).
  ///
  /// - Returns: the rows and the offset of the next row (at or after
  ///   `limit`, or the end of the file).
  static func parse(
    _ bytes: UnsafeRawBufferPointer, file: String, columns: InstanceColumns, start: Int, limit: Int
  ) throws(BundleError) -> (rows: InstanceRows, end: Int) {
    var parser = InstanceChunkParser(bytes: bytes, file: file, columns: columns, start: start, limit: limit)
    defer { parser.fields.deallocate() }
    parser.reserveCapacity()
    let end = try parser.readRows()
    return (parser.rows, end)
  }

  private init(bytes: UnsafeRawBufferPointer, file: String, columns: InstanceColumns, start: Int, limit: Int) {
    self.bytes = bytes
    self.file = file
    self.tokenizer = CSVTokenizer(bytes: bytes, start: start)
    self.columns = columns
    self.limit = limit
    self.rows = InstanceRows(columns: columns, firstRow: start)
    self.fields = FixedRecordFields(capacity: columns.roles.count)
    self.simpleRows = SimpleRowBatch(columns: columns)
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

  /// Reads rows up to the limit; returns where the next row starts.
  private mutating func readRows() throws(BundleError) -> Int {
    let width = columns.roles.count
    let roles = columns.roles
    while true {
      readSimpleRows()
      let recordStart = CSVChunkBoundaries.skipLineBreaks(bytes, from: tokenizer.position)
      guard recordStart < limit else { return recordStart }
      do {
        guard try tokenizer.nextRecord(into: &fields) else { return bytes.count }
      } catch let failure {
        throw error(.malformedCSV, at: failure.offset, failure.message)
      }
      guard fields.count == width else {
        let start = fields.first?.start ?? recordStart
        throw error(.malformedCSV, at: fields.first?.quoted == true ? start - 1 : start,
                    "expected \(width) fields as in the header, found \(fields.count)")
      }
      let rowsBefore = rows.ids.count
      for column in 0 ..< width {
        let field = fields[column]
        switch roles[column] {
        case .id: try readID(field)
        case .text: readText(field)
        case .label: readClass(field, predicted: false)
        case .predicted: readClass(field, predicted: true)
        case .score(let index): try readScore(field, index)
        case .attribute(let index): readAttribute(field, index, column: column, rowsBefore: rowsBefore)
        }
      }
    }
  }

  private mutating func readID(_ field: CSVTokenizer.Field) throws(BundleError) {
    switch ByteNumberParser.parseID(content(field)) {
    case .value(let id): rows.ids.append(id)
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

  mutating func readText(_ field: CSVTokenizer.Field) {
    if field.hasEscapedQuotes {
      scratch.removeAll(keepingCapacity: true)
      tokenizer.appendContent(of: field, to: &scratch)
      let replaced = scratch.withUnsafeBytes { UTF8Repair.append($0, to: &rows.text) }
      rows.noteReplacements((replaced.replaced, 0), at: field.start)
    } else {
      rows.noteReplacements(UTF8Repair.append(content(field), to: &rows.text), at: field.start)
    }
    rows.textOffsets.append(rows.text.count)
  }

  /// Dictionary-codes a label or predicted class: straight from the file
  /// when it is plain ASCII, else repaired in `scratch` first.
  mutating func readClass(_ field: CSVTokenizer.Field, predicted: Bool) {
    let content = content(field)
    if !field.hasEscapedQuotes && UTF8Repair.asciiPrefixLength(content) == content.count {
      if predicted {
        rows.predicted.append(bytes: content, offset: field.start)
      } else {
        rows.labels.append(bytes: content, offset: field.start)
      }
      return
    }
    loadScratch(field)
    if predicted {
      rows.predicted.append(scratch, offset: field.start)
    } else {
      rows.labels.append(scratch, offset: field.start)
    }
  }

  /// Puts the repaired content of a field in `scratch`.
  mutating func loadScratch(_ field: CSVTokenizer.Field) {
    scratch.removeAll(keepingCapacity: true)
    if field.hasEscapedQuotes {
      var raw: [UInt8] = []
      tokenizer.appendContent(of: field, to: &raw)
      let replaced = raw.withUnsafeBytes { UTF8Repair.append($0, to: &scratch) }
      rows.noteReplacements((replaced.replaced, 0), at: field.start)
    } else {
      rows.noteReplacements(UTF8Repair.append(content(field), to: &scratch), at: field.start)
    }
  }

  private mutating func readScore(_ field: CSVTokenizer.Field, _ index: Int) throws(BundleError) {
    if field.start == field.end {
      rows.scores[index].append(.nan)
      return
    }
    guard !field.hasEscapedQuotes, let value = ByteNumberParser.parseFloat(content(field)) else {
      throw error(.invalidInstances, at: field.start,
                  "\(quoted(field)) in column 'score:\(columns.scoreClasses[index])' is not a number")
    }
    rows.scores[index].append(value)
  }
}
