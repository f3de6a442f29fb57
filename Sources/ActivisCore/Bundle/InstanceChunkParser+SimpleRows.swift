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
      let read = activis_csv_simple_rows(
        base, bytes.count, &position, limit, batch.kinds, batch.slots, columns.roles.count, SimpleRowBatch.capacity,
        batch.ids, batch.rowOffsets, batch.scores, batch.starts, batch.ends, batch.flags, batch.otherColumns.count)
      take(read, from: batch)
      tokenizer.move(to: position)
      if read < SimpleRowBatch.capacity { return }
    }
  }

  /// Appends `count` rows the kernel read into `batch`.
  private mutating func take(_ count: Int, from batch: SimpleRowBatch) {
    guard count > 0 else { return }
    rows.ids.append(contentsOf: UnsafeBufferPointer(start: batch.ids, count: count))
    for index in rows.scores.indices {
      rows.scores[index].append(
        contentsOf: UnsafeBufferPointer(start: batch.scores + index * SimpleRowBatch.capacity, count: count))
    }
    let roles = columns.roles
    let others = batch.otherColumns.count
    for row in 0 ..< count {
      // Row offsets one at a time: an attribute that turns categorical reads the rows so far again.
      rows.rowOffsets.append(batch.rowOffsets[row])
      for (slot, column) in batch.otherColumns.enumerated() {
        let i = row * others + slot
        let flags = Int(batch.flags[i])
        let field = CSVTokenizer.Field(
          start: batch.starts[i], end: batch.ends[i], hasEscapedQuotes: flags & ACTIVIS_CSV_ESCAPED_QUOTES != 0,
          quoted: flags & ACTIVIS_CSV_QUOTED != 0)
        switch roles[column] {
        case .text: readText(field)
        case .label: readClass(field, predicted: false)
        case .predicted: readClass(field, predicted: true)
        case .attribute(let index): readAttribute(field, index, column: column)
        case .id, .score: break
        }
      }
    }
  }
}

/// The buffers one chunk parser hands to `activis_csv_simple_rows`: what
/// each column is, and a batch of rows' ids, offsets, scores and field ranges.
final class SimpleRowBatch {
  /// Rows per batch.
  static let capacity = 256

  let kinds: UnsafeMutablePointer<UInt8>
  let slots: UnsafeMutablePointer<Int32>
  /// The columns read here from their ranges (text, classes, attributes), in slot order.
  let otherColumns: [Int]
  let ids: UnsafeMutablePointer<Int64>
  let rowOffsets: UnsafeMutablePointer<Int>
  let scores: UnsafeMutablePointer<Float>
  let starts: UnsafeMutablePointer<Int>
  let ends: UnsafeMutablePointer<Int>
  let flags: UnsafeMutablePointer<UInt8>

  init(columns: InstanceColumns) {
    let roles = columns.roles
    kinds = .allocate(capacity: Swift.max(1, roles.count))
    slots = .allocate(capacity: Swift.max(1, roles.count))
    var otherColumns: [Int] = []
    for (column, role) in roles.enumerated() {
      switch role {
      case .id:
        kinds[column] = UInt8(ACTIVIS_CSV_ID)
        slots[column] = 0
      case .score(let index):
        kinds[column] = UInt8(ACTIVIS_CSV_SCORE)
        slots[column] = Int32(index)
      case .text, .label, .predicted, .attribute:
        kinds[column] = UInt8(ACTIVIS_CSV_OTHER)
        slots[column] = Int32(otherColumns.count)
        otherColumns.append(column)
      }
    }
    self.otherColumns = otherColumns
    let capacity = Self.capacity
    ids = .allocate(capacity: capacity)
    rowOffsets = .allocate(capacity: capacity)
    scores = .allocate(capacity: Swift.max(1, columns.scoreClasses.count) * capacity)
    starts = .allocate(capacity: Swift.max(1, otherColumns.count) * capacity)
    ends = .allocate(capacity: Swift.max(1, otherColumns.count) * capacity)
    flags = .allocate(capacity: Swift.max(1, otherColumns.count) * capacity)
  }

  deinit {
    kinds.deallocate()
    slots.deallocate()
    ids.deallocate()
    rowOffsets.deallocate()
    scores.deallocate()
    starts.deallocate()
    ends.deallocate()
    flags.deallocate()
  }
}
