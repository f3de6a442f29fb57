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
  public let shards: [Shard]

  /// Bytes of one row.
  public var rowByteCount: Int { columnCount * scalarType.byteWidth }

  /// Maps the given `.npy` files read-only and checks that they agree.
  ///
  /// - Parameter files: each file's path on disk and its name as shown to the user.
  /// - Throws: `BundleError` naming the file for a missing, truncated or
  ///   malformed file, an unsupported dtype, Fortran order, or shards whose
  ///   trailing shapes or dtypes differ.
  public init(files: [(path: String, displayName: String)]) throws {
    fatalError("LayerMatrix.init: not yet implemented")
  }

  /// Calls `body` for consecutive blocks covering `range`; each block lies
  /// within one shard, so its rows are contiguous at `base`
  /// (row `rows.lowerBound` starts at `base`, each row `rowByteCount` long).
  public func forEachBlock(
    in range: Range<Int>, _ body: (_ rows: Range<Int>, _ base: UnsafeRawPointer) throws -> Void
  ) rethrows {
    fatalError("LayerMatrix.forEachBlock: not yet implemented")
  }

  /// One row converted to `Float`.
  public func row(_ index: Int) -> [Float] {
    fatalError("LayerMatrix.row: not yet implemented")
  }
}
