extension InstanceChunkParser {
  /// Reads one attribute field of the row after `rowsBefore` rows: as a
  /// number while the column is numeric; at its first non-number the column
  /// becomes categorical, and the rows before are read again from the file
  /// as text.
  mutating func readAttribute(_ field: CSVTokenizer.Field, _ index: Int, column: Int, rowsBefore: Int) {
    if rows.attributeCategories[index] == nil {
      if field.start == field.end {
        rows.attributeNumbers[index].append(.nan)
        return
      }
      if !field.hasEscapedQuotes, let value = ByteNumberParser.parseDouble(content(field)) {
        rows.attributeNumbers[index].append(value)
        return
      }
      rows.attributeNumbers[index] = []
      rows.attributeCategories[index] = Self.codedValues(
        bytes, column: column, from: rows.firstRow, count: rowsBefore, into: &rows)
    }
    loadScratch(field)
    rows.attributeCategories[index]?.append(scratch, offset: field.start)
  }

  /// The values of `column` in the `count` rows from the row at `start`
  /// (rows read once already without fault), coded; replaced bytes are
  /// counted in `rows`.
  static func codedValues(
    _ bytes: UnsafeRawBufferPointer, column: Int, from start: Int, count: Int, into rows: inout InstanceRows
  ) -> CodedColumn {
    var coded = CodedColumn()
    var fields: [CSVTokenizer.Field] = []
    var scratch: [UInt8] = []
    var raw: [UInt8] = []
    var rowTokenizer = CSVTokenizer(bytes: bytes, start: start)
    for _ in 0 ..< count {
      guard (try? rowTokenizer.nextRecord(into: &fields)) == true, column < fields.count else {
        coded.codes.append(-1)
        continue
      }
      let field = fields[column]
      scratch.removeAll(keepingCapacity: true)
      raw.removeAll(keepingCapacity: true)
      rowTokenizer.appendContent(of: field, to: &raw)
      let replaced = raw.withUnsafeBytes { UTF8Repair.append($0, to: &scratch) }
      rows.noteReplacements((replaced.replaced, field.hasEscapedQuotes ? 0 : replaced.first), at: field.start)
      coded.append(scratch, offset: field.start)
    }
    return coded
  }
}
