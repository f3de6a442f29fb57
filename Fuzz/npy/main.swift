/// libFuzzer target: the `.npy` header reader (magic, version, header dict).
@testable import ActivisCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNpyHeader(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: count)
  do {
    let header = try NpyHeader.parse(bytes, file: "fuzz/layer.npy")
    precondition(header.dataOffset <= count, "the data starts inside the file")
    precondition(header.dataByteCount >= 0, "the data size is not negative")
    _ = NpyHeader.describe(header.shape)
  } catch let error as BundleError {
    precondition(!error.description.isEmpty, "a refusal has a message")
  } catch {
    preconditionFailure("unexpected error type \(type(of: error))")
  }
  return 0
}
