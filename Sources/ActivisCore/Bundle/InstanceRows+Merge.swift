import Dispatch

extension InstanceRows {
  /// One merged column, the result of one merge job.
  private enum Part {
    case ids([Int64])
    case text([UInt8])
    case textOffsets([Int])
    case labels(CodedColumn)
    case predicted(CodedColumn)
    case score(Int, [Float])
    case numbers(Int, [Double])
    case categories(Int, CodedColumn)
  }

  /// The rows of consecutive chunks, in file order, as one run of rows;
  /// the columns are merged in parallel.
  ///
  /// An attribute that some chunk found categorical is categorical for all:
  /// the chunks that read it as numbers read its values again as text.
  static func merged(_ chunks: [InstanceRows], bytes: UnsafeRawBufferPointer, columns: InstanceColumns)
    -> InstanceRows
  {
    guard chunks.count > 1 else { return chunks[0] }
    nonisolated(unsafe) let bytes = bytes
    let rowCount = chunks.reduce(0) { $0 + $1.ids.count }
    var jobs: [@Sendable () -> Part] = [
      { .ids(concatenated(chunks.map(\.ids), count: rowCount)) },
      { .labels(CodedColumn.concatenating(chunks.map(\.labels))) },
      { .predicted(CodedColumn.concatenating(chunks.map(\.predicted))) },
    ]
    if columns.hasText {
      jobs.append { .text(concatenated(chunks.map(\.text), count: chunks.reduce(0) { $0 + $1.text.count })) }
      jobs.append { .textOffsets(textOffsets(chunks, rowCount: rowCount)) }
    }
    for index in columns.scoreClasses.indices {
      jobs.append { .score(index, concatenated(chunks.map { $0.scores[index] }, count: rowCount)) }
    }
    for index in columns.attributeNames.indices {
      guard chunks.contains(where: { $0.attributeCategories[index] != nil }) else {
        jobs.append { .numbers(index, concatenated(chunks.map { $0.attributeNumbers[index] }, count: rowCount)) }
        continue
      }
      let column = columns.roles.firstIndex(of: .attribute(index)) ?? 0
      jobs.append {
        .categories(index, CodedColumn.concatenating(chunks.map { chunk in
          if let coded = chunk.attributeCategories[index] { return coded }
          // Numbers and empty fields: nothing to replace, so nothing to count.
          var unused = InstanceRows(columns: columns, firstRow: chunk.firstRow)
          return InstanceChunkParser.codedValues(bytes, column: column, from: chunk.firstRow,
                                                 count: chunk.ids.count, into: &unused)
        }))
      }
    }
    let work = jobs
    var parts = [Part?](repeating: nil, count: work.count)
    parts.withUnsafeMutableBufferPointer { parts in
      nonisolated(unsafe) let parts = parts
      DispatchQueue.concurrentPerform(iterations: work.count) { parts[$0] = work[$0]() }
    }
    var merged = InstanceRows(columns: columns, firstRow: chunks[0].firstRow)
    for part in parts {
      switch part {
      case .ids(let ids): merged.ids = ids
      case .text(let text): merged.text = text
      case .textOffsets(let offsets): merged.textOffsets = offsets
      case .labels(let labels): merged.labels = labels
      case .predicted(let predicted): merged.predicted = predicted
      case .score(let index, let values): merged.scores[index] = values
      case .numbers(let index, let values): merged.attributeNumbers[index] = values
      case .categories(let index, let coded): merged.attributeCategories[index] = coded
      case nil: break
      }
    }
    for chunk in chunks {
      if merged.replacedBytes == 0 { merged.firstReplacement = chunk.firstReplacement }
      merged.replacedBytes += chunk.replacedBytes
    }
    return merged
  }

  private static func concatenated<Element: BitwiseCopyable>(_ parts: [[Element]], count: Int) -> [Element] {
    var whole = [Element].reserved(count)
    for part in parts { whole.append(contentsOf: part) }
    return whole
  }

  /// `rowCount + 1` offsets into the chunks' texts laid end to end.
  private static func textOffsets(_ chunks: [InstanceRows], rowCount: Int) -> [Int] {
    var offsets = [Int].reserved(rowCount + 1)
    offsets.append(0)
    var base = 0
    for chunk in chunks {
      for offset in chunk.textOffsets.dropFirst() { offsets.append(base + offset) }
      base += chunk.text.count
    }
    return offsets
  }
}
