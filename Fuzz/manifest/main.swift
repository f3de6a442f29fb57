/// libFuzzer target: the manifest reader (`activis.json`) and its JSON parser.
@testable import ActivisCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: count)
  do {
    let manifest = try Manifest(bytes: bytes, file: "fuzz/activis.json")
    precondition(manifest.majorVersion <= Manifest.supportedMajorVersion)
  } catch let error as BundleError {
    precondition(!error.description.isEmpty, "a refusal has a message")
  } catch {
    preconditionFailure("unexpected error type \(type(of: error))")
  }
  return 0
}
