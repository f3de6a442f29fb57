import CGramKernel

extension InstanceChunkParser {
  /// Reads rows from the tokenizer's position while they are simple (see
  /// `activis_csv_simple_rows` in CSVRows.h: as many fields as the header,
  /// a plain id, scores that are empty or plain decimals), a batch at a
  /// time: the C kernel finds the fields and parses ids and scores, and the
  /// other fields are read here from their ranges. Stops before the limit,
  /// the end of the file, or a row that is not simple, which the caller
  /// reads field by field (which finds its faults and names them).
  mutating func readSimpleRows() {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    let batch = simpleRows
    while true {
      var position = tokenizer.position
      shareKnownValues(with: batch)
      batch.state.pointee.textBase = rows.text.count
      let read = activis_csv_simple_rows(base, bytes.count, &position, limit, batch.state)
      take(read, from: batch)
      tokenizer.move(to: position)
      if read < SimpleRowBatch.capacity && batch.state.pointee.textFull == 0 { return }
    }
  }

  /// Tells the kernel which columns are coded (the classes, and the
  /// attributes read as categories so far) and the short values each
  /// dictionary knows, so that it codes those values itself.
  private func shareKnownValues(with batch: SimpleRowBatch) {
    for (slot, column) in batch.otherColumns.enumerated() {
      guard let coded = codedColumn(column) else {
        batch.kinds[column] = UInt8(ACTIVIS_CSV_OTHER)
        continue
      }
      batch.kinds[column] = UInt8(ACTIVIS_CSV_CODED)
      let dictionary = coded.dictionary
      let base = slot * ByteStringDictionary.shortKeys
      for (j, word) in dictionary.shortWords.enumerated() {
        batch.knownWords[base + j] = word
        batch.knownCodes[base + j] = dictionary.shortCodes[j]
      }
      batch.knownCounts[slot] = Int32(dictionary.shortWords.count)
    }
  }

  /// The coded column that `column` is read into, if it is coded.
  private func codedColumn(_ column: Int) -> CodedColumn? {
    switch columns.roles[column] {
    case .label: rows.labels
    case .predicted: rows.predicted
    case .attribute(let index): rows.attributeCategories[index]
    case .id, .score, .text: nil
    }
  }

  /// Appends `count` rows the kernel read into `batch`.
  private mutating func take(_ count: Int, from batch: SimpleRowBatch) {
    guard count > 0 else { return }
    let state = batch.state.pointee
    rows.ids.append(contentsOf: UnsafeBufferPointer(start: state.ids, count: count))
    for index in rows.scores.indices {
      rows.scores[index].append(contentsOf: UnsafeBufferPointer(start: state.scores + index * state.capacity, count: count))
    }
    if columns.hasText {
      rows.text.append(contentsOf: UnsafeBufferPointer(start: state.text, count: state.textCount))
      rows.textOffsets.append(contentsOf: UnsafeBufferPointer(start: state.textEnds, count: count))
    }
    let others = batch.otherColumns.count
    guard others > 0 else { return }
    let roles = columns.roles
    let rowsBefore = rows.ids.count - count
    for row in 0 ..< count {
      for (slot, column) in batch.otherColumns.enumerated() {
        let i = row * others + slot
        if batch.kinds[column] == UInt8(ACTIVIS_CSV_CODED) && state.codes[i] != -2 {
          appendCode(state.codes[i], role: roles[column])
          continue
        }
        let flags = Int(state.flags[i])
        let field = CSVTokenizer.Field(
          start: state.starts[i], end: state.ends[i], hasEscapedQuotes: flags & ACTIVIS_CSV_ESCAPED_QUOTES != 0,
          quoted: flags & ACTIVIS_CSV_QUOTED != 0)
        switch roles[column] {
        case .label: readClass(field, predicted: false)
        case .predicted: readClass(field, predicted: true)
        case .attribute(let index): readAttribute(field, index, column: column, rowsBefore: rowsBefore + row)
        case .id, .score, .text: break
        }
      }
    }
  }
}

extension InstanceChunkParser {
  /// Appends a code the kernel found (a known value's, or -1 for an empty field).
  @inline(__always)
  fileprivate mutating func appendCode(_ code: Int32, role: InstanceColumns.Role) {
    switch role {
    case .label: rows.labels.codes.append(code)
    case .predicted: rows.predicted.codes.append(code)
    case .attribute(let index): rows.attributeCategories[index]?.codes.append(code)
    case .id, .score, .text: break
    }
  }
}

/// The buffers one chunk parser hands to `activis_csv_simple_rows`: what
/// each column is, and a batch of rows' ids, scores, texts and
/// field ranges.
final class SimpleRowBatch {
  /// Rows per batch.
  static let capacity = 256
  /// Bytes of text per batch.
  static let textCapacity = 1 << 16

  let state: UnsafeMutablePointer<ActivisCSVBatch>
  /// The columns read here from their ranges (classes, attributes), in slot order.
  let otherColumns: [Int]
  /// Per column, its kind; the kinds of the other columns change as they become coded.
  let kinds: UnsafeMutablePointer<UInt8>
  /// The known short values of each coded slot (see `ActivisCSVBatch`).
  let knownWords: UnsafeMutablePointer<UInt64>
  let knownCodes: UnsafeMutablePointer<Int32>
  let knownCounts: UnsafeMutablePointer<Int32>

  init(columns: InstanceColumns) {
    let roles = columns.roles
    kinds = .allocate(capacity: Swift.max(1, roles.count))
    let slots = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(1, roles.count))
    var otherColumns: [Int] = []
    for (column, role) in roles.enumerated() {
      switch role {
      case .id:
        kinds[column] = UInt8(ACTIVIS_CSV_ID)
        slots[column] = 0
      case .score(let index):
        kinds[column] = UInt8(ACTIVIS_CSV_SCORE)
        slots[column] = Int32(index)
      case .text:
        kinds[column] = UInt8(ACTIVIS_CSV_TEXT)
        slots[column] = 0
      case .label, .predicted, .attribute:
        kinds[column] = UInt8(ACTIVIS_CSV_OTHER)
        slots[column] = Int32(otherColumns.count)
        otherColumns.append(column)
      }
    }
    self.otherColumns = otherColumns
    let capacity = Self.capacity, others = Swift.max(1, otherColumns.count)
    let known = others * ByteStringDictionary.shortKeys
    knownWords = .allocate(capacity: known)
    knownCodes = .allocate(capacity: known)
    knownCounts = .allocate(capacity: others)
    knownCounts.initialize(repeating: 0, count: others)
    state = .allocate(capacity: 1)
    state.initialize(to: ActivisCSVBatch(
      kinds: kinds, slots: slots, width: roles.count, capacity: capacity, ids: .allocate(capacity: capacity),
      scores: .allocate(capacity: Swift.max(1, columns.scoreClasses.count) * capacity),
      starts: .allocate(capacity: others * capacity), ends: .allocate(capacity: others * capacity),
      flags: .allocate(capacity: others * capacity), codes: .allocate(capacity: others * capacity),
      others: otherColumns.count, knownWords: knownWords, knownCodes: knownCodes, knownCounts: knownCounts,
      text: .allocate(capacity: Self.textCapacity), textCapacity: Self.textCapacity, textBase: 0, textCount: 0,
      textEnds: .allocate(capacity: capacity), textFull: 0))
  }

  deinit {
    let batch = state.pointee
    batch.slots.deallocate()
    batch.ids.deallocate()
    batch.scores.deallocate()
    batch.starts.deallocate()
    batch.ends.deallocate()
    batch.flags.deallocate()
    batch.codes.deallocate()
    batch.text.deallocate()
    batch.textEnds.deallocate()
    kinds.deallocate()
    knownWords.deallocate()
    knownCodes.deallocate()
    knownCounts.deallocate()
    state.deallocate()
  }
}
