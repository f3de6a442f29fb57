extension LayerMatrix {
  /// The values of `rows` as `Float`, row after row, leaving out every row
  /// with a NaN or infinite value; `kept` holds the positions (in `rows`)
  /// of the rows that remain.
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public func finiteRows(_ rows: [Int]) throws -> (values: [Float], kept: [Int]) {
    let width = columnCount
    var values = [Float](repeating: 0, count: rows.count * width)
    try values.withUnsafeMutableBufferPointer { buffer in
      if let start = buffer.baseAddress { try copyRows(rows, into: start) }
    }
    let kept = rows.indices.filter { i in values[(i * width) ..< ((i + 1) * width)].allSatisfy(\.isFinite) }
    if kept.count < rows.count {
      values = kept.flatMap { i in values[(i * width) ..< ((i + 1) * width)] }
    }
    return (values, kept)
  }
}
