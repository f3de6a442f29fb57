/// libFuzzer target: the graph reader (`graph.json`): nodes, edges, cycles, groups.
@testable import ActivisCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraph(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: count)
  do {
    let graph = try GraphReader.read(bytes, file: "fuzz/graph.json")
    _ = graph.nodes.count
  } catch let error as BundleError {
    precondition(!error.description.isEmpty, "a refusal has a message")
  } catch {
    preconditionFailure("unexpected error type \(type(of: error))")
  }
  return 0
}
