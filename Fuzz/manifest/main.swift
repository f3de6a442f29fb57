/// libFuzzer target: the manifest reader (`activis.json`) and its JSON parser.
@testable import ActivisCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  readOrRefuse {
    let manifest = try Manifest(bytes: UnsafeRawBufferPointer(start: data, count: count), file: "fuzz/activis.json")
    precondition(manifest.majorVersion <= Manifest.supportedMajorVersion, "newer versions are refused")
  }
  return 0
}
