extension InstanceChunkParser {
  /// Reads rows from the tokenizer's position while they are simple: as
  /// many fields as the header, a plain non-negative id, and scores that
  /// are empty or numbers, the unquoted decimals read as they are scanned
  /// (without finding the field's end first). Stops before the limit, the
  /// end of the file, or a row that is not simple, which the caller reads
  /// field by field (which finds its faults and names them).
  mutating func readSimpleRows() {
    let roles = columns.roles
    while true {
      let start = CSVChunkBoundaries.skipLineBreaks(bytes, from: tokenizer.position)
      guard start < limit, let end = readSimpleRow(at: start, roles: roles) else { return }
      tokenizer.move(to: end)
    }
  }

  /// Reads the row at `start` when it is simple; nothing changes when not.
  ///
  /// - Returns: where the row ends, or nil when it is not simple.
  private mutating func readSimpleRow(at start: Int, roles: [InstanceColumns.Role]) -> Int? {
    let count = bytes.count
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
    let width = roles.count
    var p = start
    var id: Int64 = 0
    for column in 0 ..< width {
      guard p < count else { return nil }
      if case .score(let index) = roles[column], base[p] != 0x22,
         let (value, length) = ByteNumberParser.floatPrefix(base + p, count: count - p)
      {
        stagedScores[index] = value
        p += length
      } else {
        guard let field = try? CSVTokenizer.field(base, count: count, at: &p) else { return nil }
        fields[column] = field
        switch roles[column] {
        case .id:
          guard case .value(let value) = ByteNumberParser.parseID(content(field)) else { return nil }
          id = value
        case .score(let index):
          guard let value = simpleScore(field) else { return nil }
          stagedScores[index] = value
        default:
          break
        }
      }
      guard let next = Self.afterSeparator(base, count: count, at: p, last: column == width - 1) else {
        return nil
      }
      p = next
    }
    rows.rowOffsets.append(start)
    rows.ids.append(id)
    for column in 0 ..< width {
      switch roles[column] {
      case .id: break
      case .text: readText(fields[column])
      case .label: readClass(fields[column], predicted: false)
      case .predicted: readClass(fields[column], predicted: true)
      case .score(let index): rows.scores[index].append(stagedScores[index])
      case .attribute(let index): readAttribute(fields[column], index, column: column)
      }
    }
    return p
  }

  /// A score field's value (NaN when empty), or nil when it is not a number.
  private func simpleScore(_ field: CSVTokenizer.Field) -> Float? {
    if field.start == field.end { return .nan }
    guard !field.hasEscapedQuotes else { return nil }
    return ByteNumberParser.parseFloat(content(field))
  }

  /// Where the next field starts after a field ending at `p`: past its
  /// comma, or for the row's last field past its line break (or at the end
  /// of the file). Nil when the byte at `p` is not what ends such a field,
  /// or a comma ends the file (an empty last field, left to the caller).
  @inline(__always)
  private static func afterSeparator(_ base: UnsafePointer<UInt8>, count: Int, at p: Int, last: Bool) -> Int? {
    guard p < count else { return last ? p : nil }
    let byte = base[p]
    guard last else { return byte == 0x2C && p + 1 < count ? p + 1 : nil }
    guard byte == 0x0A || byte == 0x0D else { return nil }
    return byte == 0x0D && p + 1 < count && base[p + 1] == 0x0A ? p + 2 : p + 1
  }
}
