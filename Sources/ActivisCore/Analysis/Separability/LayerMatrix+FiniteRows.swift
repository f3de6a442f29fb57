extension LayerMatrix {
  /// The values of `rows` as `Float`, row after row, leaving out every row
  /// with a NaN or infinite value; `kept` holds the positions (in `rows`)
  /// of the rows that remain.
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public func finiteRows(_ rows: [Int]) throws -> (values: [Float], kept: [Int]) {
    let width = columnCount
    var kept: [Int] = []
    kept.reserveCapacity(rows.count)
    // Huge pages: a sample of 20,000 rows of 512 neurons is 40 MB of fresh memory.
    let values = try [Float](unsafeUninitializedCapacity: rows.count * width) { buffer, initialized in
      guard let start = buffer.baseAddress else { return kept = Array(rows.indices) }
      HugePages.advise(UnsafeMutableRawPointer(start), byteCount: buffer.count * MemoryLayout<Float>.stride)
      try copyRows(rows, into: start)
      // Finite rows move up over the rows left out.
      for i in rows.indices where Self.allFinite(start + i * width, count: width) {
        if kept.count < i { (start + kept.count * width).update(from: start + i * width, count: width) }
        kept.append(i)
      }
      initialized = kept.count * width
    }
    return (values, kept)
  }

  /// Whether none of `count` values is NaN or infinite: no value has every
  /// exponent bit set.
  static func allFinite(_ values: UnsafePointer<Float>, count: Int) -> Bool {
    var infinite: UInt32 = 0
    values.withMemoryRebound(to: UInt32.self, capacity: count) { bits in
      for j in 0 ..< count { infinite |= (bits[j] & 0x7F80_0000) == 0x7F80_0000 ? 1 : 0 }
    }
    return infinite == 0
  }
}

extension LayerMatrix {
  /// Row `row`'s values where they lie in the mapping; only for a layer
  /// that reads rows in place (`readsRowsInPlace`).
  func floatRow(_ row: Int) -> UnsafePointer<Float> {
    precondition(readsRowsInPlace, "the layer's rows are not float32 in C order")
    var pointer: UnsafePointer<Float>?
    forEachShardBlock(in: row ..< row + 1) { shard, _ in
      pointer = address(row: row, neuron: 0, in: shard).assumingMemoryBound(to: Float.self)
    }
    return pointer!
  }
}
