/// libFuzzer target: the `.npy` header reader (magic, version, header dict).
@testable import ActivisCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNpyHeader(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  readOrRefuse {
    let header = try NpyHeader.parse(UnsafeRawBufferPointer(start: data, count: count), file: "fuzz/layer.npy")
    precondition(header.dataOffset <= count, "the data starts inside the file")
    precondition(header.dataByteCount >= 0, "the data size is not negative")
    _ = NpyHeader.describe(header.shape)
  }
  return 0
}
