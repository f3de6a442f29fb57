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
