extension LayerMatrix {
  /// One neuron's activation for every instance, as `Float`.
  ///
  /// - Complexity: O(N); touches one value per row, but with rows stored one
  ///   after another this still brings every page of the layer into memory.
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public func column(_ column: Int) throws -> [Float] {
    precondition(column >= 0 && column < columnCount, "column \(column) outside 0..<\(columnCount)")
    var values = [Float](repeating: 0, count: rowCount)
    let width = scalarType.byteWidth
    let stride = rowByteCount
    let offset = column * width
    let table = scalarType == .float16 ? HalfFloatTable.values : []
    try forEachBlock(in: 0 ..< rowCount) { rows, base in
      for row in rows {
        if row & 65535 == 0 { try Interruption.check() }
        let address = base + (row - rows.lowerBound) * stride + offset
        switch scalarType {
        case .float32: values[row] = address.loadUnaligned(as: Float.self)
        case .float64: values[row] = Float(address.loadUnaligned(as: Double.self))
        case .float16: values[row] = table[Int(address.loadUnaligned(as: UInt16.self))]
        }
      }
    }
    return values
  }
}
