/// One layer's activations: an N × D matrix over one or more memory-mapped
/// `.npy` shards, concatenated along the first axis in manifest order.
///
/// Nothing is read when the matrix is opened beyond the `.npy` headers; values
/// are read from the mapping when a kernel walks them, and converted to
/// `Float` on the way (see `LayerMatrix+Reading`) whatever the file's dtype,
/// byte order, memory order or data alignment: nothing is ever copied whole.
/// Rows of a Fortran-order shard are read with `pread` instead (see
/// `LayerMatrix+Fortran`).
/// The mapping is read-only and is unmapped when the last reference goes away.
public final class LayerMatrix: @unchecked Sendable {
  /// One mapped file's part of the matrix.
  ///
  /// The value of neuron `j` (C-order flat index) for row `r` of the shard is
  /// at `base + (r − rows.lowerBound) · rowStride + run(j) · runStride`, where
  /// `run(j)` is `j` in C order and the neuron's column in the file in
  /// Fortran order.
  public struct Shard: @unchecked Sendable {
    /// The file, as shown to the user.
    public let file: String
    /// The rows of the whole matrix that this shard holds.
    public let rows: Range<Int>
    /// The first byte of the shard's data (at any alignment).
    public let base: UnsafeRawPointer
    /// Whether the file is in Fortran order (each neuron's values contiguous).
    public let isFortranOrder: Bool
    /// Bytes from a neuron's value in one row to its value in the next row.
    let rowStride: Int
    /// Bytes from one run of values to the next: from neuron to neuron in a
    /// row (C order), or from column to column of the file (Fortran order).
    let runStride: Int
    /// Where `base` is in the file.
    let dataOffset: Int
    /// The file, open for `pread`, for a Fortran-order shard with values: its
    /// rows are read that way (see `LayerMatrix+Fortran`).
    let reader: FileReader?
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
  /// Whether rows can be read in place as `Float`s: native float32, C order,
  /// every shard's data aligned to 4 bytes (as numpy writes it). Otherwise
  /// rows are converted (see `copyRows(_:into:)`).
  public let readsRowsInPlace: Bool

  /// Whether some shard is in Fortran order.
  public let hasFortranOrderShards: Bool

  /// For Fortran-order shards, the file column holding each neuron (C-order
  /// flat index); empty when every shard is in C order.
  let fortranColumnOfNeuron: [Int]

  /// Keeps the mappings alive.
  private let storage: [MappedFile]

  /// The budget the layer's pages were admitted to, if they were: pages
  /// read then stay mapped (`releasePages` lets nothing go).
  private let residency: PageResidency?
  /// The bytes of the mapped data, taken from `residency`.
  private let residentBytes: Int

  /// Whether the layer keeps its pages mapped once read.
  public var keepsPages: Bool { residency != nil }

  /// Bytes of one row.
  public var rowByteCount: Int { columnCount * scalarType.byteWidth }

  /// Maps the given `.npy` files read-only and checks that they agree.
  ///
  /// - Parameter files: each file's path on disk and its name as shown to the user.
  /// - Throws: `BundleError` naming the file for a missing, truncated or
  ///   malformed file, an unsupported dtype, or shards whose trailing shapes
  ///   or dtypes differ.
  /// - Parameter residency: the budget that decides whether pages stay
  ///   mapped between passes (see `PageResidency`).
  public init(files: [(path: String, displayName: String)], residency: PageResidency = .shared) throws {
    precondition(!files.isEmpty, "a layer has at least one file")
    var opened: [(path: String, mapped: MappedFile, header: NpyHeader)] = []
    for (path, displayName) in files {
      let mapped = try MappedFile(path: path, displayName: displayName)
      let header = try NpyHeader.parse(mapped.bytes, file: displayName)
      if let first = opened.first {
        try Self.checkAgreement(header, file: displayName, with: first.header, file: first.mapped.displayName)
      }
      opened.append((path, mapped, header))
    }
    let first = opened[0].header
    let trailingShape = Array(first.shape.dropFirst())
    let columnCount = trailingShape.reduce(1, *)
    let width = first.scalarType.byteWidth
    var shards: [Shard] = []
    var rowCount = 0
    for (path, mapped, header) in opened {
      let rows = header.shape[0]
      let base = mapped.bytes.baseAddress.map { UnsafeRawPointer($0) + header.dataOffset }
      let readByRows = header.fortranOrder && header.dataByteCount > 0
      shards.append(Shard(
        file: mapped.displayName, rows: rowCount ..< rowCount + rows, base: base ?? UnsafeRawPointer(Self.emptyBase),
        isFortranOrder: header.fortranOrder,
        rowStride: header.fortranOrder ? width : columnCount * width,
        runStride: header.fortranOrder ? rows * width : width, dataOffset: header.dataOffset,
        reader: readByRows ? try FileReader(path: path, displayName: mapped.displayName) : nil))
      rowCount += rows
    }
    self.rowCount = rowCount
    self.trailingShape = trailingShape
    self.columnCount = columnCount
    self.scalarType = first.scalarType
    self.shards = shards
    self.storage = opened.map(\.mapped)
    self.readsRowsInPlace = first.scalarType.isNativeFloat32
      && shards.allSatisfy { !$0.isFortranOrder && Int(bitPattern: $0.base) % MemoryLayout<Float>.alignment == 0 }
    self.hasFortranOrderShards = shards.contains(where: \.isFortranOrder)
    self.fortranColumnOfNeuron = hasFortranOrderShards ? Self.fortranColumns(trailingShape: trailingShape) : []
    // Fortran-order shards are read with `pread`: only C-order data is mapped page by page.
    let mappedBytes = shards.filter { !$0.isFortranOrder }.reduce(0) { $0 + $1.rows.count * $1.rowStride }
    let admitted = residency.admit(mappedBytes)
    self.residency = admitted ? residency : nil
    self.residentBytes = admitted ? mappedBytes : 0
  }

  deinit {
    residency?.giveBack(residentBytes)
  }

  /// Refuses a shard whose trailing shape or dtype differs from the first's.
  private static func checkAgreement(
    _ header: NpyHeader, file: String, with first: NpyHeader, file firstFile: String
  ) throws {
    guard header.shape.dropFirst() == first.shape.dropFirst() else {
      throw BundleError(.shapeMismatch, file: file,
                        "shard has shape \(NpyHeader.describe(header.shape)), whose trailing "
                        + "dimensions differ from those of '\(firstFile)', "
                        + "\(NpyHeader.describe(first.shape))")
    }
    guard header.scalarType == first.scalarType else {
      throw BundleError(.shapeMismatch, file: file,
                        "shard has dtype '\(header.scalarType.descr)' but '\(firstFile)' "
                        + "has '\(first.scalarType.descr)'")
    }
  }

  /// For a Fortran-order array of trailing shape `(d1, …, dk)`, the column
  /// of the file (the run of N contiguous values) holding each neuron in C
  /// order: neuron `(a1, …, ak)`, flat index `((a1·d2 + a2)·d3 + …)`, is run
  /// `a1 + d1·a2 + d1·d2·a3 + …`.
  static func fortranColumns(trailingShape: [Int]) -> [Int] {
    let count = trailingShape.reduce(1, *)
    guard trailingShape.count > 1 else { return Array(0 ..< count) }
    var fortranWeights: [Int] = []
    var weight = 1
    for dimension in trailingShape {
      fortranWeights.append(weight)
      weight *= dimension
    }
    return (0 ..< count).map { neuron in
      var remainder = neuron
      var column = 0
      for axis in trailingShape.indices.reversed() {
        column += remainder % trailingShape[axis] * fortranWeights[axis]
        remainder /= trailingShape[axis]
      }
      return column
    }
  }

  /// A valid address for shards without any bytes.
  nonisolated(unsafe) private static let emptyBase = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
}
