/// libFuzzer target: lists of instance ids (`subset … from <file>`), one per
/// line or CSV with an `id` column.
@testable import ActivisCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDList(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  readOrRefuse {
    let list = try IDList.parse(UnsafeRawBufferPointer(start: data, count: count), file: "fuzz/ids.txt")
    var previous = 0
    for entry in list.entries {
      precondition(entry.id >= 0 && entry.line >= max(1, previous), "ids are non-negative, lines ascend")
      previous = entry.line
    }
  }
  return 0
}
