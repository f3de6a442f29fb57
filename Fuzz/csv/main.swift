/// libFuzzer target: the instance table reader (`instances.csv`), with and
/// without a manifest class list (chosen by the first byte).
@testable import ActivisCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInstances(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  guard count > 0 else { return 0 }
  let classes: [String]? = data[0] & 1 == 0 ? nil : ["A", "B", "NUM", "DESC"]
  let bytes = UnsafeRawBufferPointer(start: data + 1, count: count - 1)
  readOrRefuse {
    let result = try InstanceTableReader.read(bytes, file: "fuzz/instances.csv", classes: classes)
    precondition(result.table.ids.count == result.table.count, "one id per row")
  }
  return 0
}
