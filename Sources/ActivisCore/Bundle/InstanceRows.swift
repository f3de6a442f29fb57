/// The columns of a run of rows of `instances.csv`, as one chunk parses
/// them (or as the chunks merged give them).
struct InstanceRows {
  var ids: [Int64] = []
  /// Where the first row starts in the file; the others follow it, one
  /// record each (`InstanceRows.rowStarts` finds them again, for messages
  /// about a row and for reading a column again).
  var firstRow: Int
  var text: [UInt8] = []
  /// `ids.count + 1` offsets into `text`.
  var textOffsets: [Int] = [0]
  var labels = CodedColumn()
  var predicted = CodedColumn()
  var scores: [[Float]]
  /// Per attribute: its numbers while every value so far is a number.
  var attributeNumbers: [[Double]]
  /// Per attribute: its coded values once some value was not a number.
  var attributeCategories: [CodedColumn?]
  /// Bytes replaced by U+FFFD, and the file offset of the first.
  var replacedBytes = 0
  var firstReplacement = 0

  /// No rows, for a table with `columns`, the first to start at `firstRow`.
  init(columns: InstanceColumns, firstRow: Int) {
    self.firstRow = firstRow
    scores = Array(repeating: [], count: columns.scoreClasses.count)
    attributeNumbers = Array(repeating: [], count: columns.attributeNames.count)
    attributeCategories = Array(repeating: nil, count: columns.attributeNames.count)
  }

  /// Counts replaced bytes; `result.first` is relative to `offset`.
  mutating func noteReplacements(_ result: (replaced: Int, first: Int), at offset: Int) {
    if result.replaced > 0 && replacedBytes == 0 { firstReplacement = offset + result.first }
    replacedBytes += result.replaced
  }

  /// Where each of the first `count` rows from `start` starts: every
  /// record after the line breaks before it, as the chunk parser reads them
  /// (rows read once already without fault).
  static func rowStarts(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int) -> [Int] {
    var starts: [Int] = []
    starts.reserveCapacity(count)
    var tokenizer = CSVTokenizer(bytes: bytes, start: start)
    var fields = FixedRecordFields(capacity: 8)
    defer { fields.deallocate() }
    while starts.count < count {
      let rowStart = CSVChunkBoundaries.skipLineBreaks(bytes, from: tokenizer.position)
      guard rowStart < bytes.count, (try? tokenizer.nextRecord(into: &fields)) == true else { break }
      starts.append(rowStart)
    }
    return starts
  }
}
