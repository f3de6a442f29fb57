extension InstanceRows {
  /// The rows of consecutive chunks, in file order, as one run of rows.
  ///
  /// An attribute that some chunk found categorical is categorical for all:
  /// the chunks that read it as numbers read its values again as text.
  static func merged(_ chunks: [InstanceRows], bytes: UnsafeRawBufferPointer, columns: InstanceColumns)
    -> InstanceRows
  {
    guard chunks.count > 1 else { return chunks.first ?? InstanceRows(columns: columns) }
    var merged = InstanceRows(columns: columns)
    let rowCount = chunks.reduce(0) { $0 + $1.ids.count }
    merged.ids = concatenated(chunks.map(\.ids), count: rowCount)
    merged.rowOffsets = concatenated(chunks.map(\.rowOffsets), count: rowCount)
    if columns.hasText {
      merged.text = concatenated(chunks.map(\.text), count: chunks.reduce(0) { $0 + $1.text.count })
      merged.textOffsets.reserveCapacity(rowCount + 1)
      var base = 0
      for chunk in chunks {
        for offset in chunk.textOffsets.dropFirst() { merged.textOffsets.append(base + offset) }
        base += chunk.text.count
      }
    }
    for chunk in chunks {
      merged.labels.append(contentsOf: chunk.labels)
      merged.predicted.append(contentsOf: chunk.predicted)
      if merged.replacedBytes == 0 { merged.firstReplacement = chunk.firstReplacement }
      merged.replacedBytes += chunk.replacedBytes
    }
    for index in columns.scoreClasses.indices {
      merged.scores[index] = concatenated(chunks.map { $0.scores[index] }, count: rowCount)
    }
    for index in columns.attributeNames.indices {
      guard chunks.contains(where: { $0.attributeCategories[index] != nil }) else {
        merged.attributeNumbers[index] = concatenated(chunks.map { $0.attributeNumbers[index] }, count: rowCount)
        continue
      }
      let column = columns.roles.firstIndex(of: .attribute(index)) ?? 0
      var categories = CodedColumn()
      for chunk in chunks {
        if let coded = chunk.attributeCategories[index] {
          categories.append(contentsOf: coded)
        } else {
          // Numbers and empty fields: nothing to replace, so nothing to count.
          var unused = InstanceRows(columns: columns)
          categories.append(contentsOf: InstanceChunkParser.codedValues(
            bytes, column: column, rowOffsets: chunk.rowOffsets[...], into: &unused))
        }
      }
      merged.attributeCategories[index] = categories
    }
    return merged
  }

  private static func concatenated<Element>(_ parts: [[Element]], count: Int) -> [Element] {
    var whole: [Element] = []
    whole.reserveCapacity(count)
    for part in parts { whole.append(contentsOf: part) }
    return whole
  }
}
