import Glibc

extension LayerMatrix {
  /// Tells the kernel that `rows` will not be read again soon, so their pages
  /// leave this process's resident memory (they stay in the page cache, and
  /// reading them again simply maps them back). A pass over a layer larger
  /// than memory then keeps only a window of it resident.
  ///
  /// Only whole pages inside the rows' bytes are released.
  public func releasePages(rows: Range<Int>) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    guard page > 0 else { return }
    for shard in shards {
      let lower = Swift.max(rows.lowerBound, shard.rows.lowerBound)
      let upper = Swift.min(rows.upperBound, shard.rows.upperBound)
      guard lower < upper else { continue }
      let start = Int(bitPattern: shard.base) + (lower - shard.rows.lowerBound) * rowByteCount
      let end = Int(bitPattern: shard.base) + (upper - shard.rows.lowerBound) * rowByteCount
      let alignedStart = (start + page - 1) / page * page
      let alignedEnd = end / page * page
      guard alignedStart < alignedEnd, let address = UnsafeMutableRawPointer(bitPattern: alignedStart) else {
        continue
      }
      _ = madvise(address, alignedEnd - alignedStart, MADV_DONTNEED)
    }
  }
}

extension LayerMatrix {
  /// Converts the given rows (ascending) to `Float`, one after another into
  /// `destination` (`rows.count × columnCount` values), releasing the pages
  /// read every 16 MB of the layer passed over, so that a sample drawn from
  /// all over a large layer leaves no trace in resident memory.
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public func copyRows(_ rows: [Int], into destination: UnsafeMutablePointer<Float>) throws {
    let window = Swift.max(64, (16 << 20) / Swift.max(1, rowByteCount))
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
}
