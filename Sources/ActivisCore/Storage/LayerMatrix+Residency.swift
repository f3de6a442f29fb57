import Glibc

extension LayerMatrix {
  /// The system's page size.
  private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// Tells the kernel that `rows` will not be read again soon, so their pages
  /// leave this process's resident memory (they stay in the page cache, and
  /// reading them again simply maps them back). A pass over a layer larger
  /// than memory then keeps only a window of it resident.
  ///
  /// Every page released is a page of a read-only file mapping (the matrix
  /// never copies a file), so releasing one that is still read is only
  /// slower, never wrong. Passes go in ascending row order: the page holding
  /// the first of `rows` is released (its earlier bytes were passed already),
  /// the page holding the end is kept for the rows after it.
  ///
  /// - Parameter neuron: when given, only that neuron's values are to be let
  ///   go of (in Fortran order, one column run of the file; in C order the
  ///   rows' pages hold every neuron). Without it, Fortran-order shards have
  ///   nothing to release: their rows are read without the mapping.
  ///
  /// A layer that keeps its pages (`keepsPages`) lets nothing go.
  public func releasePages(rows: Range<Int>, neuron: Int? = nil) {
    guard !keepsPages, Self.pageSize > 0, rows.lowerBound < rows.upperBound else { return }
    forEachShardBlock(in: rows) { shard, block in
      let byteCount = block.count * shard.rowStride
      if !shard.isFortranOrder {
        Self.release(address(row: block.lowerBound, neuron: 0, in: shard), byteCount: byteCount)
      } else if let neuron {
        Self.release(address(row: block.lowerBound, neuron: neuron, in: shard), byteCount: byteCount)
      }
    }
  }

  /// `MADV_DONTNEED` for the pages from the one holding `start` to the last
  /// one ending within `byteCount` bytes of it.
  private static func release(_ start: UnsafeRawPointer, byteCount: Int) {
    let first = Int(bitPattern: start) / pageSize * pageSize
    let end = (Int(bitPattern: start) + byteCount) / pageSize * pageSize
    guard first < end, let address = UnsafeMutableRawPointer(bitPattern: first) else { return }
    _ = madvise(address, end - first, MADV_DONTNEED)
  }
}

extension LayerMatrix {
  /// Converts the given rows (ascending) to `Float`, one after another into
  /// `destination` (`rows.count × columnCount` values), releasing the pages
  /// read every 16 MB of the layer passed over, so that a sample drawn from
  /// all over a large layer leaves no trace in resident memory. In a layer
  /// with Fortran-order shards, rows within 16 MB of each other are read as
  /// one block (one read per neuron, not one per value).
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public func copyRows(_ rows: [Int], into destination: UnsafeMutablePointer<Float>) throws {
    let window = Swift.max(64, (16 << 20) / Swift.max(1, rowByteCount))
    if hasFortranOrderShards { return try copyRowsInBlocks(rows, into: destination, blockRows: window) }
    var unreleased = rows.first ?? 0
    defer { if let last = rows.last { releasePages(rows: unreleased ..< last + 1) } }
    for (i, row) in rows.enumerated() {
      precondition(row >= unreleased, "rows must be ascending")
      if row - unreleased >= window {
        releasePages(rows: unreleased ..< row)
        unreleased = row
        try Interruption.check()
      }
      copyRow(row, into: destination + i * columnCount)
    }
  }

  /// `copyRows(_:into:)` by blocks of at most `blockRows` rows, each
  /// converted whole and the wanted rows taken from it.
  func copyRowsInBlocks(
    _ rows: [Int], into destination: UnsafeMutablePointer<Float>, blockRows: Int
  ) throws {
    let block = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, blockRows * columnCount))
    let staging = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, stagingByteCount(rows: blockRows)),
                                                   alignment: 16)
    defer { block.deallocate(); staging.deallocate() }
    var first = 0
    while first < rows.count {
      var last = first
      while last + 1 < rows.count && rows[last + 1] - rows[first] < blockRows { last += 1 }
      precondition(zip(rows[first ... last], rows[first ... last].dropFirst()).allSatisfy(<=),
                   "rows must be ascending")
      let span = rows[first] ..< rows[last] + 1
      copyRows(span, into: block, staging: staging)
      for i in first ... last {
        (destination + i * columnCount).update(from: block + (rows[i] - span.lowerBound) * columnCount,
                                               count: columnCount)
      }
      releasePages(rows: span)
      first = last + 1
      try Interruption.check()
    }
  }
}
