/// One layer's activations: an N × D matrix over one or more memory-mapped
/// `.npy` shards, concatenated along the first axis in manifest order.
///
/// Nothing is read when the matrix is opened beyond the `.npy` headers; rows
/// are read from the mapping when a kernel walks them. The mapping is
/// read-only and is unmapped when the last reference goes away.
public final class LayerMatrix: @unchecked Sendable {
  /// One mapped file's part of the matrix.
  public struct Shard: @unchecked Sendable {
    /// The file, as shown to the user.
    public let file: String
    /// The rows of the whole matrix that this shard holds.
    public let rows: Range<Int>
    /// The first element of the shard's first row.
    public let base: UnsafeRawPointer
  }

  /// N, the number of instances (summed over shards).
  public let rowCount: Int
  /// D, the number of neurons: the product of the trailing dimensions.
  public let columnCount: Int
  /// The element type, the same in every shard.
  public let scalarType: ScalarType
  /// The shape after the first axis (`[D]` for a plain matrix, `[C, L]` for
  /// channels × positions), kept for display.
  public let trailingShape: [Int]
  /// The shards, in row order.
  public let shards: [Shard]

  /// Keeps the mappings (or, for misaligned data, the aligned copies) alive.
  private let storage: [AnyObject]

  /// Bytes of one row.
  public var rowByteCount: Int { columnCount * scalarType.byteWidth }

  /// Maps the given `.npy` files read-only and checks that they agree.
  ///
  /// - Parameter files: each file's path on disk and its name as shown to the user.
  /// - Throws: `BundleError` naming the file for a missing, truncated or
  ///   malformed file, an unsupported dtype, Fortran order, or shards whose
  ///   trailing shapes or dtypes differ.
  public init(files: [(path: String, displayName: String)]) throws {
    precondition(!files.isEmpty, "a layer has at least one file")
    var shards: [Shard] = []
    var storage: [AnyObject] = []
    var first: (header: NpyHeader, file: String)?
    var rowCount = 0
    for (path, displayName) in files {
      let mapped = try MappedFile(path: path, displayName: displayName)
      let header = try NpyHeader.parse(mapped.bytes, file: displayName)
      let trailing = Array(header.shape.dropFirst())
      if let first {
        let expected = Array(first.header.shape.dropFirst())
        guard trailing == expected else {
          throw BundleError(.shapeMismatch, file: displayName,
                            "shard has shape \(NpyHeader.describe(header.shape)), whose trailing "
                            + "dimensions differ from those of '\(first.file)', "
                            + "\(NpyHeader.describe(first.header.shape))")
        }
        guard header.scalarType == first.header.scalarType else {
          throw BundleError(.shapeMismatch, file: displayName,
                            "shard has dtype '\(header.scalarType.rawValue)' but '\(first.file)' "
                            + "has '\(first.header.scalarType.rawValue)'")
        }
      } else {
        first = (header, displayName)
      }
      let rows = header.shape[0]
      // numpy aligns data to 64 bytes; copy the rare file that is not aligned
      // to its element width so that kernels may bind the memory directly.
      var base = mapped.bytes.baseAddress.map { UnsafeRawPointer($0) + header.dataOffset }
      if let start = base, Int(bitPattern: start) % header.scalarType.byteWidth != 0 {
        let copy = AlignedCopy(start, byteCount: header.dataByteCount)
        storage.append(copy)
        base = UnsafeRawPointer(copy.pointer)
      } else {
        storage.append(mapped)
      }
      shards.append(Shard(file: displayName, rows: rowCount ..< rowCount + rows,
                          base: base ?? UnsafeRawPointer(Self.emptyBase)))
      rowCount += rows
    }
    let header = first.map(\.header)
    self.rowCount = rowCount
    self.trailingShape = Array(header?.shape.dropFirst() ?? [])
    self.columnCount = trailingShape.reduce(1, *)
    self.scalarType = header?.scalarType ?? .float32
    self.shards = shards
    self.storage = storage
  }

  /// A valid address for shards without any bytes.
  nonisolated(unsafe) private static let emptyBase = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)

  /// Calls `body` for consecutive blocks covering `range`; each block lies
  /// within one shard, so its rows are contiguous at `base`
  /// (row `rows.lowerBound` starts at `base`, each row `rowByteCount` long).
  public func forEachBlock(
    in range: Range<Int>, _ body: (_ rows: Range<Int>, _ base: UnsafeRawPointer) throws -> Void
  ) rethrows {
    precondition(range.lowerBound >= 0 && range.upperBound <= rowCount,
                 "rows \(range) outside 0..<\(rowCount)")
    let rowBytes = rowByteCount
    for shard in shards where shard.rows.overlaps(range) {
      let lower = Swift.max(range.lowerBound, shard.rows.lowerBound)
      let upper = Swift.min(range.upperBound, shard.rows.upperBound)
      try body(lower ..< upper, shard.base + (lower - shard.rows.lowerBound) * rowBytes)
    }
  }

  /// Calls `body` for consecutive blocks covering every row.
  public func forEachBlock(
    _ body: (_ rows: Range<Int>, _ base: UnsafeRawPointer) throws -> Void
  ) rethrows {
    try forEachBlock(in: 0 ..< rowCount, body)
  }

  /// The start of row `index`'s bytes.
  public func rowBase(_ index: Int) -> UnsafeRawPointer {
    precondition(index >= 0 && index < rowCount, "row \(index) outside 0..<\(rowCount)")
    var low = 0
    var high = shards.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if shards[middle].rows.lowerBound <= index { low = middle } else { high = middle - 1 }
    }
    let shard = shards[low]
    return shard.base + (index - shard.rows.lowerBound) * rowByteCount
  }

  /// Converts row `index` to `Float` into `destination` (`columnCount` values).
  public func copyRow(_ index: Int, into destination: UnsafeMutablePointer<Float>) {
    scalarType.convert(rowBase(index), count: columnCount, into: destination)
  }

  /// One row converted to `Float`.
  public func row(_ index: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: columnCount) { buffer, initialized in
      if let destination = buffer.baseAddress { copyRow(index, into: destination) }
      initialized = columnCount
    }
  }
}
