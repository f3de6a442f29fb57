import ActivisCore
import Foundation

/// A bundle directory that a test writes file by file, in a fresh temporary
/// directory.
///
/// ```swift
/// let bundle = try TestBundle()
/// try bundle.writeManifest(TestManifest(layers: [.init(name: "fc")]))
/// try bundle.writeInstances(csv: "id,label\n0,a\n1,b\n")
/// try bundle.writeNpy("activations/fc.npy", values: [1, 2, 3, 4] as [Float], shape: [2, 2])
/// let opened = try ActivationBundle.open(bundle.path)
/// ```
///
/// The directory is not removed automatically (a test may still have files
/// of it mapped); call `remove()` when done if the test cares.
public final class TestBundle: @unchecked Sendable {
  /// The bundle directory (absolute).
  public let path: String

  /// Creates an empty directory under the system's temporary directory.
  public init() throws {
    let base = FileManager.default.temporaryDirectory.path
    path = base + "/activis-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// The absolute path of `relative` inside the bundle.
  public func path(_ relative: String) -> String { path + "/" + relative }

  /// Writes raw bytes to `relative`, creating parent directories; use it to
  /// make corrupt files.
  public func writeBytes(_ relative: String, _ bytes: [UInt8]) throws {
    let url = URL(fileURLWithPath: path(relative))
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  /// Writes `text` as UTF-8 to `relative`.
  public func writeText(_ relative: String, _ text: String) throws {
    try writeBytes(relative, Array(text.utf8))
  }

  /// Writes `activis.json` exactly as given.
  public func writeManifest(json: String) throws { try writeText("activis.json", json) }

  /// Writes `activis.json` from a structured manifest.
  public func writeManifest(_ manifest: TestManifest) throws { try writeManifest(json: manifest.json) }

  /// Writes `instances.csv` exactly as given.
  public func writeInstances(csv: String) throws { try writeText("instances.csv", csv) }

  /// Writes `instances.csv` from a header and rows, quoting fields as needed.
  public func writeInstances(header: [String], rows: [[String]], lineEnding: String = "\n") throws {
    try writeInstances(csv: CSVEncoder.table(header: header, rows: rows, lineEnding: lineEnding))
  }

  /// Writes `graph.json` exactly as given.
  public func writeGraph(json: String) throws { try writeText("graph.json", json) }

  /// Writes a `.npy` file of `values` (C order) with the given shape.
  ///
  /// - Parameters:
  ///   - dtype: the element type written (values are rounded to it; float16
  ///     rounds to nearest even).
  ///   - version: the format version, 1, 2 or 3.
  ///   - fortranOrder: writes the values in Fortran order, and says so in
  ///     the header.
  ///   - misalignment: bytes by which the data start is past a multiple of 64.
  public func writeNpy(
    _ relative: String, values: [Double], shape: [Int], dtype: ScalarType = .float32,
    version: Int = 1, fortranOrder: Bool = false, misalignment: Int = 0
  ) throws {
    let bytes = NpyEncoder.file(values: values, shape: shape, dtype: dtype, version: version,
                                fortranOrder: fortranOrder, misalignment: misalignment)
    try writeBytes(relative, bytes)
  }

  /// Writes a `.npy` file of `Float` values; see the `[Double]` form.
  public func writeNpy(
    _ relative: String, values: [Float], shape: [Int], dtype: ScalarType = .float32,
    version: Int = 1, fortranOrder: Bool = false, misalignment: Int = 0
  ) throws {
    try writeNpy(relative, values: values.map(Double.init), shape: shape, dtype: dtype,
                 version: version, fortranOrder: fortranOrder, misalignment: misalignment)
  }

  /// Writes a `.npy` file whose header dict is given verbatim (e.g.
  /// `"{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }"`),
  /// followed by `payload`.
  public func writeNpy(
    _ relative: String, headerDictionary: String, payload: [UInt8], version: Int = 1
  ) throws {
    try writeBytes(relative, NpyEncoder.header(dictionary: headerDictionary, version: version) + payload)
  }

  /// Deletes the directory and everything in it.
  public func remove() {
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.removeItem(atPath: outsideDirectory)
  }

  /// A path outside the bundle directory (for links that point out of it),
  /// in a directory next to it that `remove()` removes as well.
  public func outsidePath(_ name: String) throws -> String {
    try FileManager.default.createDirectory(atPath: outsideDirectory, withIntermediateDirectories: true)
    return outsideDirectory + "/" + name
  }

  private var outsideDirectory: String { path + "-outside" }
}
