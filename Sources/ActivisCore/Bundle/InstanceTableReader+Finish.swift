extension InstanceTableReader {
  /// Checks what needs the whole file (unique ids, classes) and builds the
  /// table.
  mutating func finish(classes manifestClasses: [String]?) throws -> Result {
    try checkUniqueIDs()
    let labelNames = rows.labels.values
    let predictedNames = rows.predicted.values
    let classes = manifestClasses ?? Array(Set(labelNames + predictedNames)).sorted()
    var classIndex: [String: Int32] = [:]
    for (index, name) in classes.enumerated() { classIndex[name] = Int32(index) }
    let labelCodes = try classCodes(&rows.labels, labelNames, "label", classIndex, manifestClasses != nil)
    let predictedCodes = try classCodes(
      &rows.predicted, predictedNames, "predicted", classIndex, manifestClasses != nil)
    if manifestClasses != nil {
      for (index, className) in columns.scoreClasses.enumerated() where classIndex[className] == nil {
        let offset = columnOffset(.score(index))
        throw error(.unknownClass, at: offset, "column 'score:\(className)' names a class "
                    + "that is not in the manifest's classes (\(Self.list(classes)))")
      }
    }
    var attributes: [Attribute] = []
    for (index, name) in columns.attributeNames.enumerated() {
      attributes.append(Attribute(name: name, values: attributeValues(index)))
    }
    let table = InstanceTable(
      ids: rows.ids,
      text: columns.hasText ? TextColumn(utf8: rows.text, offsets: rows.textOffsets) : nil,
      labels: columns.hasLabel ? labelCodes : nil,
      predicted: columns.hasPredicted ? predictedCodes : nil,
      scores: zip(columns.scoreClasses, rows.scores).map { ScoreColumn(className: $0, values: $1) },
      attributes: attributes)
    var warnings: [BundleWarning] = []
    if rows.replacedBytes > 0 {
      let (line, column) = TextPosition.lineAndColumn(of: rows.firstReplacement, in: bytes)
      let noun = rows.replacedBytes == 1 ? "byte that is" : "bytes that are"
      warnings.append(BundleWarning(file: file, "replaced \(rows.replacedBytes) \(noun) not valid "
                                    + "UTF-8 with U+FFFD (the first on line \(line), column \(column))"))
    }
    return Result(table: table, classes: classes, warnings: warnings)
  }

  /// Names for messages: `'a', 'b', 'c'`.
  static func list(_ names: [String]) -> String {
    let shown = names.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
    return names.count > 12 ? shown + ", …" : shown
  }

  /// The byte offset of a header column, for messages about the column.
  private func columnOffset(_ role: InstanceColumns.Role) -> Int {
    var headerFields: [CSVTokenizer.Field] = []
    var headerTokenizer = CSVTokenizer(bytes: bytes, start: Self.headerStart(bytes))
    _ = try? headerTokenizer.nextRecord(into: &headerFields)
    guard let index = columns.roles.firstIndex(of: role), index < headerFields.count else { return 0 }
    return headerFields[index].start
  }

  private func checkUniqueIDs() throws {
    let ids = rows.ids
    var increasing = true
    for i in ids.indices.dropFirst() where ids[i] <= ids[i - 1] {
      increasing = false
      break
    }
    guard !increasing else { return }
    let order = ids.indices.sorted { ids[$0] != ids[$1] ? ids[$0] < ids[$1] : $0 < $1 }
    var duplicate: (first: Int, second: Int)?
    for k in order.indices.dropFirst() where ids[order[k]] == ids[order[k - 1]] {
      let pair = (order[k - 1], order[k])
      if duplicate == nil || pair.1 < duplicate?.second ?? 0 { duplicate = pair }
    }
    guard let duplicate else { return }
    let starts = InstanceRows.rowStarts(bytes, from: rows.firstRow, count: duplicate.second + 1)
    let firstLine = TextPosition.lineAndColumn(of: starts[duplicate.first], in: bytes).line
    throw error(.invalidInstances, at: starts[duplicate.second],
                "duplicate id \(ids[duplicate.second]) (already on line \(firstLine))")
  }

  /// The codes of `column` as indices into `classes`, renumbered in place
  /// (the column is left without codes).
  private func classCodes(
    _ column: inout CodedColumn, _ names: [String], _ columnName: String, _ classIndex: [String: Int32],
    _ fromManifest: Bool
  ) throws -> [Int32] {
    var mapping: [Int32] = []
    for (code, name) in names.enumerated() {
      guard let index = classIndex[name] else {
        let classes = classIndex.sorted { $0.value < $1.value }.map(\.key)
        throw error(.unknownClass, at: column.firstOffsets[code],
                    "\(columnName) '\(name)' is not one of the classes "
                    + "\(fromManifest ? "in the manifest " : "")(\(Self.list(classes)))")
      }
      mapping.append(index)
    }
    return Self.renumbered(&column.codes, by: mapping)
  }

  /// The typed values of attribute `index`; categories sorted, codes
  /// renumbered in place (the rows are left without them).
  private mutating func attributeValues(_ index: Int) -> Attribute.Values {
    guard var column = rows.attributeCategories[index] else { return .numeric(rows.attributeNumbers[index]) }
    rows.attributeCategories[index] = nil
    let names = column.values
    let sortedCodes = names.indices.sorted { names[$0] < names[$1] }
    var remap = [Int32](repeating: 0, count: names.count)
    for (rank, code) in sortedCodes.enumerated() { remap[code] = Int32(rank) }
    let codes = Self.renumbered(&column.codes, by: remap)
    return .categorical(codes: codes, categories: sortedCodes.map { names[$0] })
  }

  /// `codes` with each code c ≥ 0 replaced by `mapping[c]` (and each negative
  /// one by -1), in place: `codes` is left empty, so that its storage is the
  /// result's.
  private static func renumbered(_ codes: inout [Int32], by mapping: [Int32]) -> [Int32] {
    var result: [Int32] = []
    swap(&result, &codes)
    mapping.withUnsafeBufferPointer { mapping in
      result.withUnsafeMutableBufferPointer { codes in
        for i in codes.indices {
          let code = codes[i]
          codes[i] = code < 0 ? -1 : mapping[Int(code)]
        }
      }
    }
    return result
  }
}
