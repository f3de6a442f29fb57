/// The columns of a run of rows of `instances.csv`, as one chunk parses
/// them (or as the chunks merged give them).
struct InstanceRows {
  var ids: [Int64] = []
  /// Where each row starts in the file, for messages about a row found later.
  var rowOffsets: [Int] = []
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

  /// No rows, for a table with `columns`.
  init(columns: InstanceColumns) {
    scores = Array(repeating: [], count: columns.scoreClasses.count)
    attributeNumbers = Array(repeating: [], count: columns.attributeNames.count)
    attributeCategories = Array(repeating: nil, count: columns.attributeNames.count)
  }

  /// Counts replaced bytes; `result.first` is relative to `offset`.
  mutating func noteReplacements(_ result: (replaced: Int, first: Int), at offset: Int) {
    if result.replaced > 0 && replacedBytes == 0 { firstReplacement = offset + result.first }
    replacedBytes += result.replaced
  }
}
