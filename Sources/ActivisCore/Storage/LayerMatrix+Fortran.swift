/// Rows of Fortran-order shards.
///
/// A Fortran-order file holds each neuron's values as one contiguous run,
/// so a block of rows is one piece of every run. Such blocks are read with
/// `pread`, not through the mapping: touching one page of every run would make
/// the kernel map whole page-cache folios (up to megabytes) around each of
/// them, and resident memory would grow to most of the file. Read this way,
/// a pass over rows holds only its buffers, whatever the size of the layer.
/// (A single neuron, one run, is still read through the mapping.)
extension LayerMatrix {
  /// Rows turned from columns into rows at a time: few enough that the
  /// destination rows stay in the TLB while every neuron is written into them.
  static let fortranTileRows = 64
  /// Neurons converted together, so that each row gets 16 values side by
  /// side (64 bytes of float32: a cache line) from 16 runs read in step.
  static let fortranBlockNeurons = 16

  /// Bytes of the buffer that `copyRows(_:into:staging:)` needs for `rows`
  /// rows: the raw values of a block of a Fortran-order shard (0 when every
  /// shard is in C order).
  func stagingByteCount(rows: Int) -> Int {
    hasFortranOrderShards ? rows * rowByteCount : 0
  }

  /// Reads `rows` (within `shard`, Fortran order) column run by column run
  /// into `staging` (allocated when nil), then converts them into
  /// `destination`, row after row, tile by tile. Values that cannot be read
  /// (the file shrank since it was opened) are NaN.
  func copyFortranRows(
    _ rows: Range<Int>, of shard: Shard, into destination: UnsafeMutablePointer<Float>,
    staging: UnsafeMutableRawPointer?
  ) {
    let width = scalarType.byteWidth
    let count = rows.count
    let runBytes = count * width
    let buffer = staging ?? .allocate(byteCount: Swift.max(1, count * rowByteCount), alignment: 16)
    defer { if staging == nil { buffer.deallocate() } }
    let firstByte = shard.dataOffset + (rows.lowerBound - shard.rows.lowerBound) * width
    var unread: [Int] = []
    for column in 0 ..< columnCount {
      let read = shard.reader?.read(into: buffer + column * runBytes, count: runBytes,
                                    at: firstByte + column * shard.runStride) ?? false
      if !read { unread.append(column) }
    }
    let columns = UnsafeMutablePointer<UnsafeRawPointer>.allocate(capacity: Self.fortranBlockNeurons)
    defer { columns.deallocate() }
    for tile in stride(from: 0, to: count, by: Self.fortranTileRows) {
      let tileRows = Swift.min(Self.fortranTileRows, count - tile)
      for first in stride(from: 0, to: columnCount, by: Self.fortranBlockNeurons) {
        let neurons = Swift.min(Self.fortranBlockNeurons, columnCount - first)
        for k in 0 ..< neurons {
          columns[k] = UnsafeRawPointer(buffer + (run(of: first + k, in: shard) * count + tile) * width)
        }
        scalarType.convertColumns(columns, count: neurons, rows: tileRows,
                                  into: destination + tile * columnCount + first, destinationRowStride: columnCount)
      }
    }
    guard !unread.isEmpty else { return }
    let unreadColumns = Set(unread)
    for neuron in 0 ..< columnCount where unreadColumns.contains(run(of: neuron, in: shard)) {
      for row in 0 ..< count { destination[row * columnCount + neuron] = .nan }
    }
  }
}
