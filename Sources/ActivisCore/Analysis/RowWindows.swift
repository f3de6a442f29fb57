/// A range of a layer's rows as `Float`s, one window of rows after another.
///
/// A statistics pass lets rows wait (see `SlotAccumulators`), so a row stays
/// readable while its window and the next one are open; opening window `k`
/// lets go of window `k − 2`. Memory then stays at about two windows per
/// thread whatever the size of the layer:
/// - rows the matrix reads in place (aligned native float32 in C order) are
///   read in the mapping, and the pages of a window let go of leave this
///   process's resident memory;
/// - every other layout (float16, float64, integers, booleans, big-endian,
///   unaligned or Fortran-order data) is converted into a ring of two
///   windows, and the mapped pages are released as soon as they are
///   converted (Fortran-order rows are read into a staging window instead,
///   see `LayerMatrix+Fortran`).
///
/// Not thread-safe: each thread owns its windows.
final class RowWindows {
  /// The rows walked.
  let rows: Range<Int>
  /// Rows per window (the last window may be shorter).
  let windowRows: Int

  private let matrix: LayerMatrix
  private let ring: UnsafeMutablePointer<Float>?
  private let staging: UnsafeMutableRawPointer?
  private let shardStarts: [Int]
  private let shardBases: [UnsafeRawPointer]
  private let rowBytes: Int
  private var shard = 0
  private var released: Int

  /// Bytes per window for `matrix`: more for rows read in place, whose
  /// windows are mapped pages, than for converted ones, except in Fortran
  /// order, where each window costs one read per neuron.
  static func defaultWindowBytes(for matrix: LayerMatrix) -> Int {
    matrix.readsRowsInPlace || matrix.hasFortranOrderShards ? 16 << 20 : 4 << 20
  }

  /// Windows of about `windowBytes` of `Float`s (and at least 32 rows).
  init(_ matrix: LayerMatrix, rows: Range<Int>, windowBytes: Int? = nil) {
    self.matrix = matrix
    self.rows = rows
    let bytes = windowBytes ?? Self.defaultWindowBytes(for: matrix)
    self.windowRows = Swift.max(32, bytes / Swift.max(1, matrix.columnCount * 4))
    self.ring = matrix.readsRowsInPlace
      ? nil : .allocate(capacity: 2 * windowRows * Swift.max(1, matrix.columnCount))
    let stagingBytes = matrix.stagingByteCount(rows: windowRows)
    self.staging = stagingBytes > 0 ? .allocate(byteCount: stagingBytes, alignment: 16) : nil
    self.shardStarts = matrix.shards.map(\.rows.lowerBound)
    self.shardBases = matrix.shards.map(\.base)
    self.rowBytes = matrix.rowByteCount
    self.released = rows.lowerBound
  }

  /// Releases the pages not released yet and frees the ring.
  func close() {
    release(upTo: rows.upperBound)
    ring?.deallocate()
    staging?.deallocate()
  }

  /// The number of windows.
  var count: Int { (rows.count + windowRows - 1) / windowRows }

  /// The rows of window `k`.
  func window(_ k: Int) -> Range<Int> {
    let start = rows.lowerBound + k * windowRows
    return start ..< Swift.min(rows.upperBound, start + windowRows)
  }

  /// Makes window `k`'s rows readable and lets go of window `k − 2`; windows
  /// are opened in order.
  func open(_ k: Int) {
    let rows = window(k)
    guard let ring else {
      if k >= 2 { release(upTo: window(k - 1).lowerBound) }
      return
    }
    // A window fills one half of the ring: row offsets wrap every two windows.
    matrix.copyRows(rows, into: ring + ringOffset(rows.lowerBound), staging: staging)
    release(upTo: rows.upperBound)
  }

  /// Whether opening a window converts its rows (rather than reading them
  /// where they lie), one run of rows at a time if need be.
  var convertsRowsByRun: Bool { ring != nil && !matrix.hasFortranOrderShards }

  /// `open(_:)` for a window of which only the rows of `runs` (ascending,
  /// inside window `k`) are read: when rows are converted, only those are
  /// (see `convertsRowsByRun`), and the others stay unreadable.
  func open(_ k: Int, runs: [Range<Int>]) {
    guard let ring, convertsRowsByRun else { return open(k) }
    for run in runs { matrix.copyRows(run, into: ring + ringOffset(run.lowerBound), staging: staging) }
    release(upTo: window(k).upperBound)
  }

  /// Row `row`'s values: valid while its window or the next is the newest open.
  @inline(__always)
  func values(row: Int) -> UnsafePointer<Float> {
    if let ring { return UnsafePointer(ring + ringOffset(row)) }
    return address(of: row).assumingMemoryBound(to: Float.self)
  }

  @inline(__always)
  private func ringOffset(_ row: Int) -> Int {
    (row - rows.lowerBound) % (2 * windowRows) * matrix.columnCount
  }

  /// The mapped bytes of `row` (rows read in place only); rows are asked
  /// for in ascending order.
  @inline(__always)
  private func address(of row: Int) -> UnsafeRawPointer {
    while shard + 1 < shardStarts.count && shardStarts[shard + 1] <= row { shard += 1 }
    while shardStarts[shard] > row { shard -= 1 }
    return shardBases[shard] + (row - shardStarts[shard]) * rowBytes
  }

  private func release(upTo row: Int) {
    guard released < row else { return }
    matrix.releasePages(rows: released ..< row)
    released = row
  }
}
