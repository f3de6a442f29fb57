import ActivisTestSupport
import Testing

@testable import ActivisCore

/// Layers keep their pages while they fit in the budget together; the
/// budget comes back when a layer goes; values read are the file's either way.
@Suite struct PageResidencyTests {
  @Test func layersKeepTheirPagesWhileTheyFitTogether() throws {
    let bundle = try TestBundle()
    defer { bundle.remove() }
    // 100 rows × 8 float32 = 3,200 bytes of data per layer.
    let values = (0 ..< 800).map { Double($0) / 7 }
    try bundle.writeNpy("a.npy", values: values, shape: [100, 8], dtype: .float32)
    try bundle.writeNpy("f.npy", values: values, shape: [100, 8], dtype: .float32, fortranOrder: true)
    let files = [(bundle.path("a.npy"), "a.npy")]
    let residency = PageResidency(budgetBytes: 5_000)
    var first: LayerMatrix? = try LayerMatrix(files: files, residency: residency)
    let second = try LayerMatrix(files: files, residency: residency)
    #expect(first?.keepsPages == true)
    #expect(second.keepsPages == false, "3,200 more bytes do not fit in the 1,800 left")
    // A Fortran-order layer is read with pread: it maps no pages to keep.
    #expect(try LayerMatrix(files: [(bundle.path("f.npy"), "f.npy")], residency: residency).keepsPages == false)
    first = nil
    let third = try LayerMatrix(files: files, residency: residency)
    #expect(third.keepsPages == true, "the first layer's bytes came back")
    // Kept or let go, the values are the file's.
    for matrix in [third, second] {
      matrix.releasePages(rows: 0 ..< 100)
      #expect(matrix.row(99) == (0 ..< 8).map { Float(values[99 * 8 + $0]) })
    }
    #expect(try LayerMatrix(files: files, residency: .never).keepsPages == false)
  }
}
