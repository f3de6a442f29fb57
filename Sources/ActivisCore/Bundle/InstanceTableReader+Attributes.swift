extension InstanceTableReader {
  /// Reads one attribute field: as a number while the column is numeric;
  /// at its first non-number the column becomes categorical, and the rows
  /// read so far are read again from the file as text.
  mutating func readAttribute(_ field: CSVTokenizer.Field, _ index: Int, column: Int) {
    if attributeCategories[index] == nil {
      if field.start == field.end {
        attributeNumbers[index].append(.nan)
        return
      }
      if !field.hasEscapedQuotes, let value = ByteNumberParser.parseDouble(content(field)) {
        attributeNumbers[index].append(value)
        return
      }
      attributeNumbers[index] = []
      attributeCategories[index] = earlierValues(column: column)
    }
    loadScratch(field)
    attributeCategories[index]?.append(scratch, offset: field.start)
  }

  /// The values of `column` in every row before the current one, coded.
  private mutating func earlierValues(column: Int) -> CodedColumn {
    var coded = CodedColumn()
    var fields: [CSVTokenizer.Field] = []
    for rowStart in rowOffsets.dropLast() {
      var rowTokenizer = CSVTokenizer(bytes: bytes, start: rowStart)
      // These rows were read once already without fault.
      guard (try? rowTokenizer.nextRecord(into: &fields)) == true, column < fields.count else {
        coded.codes.append(-1)
        continue
      }
      loadScratch(fields[column])
      coded.append(scratch, offset: fields[column].start)
    }
    return coded
  }
}
