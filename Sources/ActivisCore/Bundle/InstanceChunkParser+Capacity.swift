extension InstanceChunkParser {
  /// Reserves the columns for the row count and text size estimated from
  /// the first rows, so that they rarely grow by copying.
  mutating func reserveCapacity() {
    var probe = tokenizer
    var fields: [CSVTokenizer.Field] = []
    let textColumn = columns.roles.firstIndex(of: .text)
    let start = probe.position
    var count = 0
    var textBytes = 0
    while count < 256, probe.position < limit, (try? probe.nextRecord(into: &fields)) == true {
      count += 1
      if let textColumn, textColumn < fields.count {
        textBytes += fields[textColumn].end - fields[textColumn].start
      }
    }
    guard count > 0 else { return }
    let consumed = Swift.max(probe.position - start, 1)
    let remaining = limit - start
    let estimate = Int(Double(remaining) / Double(consumed) * Double(count) * 1.05) + 16
    rows.ids = .reserved(estimate)
    rows.labels.codes = .reserved(columns.hasLabel ? estimate : 0)
    rows.predicted.codes = .reserved(columns.hasPredicted ? estimate : 0)
    for index in rows.scores.indices { rows.scores[index] = .reserved(estimate) }
    for index in rows.attributeNumbers.indices { rows.attributeNumbers[index] = .reserved(estimate) }
    if textColumn != nil {
      rows.textOffsets = .reserved(estimate + 1)
      rows.textOffsets.append(0)
      rows.text = .reserved(Int(Double(textBytes) / Double(count) * Double(estimate) * 1.1) + 64)
    }
  }
}
