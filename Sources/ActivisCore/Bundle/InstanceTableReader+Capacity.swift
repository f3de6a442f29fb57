extension InstanceTableReader {
  /// Reserves the columns for the row count and text size estimated from
  /// the first rows, so that they rarely grow by copying.
  mutating func reserveCapacity() {
    var probe = tokenizer
    var fields: [CSVTokenizer.Field] = []
    let textColumn = columns.roles.firstIndex(of: .text)
    let start = probe.position
    var rows = 0
    var textBytes = 0
    while rows < 256, (try? probe.nextRecord(into: &fields)) == true {
      rows += 1
      if let textColumn, textColumn < fields.count {
        textBytes += fields[textColumn].end - fields[textColumn].start
      }
    }
    guard rows > 0 else { return }
    let consumed = Swift.max(probe.position - start, 1)
    let remaining = bytes.count - start
    let estimate = Int(Double(remaining) / Double(consumed) * Double(rows) * 1.05) + 16
    ids.reserveCapacity(estimate)
    rowOffsets.reserveCapacity(estimate)
    labels.codes.reserveCapacity(columns.hasLabel ? estimate : 0)
    predicted.codes.reserveCapacity(columns.hasPredicted ? estimate : 0)
    for index in scores.indices { scores[index].reserveCapacity(estimate) }
    for index in attributeNumbers.indices { attributeNumbers[index].reserveCapacity(estimate) }
    if textColumn != nil {
      textOffsets.reserveCapacity(estimate + 1)
      text.reserveCapacity(Int(Double(textBytes) / Double(rows) * Double(estimate) * 1.1) + 64)
    }
  }
}
